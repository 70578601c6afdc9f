package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.ModuleDiscovery;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileRule;
import dev.ftcheck.scanner.api.ModuleInfo;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;

@RuleInfo(
        code = "FT401",
        name = "module-gil-not-declared",
        family = Family.MODULE_GIL,
        severity = Severity.WARNING,
        summary = "Extension module does not declare that it can run without the GIL",
        description = """
                Finds every C/C++ extension module, i.e. every `PyInit_<name>` definition, including ones under \
                `#if PY_MAJOR_VERSION >= 3`, declared without `PyMODINIT_FUNC`, or whose module is created in a \
                helper function. For multi-phase init (`PyModuleDef_Init(&def)`), it follows `def.m_slots` and \
                reports the slot array when it has no `{Py_mod_gil, Py_MOD_GIL_NOT_USED}` entry. For single-phase \
                init (`PyModule_Create` in the init function or in any helper it calls in the same file), it \
                reports the init function when no `PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED)` is reachable. \
                Every module found is listed in the report's `modules[]` with its init style, declaration status \
                and guard. Cython, pybind11 and nanobind modules are handled by FT404.""",
        rationale = """
                A free-threaded interpreter re-enables the GIL for the whole process when it imports a module that \
                has not declared GIL-free support, and prints a `RuntimeWarning`. One undeclared module silently \
                turns every thread in the program back into a GIL-serialised one.""",
        example = """
                static PyModuleDef_Slot speedups_slots[] = {
                    {Py_mod_exec, speedups_exec},
                    {0, NULL}
                };""",
        useInstead = """
                After auditing the module for the other hazards, declare support. Multi-phase: add \
                `{Py_mod_gil, Py_MOD_GIL_NOT_USED}` to the slot array, guarded by `#ifdef Py_GIL_DISABLED` or \
                `#if PY_VERSION_HEX >= 0x030D0000` (the slot exists from 3.13). Single-phase: after creating the \
                module, call `PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED)` inside `#ifdef Py_GIL_DISABLED` \
                (the function is only declared in free-threaded builds; it returns 0, or -1 with an exception).""",
        triggers = {"PyInit_"})
public final class ModuleGilNotDeclaredRule implements FileRule {

    static final String SLOT_FIX = "#ifdef Py_GIL_DISABLED\n    {Py_mod_gil, Py_MOD_GIL_NOT_USED},\n#endif";
    static final String SETGIL_FIX = "#ifdef Py_GIL_DISABLED\n    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);\n#endif";

    @Override
    public void check(FileContext ctx) {
        FileAnalysis fa = FileAnalysis.of(ctx.tree());
        for (ModuleDiscovery.ExtensionModule m : ModuleDiscovery.modules(fa)) {
            ctx.reportModule(new ModuleInfo(m.name(), ctx.displayPath(), m.init().nameNode().startLine(), m.style(),
                    m.status(), m.guard()));
            if (m.status() != ModuleInfo.GilDeclaration.MISSING) {
                continue;
            }
            boolean multi = m.style() == ModuleInfo.InitStyle.MULTI_PHASE;
            String uncertain = "";
            Confidence confidence = Confidence.HIGH;
            if (!m.evidence() && !m.unresolved().isEmpty()) {
                confidence = Confidence.MEDIUM;
                uncertain = " Confidence is medium: " + m.init().name() + "() calls " + String.join("(), ", m.unresolved())
                        + "(), defined outside this file, which may create and declare the module.";
            }
            String message;
            if (multi) {
                message = "Module `" + m.name() + "` uses multi-phase init but its slot array has no "
                        + "{Py_mod_gil, Py_MOD_GIL_NOT_USED} entry, so importing it re-enables the GIL in a "
                        + "free-threaded interpreter. Add the slot inside #ifdef Py_GIL_DISABLED (or "
                        + "#if PY_VERSION_HEX >= 0x030D0000) once the module is thread-safe." + uncertain;
            } else {
                message = "Module `" + m.name() + "` uses single-phase init and never calls "
                        + "PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED) on the module it creates (also checked "
                        + "in the helpers " + m.init().name() + "() calls), so importing it re-enables the GIL in a "
                        + "free-threaded interpreter. Call it after creating the module, inside "
                        + "#ifdef Py_GIL_DISABLED." + uncertain;
            }
            var builder = m.slotsStart() >= 0
                    ? ctx.report(m.slotsStart(), m.slotsStart() + 1)
                    : ctx.report(m.init().nameNode());
            builder.api(multi ? "Py_mod_gil" : "PyUnstable_Module_SetGIL")
                    .replacement(multi ? "{Py_mod_gil, Py_MOD_GIL_NOT_USED}" : "PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED)",
                            multi ? "slot value; guard with #ifdef Py_GIL_DISABLED or #if PY_VERSION_HEX >= 0x030D0000"
                                    : "returns 0, or -1 with an exception set; declared only when Py_GIL_DISABLED is defined")
                    .message(message)
                    .confidence(confidence)
                    .fixHint(multi ? SLOT_FIX : SETGIL_FIX)
                    .fix(confidence == Confidence.HIGH ? GilDeclarationFix.of(fa, m) : null)
                    .report();
        }
    }
}
