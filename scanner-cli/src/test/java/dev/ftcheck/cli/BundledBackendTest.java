package dev.ftcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback tree-sitter backend (the bonede jars' natives, one FFM call per node) must produce exactly the
 * findings of the optimised one. The backend is fixed per JVM, so the fallback runs in a child JVM.
 */
class BundledBackendTest {
    @Test
    void bundledBackendFindsTheSameAsTheOptimisedOne(@TempDir Path dir) throws Exception {
        Path fixtures = Path.of(BundledBackendTest.class.getResource("/fixtures").toURI());
        Path out = dir.resolve("bundled.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dftcheck.treesitter.bundled=true", "-Dftcheck.timing=true",
                "-cp", System.getProperty("java.class.path"), "dev.ftcheck.cli.Main",
                "scan", "--no-config", "--no-cache", "--fail-on", "none", "--format", "json", "--output",
                out.toString(), fixtures.toString())) // --no-cache: the child must parse with the bundled backend
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child scan timed out");
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("bonede jars"), "the child did not use the bundled backend: " + log);

        CliRun here = CliRun.of("scan", "--no-config", "--fail-on", "none", "--format", "json", fixtures.toString());
        ObjectMapper m = new ObjectMapper();
        JsonNode bundled = m.readTree(Files.readString(out)).get("findings");
        JsonNode optimised = m.readTree(here.out()).get("findings");
        assertTrue(optimised.size() > 10, "too few findings to compare: " + optimised.size());
        assertEquals(optimised, bundled);
    }
}
