package dev.ftcheck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.scanner.FixApplier;
import dev.ftcheck.scanner.ScanOptions;
import dev.ftcheck.scanner.Scanner;
import dev.ftcheck.scanner.rules.RuleRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --fix, --diff and --show-fixes on fixes/borrow_incref.c: the safe rewrites give exactly borrow_incref.fixed.c,
 * the fixed findings disappear and none appears, the unified diff applies to the original and gives the same file,
 * a second --fix changes nothing, and a fix whose text moved since the scan is not applied.
 */
class ScanFixTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Path fixture(Path dir, String name) throws Exception {
        Path src = Schemas.repo().resolve("scanner-cli/src/test/resources/fixes/" + name);
        Path to = dir.resolve("m.c");
        Files.copy(src, to);
        return to;
    }

    private static Set<String> findings(Path file) throws Exception {
        JsonNode r = MAPPER.readTree(CliRun.of("scan", "--output-format", "json", file.toString()).out());
        Set<String> out = new HashSet<>();
        r.get("findings").forEach(f -> out.add(f.get("rule").asText() + "@" + f.at("/location/line").asInt() + ":"
                + f.get("snippet").asText().strip()));
        return out;
    }

    @Test
    void fixRewritesExactlyTheSafeCasesAndRemovesTheirFindings(@TempDir Path dir) throws Exception {
        Path m = fixture(dir, "borrow_incref.c");
        Set<String> before = findings(m);
        CliRun r = CliRun.of("scan", "--fix", "--show-fixes", "--output-format", "concise", m.toString());
        assertEquals(1, r.exit(), "the cases left alone are still reported: " + r);
        assertTrue(r.err().contains("fixed 6 findings in 1 file"), r.err());
        assertEquals(6, r.err().lines().filter(l -> l.startsWith("fixed: ")).count(), r.err());
        String expected = Files.readString(Schemas.repo().resolve(
                "scanner-cli/src/test/resources/fixes/borrow_incref.fixed.c"));
        assertEquals(expected, Files.readString(m));
        Set<String> after = findings(m);
        // left: the declaration, PyWeakref_GET_OBJECT (no error path) and PyImport_AddModule without an incref
        assertEquals(3, after.size(), after.toString());
        assertTrue(after.stream().anyMatch(f -> f.contains("PyDict_GetItemWithError")), after.toString());
        assertTrue(after.stream().anyMatch(f -> f.contains("PyWeakref_GET_OBJECT")), after.toString());
        assertTrue(after.stream().anyMatch(f -> f.contains("PyImport_AddModule(\"sys\")")), after.toString());
        assertEquals(9, before.size(), before.toString());
        CliRun again = CliRun.of("scan", "--fix", m.toString());
        assertTrue(again.err().contains("fixed 0 findings in 0 files"), again.err());
        assertEquals(expected, Files.readString(m));
    }

    @Test
    void diffPrintsTheSameChangeAndExitsOne(@TempDir Path dir) throws Exception {
        Path m = fixture(dir, "borrow_incref.c");
        byte[] original = Files.readAllBytes(m);
        CliRun d = CliRun.of("scan", "--diff", m.toString());
        assertEquals(1, d.exit(), d.toString());
        assertArrayEquals(original, Files.readAllBytes(m), "--diff never writes");
        assertTrue(d.out().startsWith("--- a/" + m + "\n+++ b/" + m + "\n@@ -1,4 +1,5 @@\n"), d.out());
        // Apply the diff with patch(1): the result is the file --fix writes.
        Path patchFile = dir.resolve("fix.diff");
        Files.writeString(patchFile, d.out());
        Process p = new ProcessBuilder("patch", "-s", m.toString(), patchFile.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals(Files.readString(Schemas.repo().resolve(
                "scanner-cli/src/test/resources/fixes/borrow_incref.fixed.c")), Files.readString(m));
        CliRun none = CliRun.of("scan", "--diff", m.toString());
        assertEquals(0, none.exit(), none.toString());
        assertEquals("", none.out());
        assertEquals(2, CliRun.of("scan", "--diff", "--fix", m.toString()).exit());
    }

    @Test
    void aFileChangedSinceTheScanIsNotEdited(@TempDir Path dir) throws Exception {
        Path m = fixture(dir, "borrow_incref.c");
        var result = new Scanner(RuleRegistry.all(), ScanOptions.defaults()).scan(List.of(m.toString()));
        // An edit that shifts the text: no edit finds what it replaces, so nothing is touched.
        Files.writeString(m, "/* edited after the scan */\n" + Files.readString(m));
        FixApplier.Plan plan = FixApplier.plan(result.findings());
        assertEquals(0, plan.fixedCount(), plan.toString());
        assertEquals(6, plan.skipped().stream().filter(s -> s.contains("not fixed: the file changed")).count(),
                plan.skipped().toString());
    }

    @Test
    void encodingAndByteOrderMarkSurvive(@TempDir Path dir) throws Exception {
        Path m = fixture(dir, "borrow_incref.c");
        String text = Files.readString(m).replace("/* declaration: left alone */", "/* caf\u00e9 */");
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(m, withBom);
        CliRun.of("scan", "--fix", m.toString());
        byte[] fixed = Files.readAllBytes(m);
        assertEquals((byte) 0xEF, fixed[0]);
        String s = new String(fixed, 3, fixed.length - 3, StandardCharsets.UTF_8);
        assertTrue(s.contains("/* caf\u00e9 */") && s.contains("PyList_GetItemRef(list, 0)"), s);
        // Latin-1 (not UTF-8) stays Latin-1.
        Path l = dir.resolve("l.c");
        Files.write(l, text.replace("\u00e9", "\u00e8").getBytes(StandardCharsets.ISO_8859_1));
        CliRun.of("scan", "--fix", l.toString());
        String back = new String(Files.readAllBytes(l), StandardCharsets.ISO_8859_1);
        assertTrue(back.contains("/* caf\u00e8 */") && back.contains("PyList_GetItemRef(list, 0)"), back);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"gil_multi", "gil_single", "gil_multi_compat",
        "gil_single_compat"})
    void gilDeclarationsAreUnsafeFixesAppliedOnlyWhenAsked(String name, @TempDir Path dir) throws Exception {
        Path src = Schemas.repo().resolve("scanner-cli/src/test/resources/fixes/" + name + ".c");
        Path m = dir.resolve(name + ".c");
        Files.copy(src, m);
        CliRun plain = CliRun.of("scan", "--fix", m.toString());
        assertEquals(1, plain.exit(), plain.toString());
        assertEquals(Files.readString(src), Files.readString(m), "a safe-only --fix leaves the declaration to you");
        assertTrue(plain.out().contains("(--fix --unsafe-fixes applies it)"), plain.out());
        CliRun diff = CliRun.of("scan", "--diff", m.toString());
        assertEquals(0, diff.exit(), "no safe fix to show: " + diff);
        CliRun unsafe = CliRun.of("scan", "--fix", "--unsafe-fixes", m.toString());
        assertEquals(0, unsafe.exit(), unsafe.toString());
        assertEquals(Files.readString(Schemas.repo().resolve("scanner-cli/src/test/resources/fixes/" + name
                + ".fixed.c")), Files.readString(m));
        JsonNode r = MAPPER.readTree(CliRun.of("scan", "--output-format", "json", m.toString()).out());
        assertEquals("gil-not-used", r.at("/modules/0/declaration").asText());
        if (!name.endsWith("_compat")) {
            assertEquals("#ifdef Py_GIL_DISABLED", r.at("/modules/0/guard").asText());
        }
        assertEquals(0, r.get("findings").size(), r.toString());
    }

    /**
     * Buffers move to the mem domain whole: every allocator call on a buffer whose uses all stay in view, and none
     * of a buffer that is returned or handed to a helper.
     */
    @Test
    void buffersMoveToTheMemDomainWholeOrNotAtAll(@TempDir Path dir) throws Exception {
        Path m = fixture(dir, "buffer_domain.c");
        Set<String> before = findings(m);
        CliRun r = CliRun.of("scan", "--fix", "--show-fixes", m.toString());
        assertEquals(Files.readString(Schemas.repo().resolve(
                "scanner-cli/src/test/resources/fixes/buffer_domain.fixed.c")), Files.readString(m), r.toString());
        Set<String> after = findings(m);
        assertTrue(before.containsAll(after), "nothing new: " + after);
        // left: copy (returned), shared (handed to release_bytes), the free in release_bytes, and tail's three
        // calls (one realloc's result is returned, so none of them moves)
        assertEquals(6, after.size(), after.toString());
        assertEquals(13, before.size(), before.toString());
    }

    /** The 3.14 renames: exact drop-ins that ftcompat.h supplies for older versions; the rest is left to a person. */
    @Test
    void privateApiRenamesAndTheUniquenessTest(@TempDir Path dir) throws Exception {
        Path m = fixture(dir, "private_api.c");
        CliRun r = CliRun.of("scan", "--fix", "--show-fixes", "--output-format", "concise", m.toString());
        assertTrue(r.err().contains("fixed 4 findings in 1 file"), r.err());
        assertEquals(Files.readString(Schemas.repo().resolve("scanner-cli/src/test/resources/fixes/private_api.fixed.c")),
                Files.readString(m));
        Set<String> after = findings(m);
        // _Py_HashPointer (its 3.13 replacement has no shim) and _PyLong_Sign (another signature) stay reported
        assertEquals(2, after.size(), after.toString());
        assertTrue(after.stream().allMatch(f -> f.startsWith("FT809@")), after.toString());
    }
}
