package dev.ftcheck.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
}
