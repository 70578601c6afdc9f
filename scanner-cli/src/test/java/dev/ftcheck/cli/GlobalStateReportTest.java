package dev.ftcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Global-state findings: one per write and one on the declaration, linked both ways, each its own baseline key. */
class GlobalStateReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String HEAD = """
            #include <Python.h>
            static long calls;

            static PyObject *
            count(PyObject *self, PyObject *arg)
            {
                calls++;
                Py_RETURN_NONE;
            }
            """;

    private static final String SECOND_WRITER = """

            static PyObject *
            reset(PyObject *self, PyObject *arg)
            {
                calls = 0;
                Py_RETURN_NONE;
            }
            """;

    @Test
    void everyWriteIsAFindingWithRelatedLocations(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.c"), HEAD + SECOND_WRITER);
        CliRun r = CliRun.of("scan", "--format", "sarif", "--select", "FT601", dir.toString());
        assertEquals("", Schemas.errors(Schemas.sarif(), r.out()));
        JsonNode results = MAPPER.readTree(r.out()).at("/runs/0/results");
        assertEquals(3, results.size(), r.out());
        JsonNode decl = results.get(0);
        assertEquals(2, decl.at("/locations/0/physicalLocation/region/startLine").asInt());
        assertEquals(2, decl.get("relatedLocations").size(), decl.toString());
        assertEquals(7, decl.at("/relatedLocations/0/physicalLocation/region/startLine").asInt());
        assertEquals(14, decl.at("/relatedLocations/1/physicalLocation/region/startLine").asInt());
        for (int i = 1; i < 3; i++) {
            JsonNode w = results.get(i);
            assertEquals(1, w.get("relatedLocations").size());
            assertEquals(2, w.at("/relatedLocations/0/physicalLocation/region/startLine").asInt());
        }
        CliRun json = CliRun.of("scan", "--format", "json", "--select", "FT601", dir.toString());
        assertEquals("", Schemas.errors(Schemas.portingReport(), json.out()));
        assertEquals(2, MAPPER.readTree(json.out()).at("/findings/0/related").size());
    }

    @Test
    void aNewWriteToABaselinedGlobalIsNew(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("m.c");
        Files.writeString(src, HEAD);
        Path base = dir.resolve("baseline.json");
        CliRun w = CliRun.of("scan", "--write-baseline", base.toString(), "--select", "FT601", src.toString());
        assertTrue(w.err().contains("recorded 2 findings"), w.toString());
        Files.writeString(src, HEAD + SECOND_WRITER);
        CliRun r = CliRun.of("scan", "--format", "json", "--baseline", base.toString(), "--select", "FT601",
                src.toString());
        assertEquals(1, r.exit(), r.toString());
        JsonNode root = MAPPER.readTree(r.out());
        assertEquals(1, root.at("/summary/findings").asInt(), r.out());
        assertEquals(14, root.at("/findings/0/location/line").asInt());
        assertEquals(2, root.at("/summary/baselined").asInt());
    }
}
