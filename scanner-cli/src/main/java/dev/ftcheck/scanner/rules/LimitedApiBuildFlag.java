package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileKind;
import dev.ftcheck.scanner.api.ProjectContext;
import dev.ftcheck.scanner.api.ProjectRule;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import dev.ftcheck.scanner.api.SourceFile;
import java.util.regex.Pattern;

/** FT705: {@code Py_LIMITED_API} defined through compiler flags or build-system definitions. */
@RuleInfo(
        code = "FT705",
        name = "limited-api-build-flag",
        family = Family.LIMITED_API,
        severity = Severity.ERROR,
        summary = "A build file defines `Py_LIMITED_API` for the compiler without a free-threading check.",
        description = """
                Reports `-DPy_LIMITED_API` in compiler flags (setup.py `extra_compile_args`, meson `c_args`, \
                CMake, pyproject CMake arguments), `define_macros=[("Py_LIMITED_API", ...)]` in setup.py, \
                `add_compile_definitions` / `target_compile_definitions` / `add_definitions` with \
                `Py_LIMITED_API` and FindPython's `USE_SABI` in CMake. A definition is accepted when one of the 15 \
                lines before it mentions `Py_GIL_DISABLED` (the usual shape of a guard); one under another \
                `if` in setup.py (an opt-in) is reported with medium confidence, naming the condition.""",
        rationale = """
                The flag reaches every compile, including builds for free-threaded CPython 3.13 and 3.14, whose \
                headers stop with `#error` when `Py_LIMITED_API` and `Py_GIL_DISABLED` are both defined.""",
        example = """
                add_compile_definitions(Py_LIMITED_API=0x030A0000)""",
        useInstead = """
                Define it only for GIL builds, e.g. in CMake:

                ```cmake
                if(NOT Py_GIL_DISABLED)  # from sysconfig.get_config_var("Py_GIL_DISABLED")
                  add_compile_definitions(Py_LIMITED_API=0x030A0000)
                endif()
                ```

                or in setup.py, add the macro only when `sysconfig.get_config_var("Py_GIL_DISABLED")` is false.""")
public final class LimitedApiBuildFlag implements ProjectRule {
    private static final Pattern FLAG = Pattern.compile("[-/]DPy_LIMITED_API\\b");
    private static final Pattern SETUP_MACRO = Pattern.compile("\\(\\s*[\"']Py_LIMITED_API[\"']\\s*,");
    private static final Pattern CMAKE_DEF = Pattern.compile(
            "(?i)\\b(add_compile_definitions|target_compile_definitions|add_definitions)\\s*\\([^)]*\\bPy_LIMITED_API\\b");
    private static final Pattern CMAKE_SABI = Pattern.compile("(?i)\\bpython_add_library\\s*\\([^)]*\\bUSE_SABI\\b");
    private static final int GUARD_WINDOW = 15;

    @Override
    public void check(ProjectContext project) {
        for (SourceFile f : project.files(FileKind.SETUP_PY, FileKind.MESON_BUILD, FileKind.CMAKE_LISTS,
                FileKind.PYPROJECT_TOML, FileKind.SETUP_CFG)) {
            java.util.Set<Integer> reportedLines = new java.util.HashSet<>();
            for (Pattern p : new Pattern[] {CMAKE_DEF, CMAKE_SABI, SETUP_MACRO, FLAG}) {
                if ((p == CMAKE_DEF || p == CMAKE_SABI) && f.kind() != FileKind.CMAKE_LISTS) {
                    continue;
                }
                if (p == SETUP_MACRO && f.kind() != FileKind.SETUP_PY) {
                    continue;
                }
                for (BuildConfigText.Hit h : BuildConfigText.find(f, p)) {
                    int line = h.line().number();
                    if (!reportedLines.add(line) || BuildConfigText.guardedNearby(f, line, GUARD_WINDOW)) {
                        continue;
                    }
                    java.util.List<String> conditions = f.kind() == FileKind.SETUP_PY
                            ? BuildConfigText.enclosingConditions(f, line) : java.util.List.of();
                    project.report(f, h.start(), h.end())
                            .api("Py_LIMITED_API")
                            .confidence(conditions.isEmpty() ? Confidence.HIGH : Confidence.MEDIUM)
                            .message(conditions.isEmpty()
                                    ? "`Py_LIMITED_API` is defined for every build, including free-threaded CPython,"
                                            + " whose headers reject it"
                                    : "`Py_LIMITED_API` is defined whenever `" + conditions.getFirst() + "` holds,"
                                            + " and that does not check `Py_GIL_DISABLED`; free-threaded CPython's"
                                            + " headers reject it")
                            .replacement("define Py_LIMITED_API only when Py_GIL_DISABLED is not set",
                                    "abi3 for GIL builds; the full API for free-threaded builds")
                            .fixHint("wrap the definition in a check of sysconfig's Py_GIL_DISABLED")
                            .report();
                }
            }
        }
    }
}
