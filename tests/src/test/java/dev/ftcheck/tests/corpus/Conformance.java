package dev.ftcheck.tests.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ftcheck.tests.corpus.CorpusManifest.ExtensionModule;
import dev.ftcheck.tests.corpus.CorpusManifest.SourcePackage;
import dev.ftcheck.tests.support.CythonTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The conformance corpus run: builds every manifest module in each requested mode, runs its known-answer calls and
 * compares them with the reference answers committed under {@code tests/corpus/expected/}.
 */
final class Conformance {
    /** One row of the table. */
    record Row(SourcePackage pkg, ExtensionModule module, Map<Mode, Verdict> verdicts) {
        String label() {
            return module.name() + " (" + pkg.key() + " " + pkg.version() + ")";
        }
    }

    /**
     * The toolchains and interpreters a run uses; a null toolchain means that mode cannot run here, for
     * {@code missing.get(mode)}'s reason.
     */
    record Setup(Map<Mode, Toolchain> toolchains, Map<Mode, String> missing, ReferencePython reference,
            FtcheckRunner ftcheck) {}

    private final CorpusManifest manifest;
    private final Path expectedDir;
    private final ModuleBuilder builder;
    private final Path work;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    Conformance(CorpusManifest manifest, Path expectedDir, ModuleBuilder builder, Path work) {
        this.manifest = manifest;
        this.expectedDir = expectedDir;
        this.builder = builder;
        this.work = work;
    }

    List<Row> run(Setup setup, List<Mode> modes, String only) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (SourcePackage pkg : manifest.packages()) {
                for (ExtensionModule mod : pkg.modules()) {
                    if (!selected(only, pkg, mod)) {
                        continue;
                    }
                    futures.add(pool.submit(() -> row(setup, modes, pkg, mod)));
                }
            }
            List<Row> rows = new ArrayList<>();
            for (Future<Row> f : futures) {
                try {
                    rows.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("corpus run failed: " + e.getCause(), e.getCause());
                }
            }
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code only} is a comma-separated list of module names and package ids; blank selects all. */
    private static boolean selected(String only, SourcePackage pkg, ExtensionModule mod) {
        if (only == null || only.isBlank()) {
            return true;
        }
        List<String> names = List.of(only.split(","));
        return names.contains(mod.name()) || names.contains(pkg.key());
    }

    private Row row(Setup setup, List<Mode> modes, SourcePackage pkg, ExtensionModule mod) {
        for (Mode m : modes) {
            deleteTree(buildRoot(m, pkg, mod));   // no file of an earlier run may stand in
        }
        Map<Mode, Verdict> v = new EnumMap<>(Mode.class);
        if (modes.contains(Mode.REFERENCE)) {
            v.put(Mode.REFERENCE, reference(setup, pkg, mod));
        } else {
            v.put(Mode.REFERENCE, recordedReference(pkg, mod));
        }
        for (Mode m : modes) {
            if (m != Mode.REFERENCE) {
                v.put(m, v.get(Mode.REFERENCE).status() == Verdict.Status.PASS ? underFtcheck(setup, m, pkg, mod)
                        : Verdict.skip("reference mode did not pass"));
            }
        }
        return new Row(pkg, mod, v);
    }

    /** Builds for the real CPython, runs there, and writes the answers as the committed expected values. */
    private Verdict reference(Setup setup, SourcePackage pkg, ExtensionModule mod) {
        if (setup.reference() == null) {
            return Verdict.skip(setup.missing().get(Mode.REFERENCE));
        }
        Path out = buildRoot(Mode.REFERENCE, pkg, mod);
        try {
            Path so = build(pkg, mod, Toolchain.forPython(setup.reference()), out);
            builder.overlayPythonPackage(pkg, mod, out);
            KnownAnswers answers;
            try {
                answers = new ReferenceRunner().run(setup.reference(), mod, so, out, scratch(Mode.REFERENCE, pkg));
            } catch (IOException e) {
                // recorded too, so the table keeps saying why this module does not count
                answers = new KnownAnswers(mod.name(), setup.reference().description(),
                        new KnownAnswers.Failure("crash", e.getMessage()), List.of(), List.of());
            }
            answers = withoutBuildPath(answers, out);
            Path file = expectedFile(pkg, mod);
            Files.createDirectories(file.getParent());
            json.writeValue(file.toFile(), answers);
            return referenceVerdict(answers);
        } catch (DebianArchive.Unavailable e) {
            return Verdict.skip("not available: " + e.getMessage());
        } catch (ModuleBuilder.CythonRejects e) {
            // recorded, so that runs without --reference keep listing the module with the reason
            KnownAnswers rejected = new KnownAnswers(mod.name(), "Cython " + CythonTool.VERSION,
                    new KnownAnswers.Failure("rejected", e.getMessage()), List.of(), List.of());
            try {
                Path file = expectedFile(pkg, mod);
                Files.createDirectories(file.getParent());
                json.writeValue(file.toFile(), rejected);
            } catch (IOException io) {
                return Verdict.fail(io.getMessage());
            }
            return referenceVerdict(rejected);
        } catch (ModuleBuilder.BuildFailed e) {
            return Verdict.fail(e.getMessage());
        } catch (IOException e) {
            return Verdict.fail(e.getMessage());
        }
    }

    /** Committed answers must not name this machine's cache folder; the file name says enough. */
    private static KnownAnswers withoutBuildPath(KnownAnswers a, Path buildRoot) {
        KnownAnswers.Failure f = a.importError();
        if (f == null) {
            return a;
        }
        String message = f.message().replace(buildRoot + "/", "");
        return new KnownAnswers(a.module(), a.python(), new KnownAnswers.Failure(f.type(), message), a.warnings(),
                a.calls());
    }

    private Verdict recordedReference(SourcePackage pkg, ExtensionModule mod) {
        Optional<KnownAnswers> a = expected(pkg, mod);
        return a.map(Conformance::referenceVerdict).orElseGet(() -> Verdict.skip(
                "no expected values in " + expectedFile(pkg, mod) + " (run tests/corpus/conformance --reference)"));
    }

    /** A module passes reference mode when it imports and every call was answered by the module itself. */
    private static Verdict referenceVerdict(KnownAnswers a) {
        if (a.importError() != null && a.importError().type().equals("rejected")) {
            return Verdict.fail(a.importError().message());
        }
        if (a.importError() != null) {
            return Verdict.fail("import failed in " + a.python() + ": " + a.importError());
        }
        return Verdict.pass();
    }

    private Verdict underFtcheck(Setup setup, Mode mode, SourcePackage pkg, ExtensionModule mod) {
        Toolchain tc = setup.toolchains().get(mode);
        if (tc == null) {
            return Verdict.skip(setup.missing().get(mode));
        }
        KnownAnswers want = expected(pkg, mod, mode.abi).orElseThrow();
        try {
            Path root = buildRoot(mode, pkg, mod);
            Path so = build(pkg, mod, tc, root);
            builder.overlayPythonPackage(pkg, mod, root);   // packages make the dotted name
            KnownAnswers got = setup.ftcheck().run(mod, so, scratch(mode, pkg), mode.abi);
            Files.createDirectories(scratch(mode, pkg));
            json.writeValue(scratch(mode, pkg).resolve(mod.name() + ".answers.json").toFile(), got);
            return Verdict.compare(want, got);
        } catch (DebianArchive.Unavailable e) {
            return Verdict.skip("not available: " + e.getMessage());
        } catch (ModuleBuilder.BuildFailed | FtcheckRunner.NoReport | IOException e) {
            return Verdict.fail(e.getMessage());
        }
    }

    Optional<KnownAnswers> expected(SourcePackage pkg, ExtensionModule mod) {
        Path f = expectedFile(pkg, mod);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(f.toFile(), KnownAnswers.class));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable expected values " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * The answers a mode of ABI {@code abi} must give: the reference's, unless {@code NAME.abi-3.14.json} beside them
     * says what differs in that ABI (there is no CPython 3.14 interpreter here to record it: such a file is written
     * by hand from the 3.13 one, and its {@code python} field says why).
     */
    Optional<KnownAnswers> expected(SourcePackage pkg, ExtensionModule mod, String abi) {
        Path f = expectedFile(pkg, mod).resolveSibling(mod.name() + ".abi-" + abi + ".json");
        if (Files.isRegularFile(f)) {
            try {
                return Optional.of(json.readValue(f.toFile(), KnownAnswers.class));
            } catch (IOException e) {
                throw new IllegalStateException("unreadable expected values " + f + ": " + e.getMessage(), e);
            }
        }
        return expected(pkg, mod);
    }

    private Path expectedFile(SourcePackage pkg, ExtensionModule mod) {
        return expectedDir.resolve(pkg.key()).resolve(mod.name() + ".json");
    }

    /** One folder per module, so that rows built in parallel never share (or race for) a sibling's file. */
    private Path buildRoot(Mode mode, SourcePackage pkg, ExtensionModule mod) {
        return work.resolve("build").resolve(mode.label).resolve(pkg.key() + "-" + pkg.version())
                .resolve(mod.name());
    }

    /** Builds the modules mod requires into out, then mod itself; returns mod's file. */
    private Path build(SourcePackage pkg, ExtensionModule mod, Toolchain tc, Path out)
            throws DebianArchive.Unavailable, ModuleBuilder.BuildFailed {
        for (String name : mod.requires()) {
            ExtensionModule dep = pkg.modules().stream().filter(m -> m.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(mod.name() + " requires " + name
                            + ", which its package entry does not list"));
            build(pkg, dep, tc, out);
        }
        return builder.build(pkg, mod, tc, out);
    }

    private Path scratch(Mode mode, SourcePackage pkg) {
        return work.resolve("runs").resolve(mode.label).resolve(pkg.key());
    }

    /** The table: one row per module, a column per mode, then the first failure reason. */
    static String table(List<Row> rows, List<Mode> modes) {
        StringBuilder sb = new StringBuilder("| module | ");
        modes.forEach(m -> sb.append(m.label).append(" | "));
        sb.append("first failure |\n|---|");
        modes.forEach(m -> sb.append("---|"));
        sb.append("---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.label()).append(" | ");
            String reason = "";
            for (Mode m : modes) {
                Verdict v = r.verdicts().get(m);
                sb.append(v == null ? "-" : v.cell()).append(" | ");
                if (v != null && reason.isEmpty() && v.status() != Verdict.Status.PASS) {
                    reason = m.label + ": " + v.reason();
                }
            }
            sb.append(shorten(reason).replace("|", "\\|")).append(" |\n");
        }
        for (Mode m : modes) {
            long pass = count(rows, m, Verdict.Status.PASS);
            long base = m == Mode.REFERENCE ? rows.size() : count(rows, Mode.REFERENCE, Verdict.Status.PASS);
            sb.append(String.format("%s: %d of %d pass%s%n", m.label, pass, base,
                    m == Mode.REFERENCE ? "" : " (of the modules that pass reference mode)"));
        }
        return sb.toString();
    }

    static long count(List<Row> rows, Mode m, Verdict.Status s) {
        return rows.stream().filter(r -> r.verdicts().get(m) != null && r.verdicts().get(m).status() == s).count();
    }

    static String shorten(String s) {
        String one = s.replace('\n', ' ').replace(CacheDir.root().toString(), "~cache");
        java.util.regex.Matcher undefined = java.util.regex.Pattern.compile("undefined symbol: \\S+").matcher(one);
        if (undefined.find()) {
            one = one.substring(0, Math.min(one.length(), one.indexOf(':') + 1)) + " " + undefined.group();
        }
        return one.length() <= 220 ? one : one.substring(0, 217) + "...";
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
