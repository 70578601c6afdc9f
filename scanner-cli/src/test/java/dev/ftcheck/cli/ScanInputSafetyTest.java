package dev.ftcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that could hang, destroy or silently shrink a scan: each is refused or skipped with a reason. */
class ScanInputSafetyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void fifoNamedOnTheCommandLineIsSkippedNotRead(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe.c");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        Assumptions.assumeTrue(p.waitFor() == 0 && Files.exists(fifo), "mkfifo is not available here");
        Files.writeString(dir.resolve("ok.c"), "#define Py_LIMITED_API 1\n");
        // reading a FIFO with no writer blocks forever: the scan must finish without touching it
        JsonNode root = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> ScanRobustnessTest.scanJson(fifo.toString(), dir.resolve("ok.c").toString()));
        assertTrue(ScanRobustnessTest.skippedReason(root, "pipe.c").contains("not a regular file"),
                root.get("skipped").toString());
        assertEquals(1, root.at("/summary/findings").asInt());
        JsonNode walked = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> ScanRobustnessTest.scanJson(dir.toString()));
        assertTrue(ScanRobustnessTest.skippedReason(walked, "pipe.c").contains("not a regular file"));
    }

    @Test
    void deviceNamedOnTheCommandLineIsSkipped() throws Exception {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero here");
        JsonNode root = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> ScanRobustnessTest.scanJson(zero.toString()));
        assertTrue(ScanRobustnessTest.skippedReason(root, "/dev/zero").contains("not a regular file"));
    }

    /** A directory this process cannot list: mode 000 for an ordinary user; for root, a /proc entry if one is. */
    private static Path unreadableDirectory(Path tmp) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            Path d = tmp.resolve("locked");
            Files.createDirectories(d);
            Files.writeString(d.resolve("a.c"), "#define Py_LIMITED_API 1\n");
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("---------"));
            return d;
        }
        // chmod does not stop root; /proc/1/map_files needs CAP_SYS_ADMIN, which containers usually drop
        for (String candidate : List.of("/proc/1/map_files", "/proc/1/root")) {
            Path d = Path.of(candidate);
            if (!Files.exists(d) && !Files.notExists(d)) {
                return d; // cannot even be looked at
            }
            try (var s = Files.newDirectoryStream(d)) {
                s.iterator().hasNext();
            } catch (AccessDeniedException e) {
                return d;
            } catch (java.nio.file.DirectoryIteratorException e) {
                if (e.getCause() instanceof AccessDeniedException) {
                    return d;
                }
            } catch (Exception e) {
                // readable, or absent: try the next one
            }
        }
        return null;
    }

    @Test
    void unreadableRootExits2(@TempDir Path dir) throws Exception {
        Path locked = unreadableDirectory(dir);
        Assumptions.assumeTrue(locked != null,
                "running as root with every candidate directory readable: no unreadable directory to test with");
        try {
            CliRun r = CliRun.of("scan", "--no-config", locked.toString());
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains("cannot read the directory") || r.err().contains("cannot be accessed"),
                    r.err());
        } finally {
            if (locked.startsWith(dir)) {
                Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    @Test
    void outputNamingAnInputIsRefusedAndTheInputKept(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("ext.c");
        String code = "#define Py_LIMITED_API 1\n";
        Files.writeString(src, code);
        for (String[] args : new String[][] {
            {"scan", "--output", src.toString(), src.toString()},
            {"scan", "--output", src.toString(), dir.toString()},
            {"scan", "--write-baseline", src.toString(), dir.toString()}}) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains("refusing to overwrite"), r.err());
            assertEquals(code, Files.readString(src));
        }
        // a report file that is not a scanned kind is fine, even inside the tree
        Path report = dir.resolve("report.json");
        assertEquals(1, CliRun.of("scan", "--format", "json", "--output", report.toString(), dir.toString()).exit());
        assertTrue(Files.readString(report).contains("\"findings\""));
    }

    @Test
    void filesOverTheReadLimitAreNotRead(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("huge.c");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(300L * 1024 * 1024); // sparse: costs no disk, would cost 300 MB of heap to read
        }
        JsonNode root = ScanRobustnessTest.scanJson(dir.toString());
        assertTrue(ScanRobustnessTest.skippedReason(root, "huge.c").contains("not read"),
                root.get("skipped").toString());
    }

    @Test
    void brokenPyprojectNamesLineAndColumn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"x\"\n[tool.ftcheck]\n"
                + "select = [\"FT1\"\nignore = 3\n");
        Files.writeString(dir.resolve("a.c"), "#define Py_LIMITED_API 1\n");
        CliRun r = CliRun.of("scan", dir.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().matches("(?s).*pyproject\\.toml:5:\\d+: not valid TOML.*"), r.err());
    }

    @Test
    void configExcludesAreRelativeToTheConfigFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftcheck]\nexclude = [\"src/vendor/**\"]\n");
        Path vendor = dir.resolve("src/vendor");
        Files.createDirectories(vendor);
        Files.writeString(vendor.resolve("v.c"), "#define Py_LIMITED_API 1\n");
        Files.writeString(dir.resolve("src/own.c"), "#define Py_LIMITED_API 1\n");
        // scanning the subfolder: the glob still means <config folder>/src/vendor/**
        CliRun r = CliRun.of("scan", "--format", "json", dir.resolve("src").toString());
        JsonNode root = MAPPER.readTree(r.out());
        assertEquals(1, root.at("/summary/findings").asInt(), r.toString());
        assertTrue(ScanRobustnessTest.skippedReason(root, "vendor/v.c").contains("src/vendor/**"),
                root.get("skipped").toString());
        r = CliRun.of("scan", "--format", "json", dir.toString());
        assertEquals(1, MAPPER.readTree(r.out()).at("/summary/findings").asInt(), r.toString());
    }

    @Test
    void parseFailuresAreNotedAndStillScanned(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("brace.c"), """
                #include <Python.h>
                #define BEGIN {
                #define END }
                static PyObject *
                first(PyObject *self, PyObject *list)
                BEGIN
                    return Py_XNewRef(PyList_GetItem(list, 0));
                END
                """);
        Files.writeString(dir.resolve("string.c"), """
                #include <Python.h>
                static const char *doc = "never closed;
                static PyObject *
                third(PyObject *self, PyObject *list)
                {
                    PyObject *item = PyList_GetItem(list, 2);
                    return Py_XNewRef(item);
                }
                """);
        JsonNode root = ScanRobustnessTest.scanJson(dir.toString());
        int ft101 = 0;
        for (JsonNode f : root.get("findings")) {
            ft101 += f.get("rule").asText().equals("FT101") ? 1 : 0;
        }
        assertEquals(2, ft101, root.toString());
        int noted = 0;
        for (JsonNode n : root.get("notes")) {
            String m = n.get("message").asText();
            if (m.startsWith("could not be parsed completely (lines ")) {
                noted++;
            }
        }
        assertEquals(2, noted, root.get("notes").toString());
    }
}
