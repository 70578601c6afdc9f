package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.TestExtensions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the 3.14 runtime behaves unlike the 3.13 one, as CPython 3.14t's free-threading HOWTO and the project's
 * facts file describe it: the version it reports, the two context flags, the GIL warning and its overrides, and
 * which objects are immortal once threads run. (Context inheritance and per-context warning filters, which the
 * runtime has in both ABIs, are ContextInheritanceTest and WarningsContextTest, run in each ABI.)
 */
class Abi314BehaviourTest {
    private static final Path RES = Cli.repo().resolve("tests/src/test/resources/runtime");

    private static String run(Map<String, String> env, Path so, String... calls) {
        String[] args = new String[2 + 2 * calls.length];
        args[0] = "run";
        args[1] = so.toString();
        for (int i = 0; i < calls.length; i++) {
            args[2 + 2 * i] = "--call";
            args[3 + 2 * i] = calls[i];
        }
        Cli.Result r = Cli.runJar(env, args);
        assertEquals(0, r.exitCode(), r.toString());
        return r.out().strip().replace(System.lineSeparator(), "\n");
    }

    @Test
    void versionAndContextFlagsAreThoseOf314(@TempDir Path tmp) {
        Path so314 = TestExtensions.build(RES.resolve("abi314/immortals.c"), "immortals", "3.14", tmp);
        assertEquals(String.join("\n", "import sys",
                "sys.hexversion == 0x030E08F0 -> True",
                "sys.version_info[:2] -> (3, 14)",
                "'experimental' in sys.version, 'free-threading build' in sys.version -> (False, True)",
                "sys.flags.thread_inherit_context, sys.flags.context_aware_warnings -> (1, 1)"),
                run(Map.of(), so314, "import sys", "sys.hexversion == 0x030E08F0", "sys.version_info[:2]",
                        "'experimental' in sys.version, 'free-threading build' in sys.version",
                        "sys.flags.thread_inherit_context, sys.flags.context_aware_warnings"));

        Path so313 = TestExtensions.build(RES.resolve("abi314/immortals.c"), "immortals", "3.13", tmp);
        assertEquals(String.join("\n", "import sys",
                "sys.version_info[:2] -> (3, 13)",
                "'experimental free-threading build' in sys.version -> True",
                "hasattr(sys.flags, 'thread_inherit_context') -> False"),
                run(Map.of(), so313, "import sys", "sys.version_info[:2]",
                        "'experimental free-threading build' in sys.version",
                        "hasattr(sys.flags, 'thread_inherit_context')"));
    }

    @Test
    void theGilWarningAndItsOverridesAreThoseOf313(@TempDir Path tmp) {
        // 3.14 kept 3.13's message and rules word for word
        Path so = TestExtensions.build(Cli.repo().resolve("samples/runtime/ftgilneeded.c"), "ftgilneeded", "3.14",
                tmp);
        Cli.Result warned = Cli.runJar(Map.of(), "run", so.toString(), "--call", "import sys",
                "--call", "sys._is_gil_enabled()");
        assertEquals(0, warned.exitCode(), warned.toString());
        assertTrue(warned.err().contains(GilPolicyTest.WARNING), warned.toString());
        assertTrue(warned.out().contains("sys._is_gil_enabled() -> True"), warned.toString());

        Cli.Result forcedOff = Cli.runJar(Map.of("PYTHON_GIL", "0"), "run", so.toString(), "--call", "import sys",
                "--call", "sys._is_gil_enabled()");
        assertEquals(0, forcedOff.exitCode(), forcedOff.toString());
        assertFalse(forcedOff.err().contains("RuntimeWarning"), forcedOff.toString());
        assertTrue(forcedOff.out().contains("sys._is_gil_enabled() -> False"), forcedOff.toString());

        Path declared = TestExtensions.build(RES.resolve("abi314/immortals.c"), "immortals", "3.14", tmp);
        Cli.Result quiet = Cli.runJar(Map.of(), "run", declared.toString(), "--call", "import sys",
                "--call", "sys._is_gil_enabled()");
        assertFalse(quiet.err().contains("RuntimeWarning"), quiet.toString());
        assertTrue(quiet.out().contains("sys._is_gil_enabled() -> False"), quiet.toString());
    }

    @Test
    void onlyInternedStringsAndConstantsAreImmortalOnceThreadsRun(@TempDir Path tmp) {
        Path so = TestExtensions.build(RES.resolve("abi314/immortals.c"), "immortals", "3.14", tmp);
        // Two workers run every call, so a second thread is running when the objects are looked at.
        Cli.Result r = Cli.runJar(Map.of(), "run", so.toString(), "--threads", "2", "--call", "import sys",
                "--call", "immortal(immortal), immortal(immortals), immortal(Kind), immortal(Kind())",
                "--call", "immortal(sys.intern('not a literal ' + str(12345))), immortal(5), immortal(None)");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", "import sys",
                "immortal(immortal), immortal(immortals), immortal(Kind), immortal(Kind()) -> (False, False, False,"
                        + " False)",
                "immortal(sys.intern('not a literal ' + str(12345))), immortal(5), immortal(None) -> (True, True,"
                        + " True)"),
                r.out().strip().replace(System.lineSeparator(), "\n"), r.toString());
    }
}
