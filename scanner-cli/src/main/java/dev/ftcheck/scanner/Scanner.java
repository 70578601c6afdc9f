package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.FileContext;
import dev.ftcheck.scanner.api.FileKind;
import dev.ftcheck.scanner.api.FileRule;
import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.Language;
import dev.ftcheck.scanner.api.ModuleInfo;
import dev.ftcheck.scanner.api.ProjectContext;
import dev.ftcheck.scanner.api.ProjectPhase;
import dev.ftcheck.scanner.api.ProjectRule;
import dev.ftcheck.scanner.api.Rule;
import dev.ftcheck.scanner.api.RuleMetadata;
import dev.ftcheck.scanner.api.ScanSink;
import dev.ftcheck.scanner.api.SourceFile;
import dev.ftcheck.scanner.api.SyntaxTree;
import dev.ftcheck.scanner.cache.CacheKeys;
import dev.ftcheck.scanner.cache.InputStats;
import dev.ftcheck.scanner.cache.Key;
import dev.ftcheck.scanner.cache.ScanCache;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scan pipeline: discover inputs, then per file (in parallel) read, decode, prefilter, parse and run the file
 * rules the prefilter selected; then run project rules over everything; then apply inline suppressions and sort.
 * See {@code docs/scanner.md}.
 */
public final class Scanner {
    /** Worker stack size: rules may recurse over deep trees; 10,000 nested blocks need far more than the default. */
    private static final long WORKER_STACK_BYTES = 512L * 1024 * 1024;

    private static final boolean TIMING = Boolean.getBoolean("ftcheck.timing");
    /** Per-rule cumulative time, for -Dftcheck.timing. */
    private static final Map<String, Long> RULE_NANOS = new ConcurrentHashMap<>();
    private final List<FileRule> fileRules = new ArrayList<>();
    private final List<ProjectRule> projectRules = new ArrayList<>();
    private final ScanOptions options;
    private final Prefilter prefilter;
    private final ScanCache cache;
    /** Computed on the first cached scan (fingerprinting the code costs a little). */
    private volatile CacheKeys cacheKeys;

    /** A scanner that analyses every file. */
    public Scanner(List<? extends Rule> rules, ScanOptions options) {
        this(rules, options, null);
    }

    /**
     * A scanner that reuses and records results in {@code cache} (see {@code docs/scanner.md}, "Cache"); null for
     * none. Results are the same either way.
     */
    public Scanner(List<? extends Rule> rules, ScanOptions options, ScanCache cache) {
        this.options = options;
        this.cache = cache;
        List<List<String>> triggers = new ArrayList<>();
        for (Rule r : rules) {
            switch (r) {
                case FileRule f -> {
                    fileRules.add(f);
                    triggers.add(f.metadata().triggers());
                }
                case ProjectRule p -> projectRules.add(p);
            }
        }
        this.prefilter = new Prefilter(triggers);
    }

    /** This thread's CPU time when timing is on (robust against a busy machine), else 0. */
    static long cpuNanos() {
        return TIMING ? java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : 0;
    }

    /** Raised for input the scan cannot start on (a root that does not exist); the CLI maps it to exit code 2. */
    public static final class ScanInputException extends Exception {
        public ScanInputException(String message) {
            super(message);
        }
    }

    /** Scans the given roots (display names as the user typed them). */
    public ScanResult scan(List<String> roots) throws ScanInputException {
        long t0 = System.nanoTime();
        FileDiscovery discovery = new FileDiscovery(options.excludes(), options.defaultExcludes(),
                options.respectGitignore());
        discovery.configExcludes(options.configFile(), options.configExcludes());
        for (String root : roots) {
            try {
                discovery.walk(Path.of(root), FileDiscovery.slashes(Path.of(root)));
            } catch (FileDiscovery.BadRootException e) {
                throw new ScanInputException(e.getMessage());
            } catch (java.nio.file.InvalidPathException e) {
                throw new ScanInputException(root + ": invalid path: " + e.getReason());
            }
        }
        List<InputFile> inputs = discovery.inputs;
        inputs.sort(Comparator.comparing(InputFile::displayPath));

        Collector sink = new Collector();
        List<SkippedPath> skipped = Collections.synchronizedList(new ArrayList<>(discovery.skipped));
        List<ScanNote> notes = Collections.synchronizedList(new ArrayList<>());
        SourceFile[] sources = new SourceFile[inputs.size()];
        // what the per-file phase and the linked-code pass produced per input, replayed in input order
        FileOutcome[] outcomes = new FileOutcome[inputs.size()];
        FileOutcome[] linkedOutcomes = new FileOutcome[inputs.size()];
        Map<String, Suppressions> suppressions = new ConcurrentHashMap<>();
        AtomicLong bytes = new AtomicLong();
        AtomicLong lines = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        int parsed = 0;
        int prefiltered = 0;
        Progress progress = new Progress(options.progress(), inputs.size());

        int jobs = Math.max(1, Math.min(options.jobs(), Math.max(1, inputs.size())));
        ThreadLocal<TreeSitterParser> parsers = new ThreadLocal<>();
        List<TreeSitterParser> allParsers = Collections.synchronizedList(new ArrayList<>());
        ParserSupplier parser = () -> {
            TreeSitterParser p = parsers.get();
            if (p == null) {
                p = new TreeSitterParser();
                parsers.set(p);
                allParsers.add(p);
            }
            return p;
        };
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(null, r, "ftcheck-scan-" + threadNo.incrementAndGet(), WORKER_STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
        ScanCache.Session session = null;
        Read[] reads = null;
        Key[] fileKeys = null;
        Key resultKey = null;
        try {
            if (cache != null) {
                // Read and hash every input first: the whole result may be cached, and entries are keyed by the
                // exact bytes that are then analysed.
                CacheKeys keys = cacheKeys().forScan();
                session = cache.begin(keys, roots, ruleMetadata());
                // first the inputs' stats: when they are all as the last scan recorded, nothing needs reading
                long startNanos = System.currentTimeMillis() * 1_000_000L;
                Key shape = keys.shape(roots, discovery.skipped);
                List<InputStats.Stat> stats = statAll(inputs, pool);
                ScanResult known = session.resultFromStats(shape, stats);
                if (known != null) {
                    session.finish();
                    return reused(known, t0);
                }
                Read[] rs = new Read[inputs.size()];
                Key[] ks = new Key[inputs.size()];
                List<Future<?>> reading = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    final int idx = i;
                    reading.add(pool.submit(() -> {
                        InputFile in = inputs.get(idx);
                        rs[idx] = read(in);
                        if (rs[idx].bytes() != null) {
                            ks[idx] = keys.file(in.displayPath(), in.kind(), in.path(),
                                    CacheKeys.contentHash(rs[idx].bytes()));
                        }
                        return null;
                    }));
                }
                awaitAll(reading);
                CacheKeys.ResultKey rk = keys.result(roots, discovery.skipped);
                for (int i = 0; i < inputs.size(); i++) {
                    if (ks[i] != null) {
                        rk.add(ks[i]);
                    } else {
                        rk.add(inputs.get(i).displayPath(), rs[i].skipped().reason());
                    }
                }
                resultKey = rk.key();
                session.recordStats(shape, stats, startNanos, resultKey);
                ScanResult cached = session.result(resultKey);
                if (cached != null) {
                    session.finish();
                    return reused(cached, t0);
                }
                reads = rs;
                fileKeys = ks;
            }
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                final int idx = i;
                final Read[] rs = reads;
                final Key[] ks = fileKeys;
                final ScanCache.Session cs = session;
                futures.add(pool.submit(() -> {
                    InputFile in = inputs.get(idx);
                    try {
                        Read r = rs == null ? read(in) : rs[idx];
                        if (rs != null) {
                            rs[idx] = null; // the bytes are not needed after this file
                        }
                        SourceFile source = decode(in, r, skipped, notes, suppressions, bytes, lines);
                        if (source != null && in.kind().isCFamily() && !fileRules.isEmpty()) {
                            FileOutcome o = cs == null ? null : cs.outcome(ks[idx], source);
                            if (o != null) {
                                outcomes[idx] = o;
                            } else {
                                o = new FileOutcome();
                                outcomes[idx] = o; // kept even if analysis runs out of memory half-way
                                analyse(in, source, r.bytes(), o, parser);
                                if (cs != null) {
                                    cs.put(ks[idx], o, source);
                                }
                            }
                        }
                        sources[idx] = source;
                    } catch (OutOfMemoryError e) {
                        notes.add(new ScanNote(in.displayPath(), ScanNote.INTERNAL_ERROR + "(out of memory) while "
                                + "scanning this file"));
                    } finally {
                        progress.tick(done.incrementAndGet());
                    }
                    return null;
                }));
            }
            awaitAll(futures);
            // inputs the prefilter cleared: candidates for the linked-code pass
            Set<Integer> prefilteredOut = new HashSet<>();
            for (int i = 0; i < inputs.size(); i++) {
                FileOutcome o = outcomes[i];
                if (o != null) {
                    replay(o, sink, skipped, notes);
                    parsed += o.parsed();
                    prefiltered += o.prefiltered();
                    if (o.prefiltered() > 0) {
                        prefilteredOut.add(i);
                    }
                }
            }
            // Second, narrow pass: trigger-free files that define a function extension code calls (see ProjectPhase)
            Set<String> called = new HashSet<>();
            for (ProjectPhase.CalledNames c : sink.published(ProjectPhase.CalledNames.class)) {
                called.addAll(c.names());
            }
            List<Future<?>> linked = new ArrayList<>();
            if (!called.isEmpty() && fileRules.stream().anyMatch(Scanner::seesLinkedCode)) {
                for (int i = 0; i < inputs.size(); i++) {
                    SourceFile src = sources[i];
                    if (src == null || !prefilteredOut.contains(i) || !definesCalled(src.text(), called)) {
                        continue;
                    }
                    InputFile in = inputs.get(i);
                    final int idx = i;
                    final Key key = session == null ? null : cacheKeys().linked(fileKeys[i]);
                    final ScanCache.Session cs = session;
                    linked.add(pool.submit(() -> {
                        try {
                            FileOutcome o = cs == null ? null : cs.outcome(key, src);
                            if (o != null) {
                                linkedOutcomes[idx] = o;
                            } else {
                                o = new FileOutcome();
                                linkedOutcomes[idx] = o;
                                scanLinked(in, src, o, parser);
                                if (cs != null) {
                                    cs.put(key, o, src);
                                }
                            }
                        } catch (OutOfMemoryError e) {
                            notes.add(new ScanNote(in.displayPath(), ScanNote.INTERNAL_ERROR + "(out of memory) while scanning this file"));
                        }
                        return null;
                    }));
                }
            }
            awaitAll(linked);
            for (FileOutcome o : linkedOutcomes) {
                if (o != null) {
                    replay(o, sink, skipped, notes);
                    parsed += o.parsed();
                    prefiltered += o.prefiltered();
                }
            }
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
        allParsers.forEach(TreeSitterParser::close);

        List<SourceFile> readable = new ArrayList<>();
        for (SourceFile s : sources) {
            if (s != null) {
                readable.add(s);
            }
        }
        List<ModuleInfo> modulesSoFar = List.copyOf(sink.modules);
        for (ProjectRule rule : projectRules) {
            List<SourceFile> visible = filesFor(rule, readable);
            ProjectContext ctx = new ProjectContext(visible, modulesSoFar, sink::published, rule.metadata(), sink);
            try {
                rule.check(ctx);
            } catch (RuntimeException | StackOverflowError e) {
                notes.add(new ScanNote("(project)", ScanNote.INTERNAL_ERROR + "in rule " + rule.metadata().code() + ": " + e));
            }
        }
        for (FileRule rule : fileRules) {
            if (rule instanceof ProjectPhase phase) {
                ProjectContext ctx = new ProjectContext(readable, modulesSoFar, sink::published, rule.metadata(),
                        sink);
                try {
                    phase.finish(ctx);
                } catch (RuntimeException | StackOverflowError e) {
                    notes.add(new ScanNote("(project)", ScanNote.INTERNAL_ERROR + "in rule " + rule.metadata().code() + ": "
                            + e));
                }
            }
        }

        List<Finding> findings = new ArrayList<>();
        int suppressed = 0;
        for (Finding f : sink.findings) {
            Suppressions s = suppressions.get(f.location().file());
            if (s != null && s.suppresses(f)) {
                suppressed++;
            } else {
                findings.add(f);
            }
        }
        findings.sort(FINDING_ORDER);
        List<ModuleInfo> modules = new ArrayList<>(sink.modules);
        modules.sort(Comparator.comparing(ModuleInfo::file).thenComparingInt(ModuleInfo::line)
                .thenComparing(ModuleInfo::name));
        List<SkippedPath> skippedSorted = new ArrayList<>(skipped);
        skippedSorted.sort(Comparator.comparing(SkippedPath::path));
        List<ScanNote> notesSorted = new ArrayList<>(notes);
        notesSorted.sort(Comparator.comparing(ScanNote::path).thenComparing(ScanNote::message));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (TIMING) {
            System.err.printf("ftcheck timing (" + NativeTreeSitter.BACKEND + "): wall %d ms; CPU: tree-sitter parse"
                    + " %d ms, tree copy %d ms (%d nodes),"
                    + " parsed %d files%n", millis, TreeSitterParser.PARSE_NANOS.get() / 1_000_000,
                    TreeSitterParser.COPY_NANOS.get() / 1_000_000, TreeSitterParser.NODES.get(), parsed);
            RULE_NANOS.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
                    .forEach(e -> System.err.printf("  rule %s: %d ms%n", e.getKey(), e.getValue() / 1_000_000));
        }
        ScanStats stats = new ScanStats(readable.size(), parsed, prefiltered, bytes.get(), lines.get(),
                suppressed, millis);
        ScanResult result = new ScanResult(List.copyOf(roots), List.copyOf(findings), List.copyOf(modules),
                List.copyOf(skippedSorted), List.copyOf(notesSorted), stats);
        if (session != null) {
            if (notesSorted.stream().noneMatch(ScanNote::isInternalError)) {
                session.putResult(resultKey, result);
            }
            session.finish();
        }
        return result;
    }

    /** Hands what one file produced to the scan. */
    private static void replay(FileOutcome o, Collector sink, List<SkippedPath> skipped, List<ScanNote> notes) {
        skipped.addAll(o.skipped());
        notes.addAll(o.notes());
        o.findings().forEach(sink::finding);
        o.modules().forEach(sink::module);
        for (FileOutcome.Fact f : o.facts()) {
            sink.publishFact(f.type(), f.value());
        }
    }

    private CacheKeys cacheKeys() {
        CacheKeys k = cacheKeys;
        if (k == null) {
            k = CacheKeys.of(fileRules, projectRules, options);
            cacheKeys = k;
        }
        return k;
    }

    private List<RuleMetadata> ruleMetadata() {
        List<RuleMetadata> out = new ArrayList<>();
        fileRules.forEach(r -> out.add(r.metadata()));
        projectRules.forEach(r -> out.add(r.metadata()));
        return out;
    }

    /**
     * A note for a file with sizeable regions tree-sitter could not read (three or more lines in all): where they
     * are, and that rules saw them through the token-level fallback. Small glitches from macros are not worth one.
     */
    static String parseErrorNote(SyntaxTree tree) {
        var analysis = dev.ftcheck.scanner.analysis.FileAnalysis.of(tree);
        List<dev.ftcheck.scanner.analysis.FileAnalysis.ParseError> errors = new ArrayList<>(analysis.parseErrors());
        for (var f : analysis.tokenLevelFunctions()) {
            int first = f.nameNode().startLine();
            int last = tree.lineOf(analysis.tokens().start(Math.min(f.bodyClose(), analysis.tokens().size() - 1)));
            errors.add(new dev.ftcheck.scanner.analysis.FileAnalysis.ParseError(first, Math.max(first + 2, last)));
        }
        errors.sort(java.util.Comparator.comparingInt(dev.ftcheck.scanner.analysis.FileAnalysis.ParseError::firstLine));
        for (int k = errors.size() - 1; k > 0; k--) {
            var a = errors.get(k - 1);
            var b = errors.get(k);
            if (b.firstLine() <= a.lastLine() + 1) {
                errors.set(k - 1, new dev.ftcheck.scanner.analysis.FileAnalysis.ParseError(a.firstLine(),
                        Math.max(a.lastLine(), b.lastLine())));
                errors.remove(k);
            }
        }
        int lines = 0;
        List<String> where = new ArrayList<>();
        for (var e : errors) {
            lines += e.lastLine() - e.firstLine() + 1;
            if (where.size() < 5) {
                where.add(e.firstLine() == e.lastLine() ? "line " + e.firstLine()
                        : "lines " + e.firstLine() + "-" + e.lastLine());
            }
        }
        if (lines < 3) {
            return null;
        }
        if (errors.size() > where.size()) {
            where.add("and " + (errors.size() - where.size()) + " more");
        }
        return "could not be parsed completely (" + String.join(", ", where) + "); rules read the calls there from "
                + "the tokens, so findings in those lines are less precise and some may be missed";
    }

    private static void awaitAll(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("scan worker failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("scan interrupted");
            }
        }
    }

    private static boolean seesLinkedCode(FileRule r) {
        return r instanceof ProjectPhase p && p.analysesLinkedCode();
    }

    /** True when the text has {@code name(} for a name in {@code called}: one pass over the characters. */
    static boolean definesCalled(String text, Set<String> called) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 128 && IDENT_START[c]) {
                int s = i++;
                while (i < n && text.charAt(i) < 128 && IDENT_PART[text.charAt(i)]) {
                    i++;
                }
                int j = i;
                while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                    j++;
                }
                if (j < n && text.charAt(j) == '(' && i - s >= 3 && called.contains(text.substring(s, i))) {
                    return true;
                }
            } else if (c < 128 && IDENT_PART[c]) {
                while (i < n && text.charAt(i) < 128 && IDENT_PART[text.charAt(i)]) {
                    i++; // a number such as 0x1f: not a name
                }
            } else {
                i++;
            }
        }
        return false;
    }

    private static final boolean[] IDENT_START = new boolean[128];
    private static final boolean[] IDENT_PART = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            IDENT_START[c] = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            IDENT_PART[c] = IDENT_START[c] || c >= '0' && c <= '9';
        }
    }

    /** Pass two on a trigger-free file: parse it and run only the rules that analyse linked code. */
    private void scanLinked(InputFile in, SourceFile source, FileOutcome out, ParserSupplier parsers) {
        String text = source.text();
        if (text.length() > options.maxParseBytes() || GeneratedCode.isCythonOutput(text)) {
            return;
        }
        Language lang = in.kind() == FileKind.CPP_SOURCE ? Language.CPP : Language.C;
        SyntaxTree tree;
        try {
            tree = parsers.get().parse(text, lang);
        } catch (RuntimeException e) {
            out.note(new ScanNote(in.displayPath(), "parser failed on linked code: " + e));
            return;
        }
        out.countParsed();
        out.countPrefiltered(-1);
        for (FileRule rule : fileRules) {
            if (!seesLinkedCode(rule)) {
                continue;
            }
            runRule(rule, new FileContext(source, lang, tree, rule.metadata(), out, true), in, out);
        }
    }

    public static final Comparator<Finding> FINDING_ORDER = Comparator
            .comparing((Finding f) -> f.location().file())
            .thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column())
            .thenComparing(Finding::code)
            .thenComparing(Finding::message);

    private interface ParserSupplier {
        TreeSitterParser get();
    }

    /** A cached result with this scan's elapsed time. */
    private static ScanResult reused(ScanResult cached, long t0) {
        ScanStats st = cached.stats();
        return new ScanResult(cached.roots(), cached.findings(), cached.modules(), cached.skipped(), cached.notes(),
                new ScanStats(st.files(), st.parsed(), st.prefiltered(), st.bytes(), st.lines(), st.suppressed(),
                        (System.nanoTime() - t0) / 1_000_000));
    }

    /** Every input's file-system stats, in input order; null when one cannot be read. */
    private static List<InputStats.Stat> statAll(List<InputFile> inputs, ExecutorService pool) {
        InputStats.Stat[] out = new InputStats.Stat[inputs.size()];
        List<Future<?>> work = new ArrayList<>();
        int chunk = 64; // a stat is cheap: batches keep the task overhead below it
        for (int from = 0; from < inputs.size(); from += chunk) {
            final int lo = from;
            final int hi = Math.min(inputs.size(), from + chunk);
            work.add(pool.submit(() -> {
                for (int i = lo; i < hi; i++) {
                    out[i] = InputStats.of(inputs.get(i).displayPath(), inputs.get(i).path());
                }
                return null;
            }));
        }
        awaitAll(work);
        for (InputStats.Stat st : out) {
            if (st == null) {
                return null;
            }
        }
        return List.of(out);
    }

    /** An input's bytes, or why it was not read. */
    private record Read(byte[] bytes, SkippedPath skipped) {}

    private Read read(InputFile in) {
        try {
            long size = Files.size(in.path());
            if (size > options.maxReadBytes()) {
                return new Read(null, new SkippedPath(in.displayPath(), "larger than "
                        + options.maxReadBytes() / (1024 * 1024) + " MiB: not read"));
            }
            return new Read(Files.readAllBytes(in.path()), null);
        } catch (AccessDeniedException e) {
            return new Read(null, new SkippedPath(in.displayPath(), "permission denied"));
        } catch (IOException e) {
            return new Read(null, new SkippedPath(in.displayPath(), "unreadable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        } catch (OutOfMemoryError e) {
            return new Read(null, new SkippedPath(in.displayPath(), "too large to read into memory"));
        }
    }

    /** The input as project rules see it, with its suppressions and counters recorded; null when not readable. */
    private SourceFile decode(InputFile in, Read r, List<SkippedPath> skipped, List<ScanNote> notes,
            Map<String, Suppressions> suppressions, AtomicLong bytesRead, AtomicLong linesRead) {
        if (r.skipped() != null) {
            skipped.add(r.skipped());
            return null;
        }
        byte[] bytes = r.bytes();
        if (DecodedSource.looksBinary(bytes)) {
            skipped.add(new SkippedPath(in.displayPath(), "binary file (NUL bytes)"));
            return null;
        }
        DecodedSource decoded = DecodedSource.decode(bytes);
        if (decoded.note() != null) {
            notes.add(new ScanNote(in.displayPath(), decoded.note()));
        }
        String text = decoded.text();
        bytesRead.addAndGet(bytes.length);
        linesRead.addAndGet(countLines(bytes));
        SourceFile source = new SourceFile(in.path(), in.displayPath(), in.kind(), text);
        suppressions.put(in.displayPath(), Suppressions.parse(text));
        return source;
    }

    /**
     * The per-file phase on a C/C++ file: prefilter, parse, run the selected file rules. Everything it produces
     * goes into {@code out}, which is what the cache keeps per file.
     */
    private void analyse(InputFile in, SourceFile source, byte[] bytes, FileOutcome out, ParserSupplier parsers) {
        String text = source.text();
        boolean[] selected = prefilter.rulesFor(bytes);
        boolean any = false;
        for (boolean b : selected) {
            any |= b;
        }
        if (!any) {
            out.countPrefiltered(1);
            return;
        }
        if (bytes.length > options.maxParseBytes()) {
            out.skip(new SkippedPath(in.displayPath(), "larger than the parse limit of "
                    + options.maxParseBytes() / (1024 * 1024) + " MiB (raise it with --max-file-size)"));
            return;
        }
        if (GeneratedCode.isCythonOutput(text)) {
            out.skip(new SkippedPath(in.displayPath(), "generated by Cython (the .pyx/.pxd sources are scanned)"));
            return;
        }
        Language lang = in.kind() == FileKind.CPP_SOURCE ? Language.CPP : Language.C;
        SyntaxTree tree;
        try {
            tree = parsers.get().parse(text, lang);
        } catch (RuntimeException e) {
            out.skip(new SkippedPath(in.displayPath(), "parser failed: " + e));
            return;
        }
        out.countParsed();
        String parseNote = parseErrorNote(tree);
        if (parseNote != null) {
            out.note(new ScanNote(in.displayPath(), parseNote));
        }
        for (int r = 0; r < fileRules.size(); r++) {
            if (!selected[r]) {
                continue;
            }
            FileRule rule = fileRules.get(r);
            runRule(rule, new FileContext(source, lang, tree, rule.metadata(), out), in, out);
        }
    }

    private void runRule(FileRule rule, FileContext ctx, InputFile in, FileOutcome out) {
        long ruleStart = TIMING ? cpuNanos() : 0;
        try {
            rule.check(ctx);
            if (TIMING) {
                RULE_NANOS.merge(rule.metadata().code(), cpuNanos() - ruleStart, Long::sum);
            }
        } catch (StackOverflowError e) {
            out.note(new ScanNote(in.displayPath(), "rule " + rule.metadata().code()
                    + " gave up: nesting too deep to analyse"));
        } catch (RuntimeException e) {
            out.note(new ScanNote(in.displayPath(), ScanNote.INTERNAL_ERROR + "in rule " + rule.metadata().code() + ": "
                    + e));
        }
    }

    /**
     * The inputs a project rule sees: everything, except that a rule declaring triggers only gets the C/C++ files
     * whose text contains one (most C of a large tree has nothing a project rule looks for).
     */
    private static List<SourceFile> filesFor(ProjectRule rule, List<SourceFile> all) {
        List<String> triggers = rule.metadata().triggers();
        if (triggers.isEmpty()) {
            return all;
        }
        List<SourceFile> out = new ArrayList<>();
        for (SourceFile f : all) {
            if (!f.kind().isCFamily() || triggers.stream().anyMatch(f.text()::contains)) {
                out.add(f);
            }
        }
        return out;
    }

    private static long countLines(byte[] b) {
        long n = 0;
        for (byte x : b) {
            if (x == '\n') {
                n++;
            }
        }
        return b.length > 0 && b[b.length - 1] != '\n' ? n + 1 : n;
    }

    /** Thread-safe collection point for everything rules report. */
    private static final class Collector implements ScanSink {
        final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        final List<ModuleInfo> modules = Collections.synchronizedList(new ArrayList<>());
        private final Map<Class<?>, List<Object>> facts = new HashMap<>();

        @Override
        public void finding(Finding finding) {
            findings.add(finding);
        }

        @Override
        public void module(ModuleInfo module) {
            modules.add(module);
        }

        @Override
        public synchronized <T> void publish(Class<T> type, T fact) {
            facts.computeIfAbsent(type, k -> new ArrayList<>()).add(fact);
        }

        /** A fact replayed from a {@link FileOutcome}, whose type was checked when it was published or decoded. */
        synchronized void publishFact(Class<?> type, Object fact) {
            facts.computeIfAbsent(type, k -> new ArrayList<>()).add(type.cast(fact));
        }

        synchronized <T> List<T> published(Class<T> type) {
            List<Object> l = facts.getOrDefault(type, List.of());
            List<T> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(type.cast(o));
            }
            return out;
        }
    }
}
