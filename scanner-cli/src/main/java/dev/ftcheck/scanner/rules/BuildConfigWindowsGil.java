package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileKind;
import dev.ftcheck.scanner.api.ProjectContext;
import dev.ftcheck.scanner.api.ProjectRule;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import dev.ftcheck.scanner.api.SourceFile;
import java.util.List;
import java.util.regex.Pattern;

/** FT003: Windows-specific build logic, but no build file ever defines {@code Py_GIL_DISABLED}. */
@RuleInfo(
        code = "FT003",
        name = "windows-no-gil-disabled",
        family = Family.BUILD_CONFIG,
        severity = Severity.INFO,
        summary = "Windows builds are configured but no build file defines `Py_GIL_DISABLED`.",
        description = """
                Reports the first Windows-specific condition in each build file (`sys.platform == "win32"`, \
                `os.name == "nt"`, `platform.system() == "Windows"`, MSVC checks in setup.py; `WIN32`/`MSVC` in \
                CMake; `host_machine.system() == 'windows'` or an `msvc` compiler id in meson) when no scanned \
                build file mentions `Py_GIL_DISABLED`.""",
        rationale = """
                On Linux and macOS the free-threaded interpreter's `pyconfig.h` defines `Py_GIL_DISABLED`. On \
                Windows it does not: the extension's build must pass it, or the extension is compiled for the \
                GIL-enabled object layout and crashes or misbehaves in a free-threaded interpreter.""",
        example = """
                if sys.platform == "win32":
                    extra_compile_args = ["/O2"]""",
        useInstead = """
                When building for a free-threaded interpreter on Windows, add the definition yourself:

                ```python
                if sys.platform == "win32" and sysconfig.get_config_var("Py_GIL_DISABLED"):
                    define_macros.append(("Py_GIL_DISABLED", "1"))
                ```

                (CMake: `add_compile_definitions(Py_GIL_DISABLED=1)` under the same condition; recent \
                setuptools and meson-python versions do this for you, in which case suppress the finding).""")
public final class BuildConfigWindowsGil implements ProjectRule {
    private static final Pattern PYTHON_WIN = Pattern.compile(
            "sys\\.platform\\s*(==|\\.startswith\\()\\s*[\"']win|os\\.name\\s*==\\s*[\"']nt[\"']"
                    + "|platform\\.system\\(\\)\\s*==\\s*[\"']Windows[\"']|\\bmsvc\\b|\\bMSVC\\b");
    private static final Pattern CMAKE_WIN = Pattern.compile("(?i)\\b(if|elseif)\\s*\\([^)]*\\b(WIN32|MSVC)\\b");
    private static final Pattern MESON_WIN = Pattern.compile(
            "system\\(\\)\\s*==\\s*'windows'|get_id\\(\\)\\s*==\\s*'msvc'");

    @Override
    public void check(ProjectContext project) {
        List<SourceFile> builds = project.files(FileKind.SETUP_PY, FileKind.CMAKE_LISTS, FileKind.MESON_BUILD,
                FileKind.PYPROJECT_TOML, FileKind.SETUP_CFG);
        if (builds.stream().anyMatch(BuildConfigText::mentionsGilDisabled)) {
            return;
        }
        for (SourceFile f : builds) {
            Pattern p = switch (f.kind()) {
                case SETUP_PY -> PYTHON_WIN;
                case CMAKE_LISTS -> CMAKE_WIN;
                case MESON_BUILD -> MESON_WIN;
                default -> null;
            };
            if (p == null) {
                continue;
            }
            List<BuildConfigText.Hit> hits = BuildConfigText.find(f, p);
            if (hits.isEmpty()) {
                continue;
            }
            BuildConfigText.Hit h = hits.get(0);
            project.report(f, h.start(), h.end())
                    .api("Py_GIL_DISABLED")
                    .message("Windows builds are configured here, but no build file defines `Py_GIL_DISABLED`,"
                            + " which free-threaded CPython on Windows needs from the build")
                    .replacement("define Py_GIL_DISABLED=1 when sysconfig.get_config_var(\"Py_GIL_DISABLED\")",
                            "the extension then uses the free-threaded object layout on Windows")
                    .fixHint("add Py_GIL_DISABLED=1 to the Windows compile definitions for free-threaded builds")
                    .report();
        }
    }
}
