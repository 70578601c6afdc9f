package dev.ftcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.scanner.cache.CacheLocation;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ftcheck scan}'s cache from the command line: location, flags, warnings, exit codes, {@code clean}. */
class ScanCacheCliTest {
    /** Three files: a limited-API error, a global written from another file (a cross-file finding), a clean one. */
    static Path project(Path dir) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("api.c"), "#define Py_LIMITED_API 0x030A0000\n");
        Files.writeString(src.resolve("state.c"), "long hits;\n");
        Files.writeString(src.resolve("ext.c"), """
                #include <Python.h>
                extern long hits;
                static PyObject *
                touch(PyObject *self, PyObject *unused)
                {
                    hits++;
                    Py_RETURN_NONE;
                }
                static PyMethodDef methods[] = {{"touch", touch, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
                """);
        return src;
    }

    /** Runs the CLI with the cache debug line on. */
    static CliRun debug(String... args) {
        System.setProperty("ftcheck.cache.debug", "true");
        try {
            return CliRun.of(args);
        } finally {
            System.clearProperty("ftcheck.cache.debug");
        }
    }

    /** Runs without the test-wide cache directory, so the default location applies. */
    static <T> T withDefaultLocation(Callable<T> body) throws Exception {
        String saved = System.clearProperty(CacheLocation.PROPERTY);
        try {
            return body.call();
        } finally {
            if (saved != null) {
                System.setProperty(CacheLocation.PROPERTY, saved);
            }
        }
    }

    @Test
    void aWarmScanReusesTheResultAndPrintsTheSameReport(@TempDir Path dir) throws Exception {
        Path src = project(dir);
        String cache = dir.resolve("cache").toString();
        CliRun none = CliRun.of("scan", "--format", "json", "--no-cache", src.toString());
        CliRun cold = debug("scan", "--format", "json", "--cache-dir", cache, src.toString());
        CliRun warm = debug("scan", "--format", "json", "--cache-dir", cache, src.toString());
        assertEquals(1, none.exit(), none.toString());
        assertTrue(none.out().contains("\"rule\" : \"FT601\""), "the cross-file finding is there: " + none.out());
        assertEquals(none.out(), cold.out());
        assertEquals(none.out(), warm.out());
        assertEquals(none.exit(), cold.exit());
        assertEquals(none.exit(), warm.exit());
        assertTrue(cold.err().contains("result computed, 0 file entries reused"), cold.err());
        assertTrue(cold.err().contains("written"), cold.err());
        assertTrue(warm.err().contains("result reused"), warm.err());

        // Each text format renders from the same result.
        for (String format : new String[] {"text", "sarif", "github"}) {
            assertEquals(CliRun.of("scan", "--format", format, "--no-cache", src.toString()).out(),
                    CliRun.of("scan", "--format", format, "--cache-dir", cache, src.toString()).out(), format);
        }
    }

    @Test
    void editingOneFileReanalysesOnlyItAndTheCrossFileFindingFollows(@TempDir Path dir) throws Exception {
        Path src = project(dir);
        String cache = dir.resolve("cache").toString();
        debug("scan", "--format", "json", "--cache-dir", cache, src.toString());
        Files.writeString(src.resolve("ext.c"), Files.readString(src.resolve("ext.c")).replace("hits++;", "(void)0;"));
        CliRun warm = debug("scan", "--format", "json", "--cache-dir", cache, src.toString());
        assertTrue(warm.err().contains("result computed, 2 file entries reused, 1 analysed"), warm.err());
        assertFalse(warm.out().contains("\"rule\" : \"FT601\""), "state.c's declaration finding is gone: " + warm.out());
        assertEquals(CliRun.of("scan", "--format", "json", "--no-cache", src.toString()).out(), warm.out());
    }

    @Test
    void aChangedSelectionMisses(@TempDir Path dir) throws Exception {
        Path src = project(dir);
        String cache = dir.resolve("cache").toString();
        debug("scan", "--format", "json", "--cache-dir", cache, src.toString());
        CliRun selected = debug("scan", "--format", "json", "--select", "FT7", "--cache-dir", cache, src.toString());
        assertTrue(selected.err().contains("result computed, 0 file entries reused"), selected.err());
        assertEquals(CliRun.of("scan", "--format", "json", "--select", "FT7", "--no-cache", src.toString()).out(),
                selected.out());
    }

    @Test
    void theDefaultCacheIsBesideTheConfigurationAndNoCacheWritesNothing(@TempDir Path dir) throws Exception {
        Path src = project(dir);
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftcheck]\nfail-on = \"error\"\n");
        Path expected = dir.resolve(".ftcheck_cache");
        CliRun off = withDefaultLocation(() -> CliRun.of("scan", "--no-cache", src.toString()));
        assertEquals(1, off.exit(), off.toString());
        assertFalse(Files.exists(expected), "--no-cache writes nothing");
        CliRun on = withDefaultLocation(() -> CliRun.of("scan", src.toString()));
        assertEquals(off.out(), on.out());
        assertTrue(Files.isDirectory(expected.resolve("scan-v1")), "the cache is in the project root");
        assertTrue(Files.readString(expected.resolve(".gitignore")).lines().anyMatch("*"::equals));
        assertTrue(Files.exists(expected.resolve("CACHEDIR.TAG")));
        try (Stream<Path> s = Files.list(src)) {
            assertEquals(3, s.count(), "nothing is written beside the sources");
        }
    }

    @Test
    void theLocationFollowsFlagThenEnvironmentThenProjectRoot(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("pyproject.toml");
        withDefaultLocation(() -> {
            assertEquals(Path.of("x"), CacheLocation.resolve(Path.of("x"), config, Map.of("FTCHECK_CACHE_DIR", "y")));
            assertEquals(Path.of("y"), CacheLocation.resolve(null, config, Map.of("FTCHECK_CACHE_DIR", "y")));
            assertEquals(dir.toAbsolutePath().normalize().resolve(".ftcheck_cache"),
                    CacheLocation.resolve(null, config, Map.of()));
            assertEquals(Path.of(".ftcheck_cache"), CacheLocation.resolve(null, null, Map.of("FTCHECK_CACHE_DIR", "")));
            return null;
        });
    }

    @Test
    void anUnwritableCacheWarnsOnceAndKeepsTheReportAndExitCode(@TempDir Path dir) throws Exception {
        Path src = project(dir);
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        CliRun none = CliRun.of("scan", "--no-cache", src.toString());
        CliRun r = CliRun.of("scan", "--cache-dir", blocker.resolve("cache").toString(), src.toString());
        assertEquals(none.exit(), r.exit(), r.toString());
        assertEquals(none.out(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("ftcheck scan: warning: cannot write the scan cache in "), r.err());
        CliRun clean = CliRun.of("scan", "--fail-on", "none", "--cache-dir", blocker.resolve("cache").toString(),
                src.toString());
        assertEquals(0, clean.exit(), "a warning never changes the exit code: " + clean);
    }

    @Test
    void standardInputIsNeverCached(@TempDir Path dir) throws Exception {
        InputStream saved = System.in;
        Path cache = dir.resolve("cache");
        try {
            System.setIn(new ByteArrayInputStream("#define Py_LIMITED_API 1\n".getBytes(StandardCharsets.UTF_8)));
            CliRun r = CliRun.of("scan", "--stdin-filename", "pkg/m.c", "--cache-dir", cache.toString());
            assertEquals(1, r.exit(), r.toString());
        } finally {
            System.setIn(saved);
        }
        assertFalse(Files.exists(cache));
    }

    @Test
    void cleanRemovesTheCache(@TempDir Path dir) throws Exception {
        Path src = project(dir);
        Path cache = dir.resolve("cache");
        CliRun.of("scan", "--cache-dir", cache.toString(), src.toString());
        assertTrue(Files.exists(cache));
        CliRun clean = CliRun.of("clean", "--cache-dir", cache.toString());
        assertEquals(0, clean.exit(), clean.toString());
        assertTrue(clean.err().contains("removed the scan cache in " + cache), clean.err());
        assertFalse(Files.exists(cache));
        CliRun again = CliRun.of("clean", "--cache-dir", cache.toString());
        assertEquals(0, again.exit());
        assertTrue(again.err().contains("no scan cache in"), again.err());
    }
}
