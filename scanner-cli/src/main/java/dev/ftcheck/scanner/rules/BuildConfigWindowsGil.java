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
                CMake; `host_machine.system() == 'windows'` or an `msvc` compiler id in meson) that configures \
                compilation (the condition's line or block sets compile or link flags, definitions or libraries) \
                when no scanned build file mentions `Py_GIL_DISABLED`. Not anchors: Python 2 checks \
                (`sys.version_info`), environment markers of dependencies (`"pywin32; sys_platform == 'win32'"`), \
                and CMakeLists.txt files below the project's top (vendored dependencies).""",
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

    /** What a Windows branch must set to matter here: compiler or linker flags, definitions, libraries. */
    private static final Pattern COMPILE_SETTING = Pattern.compile(
            "compile_args|link_args|define_macros|undef_macros|\\blibraries\\b|library_dirs|include_dirs"
                    + "|extra_objects|compiler|cflags|ldflags|[\"']/[A-Z][A-Za-z0-9]*|[\"']-D"
                    + "|(?i)compile_definitions|compile_options|add_definitions|link_libraries|link_options"
                    + "|CMAKE_C(XX)?_FLAGS|set_target_properties|add_project_arguments|add_global_arguments"
                    + "|c_args|cpp_args|link_args|dependency\\(");
    /** Python 2 checks and environment markers of dependencies are about something else. */
    private static final Pattern NOT_A_BUILD_CONDITION = Pattern.compile(
            "version_info|PY2\\b|PY3\\b|sys\\.version|[\"'][^\"']*;[^\"']*(sys_platform|platform_system|os_name)");
    private static final int BLOCK_LINES = 25;

    /**
     * True when the Windows condition on this line decides how the extension is compiled: the line, or the block
     * it opens (more-indented lines in Python, up to {@code endif} in CMake and meson), sets compile or link
     * settings; and the line is not a Python 2 check or a dependency's environment marker.
     */
    static boolean configuresCompilation(SourceFile f, List<BuildConfigText.Line> lines, BuildConfigText.Hit hit) {
        String code = hit.line().code();
        if (NOT_A_BUILD_CONDITION.matcher(code).find()) {
            return false;
        }
        if (COMPILE_SETTING.matcher(code.substring(hit.end() - hit.line().offset())).find()
                || COMPILE_SETTING.matcher(code.substring(0, hit.start() - hit.line().offset())).find()) {
            return true;
        }
        int indent = BuildConfigText.indentOf(code);
        int idx = hit.line().number(); // index of the next line in the 0-based list
        for (int k = idx; k < lines.size() && k < idx + BLOCK_LINES; k++) {
            String next = lines.get(k).code();
            if (next.isBlank()) {
                continue;
            }
            if (f.kind() == FileKind.SETUP_PY) {
                if (BuildConfigText.indentOf(next) <= indent) {
                    return false;
                }
            } else if (next.strip().matches("(?i)(endif|else|elseif|elif)\\b.*")) {
                return false;
            }
            if (COMPILE_SETTING.matcher(next).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for a CMakeLists.txt at the top of the project: in the folder of a setup.py or pyproject.toml, or, with
     * neither, the least deeply nested CMakeLists.txt. Deeper ones belong to vendored dependencies or subprojects.
     */
    static boolean isTopLevelCmake(SourceFile f, List<SourceFile> builds) {
        java.nio.file.Path dir = f.path().toAbsolutePath().normalize().getParent();
        boolean anchored = false;
        int minDepth = Integer.MAX_VALUE;
        for (SourceFile b : builds) {
            java.nio.file.Path d = b.path().toAbsolutePath().normalize().getParent();
            if (b.kind() == FileKind.SETUP_PY || b.kind() == FileKind.PYPROJECT_TOML) {
                anchored = true;
                if (d.equals(dir)) {
                    return true;
                }
            } else if (b.kind() == FileKind.CMAKE_LISTS) {
                minDepth = Math.min(minDepth, d.getNameCount());
            }
        }
        return !anchored && dir.getNameCount() == minDepth;
    }

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
            if (f.kind() == FileKind.CMAKE_LISTS && !isTopLevelCmake(f, builds)) {
                continue; // a vendored dependency's CMake project: not how this extension is built
            }
            List<BuildConfigText.Line> lines = BuildConfigText.lines(f);
            BuildConfigText.Hit h = null;
            for (BuildConfigText.Hit hit : BuildConfigText.find(f, p)) {
                if (configuresCompilation(f, lines, hit)) {
                    h = hit;
                    break;
                }
            }
            if (h == null) {
                continue;
            }
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
