package dev.ftcheck.scanner.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftcheck.scanner.ScanOptions;
import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.Scanner;
import dev.ftcheck.scanner.api.Confidence;
import dev.ftcheck.scanner.api.Finding;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Container findings inside code the parser could not read say so with low confidence. */
class UnparsedConfidenceTest {
    @Test
    void setItemInAnUnparsedFunctionHasLowConfidence() throws Exception {
        Path fixture = Path.of(getClass().getResource("/fixtures/unsafe-set-item/unparsed_function.c").toURI());
        ScanResult r = new Scanner(RuleRegistry.all(), ScanOptions.defaults().withJobs(1))
                .scan(List.of(fixture.toString()));
        List<Finding> setItems = r.findings().stream().filter(f -> f.code().equals("FT301")).toList();
        assertEquals(1, setItems.size(), r.findings().toString());
        assertEquals(Confidence.LOW, setItems.get(0).confidence(), setItems.get(0).message());
        assertEquals(true, setItems.get(0).message().contains("could not be parsed"), setItems.get(0).message());
    }
}
