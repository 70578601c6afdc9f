package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.Tokens;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.Fix;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT103",
        name = "dict-get-item-string-borrowed",
        family = Family.BORROWED_REFERENCE,
        severity = Severity.WARNING,
        summary = "PyDict_GetItemString on a dict other threads can modify",
        description = """
                Reports `PyDict_GetItemString` on a dict that may be shared. The same exemptions and confidence \
                levels as FT102 apply: keyword-arguments dicts, dicts created and still private in this function, \
                lookups under a critical section on the same dict, insert-only caches and fields never changed \
                after construction are not reported.""",
        rationale = """
                The result is borrowed from the dict; a concurrent `del d[key]` or `d[key] = other` can free it \
                before you use it. The call also swallows errors (including `MemoryError` while building the key), \
                so failures look like missing keys.""",
        example = """
                PyObject *v = PyDict_GetItemString(options, "mode");
                return v != NULL && PyObject_IsTrue(v);""",
        useInstead = """
                `int PyDict_GetItemStringRef(PyObject *d, const char *key, PyObject **result)` (3.13+, or \
                `pythoncapi_compat.h`): 1 found (`*result` is a new reference), 0 missing (`*result` NULL), -1 error. \
                The key is UTF-8.""",
        triggers = {"PyDict_GetItemString"})
public final class DictGetItemStringRule extends DictLookupRule {
    public DictGetItemStringRule() {
        super(Set.of("PyDict_GetItemString"),
                "PyDict_GetItemStringRef",
                "1 found with *result a new reference, 0 missing with *result = NULL, -1 error; key in UTF-8");
    }

    @Override
    Fix fix(Tokens t, CallSite call) {
        return outParameter(t, call, "PyDict_GetItemStringRef", "PyErr_Clear();");
    }


    @Override
    String hazard(CallSite call) {
        return "another thread can overwrite or delete " + arg(call, 1, "the key") + " in `"
                + arg(call, 0, "the dict") + "` and free the value while it is in use";
    }

    @Override
    String fixHint(CallSite c, String api) {
        return "PyObject *value; if (PyDict_GetItemStringRef(" + arg(c, 0, "dict") + ", " + arg(c, 1, "\"key\"")
                + ", &value) < 0) { /* error */ } ... Py_XDECREF(value);";
    }
}
