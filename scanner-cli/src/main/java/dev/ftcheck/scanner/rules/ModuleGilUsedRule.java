package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.ModuleDiscovery;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;

@RuleInfo(
        code = "FT402",
        name = "module-gil-used",
        family = Family.MODULE_GIL,
        severity = Severity.INFO,
        summary = "Module explicitly declares that it needs the GIL",
        description = """
                Reports a `{Py_mod_gil, Py_MOD_GIL_USED}` slot or a `PyUnstable_Module_SetGIL(m, Py_MOD_GIL_USED)` \
                call. The declaration is deliberate, so this is informational: it keeps the decision visible in \
                porting reports.""",
        rationale = """
                Importing such a module in a free-threaded interpreter turns the GIL back on for the whole process. \
                That is the safe choice while the module is not thread-safe, but it cancels free threading for \
                every user of the program.""",
        example = """
                {Py_mod_gil, Py_MOD_GIL_USED},""",
        useInstead = """
                Fix the module's thread-safety hazards (see the other families), then declare \
                `{Py_mod_gil, Py_MOD_GIL_NOT_USED}` (or `PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED)` inside \
                `#ifdef Py_GIL_DISABLED`).""",
        triggers = {"Py_MOD_GIL_USED"})
public final class ModuleGilUsedRule implements FileRule {
    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        for (ModuleDiscovery.GilSite s : ModuleDiscovery.gilSites(fa)) {
            if (s.notUsed() || !s.value().contains("GIL_USED")) {
                continue;
            }
            ctx.report(s.start(), s.end())
                    .api(s.slot() ? "Py_mod_gil" : "PyUnstable_Module_SetGIL")
                    .replacement("Py_MOD_GIL_NOT_USED", "declare it once the module is thread-safe")
                    .message("This module declares Py_MOD_GIL_USED: a free-threaded interpreter re-enables the GIL "
                            + "for the whole process when it is imported. Keep it only while the module is not "
                            + "thread-safe; declare Py_MOD_GIL_NOT_USED once it is.")
                    .fixHint(s.slot() ? ModuleGilNotDeclaredRule.SLOT_FIX : ModuleGilNotDeclaredRule.SETGIL_FIX)
                    .report();
        }
    }
}
