package dev.ftcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is scanned or listed as skipped with a reason; it never crashes the run or vanishes. */
class ScanRobustnessTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode scanJson(String... args) throws Exception {
        String[] full = new String[args.length + 3];
        full[0] = "scan";
        full[1] = "--format";
        full[2] = "json";
        System.arraycopy(args, 0, full, 3, args.length);
        CliRun r = CliRun.of(full);
        assertTrue(r.exit() == 0 || r.exit() == 1, r.toString());
        assertEquals("", Schemas.errors(Schemas.portingReport(), r.out()));
        return MAPPER.readTree(r.out());
    }

    static String skippedReason(JsonNode root, String pathSuffix) {
        for (JsonNode s : root.get("skipped")) {
            if (s.get("path").asText().endsWith(pathSuffix)) {
                return s.get("reason").asText();
            }
        }
        return null;
    }

    @Test
    void binaryFilesAreSkippedWithAReason(@TempDir Path dir) throws Exception {
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 'P', 'y', '_', 'L'};
        Files.write(dir.resolve("blob.c"), elf);
        Files.writeString(dir.resolve("ok.c"), "#define Py_LIMITED_API 1\n");
        JsonNode root = scanJson(dir.toString());
        assertEquals("binary file (NUL bytes)", skippedReason(root, "blob.c"));
        assertEquals(1, root.at("/summary/findings").asInt());
    }

    @Test
    void latin1AndInvalidUtf8AreScannedWithANote(@TempDir Path dir) throws Exception {
        // "é" in Latin-1 (0xE9) is not valid UTF-8; columns must still be right after it.
        byte[] latin1 = "/* caf\u00e9 */\n\t#define Py_LIMITED_API 1\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("latin1.c"), latin1);
        byte[] broken = {'/', '*', (byte) 0xC3, (byte) 0x28, '*', '/', '\n', '#', 'd', 'e', 'f', 'i', 'n', 'e', ' ',
            'P', 'y', '_', 'L', 'I', 'M', 'I', 'T', 'E', 'D', '_', 'A', 'P', 'I', '\n'};
        Files.write(dir.resolve("broken.c"), broken);
        Files.writeString(dir.resolve("utf8.c"), "/* \u00fcber \u4e2d\u6587 \ud83d\ude00 */\n#define Py_LIMITED_API 1\n");
        JsonNode root = scanJson(dir.toString());
        assertEquals(3, root.at("/summary/findings").asInt(), root.toString());
        assertEquals(0, root.get("skipped").size());
        int notes = 0;
        for (JsonNode n : root.get("notes")) {
            assertTrue(n.get("message").asText().contains("Latin-1"));
            notes++;
        }
        assertEquals(2, notes);
        for (JsonNode f : root.get("findings")) {
            String file = f.at("/location/file").asText();
            assertEquals(2, f.at("/location/line").asInt(), file);
            assertEquals(file.endsWith("latin1.c") ? 2 : 1, f.at("/location/column").asInt(), file);
        }
    }

    @Test
    void fiftyMegabyteFiles(@TempDir Path dir) throws Exception {
        // A 50 MB vendored-style file with no Python API: read, prefiltered, never parsed.
        Path big = dir.resolve("big.c");
        try (BufferedWriter w = Files.newBufferedWriter(big)) {
            String fn = "static int helper_%d(int a, int b) { int c = a * b; if (c > 10) { c -= a; } return c; }\n";
            long written = 0;
            for (int i = 0; written < 50L * 1024 * 1024; i++) {
                String line = String.format(fn, i);
                w.write(line);
                written += line.length();
            }
        }
        // The same size with a trigger: over the parse limit, so listed as skipped with the reason.
        Path bigPy = dir.resolve("big_py.c");
        Files.copy(big, bigPy);
        Files.writeString(bigPy, "#define Py_LIMITED_API 1\n", java.nio.file.StandardOpenOption.APPEND);
        JsonNode root = scanJson(dir.toString());
        assertEquals(1, root.at("/summary/filesPrefiltered").asInt());
        assertTrue(root.at("/summary/bytes").asLong() > 100L * 1024 * 1024);
        assertTrue(skippedReason(root, "big_py.c").contains("parse limit"), root.get("skipped").toString());
        assertEquals(null, skippedReason(root, "/big.c"));
    }

    @Test
    void tenThousandDeepNestingIsParsedWithoutOverflow(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("#define Py_LIMITED_API 1\nint f(int x) {\n");
        sb.append("{".repeat(10_000)).append("x++;").append("}".repeat(10_000)).append("\n");
        sb.append("return ").append("(".repeat(10_000)).append("x").append(")".repeat(10_000)).append(";\n}\n");
        sb.append("#if A\n".repeat(2_000)).append("#define Py_LIMITED_API 2\n").append("#endif\n".repeat(2_000));
        Files.writeString(dir.resolve("deep.c"), sb.toString());
        JsonNode root = scanJson(dir.toString());
        assertEquals(2, root.at("/summary/findings").asInt(), root.toString());
        assertEquals(1, root.at("/summary/filesParsed").asInt());
    }

    @Test
    void unterminatedCommentsAndStrings(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("comment.c"), "#define Py_LIMITED_API 1\nint x; /* never closed\nint y;\n");
        Files.writeString(dir.resolve("string.c"), "#define Py_LIMITED_API 1\nconst char *s = \"never closed\nint y;\n");
        Files.writeString(dir.resolve("empty.c"), "");
        Files.writeString(dir.resolve("crlf.c"), "int a;\r\n#define Py_LIMITED_API 1\r\n");
        JsonNode root = scanJson(dir.toString());
        assertEquals(3, root.at("/summary/findings").asInt(), root.toString());
        assertEquals(0, root.get("skipped").size());
    }

    @Test
    void symlinkLoopsAreListedAndTheRestIsScanned(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("sub/a.c"), "#define Py_LIMITED_API 1\n");
        Files.createSymbolicLink(src.resolve("sub/loop"), src);
        Files.createSymbolicLink(src.resolve("dangling.c"), dir.resolve("missing.c"));
        JsonNode root = scanJson(src.toString());
        assertEquals(1, root.at("/summary/findings").asInt(), root.toString());
        assertEquals("symbolic link loop", skippedReason(root, "sub/loop"), root.get("skipped").toString());
        assertEquals("broken symbolic link", skippedReason(root, "dangling.c"), root.get("skipped").toString());
    }

    @Test
    void directoryNamedLikeASourceFileIsWalked(@TempDir Path dir) throws Exception {
        Path odd = dir.resolve("module.c");
        Files.createDirectories(odd);
        Files.writeString(odd.resolve("inner.h"), "#define Py_LIMITED_API 1\n");
        JsonNode root = scanJson(odd.toString());
        assertEquals(1, root.at("/summary/findings").asInt());
        root = scanJson(dir.toString());
        assertEquals(1, root.at("/summary/findings").asInt());
    }

    @Test
    void defaultExcludesAreListed(@TempDir Path dir) throws Exception {
        for (String d : new String[] {".git", "build", "dist", ".venv", "venv", ".tox", ".nox", "node_modules",
            "__pycache__", "env"}) {
            Files.createDirectories(dir.resolve(d));
            Files.writeString(dir.resolve(d).resolve("x.c"), "#define Py_LIMITED_API 1\n");
        }
        Files.writeString(dir.resolve("env/pyvenv.cfg"), "home = /usr/bin\n");
        Files.writeString(dir.resolve("pythoncapi_compat.h"), "#define Py_LIMITED_API 1\n");
        Files.writeString(dir.resolve("real.c"), "#define Py_LIMITED_API 1\n");
        JsonNode root = scanJson(dir.toString());
        assertEquals(1, root.at("/summary/findings").asInt(), root.toString());
        assertEquals(11, root.get("skipped").size(), root.get("skipped").toString());
        assertTrue(skippedReason(root, "/env/").contains("pyvenv.cfg"));
        assertTrue(skippedReason(root, "pythoncapi_compat.h").contains("vendored"));
        root = scanJson("--no-default-excludes", dir.toString());
        assertEquals(12, root.at("/summary/findings").asInt());
        root = scanJson("--exclude", "real.c", "--exclude", "build", dir.toString());
        assertEquals("--exclude real.c", skippedReason(root, "real.c"));
    }

    @Test
    void explicitFileOfUnknownTypeIsListed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "Py_LIMITED_API");
        JsonNode root = scanJson(dir.resolve("notes.txt").toString());
        assertTrue(skippedReason(root, "notes.txt").contains("not a C/C++ source"));
    }
}
