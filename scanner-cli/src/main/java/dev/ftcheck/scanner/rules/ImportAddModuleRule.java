package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.Tokens;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.Fix;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.Set;

@RuleInfo(
        code = "FT106",
        name = "import-add-module-borrowed",
        family = Family.BORROWED_REFERENCE,
        severity = Severity.WARNING,
        summary = "PyImport_AddModule / PyImport_AddModuleObject return a module borrowed from sys.modules",
        description = """
                Reports every `PyImport_AddModule` and `PyImport_AddModuleObject`. The module is borrowed from \
                `sys.modules`, which is always shared by every thread.""",
        rationale = """
                The only reference that keeps the returned module alive is the one in `sys.modules`. Any thread can \
                delete or replace that entry (`del sys.modules[name]`, a reload), leaving the caller with a dangling \
                pointer.""",
        example = """
                PyObject *main_mod = PyImport_AddModule("__main__");
                PyObject *globals = PyModule_GetDict(main_mod);""",
        useInstead = """
                `PyObject *PyImport_AddModuleRef(const char *name)` (3.13+, or `pythoncapi_compat.h`): returns a new \
                reference, creating and inserting an empty module when none exists; NULL with an exception on \
                error. For a name held as a `str` object, pass `PyUnicode_AsUTF8(name)`.""",
        triggers = {"PyImport_AddModule"})
public final class ImportAddModuleRule extends BorrowedReferenceRule {
    public ImportAddModuleRule() {
        super(Set.of("PyImport_AddModule", "PyImport_AddModuleObject"),
                "PyImport_AddModuleRef",
                "new reference; creates and inserts an empty module if absent; NULL on error");
    }

    @Override
    Fix fix(Tokens t, CallSite call) {
        // With the Py_INCREF that followed, the code already owns (and releases) a reference: the strong form
        // gives the same ownership. Without it a Py_DECREF would be needed on every path, which needs a person.
        return call.name().equals("PyImport_AddModule")
                ? renameAndDropIncref(t, call, "PyImport_AddModuleRef") : null;
    }

    @Override
    boolean analysesContainer() {
        return false;
    }

    @Override
    String hazard(CallSite call) {
        return "the module is kept alive only by sys.modules, which any thread can modify";
    }

    @Override
    String fixHint(CallSite c, String api) {
        String name = api.equals("PyImport_AddModuleObject")
                ? "PyUnicode_AsUTF8(" + arg(c, 0, "name") + ")" : arg(c, 0, "name");
        return "PyObject *mod = PyImport_AddModuleRef(" + name + "); if (mod == NULL) { /* error */ } ... "
                + "Py_DECREF(mod);";
    }
}
