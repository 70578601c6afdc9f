package dev.ftcheck.cli;

import dev.ftcheck.Version;
import dev.ftcheck.scanner.Baseline;
import dev.ftcheck.scanner.FixApplier;
import dev.ftcheck.scanner.PerFileIgnores;
import dev.ftcheck.scanner.StdinSource;
import dev.ftcheck.scanner.ProjectConfig;
import dev.ftcheck.scanner.RuleSelection;
import dev.ftcheck.scanner.ScanOptions;
import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.Scanner;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.Rule;
import dev.ftcheck.scanner.api.Severity;
import dev.ftcheck.scanner.cache.CacheLocation;
import dev.ftcheck.scanner.cache.ScanCache;
import dev.ftcheck.scanner.report.OutputFormat;
import dev.ftcheck.scanner.report.ReportInfo;
import dev.ftcheck.scanner.report.StatisticsReport;
import dev.ftcheck.scanner.report.Style;
import dev.ftcheck.scanner.report.UnifiedDiff;
import dev.ftcheck.scanner.rules.RuleRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ftcheck scan}: report free-threading hazards in extension sources and build files. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan C/C++ extension sources, Cython directives and build files for free-threading hazards.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no finding at or above --fail-on",
            "1:findings at or above --fail-on",
            "2:usage error (bad option, missing path, bad config or baseline) or internal error"
        })
final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories to scan (default: .).")
    List<String> paths = new ArrayList<>();

    @Option(names = {"--output-format", "--format"}, paramLabel = "FORMAT", description = "Output format:"
            + " ${COMPLETION-CANDIDATES} (default: text). --format is an alias.")
    OutputFormat format = OutputFormat.text;

    @Option(names = "--statistics", description = "Print how many findings each rule has instead of the findings.")
    boolean statistics;

    @Option(names = {"-q", "--quiet"}, description = "Print the findings and nothing else: no summary, skipped"
            + " paths, notes or progress (errors still go to standard error).")
    boolean quiet;

    @Option(names = "--color", paramLabel = "WHEN", description = "Colour the text formats: ${COMPLETION-CANDIDATES}"
            + " (default: auto: on a terminal, unless NO_COLOR is set).")
    Style.When color = Style.When.auto;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of"
            + " standard output.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "Exit 1 when a finding is at least this"
            + " severe: error, warning, info or none (default: warning, or fail-on from [tool.ftcheck]).")
    String failOn;

    @Option(names = "--min-confidence", paramLabel = "LEVEL", description = "Report only findings at least this"
            + " confident: high, medium or low (default: low, everything; or min-confidence from [tool.ftcheck])."
            + " Hidden findings do not count for --fail-on.")
    String minConfidence;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel workers (default: number of"
            + " cores).")
    Integer jobs;

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip paths matching GLOB (repeatable). A glob"
            + " without '/' matches file or directory names; one with '/' matches the path below the scan root.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--no-default-excludes", description = "Also scan .git, build, dist, virtualenvs,"
            + " node_modules, __pycache__ and vendored pythoncapi_compat.h.")
    boolean noDefaultExcludes;

    @Option(names = "--select", paramLabel = "RULES", split = ",", description = "Only these rules: codes"
            + " (FT101), prefixes (FT1), families (dict-next) or ALL. Replaces select from [tool.ftcheck].")
    List<String> select = new ArrayList<>();

    @Option(names = "--ignore", paramLabel = "RULES", split = ",", description = "Skip these rules (added to"
            + " ignore from [tool.ftcheck]).")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--extend-select", paramLabel = "RULES", split = ",", description = "Add these rules to the"
            + " selection (from --select or [tool.ftcheck]) instead of replacing it.")
    List<String> extendSelect = new ArrayList<>();

    @Option(names = "--extend-ignore", paramLabel = "RULES", split = ",", description = "Skip these rules as"
            + " well, on top of ignore and extend-ignore from [tool.ftcheck].")
    List<String> extendIgnore = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Read [tool.ftcheck] from FILE (a"
            + " pyproject.toml) instead of searching upward from the first PATH.")
    Path configFile;

    @Option(names = "--stdin-filename", paramLabel = "NAME", description = "Scan standard input as if it were the"
            + " file NAME (for editors); NAME decides the file kind, the reported path and per-file-ignores.")
    String stdinFilename;

    @Option(names = "--respect-gitignore", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Skip files and folders that git ignores (.gitignore, .git/info/exclude) below each PATH"
            + " inside a git work tree (default: on; --no-respect-gitignore scans them).")
    boolean respectGitignore = true;

    @Option(names = "--fix", description = "Apply the safe fixes to the files, then report what remains.")
    boolean fix;

    @Option(names = "--diff", description = "Print the safe fixes as a unified diff instead of applying them; exit 1"
            + " when there is any, 0 when there is none.")
    boolean diff;

    @Option(names = "--unsafe-fixes", description = "Also apply (or show, with --diff) the fixes that make a claim"
            + " only you can check, such as declaring a module free of the GIL.")
    boolean unsafeFixes;

    @Option(names = "--show-fixes", description = "With --fix, list each finding that was fixed.")
    boolean showFixes;

    @Option(names = "--evidence", paramLabel = "REPORT", description = "A report of ftcheck run or ftcheck stress"
            + " (--report): each runtime diagnostic with a rule is shown with the finding it confirms (text, JSON"
            + " runtimeEvidence). Repeatable.")
    List<Path> evidence = new java.util.ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE", description = "Hide findings recorded in FILE; only new"
            + " ones are reported and counted for the exit code.")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "Record every current finding in FILE"
            + " and exit 0.")
    Path writeBaseline;

    @Option(names = "--no-config", description = "Ignore [tool.ftcheck] in pyproject.toml.")
    boolean noConfig;

    @Option(names = "--max-file-size", paramLabel = "MIB", description = "Skip (and list) C/C++ files larger than"
            + " this that would need parsing (default: 16).")
    Integer maxFileSizeMib;

    @Option(names = "--no-progress", description = "Never draw the progress line on a terminal.")
    boolean noProgress;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Keep the scan cache in DIR (default:"
            + " FTCHECK_CACHE_DIR, else .ftcheck_cache beside the pyproject.toml with [tool.ftcheck], else in the"
            + " current directory).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Analyse every file; neither read nor write the scan cache.")
    boolean noCache;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(err);
        } catch (UsageError e) {
            err.println("ftcheck scan: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            err.println("ftcheck scan: internal error: " + e);
            return ExitCodes.USAGE;
        }
    }

    /**
     * A report or baseline written over one of the files being scanned would destroy the user's source: refuse
     * (the path is a scan root itself, or a C/C++/Cython/build file below a root directory).
     */
    private static void refuseToOverwriteAnInput(List<String> roots, Path target, String option) throws UsageError {
        if (target == null) {
            return;
        }
        Path t = target.toAbsolutePath().normalize();
        for (String r : roots) {
            Path root = Path.of(r).toAbsolutePath().normalize();
            boolean same;
            try {
                same = Files.exists(t) && Files.isSameFile(t, root);
            } catch (IOException e) {
                same = false;
            }
            boolean inside = Files.isDirectory(root) && t.startsWith(root) && t.getFileName() != null
                    && dev.ftcheck.scanner.InputKinds.of(t.getFileName().toString()) != null;
            if (same || inside) {
                throw new UsageError(option + " " + target + " is one of the scanned inputs; refusing to overwrite"
                        + " it (write the report somewhere else)");
            }
        }
    }

    /** Exit 2 when the scanner itself failed on some file: a partial report must not pass a CI gate. */
    static boolean hadInternalError(ScanResult result) {
        return result.notes().stream().anyMatch(n -> n.isInternalError());
    }

    private static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    private int run(PrintWriter err) throws UsageError {
        if (stdinFilename != null && !paths.isEmpty()) {
            throw new UsageError("--stdin-filename scans standard input; do not name PATHs as well");
        }
        if (fix && diff) {
            throw new UsageError("--fix and --diff exclude each other (--diff shows what --fix would do)");
        }
        if (stdinFilename != null && (fix || diff)) {
            throw new UsageError("--fix and --diff change files; they cannot be combined with --stdin-filename");
        }
        if (stdinFilename != null) {
            try (StdinSource in = StdinSource.read(System.in, stdinFilename)) {
                return scanRoots(err, List.of(in.root()), Path.of(stdinFilename).toAbsolutePath(), in);
            } catch (IOException e) {
                throw new UsageError("cannot read standard input for --stdin-filename: " + e.getMessage());
            }
        }
        List<String> roots = paths.isEmpty() ? List.of(".") : paths;
        return scanRoots(err, roots, Path.of(roots.get(0)), null);
    }

    /** --min-confidence, else min-confidence from [tool.ftcheck], else low (everything). */
    private Confidence leastConfidence(ProjectConfig config) throws UsageError {
        String text = minConfidence != null ? minConfidence : config.minConfidence();
        if (text == null) {
            return Confidence.LOW;
        }
        for (Confidence c : Confidence.values()) {
            if (c.name().equalsIgnoreCase(text)) {
                return c;
            }
        }
        throw new UsageError("--min-confidence must be high, medium or low, not '" + text + "'"
                + (minConfidence == null ? " (from " + config.source() + ")" : ""));
    }

    /** The findings at {@code least} confidence or more (HIGH, MEDIUM, LOW in that order). */
    private static List<Finding> atLeast(Confidence least, List<Finding> findings) {
        if (least == Confidence.LOW) {
            return findings;
        }
        return findings.stream().filter(f -> f.confidence().ordinal() <= least.ordinal()).toList();
    }

    /** With FTCHECK_CACHE_DEBUG (or -Dftcheck.cache.debug) set: one line on what the scan took from the cache. */
    private static void debugCache(PrintWriter err, ScanCache cache) {
        String env = System.getenv("FTCHECK_CACHE_DEBUG");
        if (cache == null || cache.lastStats() == null
                || (env == null || env.isEmpty()) && !Boolean.getBoolean("ftcheck.cache.debug")) {
            return;
        }
        ScanCache.Stats s = cache.lastStats();
        err.println("ftcheck scan: cache " + cache.dir() + ": result "
                + (s.unread() ? "reused unread" : s.resultReused() ? "reused" : "computed")
                + ", " + s.reused() + " file entries reused, " + s.analysed() + " analysed"
                + (s.written() ? ", written" : ""));
    }

    /** --diff: the fixes as one unified diff on standard output; exit 1 when there is any change. */
    private int printDiff(PrintWriter err, ScanResult result) {
        FixApplier.Plan plan = FixApplier.plan(result.findings(), unsafeFixes);
        PrintWriter out = spec.commandLine().getOut();
        for (FixApplier.FileChange c : plan.changes()) {
            out.print(UnifiedDiff.of(c.file(), c.before(), c.after()));
        }
        out.flush();
        plan.skipped().forEach(m -> err.println("ftcheck scan: " + m));
        if (!quiet) {
            err.println("ftcheck scan: " + plan.fixedCount() + (plan.fixedCount() == 1 ? " fix" : " fixes") + " in "
                    + plan.changes().size() + (plan.changes().size() == 1 ? " file" : " files")
                    + (plan.changes().isEmpty() ? "" : " (apply with --fix)"));
        }
        return plan.changes().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private ProjectConfig config(Path configStart) throws UsageError {
        try {
            if (configFile != null) {
                if (noConfig) {
                    throw new UsageError("--config and --no-config contradict each other");
                }
                if (!Files.isRegularFile(configFile)) {
                    throw new UsageError("--config " + configFile + ": no such file");
                }
                ProjectConfig c = ProjectConfig.load(configFile);
                if (c == null) {
                    throw new UsageError("--config " + configFile + " has no [tool.ftcheck] table");
                }
                return c;
            }
            return noConfig ? ProjectConfig.NONE : ProjectConfig.discover(configStart);
        } catch (ProjectConfig.ConfigException e) {
            throw new UsageError(e.getMessage());
        }
    }

    private int scanRoots(PrintWriter err, List<String> roots, Path configStart, StdinSource stdin)
            throws UsageError {
        for (String r : roots) {
            if (!Files.exists(Path.of(r))) {
                throw new UsageError(r + (Files.notExists(Path.of(r)) ? ": no such file or directory"
                        : ": cannot be accessed (permission denied)"));
            }
        }
        ProjectConfig config = config(configStart);
        String failOnText = failOn != null ? failOn : config.failOn() != null ? config.failOn() : "warning";
        Severity threshold = null;
        if (!failOnText.equalsIgnoreCase("none")) {
            threshold = Severity.fromId(failOnText.toLowerCase(Locale.ROOT));
            if (threshold == null) {
                throw new UsageError("--fail-on must be error, warning, info or none, not '" + failOnText + "'"
                        + (failOn == null ? " (from " + config.source() + ")" : ""));
            }
        }
        if (jobs != null && jobs < 1) {
            throw new UsageError("--jobs must be at least 1");
        }
        if (maxFileSizeMib != null && maxFileSizeMib < 1) {
            throw new UsageError("--max-file-size must be at least 1 (MiB)");
        }
        if (output != null && Files.isDirectory(output)) {
            throw new UsageError("--output " + output + " is a directory, not a file");
        }
        if (writeBaseline != null && Files.isDirectory(writeBaseline)) {
            throw new UsageError("--write-baseline " + writeBaseline + " is a directory, not a file");
        }
        List<Rule> rules;
        PerFileIgnores perFile = new PerFileIgnores(config.source(), config.perFileIgnores());
        Confidence least = leastConfidence(config);
        try {
            List<String> sel = new ArrayList<>(select.isEmpty() ? config.select() : select);
            List<String> extra = new ArrayList<>(config.extendSelect());
            extra.addAll(extendSelect);
            if (!extra.isEmpty() && sel.isEmpty()) {
                sel.add("ALL"); // no select means every rule; extending it keeps every rule
            }
            sel.addAll(extra);
            List<String> ign = new ArrayList<>(config.ignore());
            ign.addAll(config.extendIgnore());
            ign.addAll(ignore);
            ign.addAll(extendIgnore);
            rules = RuleSelection.apply(RuleRegistry.all(), sel, ign);
            RuleSelection.validate(RuleRegistry.all(), perFile.selectors(), "per-file-ignores (" + config.source()
                    + ")");
        } catch (RuleSelection.SelectionException e) {
            throw new UsageError(e.getMessage());
        }
        Baseline base = null;
        if (baseline != null) {
            try {
                base = Baseline.read(baseline);
            } catch (Baseline.BaselineException e) {
                throw new UsageError(e.getMessage());
            }
        }
        ScanOptions options = ScanOptions.defaults().withExcludes(excludes)
                .withConfigExcludes(config.source(), config.exclude()).withRespectGitignore(respectGitignore);
        if (noDefaultExcludes) {
            options = options.withoutDefaultExcludes();
        }
        refuseToOverwriteAnInput(roots, output, "--output");
        refuseToOverwriteAnInput(roots, writeBaseline, "--write-baseline");
        if (jobs != null) {
            options = options.withJobs(jobs);
        }
        if (maxFileSizeMib != null) {
            options = options.withMaxParseBytes(maxFileSizeMib * 1024L * 1024L);
        }
        if (statistics && !format.human()) {
            throw new UsageError("--statistics prints a table; use it with --output-format text or concise, not "
                    + format);
        }
        boolean terminal = System.console() != null && System.console().isTerminal();
        if (!noProgress && !quiet && terminal) {
            options = options.withProgress(err);
        }
        // standard input goes through a fresh temporary file each time: nothing to reuse
        ScanCache cache = noCache || stdin != null ? null : ScanCache.at(CacheLocation.resolve(cacheDir,
                config.source(), System.getenv()), line -> err.println("ftcheck scan: " + line));
        Scanner scanner = new Scanner(rules, options, cache);
        ScanResult result;
        try {
            result = scanner.scan(roots);
        } catch (Scanner.ScanInputException e) {
            throw new UsageError(e.getMessage());
        }
        debugCache(err, cache);
        if (stdin != null) {
            result = stdin.rename(result);
        }
        result = result.withFindings(atLeast(least, perFile.apply(result.findings())));
        if (writeBaseline != null) {
            try {
                Baseline.write(writeBaseline, result.findings());
            } catch (IOException e) {
                throw new UsageError("cannot write baseline " + writeBaseline + ": " + e.getMessage());
            }
            if (!quiet) {
                err.println("ftcheck scan: recorded " + result.findings().size() + " findings in " + writeBaseline);
            }
            return ExitCodes.OK;
        }
        int baselined = 0;
        if (base != null) {
            List<Finding> fresh = base.newFindings(result.findings());
            baselined = result.findings().size() - fresh.size();
            result = result.withFindings(fresh);
        }
        if (diff) {
            return printDiff(err, result);
        }
        if (fix) {
            FixApplier.Plan plan = FixApplier.plan(result.findings(), unsafeFixes);
            for (FixApplier.FileChange c : plan.changes()) {
                try {
                    FixApplier.write(c);
                } catch (IOException e) {
                    throw new UsageError("cannot write the fixed " + c.file() + ": " + e.getMessage());
                }
            }
            plan.skipped().forEach(m -> err.println("ftcheck scan: " + m));
            if (showFixes) {
                for (FixApplier.FileChange c : plan.changes()) {
                    for (Finding f : c.fixed()) {
                        err.println("fixed: " + c.file() + ":" + f.location().line() + ": " + f.code() + " "
                                + f.fix().description());
                    }
                }
            }
            if (!quiet) {
                err.println("ftcheck scan: fixed " + plan.fixedCount() + (plan.fixedCount() == 1 ? " finding" :
                        " findings") + " in " + plan.changes().size() + (plan.changes().size() == 1 ? " file"
                        : " files"));
            }
            if (!plan.changes().isEmpty()) {
                // Report what is left, from the files as they are now.
                try {
                    result = scanner.scan(roots);
                } catch (Scanner.ScanInputException e) {
                    throw new UsageError(e.getMessage());
                }
                debugCache(err, cache);
                result = result.withFindings(atLeast(least, perFile.apply(result.findings())));
                if (base != null) {
                    List<Finding> fresh = base.newFindings(result.findings());
                    baselined = result.findings().size() - fresh.size();
                    result = result.withFindings(fresh);
                }
            }
        }
        List<dev.ftcheck.scanner.report.RuntimeEvidence> seen = new java.util.ArrayList<>();
        for (Path r : evidence) {
            try {
                seen.addAll(dev.ftcheck.scanner.report.RuntimeEvidence.load(r));
            } catch (IOException e) {
                throw new UsageError("--evidence " + r + ": " + e.getMessage());
            }
        }
        ReportInfo info = new ReportInfo(Version.get(), baselined,
                dev.ftcheck.scanner.report.RuntimeEvidence.match(seen, result.findings(), Path.of("")));
        // Escape codes only go to a terminal (or where asked for), never into a report file.
        Style style = Style.decide(output != null && color == Style.When.auto ? Style.When.never : color,
                terminal, System.getenv("NO_COLOR"));
        String rendered = statistics ? StatisticsReport.render(result, style)
                : format.render(result, info, rules, style, quiet);
        if (output != null) {
            try {
                Path parent = output.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(output, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageError("cannot write " + output + ": " + e.getMessage());
            }
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(rendered);
            out.flush();
        }
        for (var n : result.notes()) {
            if (n.isInternalError()) {
                err.println("ftcheck scan: " + n.path() + ": " + n.message());
            }
        }
        if (hadInternalError(result)) {
            err.println("ftcheck scan: the scan is incomplete because of internal errors (exit 2)");
            return ExitCodes.USAGE;
        }
        if (threshold != null) {
            final Severity t = threshold;
            if (result.findings().stream().anyMatch(f -> f.severity().atLeast(t))) {
                return ExitCodes.FINDINGS;
            }
        }
        return ExitCodes.OK;
    }
}
