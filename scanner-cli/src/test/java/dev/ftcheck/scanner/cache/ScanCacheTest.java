package dev.ftcheck.scanner.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.scanner.ScanOptions;
import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.ScanStats;
import dev.ftcheck.scanner.Scanner;
import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.Rule;
import dev.ftcheck.scanner.report.JsonReport;
import dev.ftcheck.scanner.report.ReportInfo;
import dev.ftcheck.scanner.rules.RuleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan cache through the Java API: a scan that reuses entries gives exactly the result of one that analyses
 * everything, whatever was reused (the whole result, or per-file entries with the project phase run again).
 */
class ScanCacheTest {
    private static final List<Rule> ALL = RuleRegistry.all();

    static Path fixtures() throws Exception {
        return Path.of(ScanCacheTest.class.getResource("/fixtures").toURI());
    }

    /** Everything but the wall time, which is all a cached scan may change. */
    static ScanResult timeless(ScanResult r) {
        ScanStats s = r.stats();
        return new ScanResult(r.roots(), r.findings(), r.modules(), r.skipped(), r.notes(),
                new ScanStats(s.files(), s.parsed(), s.prefiltered(), s.bytes(), s.lines(), s.suppressed(), 0));
    }

    static String json(ScanResult r) {
        return JsonReport.render(r, new ReportInfo("test", 0));
    }

    static ScanResult uncached(Path root, List<Rule> rules, ScanOptions options) throws Exception {
        return new Scanner(rules, options).scan(List.of(root.toString()));
    }

    static ScanResult cached(ScanCache cache, Path root, List<Rule> rules, ScanOptions options) throws Exception {
        return new Scanner(rules, options, cache).scan(List.of(root.toString()));
    }

    static ScanCache cacheIn(Path dir, List<String> warnings) {
        return ScanCache.at(dir, warnings::add);
    }

    /** Asserts equal results and equal JSON reports (the same bytes), with a readable first difference. */
    static void assertSame(ScanResult expected, ScanResult actual) {
        assertEquals(json(expected), json(actual));
        assertEquals(timeless(expected), timeless(actual)); // also the fixes, which the JSON report leaves out
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    @Test
    void coldAndWarmScansOfEveryFixtureGiveTheSameReport(@TempDir Path tmp) throws Exception {
        ScanOptions options = ScanOptions.defaults().withJobs(2);
        ScanResult reference = uncached(fixtures(), ALL, options);
        assertTrue(reference.findings().size() > 100, "the fixtures have findings: " + reference.findings().size());
        assertTrue(reference.findings().stream().anyMatch(f -> f.fix() != null), "and fixes");
        List<String> warnings = new ArrayList<>();
        ScanCache cache = cacheIn(tmp.resolve("cache"), warnings);

        ScanResult cold = cached(cache, fixtures(), ALL, options);
        ScanCache.Stats coldStats = cache.lastStats();
        assertEquals(0, coldStats.reused());
        assertTrue(coldStats.analysed() > 50, coldStats.toString());
        assertFalse(coldStats.resultReused());
        assertTrue(coldStats.written());
        assertSame(reference, cold);

        ScanResult warm = cached(cache, fixtures(), ALL, options);
        assertTrue(cache.lastStats().resultReused(), cache.lastStats().toString());
        assertEquals(0, cache.lastStats().analysed());
        assertFalse(cache.lastStats().written(), "an unchanged tree rewrites nothing");
        assertSame(reference, warm);
        assertEquals(List.of(), warnings);
    }

    @Test
    void perFileEntriesReplayedIntoANewProjectPhaseGiveTheSameReport(@TempDir Path tmp) throws Exception {
        // A new file changes the whole-result key, so every other file comes from its entry and the project rules
        // run again over replayed facts: the path an edit takes.
        Path tree = tmp.resolve("tree");
        copyTree(fixtures(), tree);
        ScanOptions options = ScanOptions.defaults().withJobs(2);
        ScanCache cache = cacheIn(tmp.resolve("cache"), new ArrayList<>());
        cached(cache, tree, ALL, options);
        int entries = cache.lastStats().analysed();
        Files.writeString(tree.resolve("added.c"), "#include <Python.h>\nstatic PyObject *cache;\n"
                + "static PyObject *get(PyObject *s, PyObject *a) { if (!cache) cache = PyList_New(0);"
                + " return PyList_GetItem(cache, 0); }\n");
        ScanResult warm = cached(cache, tree, ALL, options);
        ScanCache.Stats st = cache.lastStats();
        assertFalse(st.resultReused());
        assertEquals(1, st.analysed(), st.toString());
        assertEquals(entries, st.reused(), st.toString());
        ScanResult reference = uncached(tree, ALL, options);
        assertSame(reference, warm);
        assertTrue(warm.findings().stream().anyMatch(f -> f.location().file().endsWith("added.c")));
    }

    @Test
    void anEditChangesItsFileAndTheCrossFileFindingsThatDependOnIt(@TempDir Path tmp) throws Exception {
        Path project = tmp.resolve("project");
        copyTree(fixtures().resolve("global-state/init_helper_other_file.project"), project);
        Path module = project.resolve("module.c");
        ScanOptions options = ScanOptions.defaults().withJobs(1);
        ScanCache cache = cacheIn(tmp.resolve("cache"), new ArrayList<>());
        ScanResult before = cached(cache, project, ALL, options);
        List<Finding> typesBefore = inFile(before, "types.c");
        assertTrue(typesBefore.stream().anyMatch(f -> f.code().equals("FT601") && f.api().equals("bump_count")),
                "bump() runs at run time, so its write of bump_count (in types.c) is reported: " + typesBefore);

        // module.c no longer calls bump() from a method, only from module init: bump_count is init-only now.
        String text = Files.readString(module);
        Files.writeString(module, text.replace("    bump();\n    Py_RETURN_NONE;", "    Py_RETURN_NONE;")
                .replace("    PyObject *m = PyModule_Create(&moddef);", "    bump();\n    PyObject *m = PyModule_Create(&moddef);"));
        ScanResult after = cached(cache, project, ALL, options);
        ScanCache.Stats st = cache.lastStats();
        assertEquals(1, st.analysed(), "only module.c is analysed again: " + st);
        assertTrue(st.reused() >= 1, st.toString());
        assertSame(uncached(project, ALL, options), after);
        List<Finding> typesAfter = inFile(after, "types.c");
        assertTrue(typesAfter.stream().noneMatch(f -> f.api() != null && f.api().equals("bump_count")),
                "types.c was not analysed again, yet its cross-file verdict follows module.c: " + typesAfter);

        // And back: types.c's entry (its deferred hazard, as a cached fact) must yield the finding again.
        Files.writeString(module, text);
        ScanResult reverted = cached(cache, project, ALL, options);
        assertEquals(1, cache.lastStats().analysed(), cache.lastStats().toString());
        assertSame(before, reverted);
        assertSame(uncached(project, ALL, options), reverted);
    }

    private static List<Finding> inFile(ScanResult r, String name) {
        return r.findings().stream().filter(f -> f.location().file().endsWith("/" + name)).toList();
    }

    @Test
    void aChangedRuleSelectionOrParseLimitMisses(@TempDir Path tmp) throws Exception {
        Path dir = fixtures().resolve("borrowed-reference");
        ScanOptions options = ScanOptions.defaults().withJobs(2);
        ScanCache cache = cacheIn(tmp.resolve("cache"), new ArrayList<>());
        cached(cache, dir, ALL, options);
        cached(cache, dir, ALL, options);
        assertTrue(cache.lastStats().resultReused());

        List<Rule> some = ALL.stream().filter(r -> r.metadata().code().startsWith("FT1")).toList();
        ScanResult selected = cached(cache, dir, some, options);
        assertFalse(cache.lastStats().resultReused());
        assertEquals(0, cache.lastStats().reused(), "entries written for other rules are never reused");
        assertSame(uncached(dir, some, options), selected);

        ScanOptions smaller = options.withMaxParseBytes(4 * 1024);
        ScanResult limited = cached(cache, dir, ALL, smaller);
        assertEquals(0, cache.lastStats().reused());
        assertSame(uncached(dir, ALL, smaller), limited);
        assertTrue(limited.skipped().size() > 0, "the small limit skips files: " + limited.skipped());

        cached(cache, dir, ALL, options);
        assertTrue(cache.lastStats().resultReused(), "each configuration keeps its own pack");
    }

    @Test
    void requiresPythonAboveTheScanRootIsPartOfTheKey(@TempDir Path tmp) throws Exception {
        // GilDeclarationUnguardedRule reads the project's lowest Python from build files outside the file (and here
        // outside the scanned folder): a change there must reach the file's entry.
        Path project = tmp.resolve("project");
        Path src = project.resolve("src");
        Files.createDirectories(src);
        Files.writeString(project.resolve("pyproject.toml"), "[project]\nname = \"m\"\nrequires-python = \">=3.9\"\n");
        Files.writeString(src.resolve("m.c"), """
                #include <Python.h>
                static PyModuleDef_Slot slots[] = {
                    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
                    {0, NULL}
                };
                static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "m", NULL, 0, NULL, slots};
                PyMODINIT_FUNC PyInit_m(void) { return PyModuleDef_Init(&def); }
                """);
        ScanOptions options = ScanOptions.defaults().withJobs(1);
        ScanCache cache = cacheIn(tmp.resolve("cache"), new ArrayList<>());
        Scanner scanner = new Scanner(ALL, options, cache); // one scanner for both scans, as --fix uses it
        ScanResult old = scanner.scan(List.of(src.toString()));
        assertTrue(old.findings().stream().anyMatch(f -> f.code().equals("FT403")), old.findings().toString());
        Files.writeString(project.resolve("pyproject.toml"), "[project]\nname = \"m\"\nrequires-python = \">=3.13\"\n");
        ScanResult fresh = scanner.scan(List.of(src.toString()));
        assertFalse(cache.lastStats().resultReused());
        assertEquals(1, cache.lastStats().analysed());
        assertSame(uncached(src, ALL, options), fresh);
        assertTrue(fresh.findings().stream().noneMatch(f -> f.code().equals("FT403")), fresh.findings().toString());
    }

    @Test
    void entriesAreKeyedByContentNotByModificationTime(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("src");
        Files.createDirectories(dir);
        Path a = dir.resolve("a.c");
        Files.writeString(a, "#include <Python.h>\nPyObject *f(PyObject *l) { return PyList_GetItem(l, 0); }\n");
        ScanOptions options = ScanOptions.defaults().withJobs(1);
        ScanCache cache = cacheIn(tmp.resolve("cache"), new ArrayList<>());
        ScanResult first = cached(cache, dir, ALL, options);
        assertEquals(1, first.findings().size(), first.findings().toString());

        FileTime mtime = Files.getLastModifiedTime(a);
        Files.setLastModifiedTime(a, FileTime.fromMillis(mtime.toMillis() + 60_000));
        cached(cache, dir, ALL, options);
        assertTrue(cache.lastStats().resultReused(), "same bytes, newer time: still a hit");

        // Same size, same time, other bytes (an edit within the timestamp granularity): a miss.
        Files.writeString(a, "#include <Python.h>\nPyObject *f(PyObject *l) { return PyList_GetItem(l, 1); }\n");
        Files.setLastModifiedTime(a, mtime);
        ScanResult edited = cached(cache, dir, ALL, options);
        assertFalse(cache.lastStats().resultReused());
        assertEquals(1, cache.lastStats().analysed());
        assertTrue(edited.findings().get(0).snippet().contains("PyList_GetItem(l, 1)"), edited.findings().toString());
    }

    @Test
    void aCorruptOrTruncatedPackIsAMissAndIsRewritten(@TempDir Path tmp) throws Exception {
        Path dir = fixtures().resolve("global-state");
        ScanOptions options = ScanOptions.defaults().withJobs(2);
        Path cacheDir = tmp.resolve("cache");
        List<String> warnings = new ArrayList<>();
        ScanCache cache = cacheIn(cacheDir, warnings);
        ScanResult reference = cached(cache, dir, ALL, options);
        Path pack = onlyPack(cacheDir);
        byte[] good = Files.readAllBytes(pack);

        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x40;
        for (byte[] bad : List.of(flipped, java.util.Arrays.copyOf(good, good.length / 3), new byte[0],
                "not a pack".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            Files.write(pack, bad);
            ScanResult again = cached(cache, dir, ALL, options);
            ScanCache.Stats st = cache.lastStats();
            assertFalse(st.resultReused(), st.toString());
            assertEquals(0, st.reused(), st.toString());
            assertTrue(st.written(), "the bad pack is replaced: " + st);
            assertSame(reference, again);
            assertNotNull(PackStore.parse(Files.readAllBytes(pack)), "an intact pack took its place");
            cached(cache, dir, ALL, options);
            assertTrue(cache.lastStats().resultReused(), "and the rewritten pack serves the next scan");
        }
        assertEquals(List.of(), warnings, "corruption is a miss, not a warning");
    }

    @Test
    void concurrentScansSharingADirectoryEachGetTheRightResult(@TempDir Path tmp) throws Exception {
        // Writers rename whole packs into place, so a reader sees the old pack or the new one, never a mix.
        Path dir = fixtures().resolve("global-state");
        ScanOptions options = ScanOptions.defaults().withJobs(1);
        ScanResult reference = uncached(dir, ALL, options);
        Path cacheDir = tmp.resolve("cache");
        List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<ScanResult>> runs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                // separate ScanCache objects: as separate processes would be
                runs.add(pool.submit(() -> cached(cacheIn(cacheDir, warnings), dir, ALL, options)));
            }
            for (var f : runs) {
                assertSame(reference, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), warnings);
        ScanCache cache = cacheIn(cacheDir, warnings);
        cached(cache, dir, ALL, options);
        assertTrue(cache.lastStats().resultReused(), "the pack left behind is whole");
        try (Stream<Path> s = Files.list(cacheDir.resolve(PackStore.VERSION_DIR))) {
            assertEquals(1, s.count(), "no temporary file is left over");
        }
    }

    @Test
    void everyTruncationOfAPackIsRejected(@TempDir Path tmp) throws Exception {
        Path cacheDir = tmp.resolve("cache");
        cached(cacheIn(cacheDir, new ArrayList<>()), fixtures().resolve("dict-next"), ALL,
                ScanOptions.defaults().withJobs(1));
        byte[] good = Files.readAllBytes(onlyPack(cacheDir));
        assertNotNull(PackStore.parse(good));
        for (int n = 0; n < good.length; n += Math.max(1, good.length / 500)) {
            assertNull(PackStore.parse(java.util.Arrays.copyOf(good, n)), "a pack cut at " + n + " bytes");
        }
    }

    @Test
    void anUnwritableCacheWarnsOnceAndTheScanGoesOn(@TempDir Path tmp) throws Exception {
        Path blocker = tmp.resolve("a-file");
        Files.writeString(blocker, "not a directory");
        List<String> warnings = new ArrayList<>();
        ScanCache cache = cacheIn(blocker.resolve("cache"), warnings);
        Path dir = fixtures().resolve("module-gil");
        ScanOptions options = ScanOptions.defaults().withJobs(2);
        ScanResult r1 = cached(cache, dir, ALL, options);
        ScanResult r2 = cached(cache, dir, ALL, options);
        assertFalse(cache.lastStats().written());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("cannot write the scan cache in " + blocker.resolve("cache")),
                warnings.toString());
        ScanResult reference = uncached(dir, ALL, options);
        assertSame(reference, r1);
        assertSame(reference, r2);
    }

    @Test
    void theCacheDirectoryIsTaggedAndIgnoredByGit(@TempDir Path tmp) throws Exception {
        Path cacheDir = tmp.resolve("cache");
        cached(cacheIn(cacheDir, new ArrayList<>()), fixtures().resolve("thread-state"), ALL,
                ScanOptions.defaults().withJobs(1));
        assertTrue(Files.readString(cacheDir.resolve("CACHEDIR.TAG"))
                .startsWith("Signature: 8a477f597d28d172789f06886806bc55"));
        assertTrue(Files.readAllLines(cacheDir.resolve(".gitignore")).contains("*"));
        assertTrue(ScanCache.clean(cacheDir));
        assertFalse(Files.exists(cacheDir));
        assertFalse(ScanCache.clean(cacheDir));
    }

    @Test
    void cleanLeavesFilesItDidNotWrite(@TempDir Path tmp) throws Exception {
        Path shared = tmp.resolve("shared");
        Files.createDirectories(shared.resolve("corpus"));
        Files.writeString(shared.resolve("corpus/keep.txt"), "downloads");
        cached(cacheIn(shared, new ArrayList<>()), fixtures().resolve("thread-state"), ALL,
                ScanOptions.defaults().withJobs(1));
        assertTrue(ScanCache.clean(shared));
        try (Stream<Path> s = Files.list(shared)) {
            assertEquals(List.of("corpus"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void packsOfOtherConfigurationsArePrunedBeyondTheAgeLimit(@TempDir Path tmp) throws Exception {
        Path cacheDir = tmp.resolve("cache");
        ScanCache cache = cacheIn(cacheDir, new ArrayList<>());
        Path dir = fixtures().resolve("dict-next");
        ScanOptions options = ScanOptions.defaults().withJobs(1);
        cached(cache, dir, ALL, options);
        Path old = onlyPack(cacheDir);
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis()
                - PackStore.MAX_AGE.toMillis() - 60_000));
        Path stale = cacheDir.resolve("scan-v0");
        Files.createDirectories(stale);
        cached(cache, dir, ALL, options.withMaxParseBytes(1024 * 1024)); // another configuration: another pack
        assertFalse(Files.exists(old), "unused for longer than the limit");
        assertFalse(Files.exists(stale), "the folder of an old format");
        assertTrue(Files.exists(onlyPack(cacheDir)));
    }

    private static Path onlyPack(Path cacheDir) throws IOException {
        try (Stream<Path> s = Files.list(cacheDir.resolve(PackStore.VERSION_DIR))) {
            List<Path> packs = s.filter(p -> p.toString().endsWith(".pack")).sorted(Comparator.naturalOrder())
                    .toList();
            assertEquals(1, packs.size(), packs.toString());
            return packs.get(0);
        }
    }

    @Test
    void keysDependOnRulesPathAndContent() throws Exception {
        ScanOptions options = ScanOptions.defaults();
        List<Rule> some = ALL.subList(0, 5);
        CacheKeys all = CacheKeys.of(ALL, List.of(), options);
        CacheKeys fewer = CacheKeys.of(some, List.of(), options);
        Path p = fixtures().resolve("dict-next").toAbsolutePath();
        byte[] h = CacheKeys.contentHash("int x;".getBytes());
        Key k = all.file("a.c", dev.ftcheck.scanner.api.FileKind.C_SOURCE, p.resolve("a.c"), h);
        assertEquals(k, all.file("a.c", dev.ftcheck.scanner.api.FileKind.C_SOURCE, p.resolve("a.c"), h));
        assertNotEquals(k, fewer.file("a.c", dev.ftcheck.scanner.api.FileKind.C_SOURCE, p.resolve("a.c"), h));
        assertNotEquals(k, all.file("b.c", dev.ftcheck.scanner.api.FileKind.C_SOURCE, p.resolve("a.c"), h));
        assertNotEquals(k, all.file("a.c", dev.ftcheck.scanner.api.FileKind.CPP_SOURCE, p.resolve("a.c"), h));
        assertNotEquals(k, all.file("a.c", dev.ftcheck.scanner.api.FileKind.C_SOURCE, p.resolve("b.c"), h));
        assertNotEquals(k, all.file("a.c", dev.ftcheck.scanner.api.FileKind.C_SOURCE, p.resolve("a.c"),
                CacheKeys.contentHash("int y;".getBytes())));
        assertNotEquals(k, all.linked(k));
        assertNotEquals(all.packName(List.of("a")), all.packName(List.of("b")));
        assertEquals(all.packName(List.of("a")), all.packName(List.of("a")));
        assertNotEquals(all.packName(List.of("a")), CacheKeys.of(ALL, List.of(), options.withExcludes(List.of("x")))
                .packName(List.of("a")));
    }

    @Test
    void anUnchangedTreeIsKnownFromItsStatsAndAnyChangeToAFileIsSeen(@TempDir Path tmp) throws Exception {
        Path tree = tmp.resolve("tree");
        copyTree(fixtures().resolve("borrowed-reference"), tree);
        // stats of files changed within two seconds of a scan are never trusted (the file system's clock tick)
        Thread.sleep(2_200);
        ScanOptions options = ScanOptions.defaults().withJobs(2);
        ScanCache cache = cacheIn(tmp.resolve("cache"), new ArrayList<>());
        ScanResult reference = uncached(tree, ALL, options);
        assertSame(reference, cached(cache, tree, ALL, options));
        assertFalse(cache.lastStats().unread());

        assertSame(reference, cached(cache, tree, ALL, options));
        assertTrue(cache.lastStats().unread(), "nothing changed, so nothing is read: " + cache.lastStats());
        assertFalse(cache.lastStats().written());

        // same size, modification time put back: the change time (and so the content path) still tells
        Path file = tree.resolve("dict_lookup.c");
        FileTime mtime = Files.getLastModifiedTime(file);
        String text = Files.readString(file);
        String edited = text.replace("PyDict_GetItem(codec_cache, name)", "PyDict_GetItem(codec_cache, nam_)");
        assertEquals(text.length(), edited.length());
        Files.writeString(file, edited);
        Files.setLastModifiedTime(file, mtime);
        ScanResult changed = cached(cache, tree, ALL, options);
        assertFalse(cache.lastStats().unread(), cache.lastStats().toString());
        assertSame(uncached(tree, ALL, options), changed);
        assertNotEquals(json(reference), json(changed));
    }
}
