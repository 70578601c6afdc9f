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

/** FT702: {@code py_limited_api} turned on in setup.py or setup.cfg without a free-threading condition. */
@RuleInfo(
        code = "FT702",
        name = "limited-api-setuptools",
        family = Family.LIMITED_API,
        severity = Severity.ERROR,
        summary = "setuptools builds with `py_limited_api` on, also for free-threaded CPython.",
        description = """
                Reports `py_limited_api=True` (or an abi3 tag such as `"cp39"`) on an `Extension` or in the \
                `bdist_wheel` options of `setup.py`, and `py_limited_api` in the `[bdist_wheel]` section of \
                `setup.cfg`. A computed value is accepted when the file checks `Py_GIL_DISABLED`, and so is a \
                literal inside an `if`/`elif` whose condition tests it (`if ... and not Py_GIL_DISABLED:`); \
                otherwise a computed value, or a literal under some other condition (an opt-in such as \
                `if os.environ.get("USE_LIMITED_API"):`, which the message names), is reported with medium \
                confidence.""",
        rationale = """
                Free-threaded CPython 3.13 and 3.14 have no limited API: setuptools refuses `py_limited_api` \
                there and the headers stop with `#error` when `Py_LIMITED_API` meets `Py_GIL_DISABLED`. A \
                hard-coded setting makes the package impossible to build for the free-threaded interpreter.""",
        example = """
                Extension("fast", ["fast.c"], py_limited_api=True)""",
        useInstead = """
                Decide at build time:

                ```python
                import sysconfig
                FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
                Extension("fast", ["fast.c"], py_limited_api=not FREE_THREADED)
                ```

                and pass the `bdist_wheel` `py_limited_api` option only when `FREE_THREADED` is false. \
                `setup.cfg` cannot express the condition: move the option into `setup.py`.""")
public final class LimitedApiSetuptools implements ProjectRule {
    private static final Pattern KWARG = Pattern.compile("\\bpy_limited_api\\s*=\\s*([^,)\\n]+)");
    private static final Pattern DICT = Pattern.compile("[\"']py_limited_api[\"']\\s*:\\s*([^,}\\n]+)");
    private static final Pattern CFG = Pattern.compile("^\\s*py[_-]limited[_-]api\\s*=\\s*(\\S.*)$");
    private static final Pattern LITERAL = Pattern.compile("True|1|[\"']cp3\\d+[\"']|[\"']abi3[\"']");
    static final String ADVICE = "py_limited_api=not sysconfig.get_config_var(\"Py_GIL_DISABLED\")";

    @Override
    public void check(ProjectContext project) {
        for (SourceFile f : project.files(FileKind.SETUP_PY)) {
            boolean guardedFile = BuildConfigText.mentionsGilDisabled(f);
            for (Pattern p : new Pattern[] {KWARG, DICT}) {
                for (BuildConfigText.Hit h : BuildConfigText.find(f, p)) {
                    String value = h.matcher().group(1).strip();
                    boolean literal = LITERAL.matcher(value).matches();
                    if (value.equals("False") || value.equals("None") || value.equals("0")) {
                        continue;
                    }
                    // Guarded: a computed value in a file that checks Py_GIL_DISABLED, or a literal chosen by a
                    // conditional expression on the same line (options={} if FREE_THREADED else {...}).
                    String code = h.line().code();
                    boolean conditionalLine = code.contains(" if ") && code.contains(" else ");
                    if (guardedFile && (!literal || conditionalLine || underGilCondition(f, f.lineOf(h.start())))) {
                        continue;
                    }
                    // a literal under another condition (an opt-in such as an environment variable) is on only then
                    java.util.List<String> conditions = BuildConfigText.enclosingConditions(f, f.lineOf(h.start()));
                    String onlyWhen = literal && !conditions.isEmpty() ? conditions.getFirst() : null;
                    project.report(f, h.start(), h.end())
                            .api("py_limited_api")
                            .confidence(literal && onlyWhen == null ? Confidence.HIGH : Confidence.MEDIUM)
                            .message(onlyWhen != null
                                    ? "`py_limited_api` is on whenever `" + onlyWhen + "` holds, and that does not"
                                            + " check `Py_GIL_DISABLED`; free-threaded CPython has no limited API"
                                    : literal
                                    ? "`py_limited_api` is always on; free-threaded CPython has no limited API, so"
                                            + " this build fails there"
                                    : "`py_limited_api` is computed, but nothing in this file checks"
                                            + " `Py_GIL_DISABLED`, so it may stay on for free-threaded CPython")
                            .replacement(ADVICE, "abi3 for GIL builds; a version-specific wheel for free-threaded"
                                    + " builds")
                            .fixHint("compute the flag from sysconfig.get_config_var(\"Py_GIL_DISABLED\")")
                            .report();
                }
            }
        }
        for (SourceFile f : project.files(FileKind.SETUP_CFG)) {
            for (BuildConfigText.Hit h : BuildConfigText.find(f, CFG)) {
                String value = h.matcher().group(1).split("\\s+[#;]")[0].strip();
                if (value.isEmpty() || value.equalsIgnoreCase("false") || value.equals("0")) {
                    continue;
                }
                project.report(f, h.start() + h.matcher().group(0).indexOf('p'), h.end())
                        .api("py_limited_api")
                        .message("setup.cfg sets `py_limited_api = " + value + "` unconditionally; free-threaded"
                                + " CPython has no limited API, so its wheels cannot be built")
                        .replacement(ADVICE, "set in setup.py so the value can depend on the interpreter")
                        .fixHint("remove it from setup.cfg and compute it in setup.py")
                        .report();
            }
        }
    }

    /** An enclosing {@code if}/{@code elif} of that 1-based line tests Py_GIL_DISABLED ({@code if ... and not FT:}). */
    private static boolean underGilCondition(SourceFile f, int line) {
        return BuildConfigText.enclosingConditions(f, line).stream().anyMatch(c -> GIL_WORD.matcher(c).find());
    }

    private static final Pattern GIL_WORD = Pattern.compile("(?i)gil_disabled|free_?thread");
}
