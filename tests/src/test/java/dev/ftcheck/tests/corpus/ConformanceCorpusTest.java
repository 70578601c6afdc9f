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
 * CPython's own headers in each ABI (3.13: CPython 3.13's free-threaded headers; 3.14: Debian's 3.14.8 headers with
 * Py_GIL_DISABLED=1), each run by {@code ftcheck run} and compared with what a real CPython 3.13 returned.
 * {@code tests/corpus/status.json} lists the modules known to pass; any of them failing fails the test, and the
 * table says why; each 3.14 mode must pass as many modules as its 3.13 counterpart. {@code tests/corpus/conformance}
 * runs this with options (reference mode, some modes, one module).
 */
class ConformanceCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** What {@code ./build test} runs: every mode but the reference, in both ABIs. */
    static final String DEFAULT_MODES = "ftcheck,binary,ftcheck-3.14,binary-3.14";

    @Test
    void corpusModulesGiveTheReferenceAnswers() throws Exception {
        Path repo = Cli.repo();
        Path corpus = repo.resolve("tests/corpus");
        List<Mode> modes = Arrays.stream(System.getProperty("corpus.modes", DEFAULT_MODES).split(","))
                .map(Mode::of).distinct().toList();
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
        Path statusFile = corpus.resolve("status.json");
        if (Boolean.getBoolean("corpus.update-status")) {
            CorpusStatus updated = CorpusStatus.load(statusFile);   // the modes this run did not have keep theirs
            for (Mode m : shown) {
                updated.setPassing(m, passing.get(m.label));
                if (m.in313() != m && shown.contains(m.in313())) {
                    Map<String, String> g = new LinkedHashMap<>();
                    onlyFailing(rows, m, m.in313()).forEach(r -> g.put(r.label(), Conformance.shorten(
                            r.verdicts().get(m).reason())));
                    updated.setGaps(m, g);
                }
            }
            updated.write(statusFile);
        }
        CorpusStatus known = CorpusStatus.load(statusFile);
        List<String> regressions = new ArrayList<>();
        for (Mode m : shown) {
            for (String name : known.passing(m)) {
                Optional<Conformance.Row> row = rows.stream().filter(r -> r.label().equals(name)).findFirst();
                Verdict v = row.map(r -> r.verdicts().get(m)).orElse(null);
                if (v == null || v.status() == Verdict.Status.FAIL) {
                    regressions.add(m.label + ": " + name + (v == null ? " is gone from the manifest" : ": " + v.reason()));
                }
            }
        }
        assertTrue(regressions.isEmpty(), "modules that passed before fail now:\n" + String.join("\n", regressions)
                + "\n\n" + table);
        // Each 3.14 mode is held to its 3.13 counterpart: the same expected values, so the same pass count, but for
        // the gaps status.json lists (abiGaps: what the 3.14 runtime lacks, with the reason).
        List<String> unexplained = new ArrayList<>();
        for (Mode m : shown) {
            Mode base = m.in313();
            if (base == m || !shown.contains(base)) {
                continue;
            }
            Map<String, String> listed = known.gaps(m);
            List<Conformance.Row> worse = onlyFailing(rows, m, base);
            long gapsHit = worse.stream().filter(r -> listed.containsKey(r.label())).count();
            long got = Conformance.count(rows, m, Verdict.Status.PASS);
            long want = Conformance.count(rows, base, Verdict.Status.PASS);
            System.out.printf("%s: %d pass, %s: %d, known 3.14 gaps failing: %d of %d listed%n", m.label, got,
                    base.label, want, gapsHit, listed.size());
            listed.keySet().stream().filter(l -> worse.stream().noneMatch(r -> r.label().equals(l))).forEach(l ->
                    System.out.println(m.label + ": the listed gap " + l + " is closed (passes, or fails in "
                            + base.label + " too): drop it from status.json's " + CorpusStatus.GAPS));
            List<String> unlisted = worse.stream().filter(r -> !listed.containsKey(r.label()))
                    .map(r -> r.label() + " (" + r.verdicts().get(m).reason() + ")").toList();
            if (!unlisted.isEmpty() || got != want - gapsHit) {
                unexplained.add(m.label + ": " + got + " pass, " + base.label + ": " + want + " with " + gapsHit
                        + " known gaps; failing in " + m.label + " only and not listed: " + unlisted
                        + "; passing in " + m.label + " only: " + onlyFailing(rows, base, m).stream()
                        .map(Conformance.Row::label).toList());
            }
        }
        assertTrue(unexplained.isEmpty(), "the 3.14 ABI does not pass what the 3.13 one does:\n"
                + String.join("\n", unexplained) + "\n\n" + table);
    }

    /** The rows that pass {@code base} but not {@code m}. */
    private static List<Conformance.Row> onlyFailing(List<Conformance.Row> rows, Mode m, Mode base) {
        return rows.stream().filter(r -> r.verdicts().get(base) != null && r.verdicts().get(m) != null
                && r.verdicts().get(base).status() == Verdict.Status.PASS
                && r.verdicts().get(m).status() != Verdict.Status.PASS).toList();
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
        for (String abi : List.of("3.13", "3.14")) {
            Cli.Result cflags = Cli.run("config", "--abi", abi, "--cflags");
            Cli.Result suffix = Cli.run("config", "--abi", abi, "--extension-suffix");
            if (cflags.exitCode() != 0 || suffix.exitCode() != 0) {
                throw new IllegalStateException("ftcheck config --abi " + abi + " failed: " + cflags + suffix);
            }
            tcs.put(abi.equals("3.13") ? Mode.FTCHECK : Mode.FTCHECK_314, new Toolchain("ftcheck's " + abi
                    + " headers", List.of(cflags.out().strip().split("\\s+")), suffix.out().strip()));
        }
        for (Mode m : List.of(Mode.BINARY, Mode.BINARY_314)) {
            if (modes.contains(m)) {
                CPythonHeaders.Located h = CPythonHeaders.of(m.abi);
                if (h.problem() == null) {
                    tcs.put(m, new Toolchain(h.description(), h.cflags(), h.extSuffix()));
                } else {
                    missing.put(m, h.problem());
                }
            }
        }
        Path jar = Cli.repo().resolve("scanner-cli/target/ftcheck.jar");
        FtcheckRunner runner = new FtcheckRunner(List.of(Cli.javaExecutable(), "--enable-native-access=ALL-UNNAMED",
                "-jar", jar.toString()));
        return new Conformance.Setup(tcs, missing, reference, runner);
    }
}
