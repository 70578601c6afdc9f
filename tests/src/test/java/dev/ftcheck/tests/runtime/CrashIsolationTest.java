package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.tests.support.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftcheck run} survives the extension: crashes in PyInit and in a call (NULL dereference, abort(), native
 * stack overflow), a call past --timeout and SIGINT all end with a report holding the completed calls, the cause and
 * native frames naming the C functions (static ones included), exit 3 (130 for SIGINT), and nothing left in the
 * current directory. The CLI runs as its own process here, in an empty temporary working directory.
 */
class CrashIsolationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Outcome(Cli.Result run, JsonNode report) {}

    /** Runs the packaged CLI in {@code cwd} (which must stay empty) with the report outside it. */
    private static Outcome run(Path cwd, Path reportDir, String... args) throws IOException {
        return run(Map.of(), cwd, reportDir, args);
    }

    private static Outcome run(Map<String, String> env, Path cwd, Path reportDir, String... args) throws IOException {
        Path report = reportDir.resolve("run.json");
        List<String> cmd = new ArrayList<>(jarCommand());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--report", report.toString()));
        Cli.Result r = Cli.exec(cmd, env, cwd);
        try (Stream<Path> left = Files.list(cwd)) {
            assertEquals(List.of(), left.toList(), "files left in the current directory\n" + r);
        }
        JsonNode j = JSON.readTree(report.toFile());
        RunReportSchema.assertValid(j);
        return new Outcome(r, j);
    }

    private static List<String> jarCommand() {
        return List.of(Cli.javaExecutable(), "--enable-native-access=ALL-UNNAMED", "-jar",
                Cli.repo().resolve("scanner-cli/target/ftcheck.jar").toString(), "run");
    }

    private static List<String> functions(JsonNode frames) {
        List<String> fs = new ArrayList<>();
        frames.forEach(f -> fs.add(f.path("function").asText(null)));
        return fs;
    }

    private static String so(String name) {
        return Samples.build(name).toString();
    }

    private static String soName(String name) {
        return Samples.build(name).getFileName().toString();
    }

    @Test
    void nullDereferenceInCallTwoOfThreeKeepsCallOne(@TempDir Path cwd, @TempDir Path out) throws IOException {
        Outcome o = run(cwd, out, so("ftcrash"), "--call", "ok(1)", "--call", "null_deref()", "--call", "ok(3)");
        assertEquals(3, o.run().exitCode(), o.run().toString());
        assertEquals("ok(1) -> 1\n", o.run().out(), "only the first call completed");
        assertEquals("ftcheck: the extension crashed with SIGSEGV in read_through_null() (" + soName("ftcrash")
                + "+0x" + o.report().at("/crash/site/offset").asText().substring(2)
                + ") during call 2, 'null_deref()'\n", o.run().err());
        JsonNode j = o.report();
        assertEquals("crashed", j.at("/outcome").asText());
        assertEquals(1, j.at("/calls").size());
        assertEquals("1", j.at("/calls/0/result").asText());
        assertEquals("SIGSEGV", j.at("/crash/signal").asText());
        assertEquals(11, j.at("/crash/signalNumber").asInt());
        assertEquals("0x0", j.at("/crash/faultAddress").asText());
        assertEquals("call", j.at("/crash/during/phase").asText());
        assertEquals(2, j.at("/crash/during/index").asInt());
        assertEquals("null_deref()", j.at("/crash/during/call").asText());
        assertEquals("main", j.at("/crash/thread/name").asText());
        assertEquals("read_through_null", j.at("/crash/site/function").asText(), "a static function, from .symtab");
        assertEquals(soName("ftcrash"), j.at("/crash/site/object").asText());
        if (j.at("/crash/backtraceSource").asText().equals("gdb")) {
            List<String> fs = functions(j.at("/crash/backtrace"));
            assertEquals(List.of("read_through_null", "null_deref"), fs.subList(0, 2), fs.toString());
        }
    }

    @Test
    void withoutGdbTheJvmsOwnFramesStillNameTheStaticFunction(@TempDir Path cwd, @TempDir Path out,
            @TempDir Path emptyPath) throws IOException {
        Map<String, String> noGdb = Map.of("PATH", emptyPath.toString());
        Outcome o = run(noGdb, cwd, out, so("ftcrash"), "--call", "null_deref()");
        assertEquals(3, o.run().exitCode(), o.run().toString());
        assertEquals("jvm", o.report().at("/crash/backtraceSource").asText());
        assertEquals("read_through_null", o.report().at("/crash/site/function").asText());

        Outcome t = run(noGdb, cwd, out, so("ftcrash"), "--timeout", "1", "--call", "loop_forever()");
        assertEquals(3, t.run().exitCode(), t.run().toString());
        assertTrue(t.report().at("/timeout/nativeStackNote").asText().startsWith("gdb is not installed"),
                t.report().toPrettyString());
        assertEquals(0, t.report().at("/timeout/threads/0/nativeStack").size());
    }

    @Test
    void crashInsidePyInitIsReportedAsTheImport(@TempDir Path cwd, @TempDir Path out) throws IOException {
        Outcome o = run(cwd, out, so("ftcrashinit"), "--call", "never()");
        assertEquals(3, o.run().exitCode(), o.run().toString());
        assertEquals("", o.run().out());
        assertTrue(o.run().err().matches("ftcheck: the extension crashed with SIGSEGV in init_tables\\(\\) \\("
                + Pattern.quote(soName("ftcrashinit"))
                + "\\+0x[0-9a-f]+\\) during the import \\(PyInit_ftcrashinit\\)\n"),
                o.run().err());
        JsonNode j = o.report();
        assertEquals("import", j.at("/crash/during/phase").asText());
        assertEquals("PyInit_ftcrashinit", j.at("/crash/during/call").asText());
        assertEquals("init_tables", j.at("/crash/site/function").asText());
        assertEquals(0, j.at("/calls").size());
        assertFalse(j.at("/gil").isNull(), "the runtime's state from before the import is kept");
    }

    @Test
    void abortIsReportedAsSigabrtWithTheCallingFunction(@TempDir Path cwd, @TempDir Path out) throws IOException {
        Outcome o = run(cwd, out, so("ftcrash"), "--call", "ok('a')", "--call", "do_abort()");
        assertEquals(3, o.run().exitCode(), o.run().toString());
        JsonNode j = o.report();
        assertEquals("SIGABRT", j.at("/crash/signal").asText());
        assertEquals(6, j.at("/crash/signalNumber").asInt());
        assertEquals("give_up", j.at("/crash/site/function").asText(), j.toPrettyString());
        assertEquals("'a'", j.at("/calls/0/result").asText());
        assertTrue(o.run().err().startsWith("ftcheck: the extension crashed with SIGABRT in give_up() ("),
                o.run().err());
    }

    @Test
    void nativeStackOverflowIsRecognised(@TempDir Path cwd, @TempDir Path out) throws IOException {
        Outcome o = run(cwd, out, so("ftcrash"), "--call", "ok(None)", "--call", "overflow(1_000_000_000)");
        assertEquals(3, o.run().exitCode(), o.run().toString());
        JsonNode j = o.report();
        assertEquals("SIGSEGV", j.at("/crash/signal").asText());
        assertTrue(j.at("/crash/stackOverflow").asBoolean(), j.toPrettyString());
        assertEquals("recurse", j.at("/crash/site/function").asText());
        assertEquals("None", j.at("/calls/0/result").asText());
        assertTrue(o.run().err().startsWith("ftcheck: the extension crashed with a native stack overflow (SIGSEGV)"
                + " in recurse() ("), o.run().err());
    }

    @Test
    void timeoutReportsTheStuckThreadsStacks(@TempDir Path cwd, @TempDir Path out) throws IOException {
        Outcome o = run(cwd, out, so("ftcrash"), "--timeout", "2", "--call", "ok(1)", "--call", "loop_forever()",
                "--call", "ok(3)");
        assertEquals(3, o.run().exitCode(), o.run().toString());
        assertEquals("ok(1) -> 1\n", o.run().out());
        JsonNode j = o.report();
        assertEquals("timedOut", j.at("/outcome").asText());
        assertEquals(1, j.at("/calls").size());
        assertEquals(2.0, j.at("/timeout/seconds").asDouble());
        assertEquals(2, j.at("/timeout/during/index").asInt());
        JsonNode thread = j.at("/timeout/threads/0");
        assertEquals("main", thread.at("/name").asText());
        assertTrue(thread.at("/javaStack").toString().contains("dev.ftcheck.runtime.script.Interpreter.call"),
                thread.toPrettyString());
        if (j.at("/timeout/nativeStackNote").isNull()) {
            List<String> fs = functions(thread.at("/nativeStack"));
            assertEquals(List.of("spin", "loop_forever"), fs.subList(0, 2), fs.toString());
            assertTrue(o.run().err().startsWith("ftcheck: call 2, 'loop_forever()' timed out after 2 s, stuck in"
                    + " spin() (" + soName("ftcrash") + "+0x"), o.run().err());
        } else {
            assertTrue(j.at("/timeout/nativeStackNote").asText().startsWith("gdb"), j.toPrettyString());
        }
    }

    @Test
    void sigintWritesTheReportWithTheCompletedCalls(@TempDir Path cwd, @TempDir Path out) throws Exception {
        Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored in this JVM (started from a non-interactive"
                + " background job) and so in its children: ftcheck could not receive it");
        Path report = out.resolve("run.json");
        List<String> cmd = new ArrayList<>(jarCommand());
        cmd.addAll(List.of(so("ftcrash"), "--call", "ok(1)", "--call", "loop_forever()", "--report",
                report.toString()));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectError(out.resolve("err.txt").toFile())
                .start();
        var stdout = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8));
        assertEquals("ok(1) -> 1", stdout.readLine(), "the first call completes before we interrupt");
        Thread.sleep(500); // the endless call has started
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ftcheck did not stop after SIGINT");
        assertEquals(130, p.exitValue());
        assertEquals("ftcheck: interrupted during call 2, 'loop_forever()'; 1 call completed\n",
                Files.readString(out.resolve("err.txt")));
        JsonNode j = JSON.readTree(report.toFile());
        RunReportSchema.assertValid(j);
        assertEquals("interrupted", j.at("/outcome").asText());
        assertEquals(2, j.at("/interrupted/during/index").asInt());
        assertEquals("1", j.at("/calls/0/result").asText());
        try (Stream<Path> left = Files.list(cwd)) {
            assertEquals(List.of(), left.toList());
        }
    }

    /** Bit 1 of SigIgn in /proc/self/status is SIGINT (2). */
    private static boolean sigintIgnored() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(l.substring(7).strip(), 16) & 2) != 0;
            }
        }
        return false;
    }

    @Test
    void unwritableReportStopsBeforeAnyCall(@TempDir Path tmp) {
        Path blocker = tmp.resolve("file");
        Cli.Result r;
        try {
            Files.writeString(blocker, "x");
            r = Cli.run("run", so("ftcrash"), "--call", "ok(1)", "--report", blocker.resolve("run.json").toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("", r.out(), "no call ran");
        assertTrue(r.err().startsWith("ftcheck: error: cannot write report " + blocker.resolve("run.json") + ": "),
                r.err());
    }

    @Test
    void completedRunsAndImportFailuresMatchTheSchemaToo(@TempDir Path tmp) throws IOException {
        Path report = tmp.resolve("ok.json");
        Cli.Result r = Cli.run("run", so("ftsingle"), "--call", "double_it(21)", "--call", "fail('x')", "--report",
                report.toString());
        assertEquals(1, r.exitCode(), r.toString());
        JsonNode j = JSON.readTree(report.toFile());
        RunReportSchema.assertValid(j);
        assertEquals("completed", j.at("/outcome").asText());
        assertEquals("42", j.at("/calls/0/result").asText());
        assertEquals("ValueError", j.at("/calls/1/exception/type").asText());
        assertTrue(j.at("/crash").isNull() && j.at("/timeout").isNull() && j.at("/interrupted").isNull());

        Path missing = tmp.resolve("missing.json");
        Cli.Result m = Cli.run("run", tmp.resolve("nothere.so").toString(), "--report", missing.toString());
        assertEquals(2, m.exitCode(), m.toString());
        JsonNode mj = JSON.readTree(missing.toFile());
        RunReportSchema.assertValid(mj);
        assertEquals("error", mj.at("/outcome").asText());
        assertTrue(mj.at("/error").asText().contains("nothere.so"), mj.toPrettyString());
    }
}
