package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileKind;
import dev.ftcheck.scanner.api.ProjectContext;
import dev.ftcheck.scanner.api.ProjectRule;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import dev.ftcheck.scanner.api.SourceFile;
import java.util.regex.Pattern;

/** FT703: the limited API switched on in pyproject.toml (setuptools, scikit-build-core, meson-python). */
@RuleInfo(
        code = "FT703",
        name = "limited-api-pyproject",
        family = Family.LIMITED_API,
        severity = Severity.WARNING,
        summary = "pyproject.toml asks the build backend for the limited API (abi3) unconditionally.",
        description = """
                Reports, in `pyproject.toml`: `py-limited-api = true` (or a `"cp3x"` tag) for setuptools \
                (`[tool.setuptools]` ext-modules, `[tool.distutils.bdist_wheel]`), `wheel.py-api = "cp3x"` for \
                scikit-build-core, and `limited-api = true` for meson-python. TOML has no conditions, so these \
                apply to every interpreter the package is built for.""",
        rationale = """
                Free-threaded CPython 3.13 and 3.14 have no limited API. setuptools rejects the option there; other \
                backends need to drop it for free-threaded builds, or the compile stops at the `#error` in the \
                headers. Check what your backend version does, or move the decision into build code.""",
        example = """
                [tool.setuptools]
                ext-modules = [{name = "fast", sources = ["fast.c"], py-limited-api = true}]""",
        useInstead = """
                Configure the extension from `setup.py` (or backend build code) where the interpreter can be \
                asked: `py_limited_api=not sysconfig.get_config_var("Py_GIL_DISABLED")`. For scikit-build-core \
                and meson-python, make sure the abi3 setting is skipped for free-threaded (`cp313t`) builds.""")
public final class LimitedApiPyproject implements ProjectRule {
    private static final Pattern SETUPTOOLS = Pattern.compile(
            "\\bpy[-_]limited[-_]api\\s*=\\s*(true|\"cp3\\d+\"|'cp3\\d+'|\"abi3\")");
    private static final Pattern SCIKIT = Pattern.compile("\\b(?:wheel\\.)?py-api\\s*=\\s*[\"'](cp3\\d+)[\"']");
    private static final Pattern MESON_PYTHON = Pattern.compile("\\blimited-api\\s*=\\s*(true)");

    @Override
    public void check(ProjectContext project) {
        for (SourceFile f : project.files(FileKind.PYPROJECT_TOML)) {
            for (BuildConfigText.Hit h : BuildConfigText.find(f, SETUPTOOLS)) {
                report(project, f, h, "setuptools", "py-limited-api");
            }
            for (BuildConfigText.Hit h : BuildConfigText.find(f, SCIKIT)) {
                if (h.line().section().startsWith("tool.scikit-build")) {
                    report(project, f, h, "scikit-build-core", "wheel.py-api");
                }
            }
            for (BuildConfigText.Hit h : BuildConfigText.find(f, MESON_PYTHON)) {
                if (h.line().section().startsWith("tool.meson-python")) {
                    report(project, f, h, "meson-python", "limited-api");
                }
            }
        }
    }

    private static void report(ProjectContext project, SourceFile f, BuildConfigText.Hit h, String backend,
            String key) {
        project.report(f, h.start(), h.end())
                .api(key)
                .message(backend + " is asked for the limited API (`" + h.matcher().group(0).strip() + "`) for every"
                        + " interpreter; free-threaded CPython has no limited API")
                .replacement(LimitedApiSetuptools.ADVICE, "abi3 only for GIL builds")
                .fixHint("decide per interpreter in build code, or confirm " + backend
                        + " drops it for free-threaded builds")
                .report();
    }
}
