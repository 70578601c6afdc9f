package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.ModuleDiscovery;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;

@RuleInfo(
        code = "FT403",
        name = "gil-declaration-unguarded",
        family = Family.MODULE_GIL,
        severity = Severity.WARNING,
        summary = "Py_mod_gil slot or PyUnstable_Module_SetGIL call without the preprocessor guard it needs",
        description = """
                Reports a `{Py_mod_gil, ...}` slot that is not inside `#ifdef Py_GIL_DISABLED` or \
                `#if PY_VERSION_HEX >= 0x030D0000` (or stronger), and a `PyUnstable_Module_SetGIL` call that is \
                not inside `#ifdef Py_GIL_DISABLED` / `#if defined(Py_GIL_DISABLED)`. A version check is not \
                enough for the call: regular (GIL) builds of 3.13 do not declare it. An unguarded slot is fine \
                in a project that only supports 3.13+ (`requires-python = ">=3.13"` in the nearest \
                pyproject.toml, or `python_requires` in setup.py / setup.cfg).""",
        rationale = """
                `Py_mod_gil` and `Py_MOD_GIL_NOT_USED` only exist from Python 3.13, and \
                `PyUnstable_Module_SetGIL` is only declared when `Py_GIL_DISABLED` is defined. Without the guard \
                the extension stops compiling on older Pythons (unknown identifier) or on regular 3.13+ builds \
                (implicit declaration, an error in modern compilers), which usually gets the declaration removed \
                again.""",
        example = """
                PyObject *m = PyModule_Create(&bitset_module);
                PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);""",
        useInstead = """
                ```c
                #ifdef Py_GIL_DISABLED
                    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
                #endif
                ```
                and for the slot `#if PY_VERSION_HEX >= 0x030D0000` (or `#ifdef Py_GIL_DISABLED`) around \
                `{Py_mod_gil, Py_MOD_GIL_NOT_USED},`. `pythoncapi_compat.h` users may rely on its own guards.""",
        triggers = {"Py_mod_gil", "PyUnstable_Module_SetGIL"})
public final class GilDeclarationUnguardedRule implements FileRule {
    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        int[] minimum = null;
        boolean minimumRead = false;
        for (ModuleDiscovery.GilSite s : ModuleDiscovery.gilSites(fa)) {
            if (s.guard() != null) {
                continue;
            }
            if (s.slot()) {
                if (!minimumRead) {
                    minimum = MinimumPython.of(ctx.path());
                    minimumRead = true;
                }
                if (MinimumPython.atLeast(minimum, 3, 13)) {
                    continue; // the project only supports 3.13+, where the slot always exists
                }
            }
            String where = s.conditions().isEmpty() ? "it is not inside any #if"
                    : "its enclosing condition (" + s.conditions().get(0) + ") does not ensure it exists";
            String message = s.slot()
                    ? "The Py_mod_gil slot exists only from Python 3.13, and " + where + ": builds for older "
                            + "Pythons fail to compile. Guard it with #ifdef Py_GIL_DISABLED or "
                            + "#if PY_VERSION_HEX >= 0x030D0000."
                    : "PyUnstable_Module_SetGIL is declared only in free-threaded builds, and " + where
                            + ": regular builds fail to compile. Guard the call with #ifdef Py_GIL_DISABLED.";
            ctx.report(s.start(), s.end())
                    .api(s.slot() ? "Py_mod_gil" : "PyUnstable_Module_SetGIL")
                    .replacement(s.slot() ? "#if PY_VERSION_HEX >= 0x030D0000 ... #endif" : "#ifdef Py_GIL_DISABLED ... #endif",
                            "preprocessor guard around the declaration")
                    .message(message)
                    .fixHint(s.slot() ? ModuleGilNotDeclaredRule.SLOT_FIX : ModuleGilNotDeclaredRule.SETGIL_FIX)
                    .report();
        }
    }
}
