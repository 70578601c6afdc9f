package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ftcheck.tests.corpus.CPythonHeaders;
import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.CythonTool;
import dev.ftcheck.tests.support.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cython 3.3.0's default output (CPython free-threading configuration: fast thread state, the exception-info stack,
 * PyLong/unicode internals, type lookup, vectorcall) compiles against ftcheck's headers and runs: each fixture
 * {@code cython/NAME.pyx} is cythonized, built with {@code ftcheck config --cflags} and its calls give what the
 * free-threaded CPython 3.13.15 gave ({@code cython/NAME.expected}, written by {@code cython/record-expected.sh}):
 * lines with " -> " are calls and their results, the other lines what the calls print, in order. Each fixture is
 * also built against CPython's own headers with {@code -DPy_GIL_DISABLED=1} and must answer the same.
 *
 * <p>Every case runs in both ABIs: 3.13 (ftcheck's default headers; CPython 3.13's, the cached 3.13.15t build or
 * pyenv's 3.13) and 3.14 ({@code ftcheck config --abi 3.14}; Debian's CPython 3.14.8 headers), with the same
 * expected values and GIL warnings: there is no CPython 3.14 here to record other ones, and the fixtures print
 * nothing version-dependent. A 3.14 build is a {@code .cpython-314t-…so} run in a child JVM (one process serves one
 * ABI); Cython's {@code __Pyx_check_binary_version} holds it to the runtime's 3.14.
 */
class CythonTest {
    @TempDir
    Path work;

    static Stream<Arguments> fixtures() {
        return Stream.of("3.13", "3.14").flatMap(abi -> Stream.of("cyone", "cytwo", "cythree")
                .map(name -> Arguments.of(name, abi)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("fixtures")
    void cythonizedModuleCompilesAndAnswersAsCPython313t(String name, String abi) throws IOException {
        answersAsCPython(name, abi, false);
    }

    /** The same fixtures built against CPython's own headers of the ABI (-DPy_GIL_DISABLED=1). */
    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("fixtures")
    void cythonizedModuleBuiltAgainstCPythonHeadersAnswersTheSame(String name, String abi) throws IOException {
        answersAsCPython(name, abi, true);
    }

    /**
     * freethreading_compatible=True (cythree) loads with the GIL left off and no warning; a module without it
     * (cygil) prints CPython's GIL RuntimeWarning, the text the real 3.13.15t prints at its import.
     */
    @ParameterizedTest(name = "CPython headers {0} in {1}")
    @CsvSource({"false, 3.13", "true, 3.13", "false, 3.14", "true, 3.14"})
    void freethreadingCompatibleDirectiveDecidesTheGilWarning(boolean cpythonHeaders, String abi) throws IOException {
        Path declared = build("cythree", abi, cpythonHeaders);
        Path undeclared = build("cygil", abi, cpythonHeaders);
        String warning = "RuntimeWarning: The global interpreter lock (GIL) has been enabled to load module 'cygil',"
                + " which has not declared that it can run safely without the GIL. To override this behavior and"
                + " keep the GIL disabled (at your own risk), run with PYTHON_GIL=0 or -Xgil=0.";
        Cli.Result off = ftcheckRun(abi, "run", declared.toString(), "--call", "nogil_sum(10)");
        assertEquals(0, off.exitCode(), off.toString());
        assertEquals("nogil_sum(10) -> 45", off.out().strip(), off.toString());
        assertFalse(off.err().contains("RuntimeWarning"), off.toString());
        Cli.Result on = ftcheckRun(abi, "run", undeclared.toString(), "--call", "hello()");
        assertEquals(0, on.exitCode(), on.toString());
        assertEquals("hello() -> 'hi'", on.out().strip(), on.toString());
        assertTrue(on.err().contains(warning), on.toString());
    }

    private void answersAsCPython(String name, String abi, boolean cpythonHeaders) throws IOException {
        List<String> expected = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        for (String line : resource("/cython/" + name + ".expected").lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            expected.add(line);
            if (line.contains(" -> ")) {
                calls.add(line.substring(0, line.indexOf(" -> ")));
            }
        }
        Path so = build(name, abi, cpythonHeaders);
        List<String> args = new ArrayList<>(List.of("run", so.toString()));
        for (String c : calls) {
            args.add("--call");
            args.add(c);
        }
        Cli.Result r = ftcheckRun(abi, args.toArray(String[]::new));
        assertEquals(String.join("\n", expected),
                r.out().replace(System.lineSeparator(), "\n").strip(), "ftcheck run output (" + abi + ")\n" + r.err());
    }

    /**
     * {@code ftcheck ARGS} in the runtime of the ABI: 3.13 in this JVM, 3.14 in a child JVM of the packaged jar (a
     * process serves one ABI, and this one's other tests run 3.13). The file's suffix selects the ABI.
     */
    private static Cli.Result ftcheckRun(String abi, String... args) {
        if (abi.equals("3.13")) {
            return Cli.run(args);
        }
        Map<String, String> env = new HashMap<>();
        env.put("PYTHON_GIL", null);
        return Cli.runJar(env, args);
    }

    /** Cythonizes cython/NAME.pyx and compiles it for the ABI against ftcheck's headers or CPython's. */
    private Path build(String name, String abi, boolean cpythonHeaders) throws IOException {
        Path cython = cython();
        Path dir = Files.createDirectories(work.resolve(name + "-" + abi + (cpythonHeaders ? "-cpython" : "-ftcheck")));
        Path pyx = copy("/cython/" + name + ".pyx", dir);
        run(dir, CythonTool.command(cython, pyx.getFileName(), Path.of(name + ".c"), null, false, List.of()),
                "cythonizing " + name + ".pyx");
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O1",
                "-Werror=implicit-function-declaration", "-Werror=incompatible-pointer-types"));
        String suffix;
        String headers;
        if (cpythonHeaders) {
            CPythonHeaders.Located h = CPythonHeaders.of(abi);
            assumeTrue(h.problem() == null, h.problem());
            cc.addAll(h.cflags());
            suffix = h.extSuffix();
            headers = h.description();
        } else {
            cc.addAll(Arrays.asList(config(abi, "--cflags").trim().split("\\s+")));
            suffix = config(abi, "--extension-suffix").trim();
            headers = "ftcheck's " + abi + " headers";
        }
        Path so = dir.resolve(name + suffix);
        cc.addAll(List.of(name + ".c", "-o", so.toString()));
        Processes.Run r = Processes.run(dir, cc, Map.of("LC_ALL", "C"), true, Duration.ofMinutes(5));
        check(r, "compiling " + name + ".c against " + headers);
        return so;
    }

    /** The cached Cython venv; the test is skipped when Cython cannot be installed here. */
    private Path cython() {
        try {
            return CythonTool.executable(work);
        } catch (CythonTool.Unavailable e) {
            assumeTrue(false, e.getMessage());
            throw new AssertionError(e);
        }
    }

    private String config(String abi, String what) {
        Cli.Result r = Cli.run("config", "--abi", abi, what);
        if (r.exitCode() != 0) {
            fail("ftcheck config --abi " + abi + " " + what + " exited " + r.exitCode() + ": " + r.err());
        }
        return r.out();
    }

    private void run(Path dir, List<String> cmd, String what) {
        check(Processes.run(dir, cmd, Map.of(), true, Duration.ofMinutes(5)), what);
    }

    private static void check(Processes.Run r, String what) {
        if (r.problem() != null || r.exitCode() != 0) {
            fail(what + " failed (" + (r.problem() != null ? r.problem() : "exit " + r.exitCode()) + "):\n" + r.out());
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CythonTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path copy(String name, Path dir) throws IOException {
        Path target = dir.resolve(Path.of(name).getFileName().toString());
        Files.writeString(target, resource(name));
        return target;
    }
}
