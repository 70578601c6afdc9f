package dev.ftcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end CLI behaviour: exit codes, --fail-on, suppressions, baselines, [tool.ftcheck], rules/explain. */
class ScanCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BAD = "#define Py_LIMITED_API 0x030A0000\n";

    static int findings(CliRun r) throws Exception {
        return MAPPER.readTree(r.out()).at("/summary/findings").asInt();
    }

    @Test
    void exitCodesFollowFailOn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.c"), BAD); // FT701 is an error
        CliRun first = CliRun.of("scan", dir.toString());
        assertEquals(1, first.exit());
        assertEquals("", first.err(), "no progress or warnings on stderr when it is not a terminal");
        assertEquals(1, CliRun.of("scan", "--fail-on", "error", dir.toString()).exit());
        assertEquals(1, CliRun.of("scan", "--fail-on", "info", dir.toString()).exit());
        assertEquals(0, CliRun.of("scan", "--fail-on", "none", dir.toString()).exit());
        Files.writeString(dir.resolve("a.c"), "int ok;\n");
        assertEquals(0, CliRun.of("scan", dir.toString()).exit());
    }

    @Test
    void usageErrorsExitTwoWithAMessage(@TempDir Path dir) throws Exception {
        CliRun missing = CliRun.of("scan", dir.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such file or directory"), missing.toString());
        assertFalse(missing.err().contains("Exception"), missing.toString());
        CliRun failOn = CliRun.of("scan", "--fail-on", "sometimes", dir.toString());
        assertEquals(2, failOn.exit());
        assertTrue(failOn.err().contains("--fail-on must be"), failOn.toString());
        assertEquals(2, CliRun.of("scan", "--format", "xml", dir.toString()).exit());
        assertEquals(2, CliRun.of("scan", "--jobs", "0", dir.toString()).exit());
        CliRun select = CliRun.of("scan", "--select", "FT999", dir.toString());
        assertEquals(2, select.exit());
        assertTrue(select.err().contains("matches no rule"), select.toString());
        // Several roots, one missing: still a usage error (a CI typo must not pass silently).
        assertEquals(2, CliRun.of("scan", dir.toString(), dir.resolve("gone").toString()).exit());
    }

    @Test
    void inlineSuppressionsByCodeFamilyAndLineAbove(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.c"), """
                #define Py_LIMITED_API 1 // ftcheck: ignore[FT701]
                #define Py_LIMITED_API 2 /* ftcheck: ignore[limited-api] */
                // ftcheck: ignore[FT101, FT701]
                #define Py_LIMITED_API 3
                #define Py_LIMITED_API 4 // ftcheck: ignore[FT101]
                #define Py_LIMITED_API 5 // noqa: borrowed-ref (only silences borrowed-reference)
                """);
        CliRun r = CliRun.of("scan", "--format", "json", dir.toString());
        JsonNode root = MAPPER.readTree(r.out());
        assertEquals(2, root.at("/summary/findings").asInt(), r.out());
        assertEquals(5, root.at("/findings/0/location/line").asInt());
        assertEquals(6, root.at("/findings/1/location/line").asInt());
        assertEquals(3, root.at("/summary/suppressed").asInt());
    }

    @Test
    void baselineHidesKnownFindingsEvenAfterLinesMove(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("a.c"), BAD + "#define Py_LIMITED_API 0x030B0000\n");
        Path base = dir.resolve("ftcheck-baseline.json");
        CliRun write = CliRun.of("scan", "--write-baseline", base.toString(), src.toString());
        assertEquals(0, write.exit(), write.toString());
        assertTrue(write.err().contains("recorded 2 findings"), write.toString());

        // Shift everything down and add one new finding: only the new one counts.
        Files.writeString(src.resolve("a.c"), "/* new header */\n\n" + BAD + "#define Py_LIMITED_API 0x030B0000\n"
                + "#define Py_LIMITED_API 0x030C0000\n");
        CliRun r = CliRun.of("scan", "--format", "json", "--baseline", base.toString(), src.toString());
        assertEquals(1, r.exit(), r.toString());
        JsonNode root = MAPPER.readTree(r.out());
        assertEquals(1, root.at("/summary/findings").asInt(), r.out());
        assertEquals(5, root.at("/findings/0/location/line").asInt());
        assertEquals(2, root.at("/summary/baselined").asInt());

        // Without the new finding the run passes.
        Files.writeString(src.resolve("a.c"), "\n" + BAD + "#define Py_LIMITED_API 0x030B0000\n");
        assertEquals(0, CliRun.of("scan", "--baseline", base.toString(), src.toString()).exit());

        // A duplicate of a baselined line is new: the baseline absorbs each recorded finding once.
        Files.writeString(src.resolve("a.c"), BAD + BAD + "#define Py_LIMITED_API 0x030B0000\n");
        assertEquals(1, CliRun.of("scan", "--baseline", base.toString(), src.toString()).exit());

        CliRun missing = CliRun.of("scan", "--baseline", dir.resolve("none.json").toString(), src.toString());
        assertEquals(2, missing.exit());
        Files.writeString(dir.resolve("junk.json"), "{ not json");
        CliRun junk = CliRun.of("scan", "--baseline", dir.resolve("junk.json").toString(), src.toString());
        assertEquals(2, junk.exit());
        assertTrue(junk.err().contains("not valid JSON"), junk.toString());
    }

    @Test
    void pyprojectConfigIsFoundUpwardAndApplied(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("pkg/src");
        Files.createDirectories(src.resolve("third_party"));
        Files.writeString(src.resolve("a.c"), BAD);
        Files.writeString(src.resolve("third_party/b.c"), BAD);
        // No config: both files report.
        assertEquals(2, findings(CliRun.of("scan", "--format", "json", src.toString())));

        Files.writeString(dir.resolve("pyproject.toml"), """
                [project]
                name = "demo"

                [tool.ftcheck]
                exclude = ["third_party"]
                fail-on = "none"
                """);
        CliRun r = CliRun.of("scan", "--format", "json", src.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode root = MAPPER.readTree(r.out());
        assertEquals(1, root.at("/summary/findings").asInt(), r.out());
        assertTrue(root.at("/skipped/0/reason").asText().contains("--exclude third_party"), r.out());
        // The command line wins over the file.
        assertEquals(1, CliRun.of("scan", "--fail-on", "error", src.toString()).exit());
        // --no-config ignores it.
        assertEquals(2, findings(CliRun.of("scan", "--no-config", "--format", "json", src.toString())));

        Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftcheck]\nignore = [\"limited-api\"]\n");
        assertEquals(0, findings(CliRun.of("scan", "--format", "json", src.toString())));
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftcheck]\nselect = [\"FT7\"]\n");
        assertEquals(2, findings(CliRun.of("scan", "--format", "json", src.toString())));

        Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftcheck]\nfail_on = \"none\"\n");
        CliRun unknown = CliRun.of("scan", src.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown key 'fail_on'"), unknown.toString());
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftcheck\nselect = 3\n");
        CliRun broken = CliRun.of("scan", src.toString());
        assertEquals(2, broken.exit());
        assertTrue(broken.err().contains("not valid TOML"), broken.toString());
        Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftcheck]\nselect = \"FT701\"\n");
        assertEquals(2, CliRun.of("scan", src.toString()).exit());
    }

    @Test
    void rulesListsEveryRuleAndExplainPrintsDocs() {
        CliRun rules = CliRun.of("rules");
        assertEquals(0, rules.exit());
        assertTrue(rules.out().contains("FT701  limited-api-define"), rules.out());
        CliRun explain = CliRun.of("explain", "FT701");
        assertEquals(0, explain.exit());
        assertTrue(explain.out().contains("## Why is this bad?"), explain.out());
        assertTrue(explain.out().contains("## Use instead"), explain.out());
        assertEquals(explain.out(), CliRun.of("explain", "limited-api-define").out());
        CliRun unknown = CliRun.of("explain", "FT999");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no rule 'FT999'"), unknown.toString());
    }
}
