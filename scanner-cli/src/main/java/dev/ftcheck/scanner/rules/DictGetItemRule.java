package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.Tokens;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.Fix;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT102",
        name = "dict-get-item-borrowed",
        family = Family.BORROWED_REFERENCE,
        severity = Severity.WARNING,
        summary = "PyDict_GetItem / PyDict_GetItemWithError on a dict other threads can modify",
        description = """
                Reports `PyDict_GetItem` and `PyDict_GetItemWithError` on a dict that may be shared (a global cache, \
                module state, a parameter, a field of `self`). Not reported: the keyword-arguments dict of a \
                `METH_KEYWORDS` / `METH_FASTCALL | METH_KEYWORDS` function or of `tp_init`/`tp_new`/`tp_call` \
                (only the current call sees it), dicts created earlier in the same function that have not escaped, \
                and lookups inside a critical section on the same dict. `PyDict_GetItemWithError` is reported too: \
                it reports errors properly but its result is still borrowed; so are CPython's private \
                `_PyDict_GetItem_KnownHash`, `_PyDict_GetItemIdWithError` and `_PyDict_GetItemStringWithError`, \
                which older extensions and CPython's own modules call. Not reported: dicts created here and not \
                handed out, the thread-state dict, insert-only caches (only looked up and `PyDict_SetDefault`ed), \
                fields the file never changes after construction, results only tested or compared. Confidence is \
                high for dicts shown shared (globals, module state, published) and low for parameters, their \
                fields, call results and other dicts of unknown origin: on real code fewer than 9 in 10 of those \
                were races (docs/rules-precision.md).""",
        rationale = """
                The value comes back borrowed: only the dict keeps it alive. Without the GIL another thread can \
                overwrite or delete the key right after the lookup, dropping the last reference, and your pointer \
                then refers to freed memory. A `Py_INCREF` after the lookup is too late to close that window.""",
        example = """
                PyObject *codec = PyDict_GetItem(codec_cache, name);
                if (codec != NULL) {
                    Py_INCREF(codec);
                    return codec;
                }""",
        useInstead = """
                `int PyDict_GetItemRef(PyObject *d, PyObject *key, PyObject **result)` (3.13+, or \
                `pythoncapi_compat.h`): returns 1 when found with `*result` a new reference, 0 when missing \
                (`*result` set to NULL, no exception), -1 on error. Release the result with `Py_DECREF`.""",
        triggers = {"PyDict_GetItem"})
public final class DictGetItemRule extends DictLookupRule {
    public DictGetItemRule() {
        super(Set.of("PyDict_GetItem", "PyDict_GetItemWithError", "_PyDict_GetItem_KnownHash",
                        "_PyDict_GetItemIdWithError", "_PyDict_GetItemStringWithError"),
                "PyDict_GetItemRef",
                "1 found with *result a new reference, 0 missing with *result = NULL, -1 error");
    }

    @Override
    Fix fix(Tokens t, CallSite call) {
        // PyDict_GetItem swallows lookup errors; the WithError form leaves them set, as the strong form does.
        if (call.name().startsWith("_")) {
            return null; // CPython's private lookups take other arguments: no mechanical rewrite
        }
        return call.name().equals("PyDict_GetItem") ? outParameter(t, call, "PyDict_GetItemRef", "PyErr_Clear();")
                : outParameter(t, call, "PyDict_GetItemRef", null);
    }


    @Override
    String hazard(CallSite call) {
        return "another thread can overwrite or delete the key in `" + arg(call, 0, "the dict")
                + "` and free the value while it is in use";
    }

    @Override
    String fixHint(CallSite c, String api) {
        return "PyObject *value; int found = PyDict_GetItemRef(" + arg(c, 0, "dict") + ", " + arg(c, 1, "key")
                + ", &value); if (found < 0) { /* error */ } ... Py_XDECREF(value);";
    }
}
