package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.GilSetting;
import dev.ftcheck.runtime.RuntimeOptions;
import dev.ftcheck.runtime.script.Script;
import dev.ftcheck.runtime.script.ScriptFailure;
import dev.ftcheck.runtime.script.ScriptSession;
import dev.ftcheck.runtime.script.ScriptSyntaxError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The script language of --script and --call: each tests/src/test/resources/script/NAME.py runs under `ftcheck run
 * --script` and its stdout and exit status must equal NAME.expected, recorded from CPython 3.13 running the same
 * file (record-expected.sh there); unsupported syntax, uncaught exceptions, and reference balance.
 */
class ScriptLanguageTest {
    private static final Path SCRIPTS = Samples.REPO.resolve("tests/src/test/resources/script");

    @ParameterizedTest
    @ValueSource(strings = {"basics", "control", "exceptions", "imports"})
    void stdoutMatchesCPython(String name) throws IOException {
        RunCommandTest.Run r = RunCommandTest.ftcheck("run", Samples.build("ftsingle").toString(), "--script",
                SCRIPTS.resolve(name + ".py").toString());
        String expected = Files.readString(SCRIPTS.resolve(name + ".expected"), StandardCharsets.UTF_8);
        assertEquals(expected, r.out().replace(System.lineSeparator(), "\n") + "# exit " + r.exit() + "\n",
                "stderr: " + r.err());
    }

    @Test
    void uncaughtExceptionIsALineOnStderrAndExitOne() {
        Path script = SCRIPTS.resolve("exceptions.py");
        RunCommandTest.Run r = RunCommandTest.ftcheck("run", Samples.build("ftsingle").toString(), "--script",
                script.toString());
        assertEquals(1, r.exit());
        assertEquals(script + ":152: ValueError: uncaught at the end\n", r.err().replace(System.lineSeparator(), "\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "class A:\\n    pass|1:1: syntax not supported by ftcheck scripts: class definitions",
        "x = 1\\nf = lambda: 1|2:5: syntax not supported by ftcheck scripts: lambda",
        "y = [i for i in range(3)]|1:8: syntax not supported by ftcheck scripts: list comprehensions",
        "d = {k: 1 for k in 'ab'}|1:11: syntax not supported by ftcheck scripts: dict comprehensions",
        "with open('f') as f:\\n    pass|1:1: syntax not supported by ftcheck scripts: with statements",
        "def g():\\n    yield 1|2:5: syntax not supported by ftcheck scripts: yield",
        "async def h():\\n    pass|1:1: syntax not supported by ftcheck scripts: async",
        "@dec\\ndef f():\\n    pass|1:1: syntax not supported by ftcheck scripts: decorators",
        "s = f'{1}'|1:5: syntax not supported by ftcheck scripts: f-strings",
        "x = (y := 2)|1:8: syntax not supported by ftcheck scripts: assignment expressions (:=)",
        "x = 007|1:5: syntax error: leading zeros in decimal integer literals are not permitted; use an 0o prefix"
                + " for octal integers",
        "x = '\\x4'|1:6: syntax error: (unicode error) truncated \\xXX escape",
        "if x\\n    pass|1:5: syntax error: expected ':'",
        "break|1:1: syntax error: 'break' outside loop",
    })
    void unsupportedAndInvalidSyntaxNameTheLineAndColumn(String source, String expected) {
        ScriptSyntaxError e = org.junit.jupiter.api.Assertions.assertThrows(ScriptSyntaxError.class,
                () -> Script.parse("t.py", source.replace("\\n", "\n")));
        assertEquals("t.py:" + expected, e.render());
    }

    @Test
    void unsupportedSyntaxInAScriptFileIsExitTwo(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("bad.py"), "import ftsingle\n\nclass Point:\n    pass\n");
        RunCommandTest.Run r = RunCommandTest.ftcheck("run", Samples.build("ftsingle").toString(), "--script",
                script.toString());
        assertEquals(2, r.exit());
        assertEquals(script + ":3:1: syntax not supported by ftcheck scripts: class definitions\n",
                r.err().replace(System.lineSeparator(), "\n"));
        assertEquals("", r.out());
    }

    @Test
    void callsTakeExpressionsAndStatementsInOneNamespace() {
        RunCommandTest.Run r = RunCommandTest.ftcheck("run", Samples.build("ftsingle").toString(),
                "--call", "xs = [double_it(i) for i in range(3)]", "--call", "1");
        assertEquals(2, r.exit(), "a comprehension in --call is a usage error");
        assertTrue(r.err().contains("invalid --call 'xs = [double_it(i) for i in range(3)]': syntax not supported"
                + " by ftcheck scripts: list comprehensions at column 20"), r.err());
        r = RunCommandTest.ftcheck("run", Samples.build("ftsingle").toString(), "--call", "xs = [1, 2]",
                "--call", "append(len(xs)); append(xs[-1])", "--call", "length() * 10 + double_it(xs[0])",
                "--call", "ftsingle.echo(*xs, 'k')", "--call", "xs[5]", "--call", "print('printed', total())");
        assertEquals(String.join("\n", "xs = [1, 2]", "append(len(xs)); append(xs[-1])",
                "length() * 10 + double_it(xs[0]) -> 22", "ftsingle.echo(*xs, 'k') -> (1, 2, 'k')",
                "xs[5] -> IndexError: list index out of range", "printed 4", "print('printed', total()) -> None")
                + "\n", r.out().replace(System.lineSeparator(), "\n"));
        assertEquals(1, r.exit());
    }

    @Test
    void scriptsReleaseEveryObjectTheyMade() throws IOException {
        FtRuntime rt = FtRuntime.start(RuntimeOptions.defaults().withGil(GilSetting.DEFAULT).withStderr(null));
        rt.load(Samples.build("ftsingle"));
        for (String name : new String[] {"basics", "control", "exceptions", "imports"}) {
            Script script = Script.parse(name + ".py",
                    Files.readString(SCRIPTS.resolve(name + ".py"), StandardCharsets.UTF_8));
            runOnce(rt, script); // the first run interns names and fills caches
            long baseline = rt.liveObjects();
            for (int i = 0; i < 3; i++) {
                runOnce(rt, script);
            }
            assertEquals(baseline, rt.liveObjects(), name + ".py leaked or over-released objects");
        }
    }

    private static void runOnce(FtRuntime rt, Script script) {
        StringWriter out = new StringWriter();
        try (ScriptSession s = new ScriptSession(rt, script.file(), new PrintWriter(out))) {
            try {
                s.run(script);
            } catch (ScriptFailure e) {
                assertEquals("ValueError", e.pythonType(), "only exceptions.py ends with an exception");
            }
        }
        assertTrue(out.toString().length() > 10, out.toString());
    }
}
