package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileKind;
import dev.ftcheck.scanner.api.ProjectContext;
import dev.ftcheck.scanner.api.ProjectRule;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import dev.ftcheck.scanner.api.SourceFile;
import java.util.regex.Pattern;

/** FT704: meson's {@code limited_api:} on a Python extension module with no free-threading check. */
@RuleInfo(
        code = "FT704",
        name = "limited-api-meson",
        family = Family.LIMITED_API,
        severity = Severity.WARNING,
        summary = "A meson `extension_module` sets `limited_api:` with no `Py_GIL_DISABLED` check in meson.build.",
        description = """
                Reports the `limited_api:` keyword of `py.extension_module()` in `meson.build` when the file never \
                looks at `Py_GIL_DISABLED` (for example through `py.get_variable('Py_GIL_DISABLED', 0)`).""",
        rationale = """
                Free-threaded CPython 3.13 and 3.14 have no limited API; an extension built with \
                `Py_LIMITED_API` against their headers stops at `#error`.""",
        example = """
                py.extension_module('fast', 'fast.c', limited_api: '3.9', install: true)""",
        useInstead = """
                Choose the keyword's value per interpreter:

                ```meson
                ft = py.get_variable('Py_GIL_DISABLED', 0) == 1
                py.extension_module('fast', 'fast.c', limited_api: ft ? '' : '3.9', install: true)
                ```""")
public final class LimitedApiMeson implements ProjectRule {
    private static final Pattern LIMITED = Pattern.compile("\\blimited_api\\s*:\\s*'([^']+)'");

    @Override
    public void check(ProjectContext project) {
        for (SourceFile f : project.files(FileKind.MESON_BUILD)) {
            if (BuildConfigText.mentionsGilDisabled(f)) {
                continue;
            }
            for (BuildConfigText.Hit h : BuildConfigText.find(f, LIMITED)) {
                project.report(f, h.start(), h.end())
                        .api("limited_api")
                        .message("`limited_api: '" + h.matcher().group(1) + "'` applies to free-threaded CPython"
                                + " too, which has no limited API")
                        .replacement("limited_api: (py.get_variable('Py_GIL_DISABLED', 0) == 1) ? '' : '"
                                + h.matcher().group(1) + "'", "abi3 only for GIL builds")
                        .fixHint("make the value depend on Py_GIL_DISABLED")
                        .report();
            }
        }
    }
}
