package dev.ftcheck.tests.support;

import dev.ftcheck.tests.corpus.CacheDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cython 3.3.0 in a virtual environment under the cache folder, installed on first use from the machine's package
 * index (wheels only, offline). The fixtures and the conformance corpus cythonize with this one version.
 */
public final class CythonTool {
    public static final String VERSION = "3.3.0";

    /** Cython cannot be installed here; the message says why. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private CythonTool() {}

    /** The {@code cython} executable, installing it when missing. */
    public static synchronized Path executable(Path scratch) throws Unavailable {
        Path venv = CacheDir.root().resolve("venvs/cython-" + VERSION);
        Path cython = venv.resolve("bin/cython");
        if (Files.isExecutable(cython)) {
            return cython;
        }
        Processes.Run py = Processes.run(scratch, List.of("python3", "-m", "venv", venv.toString()), Map.of(), true,
                Duration.ofMinutes(5));
        if (py.problem() != null || py.exitCode() != 0) {
            throw new Unavailable("python3 with venv is not available to make " + venv + ": " + py.problem() + " "
                    + py.out());
        }
        Processes.Run pip = Processes.run(scratch, List.of(venv.resolve("bin/python").toString(), "-m", "pip",
                "install", "cython==" + VERSION), Map.of(), true, Duration.ofMinutes(10));
        if (pip.problem() != null || pip.exitCode() != 0 || !Files.isExecutable(cython)) {
            throw new Unavailable("pip could not install cython==" + VERSION + " into " + venv + ": " + pip.problem()
                    + " " + pip.out());
        }
        return cython;
    }

    /**
     * The command that translates {@code pyx} into {@code out} (C, or C++ when {@code cxx}) with Cython's default
     * options, as module {@code moduleName}, finding {@code cimport}ed {@code .pxd} files under {@code includes}.
     */
    public static List<String> command(Path cython, Path pyx, Path out, String moduleName, boolean cxx,
            List<Path> includes) {
        List<String> cmd = new ArrayList<>(List.of(cython.toString(), "-3"));
        if (cxx) {
            cmd.add("--cplus");
        }
        if (moduleName != null) {
            cmd.addAll(List.of("--module-name", moduleName));
        }
        includes.forEach(i -> cmd.add("-I" + i));
        cmd.addAll(List.of(pyx.toString(), "-o", out.toString()));
        return cmd;
    }
}
