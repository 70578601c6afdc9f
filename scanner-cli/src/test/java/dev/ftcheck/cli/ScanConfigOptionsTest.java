package dev.ftcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** per-file-ignores, extend-select/extend-ignore, --config, --stdin-filename and --respect-gitignore. */
class ScanConfigOptionsTest {
    private static final String HAZARD = """
            #include <Python.h>
            PyObject *first(PyObject *list) {
                PyObject *item = PyList_GetItem(list, 0);
                Py_XINCREF(item);
                return item;
            }
            #define Py_LIMITED_API 0x030A0000
            """;

    private static Path project(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("src/a.c"), HAZARD);
        Files.writeString(dir.resolve("tests/t.c"), HAZARD);
        return dir;
    }

    private static String concise(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "scan";
        all[1] = "--output-format";
        all[2] = "concise";
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all).out();
    }

    @Test
    void perFileIgnoresDropTheListedRulesInMatchingFilesOnly(@TempDir Path dir) throws Exception {
        project(dir);
        Files.writeString(dir.resolve("pyproject.toml"), """
                [tool.ftcheck]
                per-file-ignores = {"tests/*" = ["FT1"], "a.c" = ["limited-api"]}
                """);
        String out = concise("-q", dir.toString());
        assertTrue(out.contains("src/a.c:3:22: FT101"), out);
        assertFalse(out.contains("src/a.c:7"), "limited-api ignored for files named a.c: " + out);
        assertFalse(out.contains("tests/t.c:3"), out);
        assertTrue(out.contains("tests/t.c:7:1: FT701"), out);
    }

    @Test
    void aPerFileIgnoreNamingNoRuleIsAConfigError(@TempDir Path dir) throws Exception {
        project(dir);
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftcheck]\nper-file-ignores = {\"*.c\" = [\"FT999\"]}\n");
        CliRun r = CliRun.of("scan", dir.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("'FT999' matches no rule"), r.err());
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftcheck]\nper-file-ignores = [\"FT1\"]\n");
        CliRun bad = CliRun.of("scan", dir.toString());
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("per-file-ignores must be a table"), bad.err());
    }

    @Test
    void extendSelectAddsToSelectAndExtendIgnoreRemoves(@TempDir Path dir) throws Exception {
        project(dir);
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftcheck]\nselect = [\"FT7\"]\n");
        String onlyLimited = concise("-q", dir.resolve("src").toString());
        assertFalse(onlyLimited.contains("FT101"), onlyLimited);
        String extended = concise("-q", "--extend-select", "FT101", dir.resolve("src").toString());
        assertTrue(extended.contains("FT101") && extended.contains("FT701"), extended);
        String ignored = concise("-q", "--extend-select", "FT101", "--extend-ignore", "FT701",
                dir.resolve("src").toString());
        assertTrue(ignored.contains("FT101") && !ignored.contains("FT701"), ignored);
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftcheck]\nextend-select = [\"FT101\"]\n");
        String all = concise("-q", dir.resolve("src").toString());
        assertTrue(all.contains("FT101") && all.contains("FT701"), "no select means all rules, extended: " + all);
    }

    @Test
    void configNamesTheFileAndConflictsWithNoConfig(@TempDir Path dir) throws Exception {
        project(dir);
        Path cfg = dir.resolve("ci.toml");
        Files.writeString(cfg, "[tool.ftcheck]\nignore = [\"FT7\"]\n");
        String out = concise("-q", "--config", cfg.toString(), dir.resolve("src").toString());
        assertTrue(out.contains("FT101") && !out.contains("FT701"), out);
        CliRun both = CliRun.of("scan", "--config", cfg.toString(), "--no-config", dir.toString());
        assertEquals(2, both.exit(), both.toString());
        CliRun missing = CliRun.of("scan", "--config", dir.resolve("nope.toml").toString(), dir.toString());
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Files.writeString(cfg, "[tool.other]\nx = 1\n");
        CliRun noTable = CliRun.of("scan", "--config", cfg.toString(), dir.toString());
        assertEquals(2, noTable.exit(), noTable.toString());
        assertTrue(noTable.err().contains("has no [tool.ftcheck] table"), noTable.err());
    }

    @Test
    void stdinIsScannedUnderTheGivenName(@TempDir Path dir) throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(HAZARD.getBytes(StandardCharsets.UTF_8)));
            CliRun r = CliRun.of("scan", "--output-format", "concise", "--stdin-filename", "pkg/_ext.c");
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.out().startsWith("pkg/_ext.c:3:22: FT101"), r.out());
            assertFalse(r.out().contains("ftcheck-stdin"), "the temporary file never shows: " + r.out());
            System.setIn(new ByteArrayInputStream(HAZARD.getBytes(StandardCharsets.UTF_8)));
            CliRun notC = CliRun.of("scan", "--stdin-filename", "notes.txt");
            assertEquals(0, notC.exit(), notC.toString());
            assertTrue(notC.out().contains("skipped: notes.txt: not a C/C++ source"), notC.out());
            CliRun both = CliRun.of("scan", "--stdin-filename", "a.c", dir.toString());
            assertEquals(2, both.exit(), both.toString());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void gitIgnoredFilesAreSkippedUnlessAsked(@TempDir Path dir) throws Exception {
        project(dir);
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".gitignore"), "tests/\n");
        CliRun r = CliRun.of("scan", "--output-format", "concise", dir.toString());
        assertTrue(r.out().contains("src/a.c:3"), r.out());
        assertFalse(r.out().contains("tests/t.c:3"), r.out());
        assertTrue(r.out().contains("tests/: ignored by git"), r.out());
        String all = concise("--no-respect-gitignore", dir.toString());
        assertTrue(all.contains("tests/t.c:3"), all);
        String named = concise(dir.resolve("tests").toString());
        assertTrue(named.contains("t.c:3"), "a root named on the command line is scanned: " + named);
    }

    @Test
    void minConfidenceHidesLessCertainFindingsFromTheReportAndTheExitCode(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.c"), """
                #include <Python.h>
                PyObject *pair(PyObject *list, PyObject *d, PyObject *k) {
                    PyObject *item = PyList_GetItem(list, 0);
                    PyObject *v = PyDict_GetItem(d, k);
                    return PyTuple_Pack(2, item, v);
                }
                """);
        String all = concise("-q", dir.toString());
        assertTrue(all.contains("m.c:3:22: FT101") && all.contains("m.c:4:19: FT102"), all);
        String medium = concise("-q", "--min-confidence", "medium", dir.toString());
        assertTrue(medium.contains("m.c:3:22: FT101"), "a parameter list is medium: " + medium);
        assertFalse(medium.contains("FT102"), "a parameter dict is low for FT102: " + medium);
        CliRun high = CliRun.of("scan", "-q", "--min-confidence", "HIGH", dir.toString());
        assertEquals(0, high.exit(), "nothing left to fail on: " + high);
        CliRun bad = CliRun.of("scan", "-q", "--min-confidence", "sure", dir.toString());
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--min-confidence must be high, medium or low, not 'sure'"), bad.err());

        Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftcheck]\nmin-confidence = \"medium\"\n");
        String configured = concise("-q", dir.toString());
        assertTrue(configured.contains("FT101") && !configured.contains("FT102"), configured);
        String overridden = concise("-q", "--min-confidence", "low", dir.toString());
        assertTrue(overridden.contains("FT102"), "the option wins over the config: " + overridden);
    }
}
