package dev.ftcheck.tests.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.cli.FtcheckCommand;
import dev.ftcheck.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The runtime column of the compat matrix: the same test extension built with `ftcheck config --cflags` against
 * ftcheck's own headers, and run in ftcheck's runtime. Both switch themselves on as the runtime grows: until the
 * headers declare what the extension uses, or until `ftcheck run` exists, they report themselves skipped with the
 * reason instead of passing.
 */
class RuntimeColumnTest {
    /** gcc's wording for "this header lacks a declaration": the headers are incomplete, not wrong. */
    private static final Pattern MISSING_DECLARATION = Pattern.compile(
            "error: (?:implicit declaration of function|unknown type name) '(\\w+)'"
                    + "|error: '(\\w+)' undeclared|fatal error: ([\\w/.]+): No such file or directory");
    private static final Pattern ANY_ERROR = Pattern.compile("(?m)error: ");
    /** ftcompat.h's internal helpers behind the 3.14 integer conversions and reference counts. */
    private static final Set<String> SHIM_HELPERS = Set.of("ftcompat_as_index", "ftcompat_long_as_signed",
            "ftcompat_long_as_unsigned", "ftcompat_reftotal_add_one");

    @Test
    void testExtensionCompilesAgainstFtcheckHeaders() {
        Path dir = ShimBuild.freshDir("ftcheck-runtime-compile");
        for (String module : ShimBuild.MODULES) {
            Path obj = dir.resolve(module + ".o");
            compileAgainstFtcheckHeaders(module, obj, false);
            // ftcheck's headers claim 3.13 free-threaded: ftcompat.h must defer to them for everything 3.13 has,
            // and supply only what 3.14 added.
            ShimBuild.Symbols syms = ShimBuild.Symbols.of(obj);
            for (String name : ShimBuild.FUNCTION_SHIMS) {
                assertTrue(!syms.defined().contains("ftcompat_" + name), () -> "ftcompat.h shimmed " + name + ": "
                        + syms);
            }
            Set<String> foreign = new TreeSet<>();
            for (String sym : syms.defined()) {
                if (sym.startsWith("ftcompat_") && ShimBuild.FUNCTION_SHIMS_314.stream().noneMatch(sym::endsWith)
                        && ShimBuild.SECTION_SHIMS_314.stream().noneMatch(sym::endsWith)
                        && !SHIM_HELPERS.contains(sym)) {
                    foreign.add(sym);
                }
            }
            assertTrue(foreign.isEmpty(), () -> "ftcompat.h defined more than the 3.14 names: " + foreign);
            List<String> imports = module.equals("ftcompat_test")
                    ? List.of("PyList_GetItemRef", "PyDict_GetItemRef", "PyDict_SetDefaultRef", "PyDict_Pop",
                            "PyWeakref_GetRef", "PyImport_AddModuleRef", "PyMutex_Lock", "PyMutex_Unlock",
                            "PyCriticalSection_Begin", "PyCriticalSection2_Begin")
                    : List.of("PyUnstable_Module_SetGIL");
            assertTrue(syms.undefined().containsAll(imports), () -> module + " should import " + imports + ": "
                    + syms);
        }
        System.out.println("[compat] ftcheck headers: both test modules compile; every 3.13 shim resolves to"
                + " ftcheck's own API, the 3.14 names to ftcompat.h's definitions");
    }

    @Test
    void testExtensionRunsInFtcheckRuntime() {
        if (!FtcheckCommand.commandLine().getSubcommands().containsKey("run")) {
            skip("`ftcheck run` is not registered yet, so the runtime cannot load extensions");
        }
        Path dir = ShimBuild.freshDir("ftcheck-runtime-run");
        String suffix = ftcheck("config", "--extension-suffix").strip();
        Path so = dir.resolve("ftcompat_test" + suffix);
        compileAgainstFtcheckHeaders("ftcompat_test", so, true);

        Cmd run = ftcheckRun(so, "--call", "selftest()");
        Matcher notImplemented = Pattern.compile("C-API function (\\w+) is not implemented").matcher(run.output());
        if (notImplemented.find()) {
            skip("ftcheck's runtime does not implement " + notImplemented.group(1) + " yet:\n" + run.describe());
        }
        assertTrue(run.ok(), () -> "selftest failed in ftcheck's runtime:\n" + run.describe());
        // `ftcheck run` prints each call as `name(args) -> repr(result)`; selftest returns its check count.
        Matcher result = Pattern.compile("selftest\\(\\) -> (\\d+)").matcher(run.output());
        assertTrue(result.find() && Integer.parseInt(result.group(1)) >= 200,
                () -> "expected `selftest() -> N` with N >= 200 checks:\n" + run.describe());
        System.out.println("[compat] ftcheck runtime: " + CompatShimsTest.lastLine(run.output()));

        // 8 runtime threads on one PyMutex, with the lock held across a detach (GIL-free section) and without.
        int threads = 8;
        int iterations = 2000;
        Cmd mutex = ftcheckRun(so, "--threads", String.valueOf(threads),
                "--call", "mutex_reset()", "--call", "mutex_increment(" + iterations + ", False)",
                "--call", "mutex_counter()",
                "--call", "mutex_reset()", "--call", "mutex_increment(" + iterations + ", True)",
                "--call", "mutex_counter()");
        assertTrue(mutex.ok(), () -> "PyMutex test failed in ftcheck's runtime:\n" + mutex.describe());
        String expected = "mutex_counter() -> " + threads * iterations;
        long exact = mutex.output().lines().filter(l -> l.strip().equals(expected)).count();
        assertEquals(2, exact, () -> "expected `" + expected + "` for both variants:\n" + mutex.describe());
        System.out.println("[compat] ftcheck runtime: " + expected + " (8 threads, with and without a detach)");
    }

    /** `ftcheck run` in a child JVM: a crash in native code then fails this test instead of killing the suite. */
    private static Cmd ftcheckRun(Path extension, String... args) {
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", extension.toString()));
        argv.addAll(List.of(args));
        return Cmd.run(argv);
    }

    /** Compiles (object or shared library) with ftcheck's flags; skips with the reason if the headers lack names. */
    private static void compileAgainstFtcheckHeaders(String module, Path out, boolean link) {
        Path include = Path.of(ftcheck("config", "--includes").strip().substring(2));
        if (!Files.isRegularFile(include.resolve("Python.h"))) {
            skip("ftcheck's C-API headers have no Python.h yet (" + include + ")");
        }
        List<String> argv = new ArrayList<>(List.of("gcc", link ? "-shared" : "-c", "-O1", "-Wall", "-pthread",
                "-Werror=implicit-function-declaration", "-I" + ShimBuild.SHIMS));
        argv.addAll(ShimBuild.words(ftcheck("config", "--cflags")));
        if (link) {
            argv.addAll(ShimBuild.words(ftcheck("config", "--ldflags")));
        }
        argv.addAll(List.of(ShimBuild.TESTS.resolve(module + ".c").toString(), "-o", out.toString()));
        Cmd gcc = Cmd.run(argv);
        if (gcc.ok()) {
            return;
        }
        Set<String> missing = missingNames(gcc.output());
        long errors = ANY_ERROR.matcher(gcc.output()).results().count();
        if (!missing.isEmpty() && missingErrors(gcc.output()) == errors) {
            skip("ftcheck's headers do not declare " + missing.size() + " name(s) that " + module
                    + ".c uses yet: " + missing);
        }
        assertEquals(0, errors, () -> module + ".c does not compile against ftcheck's headers:\n" + gcc.describe());
        assertTrue(gcc.ok(), gcc::describe);
    }

    /** Reported on stdout as well, so the build log names every skipped column. */
    private static void skip(String reason) {
        System.out.println("[compat] SKIPPED ftcheck runtime column: " + reason);
        Assumptions.abort(reason);
    }

    private static Set<String> missingNames(String gccOutput) {
        Set<String> names = new TreeSet<>();
        Matcher m = MISSING_DECLARATION.matcher(gccOutput);
        while (m.find()) {
            for (int g = 1; g <= 3; g++) {
                if (m.group(g) != null) {
                    names.add(m.group(g));
                }
            }
        }
        return names;
    }

    private static long missingErrors(String gccOutput) {
        return MISSING_DECLARATION.matcher(gccOutput).results().count();
    }

    /** Runs the CLI in-process and returns its standard output; a non-zero exit fails the test with stderr. */
    static String ftcheck(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, () -> "ftcheck " + String.join(" ", args) + " failed: " + err);
        return out.toString();
    }
}
