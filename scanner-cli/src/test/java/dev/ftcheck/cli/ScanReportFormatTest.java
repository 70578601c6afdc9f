package dev.ftcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ftcheck.scanner.rules.RuleRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three output formats: JSON validates against its schema, SARIF against SARIF 2.1.0, text has carets. */
class ScanReportFormatTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Path project(Path dir) throws Exception {
        Files.writeString(dir.resolve("mod.c"), """
                #define Py_LIMITED_API 0x030A0000
                #include <Python.h>
                """);
        Files.writeString(dir.resolve("data.bin.c"), "\0\0\0binary");
        return dir;
    }

    @Test
    void jsonReportValidatesAgainstSchema(@TempDir Path dir) throws Exception {
        project(dir);
        CliRun r = CliRun.of("scan", "--format", "json", dir.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", Schemas.errors(Schemas.portingReport(), r.out()));
        JsonNode root = MAPPER.readTree(r.out());
        assertEquals(1, root.get("schemaVersion").asInt());
        assertEquals("ftcheck", root.at("/tool/name").asText());
        assertEquals(1, root.at("/summary/findings").asInt());
        assertEquals(1, root.at("/summary/byFamily/limited-api").asInt());
        assertEquals(1, root.at("/summary/byRule/FT701").asInt());
        JsonNode f = root.at("/findings/0");
        assertEquals("FT701", f.get("rule").asText());
        assertEquals("limited-api", f.get("family").asText());
        assertEquals(1, f.at("/location/line").asInt());
        assertEquals(1, f.at("/location/column").asInt());
        assertEquals(23, f.at("/location/endColumn").asInt());
        assertEquals("#define Py_LIMITED_API 0x030A0000", f.get("snippet").asText());
        assertTrue(root.at("/skipped/0/reason").asText().contains("binary"), r.out());
    }

    @Test
    void modulesAreReportedAndValidate(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("spam.c"), """
                #include <Python.h>
                static PyModuleDef_Slot spam_slots[] = {
                #ifdef Py_GIL_DISABLED
                    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
                #endif
                    {0, NULL}
                };
                static struct PyModuleDef spam_def = {PyModuleDef_HEAD_INIT, "spam", NULL, 0, NULL, spam_slots};
                PyMODINIT_FUNC PyInit_spam(void) { return PyModuleDef_Init(&spam_def); }
                """);
        Files.writeString(dir.resolve("eggs.c"), """
                #include <Python.h>
                static struct PyModuleDef eggs_def = {PyModuleDef_HEAD_INIT, "eggs", NULL, -1, NULL};
                PyMODINIT_FUNC PyInit_eggs(void) { return PyModule_Create(&eggs_def); }
                """);
        CliRun r = CliRun.of("scan", "--format", "json", "--fail-on", "none", dir.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", Schemas.errors(Schemas.portingReport(), r.out()));
        JsonNode modules = MAPPER.readTree(r.out()).get("modules");
        assertEquals(2, modules.size(), r.out());
        assertEquals("eggs", modules.get(0).get("name").asText());
        assertEquals("single-phase", modules.get(0).get("initStyle").asText());
        assertEquals("missing", modules.get(0).get("declaration").asText());
        assertEquals("spam", modules.get(1).get("name").asText());
        assertEquals("multi-phase", modules.get(1).get("initStyle").asText());
        assertEquals("gil-not-used", modules.get(1).get("declaration").asText());
        assertTrue(modules.get(1).get("guard").asText().contains("Py_GIL_DISABLED"), r.out());
    }

    @Test
    void schemaRejectsBrokenReports(@TempDir Path dir) throws Exception {
        // The validation must be able to fail, or the test above proves nothing.
        project(dir);
        CliRun r = CliRun.of("scan", "--format", "json", dir.toString());
        ObjectNode root = (ObjectNode) MAPPER.readTree(r.out());
        ((ObjectNode) root.at("/findings/0")).put("family", "no-such-family");
        assertFalse(Schemas.errors(Schemas.portingReport(), root.toString()).isEmpty());
        root.remove("findings");
        assertFalse(Schemas.errors(Schemas.portingReport(), root.toString()).isEmpty());
    }

    @Test
    void sarifValidatesAndCarriesRuleHelp(@TempDir Path dir) throws Exception {
        project(dir);
        CliRun r = CliRun.of("scan", "--format", "sarif", dir.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", Schemas.errors(Schemas.sarif(), r.out()));
        JsonNode root = MAPPER.readTree(r.out());
        assertEquals("2.1.0", root.get("version").asText());
        JsonNode rules = root.at("/runs/0/tool/driver/rules");
        assertEquals(RuleRegistry.all().size(), rules.size());
        JsonNode ft701 = null;
        for (JsonNode rule : rules) {
            if (rule.get("id").asText().equals("FT701")) {
                ft701 = rule;
            }
        }
        assertTrue(ft701 != null, "FT701 missing from driver.rules");
        assertEquals(CliRun.of("explain", "FT701").out(), ft701.at("/help/markdown").asText());
        JsonNode result = root.at("/runs/0/results/0");
        assertEquals("FT701", result.get("ruleId").asText());
        assertEquals("error", result.get("level").asText());
        assertEquals(1, result.at("/locations/0/physicalLocation/region/startLine").asInt());
        assertTrue(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText().endsWith("mod.c"));
        // Skipped inputs are reported as tool notifications.
        assertTrue(root.at("/runs/0/invocations/0/toolExecutionNotifications/0/message/text").asText()
                .contains("binary"));
    }

    @Test
    void sarifSchemaRejectsBrokenLogs(@TempDir Path dir) throws Exception {
        project(dir);
        ObjectNode root = (ObjectNode) MAPPER.readTree(CliRun.of("scan", "--format", "sarif", dir.toString()).out());
        ((ObjectNode) root.at("/runs/0/results/0")).put("level", "fatal");
        assertFalse(Schemas.errors(Schemas.sarif(), root.toString()).isEmpty());
    }

    @Test
    void textShowsLocationCaretAndReplacement(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.c"), "int x;\n\t#define Py_LIMITED_API 3\n");
        CliRun r = CliRun.of("scan", dir.toString());
        assertEquals(1, r.exit(), r.toString());
        String file = dir.toString().replace('\\', '/') + "/m.c";
        assertTrue(r.out().startsWith(file + ":2:2: FT701 [error] "), r.out());
        assertTrue(r.out().contains("  2 | \t#define Py_LIMITED_API 3\n    | \t^~~~~~~~~~~~~~~~~~~~~~\n"), r.out());
        assertTrue(r.out().contains("  = use: #ifndef Py_GIL_DISABLED"), r.out());
        assertTrue(r.out().contains("1 finding (1 error, 0 warning, 0 info) in 1 file"), r.out());
    }

    @Test
    void outputOptionWritesFile(@TempDir Path dir) throws Exception {
        project(dir);
        Path out = dir.resolve("reports/out.json");
        CliRun r = CliRun.of("scan", "--format", "json", "--output", out.toString(), dir.resolve("mod.c").toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        assertEquals("", Schemas.errors(Schemas.portingReport(), Files.readString(out)));
        CliRun bad = CliRun.of("scan", "--output", dir.toString(), dir.toString());
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("is a directory"), bad.toString());
    }
}
