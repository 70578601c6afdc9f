package dev.ftcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.scanner.RuleDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/rules/ is generated from the rules; this fails when the committed pages are out of date. */
class RuleDocsTest {
    @Test
    void committedRuleDocsMatchTheRules() throws Exception {
        Path dir = Schemas.repo().resolve("docs/rules");
        Map<String, String> expected = RuleDocs.pages();
        List<String> stale = new ArrayList<>();
        for (var e : expected.entrySet()) {
            Path p = dir.resolve(e.getKey());
            if (!Files.isRegularFile(p) || !Files.readString(p).equals(e.getValue())) {
                stale.add(e.getKey());
            }
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".md") && !expected.containsKey(n))
                        .forEach(n -> stale.add(n + " (no such rule)"));
            }
        }
        assertTrue(stale.isEmpty(), "docs/rules is out of date for " + stale
                + "; regenerate with: ./ftcheck rules --write-docs docs/rules");
    }

    @Test
    void writeDocsProducesTheSamePages(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("FT998.md"), "stale page of a removed rule");
        CliRun r = CliRun.of("rules", "--write-docs", dir.toString());
        assertEquals(0, r.exit(), r.toString());
        for (var e : RuleDocs.pages().entrySet()) {
            assertEquals(e.getValue(), Files.readString(dir.resolve(e.getKey())));
        }
        assertTrue(Files.notExists(dir.resolve("FT998.md")));
    }
}
