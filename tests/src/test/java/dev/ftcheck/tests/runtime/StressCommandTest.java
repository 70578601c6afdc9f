package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ftcheck stress}: exact counts from N threads, exceptions by type, reports valid against the schema. */
class StressCommandTest {
    private static String so() {
        return Samples.build("ftsingle").toString();
    }

    private static JsonNode report(Path file) throws IOException {
        JsonNode r = new ObjectMapper().readTree(file.toFile());
        RunReportSchema.assertValidStress(r);
        return r;
    }

    @Test
    void everyThreadRunsItsWorkerExactlyRepeatTimes(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("append.py"), String.join("\n",
                "import ftsingle",
                "ftsingle.clear()",
                "seen = {}",
                "def worker(i):",
                "    ftsingle.append(i)",
                "def finish():",
                "    assert ftsingle.length() == 4 * 2500, ftsingle.length()",
                "    print('length', ftsingle.length(), 'total', ftsingle.total())",
                ""));
        Path json = dir.resolve("stress.json");
        RunCommandTest.Run r = RunCommandTest.ftcheck("stress", so(), "--script", script.toString(), "--threads", "4",
                "--repeat", "2500", "--report", json.toString());
        assertEquals("stress: 4 threads called worker(i) 10000 times\nlength 10000 total 15000\n",
                r.out().replace(System.lineSeparator(), "\n"), r.err());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = report(json);
        assertEquals("stress", j.get("command").asText());
        assertEquals("completed", j.get("outcome").asText());
        assertEquals(1, j.get("setup").get("succeeded").asInt());
        JsonNode s = j.get("stress");
        assertEquals(10000, s.get("operations").asLong());
        assertEquals(0, s.get("raised").asLong());
        assertEquals(4, s.get("perThread").size());
        for (JsonNode t : s.get("perThread")) {
            assertEquals(2500, t.get("operations").asLong(), t.toString());
        }
        assertTrue(s.get("checked").asBoolean(), "stress defaults to checked mode");
    }

    @Test
    void exceptionsAreCountedByTypeWithTheFirstMessage(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("raise.py"), String.join("\n",
                "import ftsingle",
                "def worker(i):",
                "    if i % 2:",
                "        ftsingle.fail('odd thread')",
                "    elif i == 2:",
                "        {}['k']",
                ""));
        Path json = dir.resolve("stress.json");
        RunCommandTest.Run r = RunCommandTest.ftcheck("stress", so(), "--script", script.toString(), "--threads", "4",
                "--repeat", "50", "--report", json.toString(), "--no-checked");
        assertEquals(1, r.exit(), "exceptions in workers are exit 1");
        JsonNode s = report(json).get("stress");
        assertEquals(50, s.get("operations").asLong(), "thread 0 never raises");
        assertEquals(150, s.get("raised").asLong());
        assertEquals(50, s.get("perThread").get(1).get("raised").asLong());
        assertTrue(!s.get("checked").asBoolean());
        String byType = s.get("exceptions").toString();
        assertTrue(byType.contains("{\"type\":\"ValueError\",\"count\":100,\"firstMessage\":\"odd thread\"}"), byType);
        assertTrue(byType.contains("{\"type\":\"KeyError\",\"count\":50,\"firstMessage\":\"'k'\"}"), byType);
        assertTrue(r.out().contains("ValueError x 100: odd thread"), r.out());
    }

    @Test
    void durationBoundsTheRunAndUsageErrorsAreExitTwo(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("d.py"), "import ftsingle\ndef worker(i):\n    ftsingle.double_it(i)\n");
        Path json = dir.resolve("stress.json");
        long start = System.nanoTime();
        RunCommandTest.Run r = RunCommandTest.ftcheck("stress", so(), "--script", script.toString(), "--threads", "2",
                "--duration", "1", "--report", json.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(System.nanoTime() - start < 30e9);
        JsonNode s = report(json).get("stress");
        assertTrue(s.get("operations").asLong() > 0);
        assertTrue(s.get("repeat").isNull());
        assertEquals(1.0, s.get("durationSeconds").asDouble());

        Path noWorker = Files.writeString(dir.resolve("none.py"), "x = 1\n");
        r = RunCommandTest.ftcheck("stress", so(), "--script", noWorker.toString(), "--repeat", "1", "--report",
                json.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("defines no worker(i) function"), r.err());
        report(json);

        r = RunCommandTest.ftcheck("stress", so(), "--script", script.toString(), "--repeat", "1", "--duration", "1");
        assertEquals(2, r.exit(), "--repeat and --duration exclude each other");
        r = RunCommandTest.ftcheck("stress", so(), "--script", script.toString());
        assertEquals(2, r.exit(), "one of --repeat and --duration is required");
        Path bad = Files.writeString(dir.resolve("bad.py"), "def worker(i):\n    return lambda: i\n");
        r = RunCommandTest.ftcheck("stress", so(), "--script", bad.toString(), "--repeat", "1");
        assertEquals(2, r.exit());
        assertEquals(bad + ":2:12: syntax not supported by ftcheck scripts: lambda\n",
                r.err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aCrashInAWorkerKeepsTheCountsAndIsExitThree(@TempDir Path dir) throws IOException {
        Path crash = Samples.build("ftcrash");
        Path script = Files.writeString(dir.resolve("crash.py"), String.join("\n",
                "import ftcrash",
                "def worker(i):",
                "    if i == 1:",
                "        ftcrash.null_deref()",
                ""));
        Path json = dir.resolve("stress.json");
        RunCommandTest.Run r = RunCommandTest.ftcheck("stress", crash.toString(), "--script", script.toString(),
                "--threads", "2", "--repeat", "100000000", "--report", json.toString());
        assertEquals(3, r.exit(), r.err());
        JsonNode j = report(json);
        assertEquals("crashed", j.get("outcome").asText());
        assertTrue(r.err().contains("SIGSEGV"), r.err());
    }
}
