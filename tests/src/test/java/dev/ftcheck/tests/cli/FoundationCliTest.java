package dev.ftcheck.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.Version;
import dev.ftcheck.tests.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoundationCliTest {
    private static Map<String, String> gil(String value) {
        Map<String, String> env = new HashMap<>();
        env.put("PYTHON_GIL", value);
        return env;
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        Cli.Result r = Cli.run("nosuchcommand");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Usage: ftcheck"), r.toString());
        assertTrue(r.err().contains("nosuchcommand"), r.toString());
        assertEquals("", r.out(), "usage must go to stderr");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Result r = Cli.run("info", "--no-such-option");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Usage: ftcheck info"), r.toString());
    }

    @Test
    void bareCommandShowsUsage() {
        Cli.Result r = Cli.run();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Commands:"), r.toString());
    }

    @Test
    void versionAndHelp() {
        Cli.Result v = Cli.run("--version");
        assertEquals(0, v.exitCode());
        assertEquals("ftcheck " + Version.get(), v.out().strip());
        Cli.Result h = Cli.run("--help");
        assertEquals(0, h.exitCode());
        assertTrue(h.out().contains("Exit codes:"), h.out());
        assertTrue(h.out().contains("info"), h.out());
    }

    @Test
    void completionScriptIsGenerated() {
        Cli.Result r = Cli.run("generate-completion");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("complete -F"), "bash completion function expected");
        assertTrue(r.out().contains("info"), "subcommands must be completable");
    }

    @Test
    void infoReportsTheFreeThreadingBuildAndLocations() {
        Cli.Result r = Cli.runJar(gil(null), "info");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("free-threading build"), r.out());
        assertTrue(r.out().contains("Py_GIL_DISABLED=1"), r.out());
        assertTrue(r.out().contains("PY_VERSION_HEX 0x030D00F0"), r.out());
        assertTrue(r.out().contains("GIL enabled:    False"), r.out());
    }

    @Test
    void infoJsonHonoursPythonGil() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode unset = json.readTree(Cli.runJar(gil(null), "info", "--json").out());
        assertTrue(unset.get("freeThreadingBuild").asBoolean());
        assertEquals(1, unset.get("Py_GIL_DISABLED").asInt());
        assertFalse(unset.get("gilEnabled").asBoolean());
        assertTrue(Files.isDirectory(Path.of(unset.get("includeDir").asText())));
        assertTrue(Files.isRegularFile(Path.of(unset.get("includeDir").asText(), "Python.h")),
                "the packaged headers must include Python.h");
        assertTrue(Files.isRegularFile(Path.of(unset.get("bridgeLibrary").asText())));

        JsonNode on = json.readTree(Cli.runJar(gil("1"), "info", "--json").out());
        assertTrue(on.get("gilEnabled").asBoolean());
        assertEquals("force-on", on.get("gilSetting").asText());

        JsonNode off = json.readTree(Cli.runJar(gil("0"), "info", "--json").out());
        assertFalse(off.get("gilEnabled").asBoolean());
        assertEquals("force-off", off.get("gilSetting").asText());
    }

    @Test
    void invalidPythonGilIsAUsageError() {
        Cli.Result r = Cli.runJar(gil("2"), "info");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("PYTHON_GIL must be"), r.toString());
    }

    @Test
    void configPrintsUsableFlags() {
        Cli.Result cflags = Cli.run("config", "--cflags");
        assertEquals(0, cflags.exitCode(), cflags.toString());
        assertTrue(cflags.out().contains("-DPy_GIL_DISABLED=1"), cflags.out());
        String inc = Cli.run("config", "--includes").out().strip();
        assertTrue(inc.startsWith("-I") && Files.isDirectory(Path.of(inc.substring(2))), inc);
        assertEquals(".cpython-313t-x86_64-linux-gnu.so", Cli.run("config", "--extension-suffix").out().strip());
        assertEquals(2, Cli.run("config").exitCode(), "config needs one of its flags");
    }
}
