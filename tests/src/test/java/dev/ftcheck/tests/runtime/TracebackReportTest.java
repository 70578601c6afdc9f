package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exception escaping an extension function carries the traceback entries the extension added with
 * PyTraceBack_Here (as Cython does for each .pyx function it passes through): ftcheck run prints it on stderr in
 * CPython's format (the same entries CPython 3.13.15t prints for tbmod.fail(), after its own script frame) and
 * puts it in the report's call exception.
 */
class TracebackReportTest {
    @Test
    void escapingExceptionsCarryTheirTraceback(@TempDir Path tmp) throws Exception {
        Path res = Cli.repo().resolve("tests/src/test/resources/runtime/tracebacks");
        Path so = tmp.resolve("tbmod" + Cli.run("config", "--extension-suffix").out().strip());
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-O1", "-g", "-Wall", "-Werror"));
        cc.addAll(Arrays.asList(Cli.run("config", "--cflags").out().strip().split("\\s+")));
        cc.addAll(List.of(res.resolve("tbmod.c").toString(), "-o", so.toString()));
        Processes.Run built = Processes.run(null, cc, Map.of(), true, Duration.ofMinutes(2));
        assertEquals(0, built.exitCode(), built.describe());

        Path report = tmp.resolve("report.json");
        Cli.Result r = Cli.runJar(Map.of(), "run", so.toString(), "--call", "fail()", "--call", "plain()",
                "--report", report.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("fail() -> ValueError: boom\nplain() -> TypeError: plain", r.out().strip(), r.toString());
        String err = r.err().replace(System.lineSeparator(), "\n");
        assertTrue(err.contains("Traceback (most recent call last):\n  File \"--call\", line 1, in <module>\n"
                + "  File \"x.pyx\", line 3, in outer\n  File \"x.pyx\", line 12, in inner\nValueError: boom\n"),
                r.toString());
        // a failure without extension frames keeps the one-line form on stdout only
        assertFalse(err.contains("TypeError: plain"), r.toString());

        JsonNode j = new ObjectMapper().readTree(report.toFile());
        RunReportSchema.assertValid(j);
        assertEquals("[{\"file\":\"--call\",\"line\":1,\"function\":\"<module>\"},"
                + "{\"file\":\"x.pyx\",\"line\":3,\"function\":\"outer\"},"
                + "{\"file\":\"x.pyx\",\"line\":12,\"function\":\"inner\"}]",
                j.at("/calls/0/exception/traceback").toString());
        assertEquals("[{\"file\":\"--call\",\"line\":1,\"function\":\"<module>\"}]",
                j.at("/calls/1/exception/traceback").toString());
    }
}
