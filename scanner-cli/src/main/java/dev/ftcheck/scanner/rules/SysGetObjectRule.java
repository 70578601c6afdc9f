package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT109",
        name = "sys-get-object-borrowed",
        family = Family.BORROWED_REFERENCE,
        severity = Severity.WARNING,
        summary = "PySys_GetObject returns an attribute of sys borrowed from the sys module's dict",
        description = """
                Reports every `PySys_GetObject` and CPython's private `_PySys_GetAttr`. The object is borrowed \
                from the `sys` module's dict, which every thread shares.""",
        rationale = """
                Only the `sys` module keeps the returned object alive. Python code in another thread can rebind the \
                attribute at any time (`sys.stdout = ...`, `sys.argv = [...]`, a test harness swapping streams), \
                dropping the last reference while the caller still writes to or reads from the old object.""",
        example = """
                PyObject *out = PySys_GetObject("stdout");
                PyObject_CallMethod(out, "write", "s", text);""",
        useInstead = """
                A strong reference: `PyObject *sys = PyImport_ImportModule("sys")` then \
                `PyObject_GetOptionalAttrString(sys, "stdout", &out)` (3.13+; 1 found with a new reference, 0 \
                missing, -1 error) or `PyObject_GetAttrString(sys, "stdout")`, and `Py_DECREF` both. CPython 3.15 \
                adds `PySys_GetOptionalAttrString(name, &result)` for exactly this.""",
        triggers = {"PySys_GetObject", "_PySys_GetAttr"})
public final class SysGetObjectRule extends BorrowedReferenceRule {
    public SysGetObjectRule() {
        super(Set.of("PySys_GetObject", "_PySys_GetAttr"),
                "PyObject_GetOptionalAttrString(sys_module, name, &result)",
                "1 found with *result a new reference, 0 missing, -1 error (3.13+)");
    }

    @Override
    boolean analysesContainer() {
        return false;
    }

    @Override
    String hazard(CallSite call) {
        return "the object is kept alive only by the sys module's dict, which Python code in any thread can rebind";
    }

    @Override
    String fixHint(CallSite c, String api) {
        String name = api.equals("_PySys_GetAttr") ? "PyUnicode_AsUTF8(" + arg(c, 1, "name") + ")"
                : arg(c, 0, "name");
        return "PyObject *sys = PyImport_ImportModule(\"sys\"), *v = NULL; if (sys == NULL || "
                + "PyObject_GetOptionalAttrString(sys, " + name + ", &v) < 0) { /* error */ } ... Py_XDECREF(v); "
                + "Py_XDECREF(sys);";
    }
}
