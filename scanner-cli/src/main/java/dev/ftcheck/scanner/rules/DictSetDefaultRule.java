package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT104",
        name = "dict-setdefault-borrowed",
        family = Family.BORROWED_REFERENCE,
        severity = Severity.WARNING,
        summary = "PyDict_SetDefault returns a borrowed reference from a dict other threads can modify",
        description = """
                Reports `PyDict_SetDefault` on a dict that may be shared. Private dicts (created here, not escaped), \
                keyword-arguments dicts and calls under a critical section on the same dict are not reported.""",
        rationale = """
                `PyDict_SetDefault` returns the value now stored under the key as a borrowed reference. Another \
                thread can replace or delete that entry immediately, and the returned pointer dangles.""",
        example = """
                PyObject *slot = PyDict_SetDefault(cache, key, fresh);
                return Py_XNewRef(slot);""",
        useInstead = """
                `int PyDict_SetDefaultRef(PyObject *d, PyObject *key, PyObject *default_value, PyObject **result)` \
                (3.13+): returns 1 when the key was already present, 0 when the default was inserted, -1 on error \
                (`*result` NULL). When `result` is not NULL it receives a new reference to the stored value.""",
        triggers = {"PyDict_SetDefault"})
public final class DictSetDefaultRule extends BorrowedReferenceRule {
    public DictSetDefaultRule() {
        super(Set.of("PyDict_SetDefault"),
                "PyDict_SetDefaultRef",
                "1 key was present, 0 default inserted, -1 error; *result is a new reference when result is non-NULL");
    }

    @Override
    String hazard(CallSite call) {
        return "another thread can replace or delete the entry in `" + arg(call, 0, "the dict")
                + "` and free the value before it is used";
    }

    @Override
    String fixHint(CallSite c, String api) {
        return "PyObject *value; if (PyDict_SetDefaultRef(" + arg(c, 0, "dict") + ", " + arg(c, 1, "key") + ", "
                + arg(c, 2, "default") + ", &value) < 0) { /* error */ } ... Py_DECREF(value);";
    }
}
