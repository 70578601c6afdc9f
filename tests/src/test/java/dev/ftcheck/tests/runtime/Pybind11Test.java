package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ftcheck.tests.corpus.CacheDir;
import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pybind11 module written here ({@code runtime/pybind11/pbmod.cpp}: functions with keywords and defaults, a class
 * with constructor, methods, properties and __repr__, an enum, STL conversions, exceptions in both directions,
 * {@code py::mod_gil_not_used()}) built with g++ against ftcheck's headers and, separately, against the real CPython
 * 3.13.15t headers with -DPy_GIL_DISABLED=1; both must answer each call of {@code pbmod.calls} as CPython did
 * ({@code pbmod.expected}, written by {@code record-expected.sh} there).
 */
class Pybind11Test {
    /** The first pybind11 with py::mod_gil_not_used(). */
    static final String PYBIND11 = "pybind11>=2.13";

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"ftcheck-headers", "cpython-headers"})
    void moduleAnswersAsCPython313t(String mode) throws IOException {
        Path res = Cli.repo().resolve("tests/src/test/resources/runtime/pybind11");
        String include = pybind11Include();
        List<String> cc = new ArrayList<>(List.of("g++", "-std=c++17", "-shared", "-fPIC", "-O1", "-I" + include));
        if (mode.equals("ftcheck-headers")) {
            cc.addAll(Arrays.asList(Cli.run("config", "--cflags").out().strip().split("\\s+")));
        } else {
            Path headers = CacheDir.root().resolve("cpython/3.13.15t/include/python3.13t");
            assumeTrue(Files.isRegularFile(headers.resolve("Python.h")),
                    "no CPython 3.13.15t headers at " + headers + " (the conformance corpus caches them)");
            cc.addAll(List.of("-I" + headers, "-DPy_GIL_DISABLED=1"));
        }
        Path so = work.resolve("pbmod" + Cli.run("config", "--extension-suffix").out().strip());
        cc.addAll(List.of(res.resolve("pbmod.cpp").toString(), "-o", so.toString()));
        run(cc, "compiling pbmod.cpp (" + mode + ")");

        List<String> args = new ArrayList<>(List.of("run", so.toString()));
        for (String call : Files.readAllLines(res.resolve("pbmod.calls"))) {
            if (!call.isBlank()) {
                args.add("--call");
                args.add(call);
            }
        }
        String expected = String.join("\n", Files.readAllLines(res.resolve("pbmod.expected")).stream()
                .filter(l -> !l.startsWith("#")).toList());
        Cli.Result r = Cli.runJar(Map.of(), args.toArray(String[]::new));
        assertEquals(expected, r.out().replace(System.lineSeparator(), "\n").strip(), r.toString());
    }

    /** pybind11's include directory from the cached venv; made from the machine's index when missing, else skipped. */
    private String pybind11Include() {
        Path venv = CacheDir.root().resolve("venvs/pybind11");
        Path py = venv.resolve("bin/python");
        if (!Files.isExecutable(py)) {
            Processes.Run mk = Processes.run(work, List.of("python3", "-m", "venv", venv.toString()), Map.of(), true,
                    Duration.ofMinutes(5));
            assumeTrue(mk.problem() == null && mk.exitCode() == 0,
                    "python3 with venv is not available to make " + venv + ": " + mk.problem() + " " + mk.out());
        }
        List<String> ask = List.of(py.toString(), "-c", "import pybind11; print(pybind11.get_include())");
        Processes.Run inc = Processes.run(work, ask, Map.of(), false, Duration.ofMinutes(1));
        if (inc.problem() != null || inc.exitCode() != 0) {
            Processes.Run pip = Processes.run(work, List.of(py.toString(), "-m", "pip", "install", PYBIND11),
                    Map.of(), true, Duration.ofMinutes(10));
            assumeTrue(pip.problem() == null && pip.exitCode() == 0,
                    "pip could not install " + PYBIND11 + " into " + venv + ": " + pip.problem() + " " + pip.out());
            inc = Processes.run(work, ask, Map.of(), false, Duration.ofMinutes(1));
        }
        assumeTrue(inc.problem() == null && inc.exitCode() == 0, "pybind11 is not importable in " + venv);
        return inc.out().strip();
    }

    private void run(List<String> cmd, String what) {
        Processes.Run r = Processes.run(work, cmd, Map.of(), true, Duration.ofMinutes(5));
        if (r.problem() != null || r.exitCode() != 0) {
            fail(what + " failed (" + (r.problem() != null ? r.problem() : "exit " + r.exitCode()) + "):\n" + r.out());
        }
    }
}
