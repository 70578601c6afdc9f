package dev.ftcheck.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.Location;
import dev.ftcheck.scanner.api.Rule;
import dev.ftcheck.scanner.rules.RuleRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the whole scanner (every registered rule, suppressions included) over each fixture and compares the findings
 * with the inline markers: an unexpected or a missing finding fails the case.
 */
class FixtureTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureMatchesItsMarkers() {
        List<Fixtures.Case> cases = Fixtures.cases();
        assertFalse(cases.isEmpty(), "no fixtures found");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            ScanResult result = new Scanner(RuleRegistry.all(), ScanOptions.defaults().withJobs(1))
                    .scan(List.of(c.path().toString()));
            List<String> problems = Fixtures.mismatches(result.findings(), Fixtures.markers(c));
            result.notes().stream().filter(n -> n.message().contains("internal error"))
                    .forEach(n -> problems.add("rule crashed: " + n.path() + ": " + n.message()));
            if (!problems.isEmpty()) {
                fail(c.name() + ":\n  " + String.join("\n  ", problems));
            }
        }));
    }

    @Test
    void everyRuleHasPositiveAndNegativeFixtures() {
        Set<String> positive = new HashSet<>();
        Set<String> negative = new HashSet<>();
        for (Fixtures.Case c : Fixtures.cases()) {
            for (Fixtures.Marker m : Fixtures.markers(c)) {
                (m.kind().equals("expect") ? positive : negative).add(m.code());
            }
        }
        List<String> missing = new ArrayList<>();
        for (Rule r : RuleRegistry.all()) {
            String code = r.metadata().code();
            if (!positive.contains(code)) {
                missing.add(code + " has no `expect: " + code + "` fixture line");
            }
            if (!negative.contains(code)) {
                missing.add(code + " has no `ok: " + code + "` fixture line (a case it must not report)");
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void harnessReportsUnexpectedMissingAndUnknown() {
        // The harness itself must be able to fail: feed it a mismatch of each kind.
        List<Fixtures.Marker> markers = List.of(
                new Fixtures.Marker("expect", "a.c", 3, "FT701"),
                new Fixtures.Marker("expect", "a.c", 9, "FT999"));
        List<String> problems = Fixtures.mismatches(List.of(), markers);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("unknown rule code FT999"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("missing finding a.c:3: FT701")), problems.toString());
    }

    @Test
    void harnessChecksTheConfidenceAMarkerNames() {
        Fixtures.Marker marker = Fixtures.markers(new Fixtures.Case(
                Fixtures.root().resolve("unsafe-set-item/created_in_slot.c"), "created_in_slot.c")).stream()
                .filter(m -> m.confidence() == Confidence.LOW).findFirst().orElseThrow();
        Finding high = new Finding(RuleRegistry.all().stream().filter(r -> r.metadata().code().equals(marker.code()))
                .findFirst().orElseThrow().metadata(), new Location(marker.file(), marker.line(), 5, marker.line(), 9),
                "PyList_SET_ITEM", null, "m", Confidence.HIGH, "", null);
        List<String> problems = Fixtures.mismatches(List.of(high), List.of(marker));
        assertEquals(List.of(marker.file() + ":" + marker.line() + ": FT301 has confidence high, the marker expects "
                + "low"), problems);
    }
}
