package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.tests.support.Cli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ftcheck stress} on the race samples (samples/runtime/ftrace_*.c with their .stress.py scripts): each racy
 * sample's hazard is reported with the scanner rule it is, and its fixed twin runs clean. One 3-second run each
 * here; the 10-of-10 figures come from {@code tests/corpus/tsan --ftcheck-only --ftcheck-runs 10}
 * (docs/runtime.md).
 */
class RaceSamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode stress(Path dir, String sample) throws IOException {
        return stress(dir, sample, sample, "--duration", "3");
    }

    private static JsonNode stress(Path dir, String module, String script, String... amount) throws IOException {
        Path report = dir.resolve(script + ".json");
        List<String> args = new ArrayList<>(List.of("stress", Samples.build(module).toString(), "--script",
                Samples.SOURCES.resolve(script + ".stress.py").toString(), "--threads", "4", "--report",
                report.toString()));
        args.addAll(List.of(amount));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        JsonNode j = JSON.readTree(report.toFile());
        RunReportSchema.assertValidStress(j);
        ((com.fasterxml.jackson.databind.node.ObjectNode) j).put("exitCode", r.exitCode());
        return j;
    }

    /** scan --evidence joins the stress report to a finding of the same rule in the sample's source. */
    private static void assertEvidenceConfirmsAFinding(Path dir, String sample, String rule) throws IOException {
        Cli.Result scan = Cli.run("scan", Samples.SOURCES.resolve(sample + ".c").toString(), "--evidence",
                dir.resolve(sample + ".json").toString(), "--output-format", "json", "--fail-on", "none");
        assertEquals(0, scan.exitCode(), scan.toString());
        JsonNode porting = JSON.readTree(scan.out());
        RunReportSchema.assertValidPorting(porting);
        List<String> fingerprints = new ArrayList<>();
        porting.path("findings").forEach(f -> {
            if (f.path("rule").asText().equals(rule)) {
                fingerprints.add(f.path("fingerprint").asText());
            }
        });
        boolean confirmed = false;
        for (JsonNode e : porting.path("runtimeEvidence")) {
            confirmed |= e.path("rule").asText().equals(rule) && fingerprints.contains(e.path("finding").asText());
        }
        assertTrue(confirmed, "no runtime evidence joined to a " + rule + " finding: " + porting.path("runtimeEvidence"));
    }

    private static List<String> rules(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.at("/stress/diagnostics").forEach(d -> out.add(d.path("rule").asText(null)));
        return out;
    }

    @ParameterizedTest
    @CsvSource({"ftrace_borrowed, FT101", "ftrace_dictnext, FT201", "ftrace_globalcache, FT601"})
    void racySampleIsReportedWithItsRuleAndItsFixedTwinIsClean(String sample, String rule, @TempDir Path dir)
            throws IOException {
        JsonNode racy = stress(dir, sample);
        assertEquals(1, racy.path("exitCode").asInt(), racy.toString());
        assertTrue(rules(racy).contains(rule), "expected " + rule + " in " + racy.at("/stress/diagnostics"));
        assertTrue(racy.path("checked").asBoolean());
        assertEvidenceConfirmsAFinding(dir, sample, rule);

        JsonNode fixed = stress(dir, sample + "_fixed");
        assertEquals(0, fixed.path("exitCode").asInt(), fixed.toString());
        assertEquals(0, fixed.at("/stress/diagnostics").size(), fixed.at("/stress/diagnostics").toString());
        assertEquals(0, fixed.at("/stress/raised").asLong(), fixed.at("/stress/exceptions").toString());
        assertTrue(fixed.at("/stress/operations").asLong() > 0);
    }

    @org.junit.jupiter.api.Test
    void oneIteratorAdvancedByFourThreadsIsReportedAndPerCallIteratorsAreNot(@TempDir Path dir) throws IOException {
        JsonNode shared = stress(dir, "ftsharediter", "ftsharediter", "--repeat", "2000");
        assertEquals(1, shared.path("exitCode").asInt(), shared.toString());
        JsonNode d = shared.at("/stress/diagnostics/0");
        assertEquals("shared-iterator", d.path("kind").asText(), shared.at("/stress/diagnostics").toString());
        assertEquals(1, d.path("count").asLong(), "reported once per iterator");
        assertTrue(d.path("firstMessage").asText().startsWith("a list_iterator object at 0x"), d.toString());

        JsonNode own = stress(dir, "ftsharediter", "ftsharediter_own", "--repeat", "2000");
        assertEquals(0, own.path("exitCode").asInt(), own.toString());
        assertEquals(8000, own.at("/stress/operations").asLong());
    }
}
