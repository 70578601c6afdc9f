package dev.ftcheck.tests.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ftcheck.tests.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Real third-party extension modules from Debian's source packages, built against ftcheck's headers and against
 * CPython 3.13's own free-threaded headers, each run by {@code ftcheck run} and compared with what a real CPython
 * returned. {@code tests/corpus/status.json} lists the modules known to pass; any of them failing fails the test,
 * and the table says why. {@code tests/corpus/conformance} runs this with options (reference mode, one module).
 */
class ConformanceCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void corpusModulesGiveTheReferenceAnswers() throws Exception {
        Path repo = Cli.repo();
        Path corpus = repo.resolve("tests/corpus");
        List<Mode> modes = Arrays.stream(System.getProperty("corpus.modes", "ftcheck,binary").split(","))
                .map(s -> Mode.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT))).toList();
        String only = System.getProperty("corpus.only", "");
        Path cache = CacheDir.root();
        DebianArchive archive = DebianArchive.inCache();
        Path work = cache.resolve("corpus");
        Conformance c = new Conformance(CorpusManifest.load(corpus.resolve("manifest.json")),
                corpus.resolve("expected"), new ModuleBuilder(archive, work), work);
        List<Mode> shown = new ArrayList<>(List.of(Mode.REFERENCE));
        modes.stream().filter(m -> m != Mode.REFERENCE).forEach(shown::add);
        List<Conformance.Row> rows = c.run(setup(archive, cache, modes), modes, only);
        String table = Conformance.table(rows, shown);
        System.out.println(table);
        Path out = repo.resolve("tests/target/conformance");
        Files.createDirectories(out);
        Files.writeString(out.resolve("table.md"), table);
        Map<String, List<String>> passing = passing(rows, shown);
        JSON.writeValue(out.resolve("status.json").toFile(), passing);
        if (!only.isBlank()) {
            return;
        }
        boolean nothingFetched = rows.stream().allMatch(r -> r.verdicts().values().stream()
                .allMatch(v -> v.status() == Verdict.Status.SKIP && v.reason().contains("not available")));
        org.junit.jupiter.api.Assumptions.assumeFalse(nothingFetched && !rows.isEmpty(),
                "Debian's archive served none of the corpus packages here:\n" + table);
        if (Boolean.getBoolean("corpus.update-status")) {
            JSON.writeValue(corpus.resolve("status.json").toFile(), passing);
        }
        @SuppressWarnings("unchecked")
        Map<String, List<String>> known = JSON.readValue(corpus.resolve("status.json").toFile(), Map.class);
        List<String> regressions = new ArrayList<>();
        for (Mode m : shown) {
            for (String name : known.getOrDefault(m.label, List.of())) {
                Optional<Conformance.Row> row = rows.stream().filter(r -> r.label().equals(name)).findFirst();
                Verdict v = row.map(r -> r.verdicts().get(m)).orElse(null);
                if (v == null || v.status() == Verdict.Status.FAIL) {
                    regressions.add(m.label + ": " + name + (v == null ? " is gone from the manifest" : ": " + v.reason()));
                }
            }
        }
        assertTrue(regressions.isEmpty(), "modules that passed before fail now:\n" + String.join("\n", regressions)
                + "\n\n" + table);
    }

    /** Per mode, the modules that pass, sorted: the committed status file's form. */
    private static Map<String, List<String>> passing(List<Conformance.Row> rows, List<Mode> modes) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Mode mode : modes) {
            TreeSet<String> names = new TreeSet<>();
            rows.stream().filter(r -> r.verdicts().get(mode) != null
                    && r.verdicts().get(mode).status() == Verdict.Status.PASS).forEach(r -> names.add(r.label()));
            m.put(mode.label, List.copyOf(names));
        }
        return m;
    }

    private static Conformance.Setup setup(DebianArchive archive, Path cache, List<Mode> modes) throws Exception {
        Map<Mode, Toolchain> tcs = new EnumMap<>(Mode.class);
        Map<Mode, String> missing = new EnumMap<>(Mode.class);
        FreeThreadedCPython ft = new FreeThreadedCPython(archive, cache);
        ReferencePython reference = null;
        if (modes.contains(Mode.REFERENCE)) {
            try {
                reference = ft.obtain();
            } catch (DebianArchive.Unavailable e) {
                missing.put(Mode.REFERENCE, "no free-threaded CPython 3.13: " + e.getMessage());
            }
        }
        Cli.Result cflags = Cli.run("config", "--cflags");
        Cli.Result suffix = Cli.run("config", "--extension-suffix");
        if (cflags.exitCode() != 0 || suffix.exitCode() != 0) {
            throw new IllegalStateException("ftcheck config failed: " + cflags + suffix);
        }
        tcs.put(Mode.FTCHECK, new Toolchain("ftcheck's headers", List.of(cflags.out().strip().split("\\s+")),
                suffix.out().strip()));
        Optional<ReferencePython> cached = ft.cached();
        if (cached.isPresent()) {
            tcs.put(Mode.BINARY, Toolchain.forPython(cached.get()));
        } else {
            Optional<ReferencePython> py313 = ReferencePython.pyenv("3.13");
            if (py313.isPresent()) {
                tcs.put(Mode.BINARY, Toolchain.of("CPython " + py313.get().version()
                        + " headers with Py_GIL_DISABLED=1", py313.get().includeDir(), List.of("Py_GIL_DISABLED=1"),
                        ".cpython-313t-x86_64-linux-gnu.so"));
            } else {
                missing.put(Mode.BINARY, "no CPython 3.13 headers: neither a cached free-threaded build nor pyenv 3.13");
            }
        }
        Path jar = Cli.repo().resolve("scanner-cli/target/ftcheck.jar");
        FtcheckRunner runner = new FtcheckRunner(List.of(Cli.javaExecutable(), "--enable-native-access=ALL-UNNAMED",
                "-jar", jar.toString()));
        return new Conformance.Setup(tcs, missing, reference, runner);
    }
}
