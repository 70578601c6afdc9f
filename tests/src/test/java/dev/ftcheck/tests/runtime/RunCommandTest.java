package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ftcheck run}: output lines in Python repr, exceptions, threads, GIL warning, report, bad input. */
class RunCommandTest {
    record Run(int exit, String out, String err) {}

    static Run ftcheck(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(rc, out.toString(), err.toString());
    }

    @Test
    void printsEachCallWithPythonReprAndExceptions() {
        String so = Samples.build("ftsingle").toString();
        Run r = ftcheck("run", so, "--call", "double_it(21)", "--call",
                "echo(1, 'a', [1, 2.5], {'k': (1,)}, None, True, b'x\\x00', -7, 10**0)".replace("10**0", "12345678901234567890123"),
                "--call", "fail('boom')", "--call", "null_without_exception()");
        assertEquals(String.join("\n",
                "double_it(21) -> 42",
                "echo(1, 'a', [1, 2.5], {'k': (1,)}, None, True, b'x\\x00', -7, 12345678901234567890123) -> "
                        + "(1, 'a', [1, 2.5], {'k': (1,)}, None, True, b'x\\x00', -7, 12345678901234567890123)",
                "fail('boom') -> ValueError: boom",
                "null_without_exception() -> SystemError: null_without_exception() returned NULL without setting an"
                        + " exception") + "\n", r.out().replace(System.lineSeparator(), "\n"));
        assertEquals(1, r.exit(), "a raised exception is a failed check");
        assertEquals("", r.err());
    }

    @Test
    void numberAndBufferProtocolsFollowPythonSemantics() {
        String so = Samples.build("ftsingle").toString();
        Run r = ftcheck("run", so, "--call", "arith(7, 3)", "--call", "arith(-7, 2)", "--call", "arith(1.5, 2)",
                "--call", "arith(2**70, 3)".replace("2**70", "1180591620717411303424"), "--call", "arith('a', 'b')",
                "--call", "arith(1, 0)", "--call", "buffer_sum(b'abc')", "--call", "buffer_sum(1)");
        assertEquals(String.join("\n",
                "arith(7, 3) -> (10, 4, 21, 2.3333333333333335, 2, 1, 343)",
                "arith(-7, 2) -> (-5, -9, -14, -3.5, -4, 1, 49)",
                "arith(1.5, 2) -> (3.5, -0.5, 3.0, 0.75, 0.0, 1.5, 2.25)",
                "arith(1180591620717411303424, 3) -> (1180591620717411303427, 1180591620717411303421,"
                        + " 3541774862152233910272, 3.935305402391371e+20, 393530540239137101141, 1,"
                        + " 1645504557321206042154969182557350504982735865633579863348609024)",
                "arith('a', 'b') -> TypeError: unsupported operand type(s) for -: 'str' and 'str'",
                "arith(1, 0) -> ZeroDivisionError: division by zero",
                "buffer_sum(b'abc') -> 294",
                "buffer_sum(1) -> TypeError: a bytes-like object is required, not 'int'") + "\n",
                r.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void importsSeeLoadedModulesAndTuplesResize() {
        Run r = ftcheck("run", Samples.build("ftsingle").toString(), "--call", "import_name('ftsingle')", "--call",
                "import_name('json')", "--call", "grown_tuple(5)", "--call", "grown_tuple(2)");
        assertEquals(String.join("\n",
                "import_name('ftsingle') -> 'ftsingle'",
                "import_name('json') -> ModuleNotFoundError: No module named 'json' (ftcheck: neither a stand-in module"
                        + " nor an extension or package on sys.path; add its directory with --path DIR, or load"
                        + " without it using --stub-module json)",
                "grown_tuple(5) -> (0, 1, 2, 30, 40)",
                "grown_tuple(2) -> (0, 1)") + "\n", r.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void errnoBecomesTheMatchingOsErrorSubclass() {
        Run r = ftcheck("run", Samples.build("ftmemory").toString(), "--call", "open_missing('/nonexistent/x')");
        assertEquals("open_missing('/nonexistent/x') -> FileNotFoundError: [Errno 2] No such file or directory:"
                + " '/nonexistent/x'\n", r.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void threadsAndRepeatRunEachCallToCompletion() {
        String so = Samples.build("ftsingle").toString();
        ftcheck("run", so, "--call", "clear()");
        Run r = ftcheck("run", so, "--threads", "8", "--repeat", "500", "--call", "append(1000)", "--call",
                "length()", "--call", "total()");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("length() -> 4000"), r.out());
        assertTrue(r.out().contains("total() -> 4000000"), r.out());
        ftcheck("run", so, "--call", "clear()");
    }

    @Test
    void gilWarningGoesToStderrAndReport(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("run.json");
        Run r = ftcheck("run", Samples.build("ftgilneeded").toString(), "--call", "value()", "--report",
                report.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains(GilPolicyTest.WARNING), r.err());
        JsonNode j = new ObjectMapper().readTree(report.toFile());
        assertTrue(j.at("/gil/enabled").asBoolean());
        assertEquals("enabled: module 'ftgilneeded' did not declare Py_MOD_GIL_NOT_USED", j.at("/gil/reason").asText());
        assertEquals("multi-phase", j.at("/modules/0/initStyle").asText());
        assertEquals("none (the GIL is required by default)", j.at("/modules/0/gilDeclaration").asText());
        assertEquals(GilPolicyTest.WARNING, j.at("/warnings/0").asText());
        assertEquals("value()", j.at("/calls/0/call").asText());
        assertTrue(j.at("/calls/0/result").asText().matches("\\d+"), j.toString());
    }

    @Test
    void gilZeroSilencesTheWarning(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("run.json");
        Run r = ftcheck("run", Samples.build("ftgilneeded").toString(), "--gil", "0", "--report", report.toString());
        assertEquals(0, r.exit());
        assertEquals("", r.err());
        JsonNode j = new ObjectMapper().readTree(report.toFile());
        assertEquals(false, j.at("/gil/enabled").asBoolean());
        assertEquals("0", j.at("/gil/setting").asText());
        assertEquals(0, j.at("/warnings").size());
    }

    @Test
    void diagnosticsGoToStderrAndReportAndFailTheRun(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("run.json");
        Run r = ftcheck("run", Samples.build("ftmemory").toString(), "--call", "wrong_domain_free()", "--report",
                report.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("_PyMem_DebugRawFree: bad ID: Allocated using API 'm', verified using API 'r'"),
                r.err());
        JsonNode j = new ObjectMapper().readTree(report.toFile());
        assertEquals("wrong-domain", j.at("/diagnostics/0/kind").asText());
        assertEquals("PyMem_RawFree", j.at("/diagnostics/0/cFunction").asText());
    }

    @Test
    void nonExtensionsExitTwoWithAClearMessage(@TempDir Path tmp) throws Exception {
        Run missing = ftcheck("run", tmp.resolve("nothere.so").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nothere.so: no such file"), missing.err());

        Path text = Files.writeString(tmp.resolve("notelf.so"), "hello");
        Run notElf = ftcheck("run", text.toString());
        assertEquals(2, notElf.exit());
        assertTrue(notElf.err().contains("not an ELF shared object"), notElf.err());

        Path renamed = Files.copy(Samples.build("ftsingle"), tmp.resolve("other.so"));
        Run noInit = ftcheck("run", renamed.toString());
        assertEquals(2, noInit.exit());
        assertTrue(noInit.err().contains("does not export PyInit_other"), noInit.err());

        Run badCall = ftcheck("run", Samples.build("ftsingle").toString(), "--call", "length(");
        assertEquals(2, badCall.exit());
        assertTrue(badCall.err().contains("invalid --call 'length('"), badCall.err());
    }

    @Test
    void failingInitExitsOneWithThePythonError() {
        Run r = ftcheck("run", Samples.build("fttwogil").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("SystemError: module fttwogil has more than one 'gil' slot"), r.err());
    }
}
