package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.tests.support.Cli;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every --call literal in the CPython 3.13 table (scanner-cli/src/test/resources/literals/cpython-reprs.json) goes
 * through `ftcheck run` into the runtime and back: ftsingle's echo returns its arguments, so each output line must
 * be CPython's repr in a one-element tuple, complex numbers included.
 */
class LiteralReprTest {
    @Test
    void runtimeReprOfEachLiteralMatchesCPython() throws IOException {
        JsonNode table = new ObjectMapper().readTree(
                Cli.repo().resolve("scanner-cli/src/test/resources/literals/cpython-reprs.json").toFile());
        List<String> args = new ArrayList<>(List.of("run", Samples.build("ftsingle").toString()));
        List<String> expected = new ArrayList<>();
        for (JsonNode c : table.at("/cases")) {
            String repr = c.path("repr").asText(null);
            if (repr == null) {
                continue;
            }
            String call = "echo(" + c.at("/literal").asText() + ")";
            args.add("--call");
            args.add(call);
            expected.add(call + " -> (" + repr + ",)");
        }
        assertTrue(expected.size() >= 40, "rows compared: " + expected.size());
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", expected), r.out().strip().replace(System.lineSeparator(), "\n"));
    }
}
