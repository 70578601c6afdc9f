package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ftcheck.tests.corpus.CacheDir;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cython 3.3.0's default output (CPython free-threading configuration: fast thread state, the exception-info stack,
 * PyLong/unicode internals, type lookup, vectorcall) compiles against ftcheck's headers and runs: each fixture
 * {@code cython/NAME.pyx} is cythonized, built with {@code ftcheck config --cflags} and its calls give what the
 * free-threaded CPython 3.13.15 gave ({@code cython/NAME.expected}, written by {@code cython/record-expected.sh}):
 * lines with " -> " are calls and their results, the other lines what the calls print, in order. Each fixture is
 * also built against the real CPython 3.13.15t headers with {@code -DPy_GIL_DISABLED=1} and must answer the same.
 */
class CythonTest {
    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"cyone", "cytwo", "cythree"})
    void cythonizedModuleCompilesAndAnswersAsCPython313t(String name) throws IOException {
        answersAsCPython(name, false);
    }

    /** The same fixtures built against the real CPython 3.13.15t headers (-DPy_GIL_DISABLED=1). */
    @ParameterizedTest
    @ValueSource(strings = {"cyone", "cytwo", "cythree"})
    void cythonizedModuleBuiltAgainstCPythonHeadersAnswersTheSame(String name) throws IOException {
        answersAsCPython(name, true);
    }

    /**
     * freethreading_compatible=True (cythree) loads with the GIL left off and no warning; a module without it
     * (cygil) prints CPython's GIL RuntimeWarning, the text the real 3.13.15t prints at its import.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void freethreadingCompatibleDirectiveDecidesTheGilWarning(boolean cpythonHeaders) throws IOException {
        Path declared = build("cythree", cpythonHeaders);
        Path undeclared = build("cygil", cpythonHeaders);
        String warning = "RuntimeWarning: The global interpreter lock (GIL) has been enabled to load module 'cygil',"
                + " which has not declared that it can run safely without the GIL. To override this behavior and"
                + " keep the GIL disabled (at your own risk), run with PYTHON_GIL=0 or -Xgil=0.";
        Cli.Result off = Cli.run("run", declared.toString(), "--call", "nogil_sum(10)");
        assertEquals(0, off.exitCode(), off.toString());
        assertEquals("nogil_sum(10) -> 45", off.out().strip(), off.toString());
        assertFalse(off.err().contains("RuntimeWarning"), off.toString());
        Cli.Result on = Cli.run("run", undeclared.toString(), "--call", "hello()");
        assertEquals(0, on.exitCode(), on.toString());
        assertEquals("hello() -> 'hi'", on.out().strip(), on.toString());
        assertTrue(on.err().contains(warning), on.toString());
    }

    private void answersAsCPython(String name, boolean cpythonHeaders) throws IOException {
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
        Path so = build(name, cpythonHeaders);
        List<String> args = new ArrayList<>(List.of("run", so.toString()));
        for (String c : calls) {
            args.add("--call");
            args.add(c);
        }
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(String.join("\n", expected),
                r.out().replace(System.lineSeparator(), "\n").strip(), "ftcheck run output\n" + r.err());
    }

    /** Cythonizes cython/NAME.pyx and compiles it against ftcheck's headers or CPython 3.13.15t's. */
    private Path build(String name, boolean cpythonHeaders) throws IOException {
        Path cython = cython();
        Path dir = Files.createDirectories(work.resolve(name + (cpythonHeaders ? "-cpython" : "-ftcheck")));
        Path pyx = copy("/cython/" + name + ".pyx", dir);
        run(dir, CythonTool.command(cython, pyx.getFileName(), Path.of(name + ".c"), null, false, List.of()),
                "cythonizing " + name + ".pyx");
        String suffix = config("--extension-suffix").trim();
        Path so = dir.resolve(name + suffix);
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O1",
                "-Werror=implicit-function-declaration", "-Werror=incompatible-pointer-types"));
        if (cpythonHeaders) {
            Path include = CacheDir.root().resolve("cpython/3.13.15t/include/python3.13t");
            assumeTrue(Files.isRegularFile(include.resolve("Python.h")), "no CPython 3.13.15t headers at " + include);
            cc.addAll(List.of("-I" + include, "-DPy_GIL_DISABLED=1"));
        } else {
            cc.addAll(Arrays.asList(config("--cflags").trim().split("\\s+")));
        }
        cc.addAll(List.of(name + ".c", "-o", so.toString()));
        run(dir, cc, "compiling " + name + ".c against " + (cpythonHeaders ? "CPython's" : "ftcheck's") + " headers");
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

    private String config(String what) {
        Cli.Result r = Cli.run("config", what);
        if (r.exitCode() != 0) {
            fail("ftcheck config " + what + " exited " + r.exitCode() + ": " + r.err());
        }
        return r.out();
    }

    private void run(Path dir, List<String> cmd, String what) {
        Processes.Run r = Processes.run(dir, cmd, Map.of(), true, Duration.ofMinutes(5));
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
