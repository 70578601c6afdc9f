package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileKind;
import dev.ftcheck.scanner.api.ProjectContext;
import dev.ftcheck.scanner.api.ProjectRule;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import dev.ftcheck.scanner.api.SourceFile;
import java.util.regex.Pattern;

/** FT001: cibuildwheel is configured but free-threaded wheels are not enabled. */
@RuleInfo(
        code = "FT001",
        name = "cibuildwheel-no-free-threading",
        family = Family.BUILD_CONFIG,
        severity = Severity.INFO,
        summary = "cibuildwheel is configured in pyproject.toml but does not build free-threaded wheels.",
        description = """
                Reports a `[tool.cibuildwheel]` table in `pyproject.toml` whose file never enables free-threaded \
                builds: no `cpython-freethreading` in `enable` (cibuildwheel 3) and no \
                `free-threaded-support = true` (cibuildwheel 2.x). A `CIBW_ENABLE` set in CI workflow files is \
                not visible to the scanner: suppress the finding with `ftcheck: ignore[FT001]` in that case.""",
        rationale = """
                cibuildwheel skips free-threaded interpreters (wheel tag `cp313t`) unless asked; users of \
                free-threaded CPython then build from source or cannot install the package at all.""",
        example = """
                [tool.cibuildwheel]
                build = "cp3*"
                skip = "pp*\"""",
        useInstead = """
                ```toml
                [tool.cibuildwheel]
                enable = ["cpython-freethreading"]
                ```

                (or `CIBW_ENABLE: cpython-freethreading` in the CI environment). Test the free-threaded wheels \
                with threads before announcing support.""")
public final class BuildConfigCibuildwheel implements ProjectRule {
    private static final Pattern TABLE = Pattern.compile("^\\s*\\[tool\\.cibuildwheel\\]\\s*$");
    private static final Pattern ENABLED = Pattern.compile(
            "cpython-freethreading|free-threaded-support\\s*=\\s*true");

    @Override
    public void check(ProjectContext project) {
        for (SourceFile f : project.files(FileKind.PYPROJECT_TOML)) {
            var tables = BuildConfigText.find(f, TABLE);
            if (tables.isEmpty()) {
                continue;
            }
            boolean enabled = BuildConfigText.lines(f).stream().anyMatch(l -> ENABLED.matcher(l.code()).find());
            if (enabled) {
                continue;
            }
            var h = tables.get(0);
            project.report(f, h.start() + h.matcher().group(0).indexOf('['), h.end())
                    .api("tool.cibuildwheel.enable")
                    .message("cibuildwheel is configured without free-threaded wheels (no"
                            + " `enable = [\"cpython-freethreading\"]`)")
                    .replacement("enable = [\"cpython-freethreading\"]", "builds cp313t/cp314t wheels as well")
                    .fixHint("add enable = [\"cpython-freethreading\"] to [tool.cibuildwheel]")
                    .report();
        }
    }
}
