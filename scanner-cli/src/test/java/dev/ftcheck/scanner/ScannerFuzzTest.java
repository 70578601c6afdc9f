package dev.ftcheck.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ftcheck.scanner.rules.RuleRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Coverage-guided fuzzing of the whole per-file pipeline (decode, prefilter, parse, every rule, the project phase)
 * with Jazzer. Seeds are the fixtures (copied into {@code ScannerFuzzTestInputs/fuzzScan} by the build); {@code ./build test} replays only the seeds, so
 * its result does not depend on luck; {@code JAZZER_FUZZ=1} fuzzes for a few seconds (docs/scanner.md "Fuzzing"). A rule that throws, or any internal-error note, is a crash; every crash found becomes a fixture.
 */
class ScannerFuzzTest {
    static {
        // Jazzer 0.24's ASM cannot read JDK 25 class files: hook and instrument only our own code
        System.setProperty("jazzer.custom_hook_includes", "dev.ftcheck.**");
        System.setProperty("jazzer.instrumentation_includes", "dev.ftcheck.**");
    }

    private static final Path DIR = tempDir();

    private static Path tempDir() {
        try {
            Path d = Files.createTempDirectory("ftcheck-fuzz");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replays the seeds; fuzzes for at most 5 s when {@code JAZZER_FUZZ=1} is set. */
    @FuzzTest(maxDuration = "5s")
    void fuzzScan(byte[] input) throws Exception {
        scan(input);
    }

    /**
     * Entry point for Jazzer's standalone driver, for long runs: {@code scanner-cli/src/test/fuzz/fuzz-long.sh}
     * (docs/scanner.md "Fuzzing"). JUnit's {@code @FuzzTest} duration is a compile-time constant.
     */
    public static void fuzzerTestOneInput(byte[] input) throws Exception {
        scan(input);
    }

    private static void scan(byte[] input) throws Exception {
        // the first byte picks the language, the rest is the file
        boolean cpp = input.length > 0 && (input[0] & 1) == 1;
        byte[] body = input.length > 0 ? java.util.Arrays.copyOfRange(input, 1, input.length) : input;
        Path file = DIR.resolve(cpp ? "fuzz.cpp" : "fuzz.c");
        Files.write(file, body);
        ScanResult r = new Scanner(RuleRegistry.all(), ScanOptions.defaults().withJobs(1))
                .scan(List.of(file.toString()));
        List<ScanNote> internal = r.notes().stream().filter(ScanNote::isInternalError).toList();
        assertEquals(List.of(), internal, () -> "input:\n" + new String(body, StandardCharsets.ISO_8859_1));
    }
}
