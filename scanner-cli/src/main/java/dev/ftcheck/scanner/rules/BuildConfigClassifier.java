package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.FileKind;
import dev.ftcheck.scanner.api.ProjectContext;
import dev.ftcheck.scanner.api.ProjectRule;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import dev.ftcheck.scanner.api.SourceFile;
import java.util.regex.Pattern;

/** FT002: the package lists trove classifiers but none about free threading. */
@RuleInfo(
        code = "FT002",
        name = "no-free-threading-classifier",
        family = Family.BUILD_CONFIG,
        severity = Severity.INFO,
        summary = "The package's classifiers do not say whether it supports free-threaded CPython.",
        description = """
                Reports the `classifiers` list in `pyproject.toml` (`[project]`), `setup.cfg` (`[metadata]`) or \
                `setup.py` when the scan also found C/C++ sources and no classifier starts with \
                `Programming Language :: Python :: Free Threading`.""",
        rationale = """
                Users and tools look for the `Free Threading` classifiers to learn whether an extension is safe \
                without the GIL. Without one, nobody can tell a tested port from code that re-enables the GIL or \
                races.""",
        example = """
                classifiers = ["Programming Language :: Python :: 3.13"]""",
        useInstead = """
                Add the classifier that matches your state, e.g. \
                `"Programming Language :: Python :: Free Threading :: 2 - Beta"` (levels run from \
                `1 - Unstable` to `4 - Resilient`), once the extension declares `Py_mod_gil` and is tested \
                with threads.""")
public final class BuildConfigClassifier implements ProjectRule {
    private static final Pattern CLASSIFIERS = Pattern.compile("\\bclassifiers\\s*[=:]");
    private static final String FREE_THREADING = "Programming Language :: Python :: Free Threading";

    @Override
    public void check(ProjectContext project) {
        if (project.files(FileKind.C_SOURCE, FileKind.CPP_SOURCE, FileKind.CYTHON).isEmpty()) {
            return;
        }
        for (SourceFile f : project.files(FileKind.PYPROJECT_TOML, FileKind.SETUP_CFG, FileKind.SETUP_PY)) {
            if (f.text().contains(FREE_THREADING)) {
                continue;
            }
            for (BuildConfigText.Hit h : BuildConfigText.find(f, CLASSIFIERS)) {
                String section = h.line().section();
                if (f.kind() == FileKind.PYPROJECT_TOML && !section.equals("project")) {
                    continue;
                }
                if (f.kind() == FileKind.SETUP_CFG && !section.equals("metadata")) {
                    continue;
                }
                project.report(f, h.start(), h.end() - 1)
                        .api("classifiers")
                        .message("no `Free Threading` trove classifier: users cannot tell whether this extension"
                                + " supports free-threaded CPython")
                        .replacement("\"Programming Language :: Python :: Free Threading :: 2 - Beta\"",
                                "one of the Free Threading levels 1 - Unstable ... 4 - Resilient")
                        .fixHint("add a `Programming Language :: Python :: Free Threading :: N - ...` classifier")
                        .report();
                break;
            }
        }
    }
}
