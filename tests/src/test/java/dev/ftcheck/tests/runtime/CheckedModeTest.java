package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.tests.support.Cli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checked mode through {@code ftcheck run} (samples/runtime/ftrefbugs.c): a release too many and a read after the
 * free are reported with the object's type and the extension function that did it, in every run; leaks are
 * counted exactly by type and allocation site, cycles are listed, balanced code stays silent; --no-checked turns
 * all of it off.
 */
class CheckedModeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SITE = Pattern.compile("ftrefbugs\\.cpython-313t-x86_64-linux-gnu\\.so\\+0x[0-9a-f]+");

    record Outcome(Cli.Result run, JsonNode report) {}

    private static Outcome run(Path dir, String... args) throws IOException {
        Path report = dir.resolve("run.json");
        List<String> all = new ArrayList<>(List.of("run", Samples.build("ftrefbugs").toString()));
        all.addAll(List.of(args));
        all.addAll(List.of("--report", report.toString()));
        Cli.Result r = Cli.run(all.toArray(String[]::new));
        JsonNode j = JSON.readTree(report.toFile());
        RunReportSchema.assertValid(j);
        return new Outcome(r, j);
    }

    private static List<JsonNode> diagnostics(JsonNode report, String kind) {
        List<JsonNode> out = new ArrayList<>();
        report.path("diagnostics").forEach(d -> {
            if (d.path("kind").asText().equals(kind)) {
                out.add(d);
            }
        });
        return out;
    }

    /** The line of double_decref()'s second Py_DECREF in the sample's source. */
    private static int secondDecrefLine() throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(Samples.SOURCES.resolve("ftrefbugs.c"));
        int start = lines.indexOf("static PyObject *double_decref(PyObject *self, PyObject *unused)");
        int seen = 0;
        for (int i = start; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("Py_DECREF(o);") && ++seen == 2) {
                return i + 1;
            }
        }
        throw new AssertionError("double_decref's second Py_DECREF not found");
    }

    @Test
    void doubleDecrefAndReadAfterFreeAreReportedInTenOfTenRuns(@TempDir Path dir) throws IOException {
        for (int run = 1; run <= 10; run++) {
            Outcome o = run(dir, "--call", "double_decref()", "--call", "read_after_free()");
            String where = "run " + run + ":\n" + o.run();
            assertEquals(1, o.run().exitCode(), where);
            assertTrue(o.report().path("checked").asBoolean(), where);
            List<JsonNode> under = diagnostics(o.report(), "refcount-underflow");
            assertEquals(1, under.size(), where);
            JsonNode u = under.get(0);
            assertTrue(u.path("cFunction").asText().startsWith("double_decref() (ftrefbugs."), where);
            assertTrue(SITE.matcher(u.path("cFunction").asText()).find(), where);
            assertTrue(u.path("file").asText().endsWith("samples/runtime/ftrefbugs.c"), where);
            assertEquals(secondDecrefLine(), u.path("line").asInt(), "the line of the second Py_DECREF\n" + where);
            String um = u.path("message").asText();
            assertTrue(um.startsWith("Py_DECREF of an object of type float at 0x"), um);
            assertTrue(um.contains("; freed by double_decref() (ftrefbugs."), um);
            assertTrue(um.contains("; allocated by double_decref() (ftrefbugs."), um);

            List<JsonNode> uaf = diagnostics(o.report(), "use-after-free");
            assertEquals(1, uaf.size(), where);
            JsonNode a = uaf.get(0);
            assertTrue(a.path("cFunction").asText().startsWith("read_after_free() (ftrefbugs."), where);
            String am = a.path("message").asText();
            assertTrue(am.contains("an object of type int at 0x"), am);
            assertTrue(am.contains("that was already freed; freed by read_after_free() (ftrefbugs."), am);
            // the read does not return a value from freed memory: the call fails instead of returning 123456789
            JsonNode second = o.report().path("calls").get(1);
            assertEquals("SystemError", second.at("/exception/type").asText(), where);
            assertEquals(2, o.report().path("diagnostics").size(), "nothing else reported\n" + where);
        }
    }

    @Test
    void leaksAreCountedExactlyByTypeAndSiteAndBalancedCodeIsSilent(@TempDir Path dir) throws IOException {
        Outcome o = run(dir, "--check-leaks", "--call", "balanced(100000)", "--call", "leak(100000)");
        assertEquals(1, o.run().exitCode(), o.run().toString());
        JsonNode leaks = o.report().path("leaks");
        assertEquals(100000, leaks.path("total").asLong(), leaks.toString());
        assertEquals(1, leaks.path("groups").size(), leaks.toString());
        JsonNode g = leaks.path("groups").get(0);
        assertEquals("int", g.path("type").asText());
        assertEquals(100000, g.path("count").asLong());
        assertTrue(g.path("site").asText().startsWith("leak() (ftrefbugs."), g.toString());
        assertEquals(0, leaks.path("cycles").size());
        List<JsonNode> reported = diagnostics(o.report(), "leak");
        assertEquals(1, reported.size());
        assertTrue(reported.get(0).path("message").asText().startsWith("100000 int objects allocated by leak() ("),
                reported.get(0).toString());

        Outcome clean = run(dir, "--check-leaks", "--call", "balanced(100000)");
        assertEquals(0, clean.run().exitCode(), clean.run().toString());
        assertEquals(0, clean.report().at("/leaks/total").asLong(), clean.report().toString());
        assertEquals(0, clean.report().path("diagnostics").size());
    }

    @Test
    void selfReferencingListsAreListedAsCycles(@TempDir Path dir) throws IOException {
        Outcome o = run(dir, "--check-leaks", "--call", "self_cycles(20000)");
        assertEquals(1, o.run().exitCode(), o.run().toString());
        JsonNode cycles = o.report().at("/leaks/cycles");
        assertEquals(1, cycles.size(), cycles.toString());
        assertEquals("a list that refers to itself", cycles.get(0).path("shape").asText());
        assertEquals(20000, cycles.get(0).path("count").asLong());
        assertEquals(20000, o.report().at("/leaks/total").asLong());
        assertTrue(o.run().err().contains("ftcheck: reference-cycle [main]: 20000 unreachable reference cycles of a"
                + " list that refers to itself"), o.run().err());
    }

    @Test
    void noCheckedTurnsTheChecksOff(@TempDir Path dir) throws IOException {
        Outcome o = run(dir, "--no-checked", "--call", "balanced(10)");
        assertEquals(0, o.run().exitCode(), o.run().toString());
        assertFalse(o.report().path("checked").asBoolean());
        Cli.Result r = Cli.run("run", Samples.build("ftrefbugs").toString(), "--no-checked", "--check-leaks");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--check-leaks needs checked mode"), r.err());
    }
}
