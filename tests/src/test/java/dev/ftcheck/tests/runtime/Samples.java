package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Builds the C samples under samples/runtime/ once per test JVM, against `ftcheck config` flags or real headers. */
final class Samples {
    static final Path REPO = Path.of(System.getProperty("ftcheck.repo", "..")).toAbsolutePath().normalize();
    static final Path SOURCES = REPO.resolve("samples/runtime");
    /** pyenv's CPython 3.13 headers, found through {@code pyenv root}. */
    static final Path REAL_313_INCLUDE = dev.ftcheck.tests.abi.CPython313.include();
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static volatile Path outDir;

    private Samples() {}

    private static synchronized Path outDir() throws IOException {
        if (outDir == null) {
            outDir = Files.createTempDirectory("ftcheck-samples");
        }
        return outDir;
    }

    private static String ftcheck(String... args) {
        Cli.Result r = Cli.run(args);
        if (r.exitCode() != 0) {
            fail("ftcheck " + String.join(" ", args) + " failed (" + r.exitCode() + "): " + r.err());
        }
        return r.out().trim();
    }

    /** The sample built against ftcheck's headers: {@code name.cpython-313t-x86_64-linux-gnu.so}. */
    static Path build(String name) {
        return BUILT.computeIfAbsent(name, n -> {
            List<String> cmd = new ArrayList<>(List.of("gcc", "-O1", "-g", "-Wall", "-Werror"));
            cmd.addAll(Arrays.asList(ftcheck("config", "--cflags").split("\\s+")));
            cmd.addAll(Arrays.asList(ftcheck("config", "--ldflags").split("\\s+")));
            return compile(n, cmd, ftcheck("config", "--extension-suffix"));
        });
    }

    /** The sample built against the real CPython 3.13 headers with -DPy_GIL_DISABLED=1 (no ftcheck headers). */
    static Path buildWithRealHeaders(String name) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(REAL_313_INCLUDE.resolve("Python.h")),
                "CPython 3.13 headers not found at " + REAL_313_INCLUDE + " (pyenv's 3.13.0, located with `pyenv root`)");
        return BUILT.computeIfAbsent("real:" + name, n -> {
            List<String> cmd = new ArrayList<>(List.of("gcc", "-O1", "-g", "-Wall", "-Werror", "-fPIC",
                    "-DPy_GIL_DISABLED=1", "-I" + REAL_313_INCLUDE, "-shared"));
            return compile(name, cmd, ".cpython-313t-x86_64-linux-gnu.so");
        });
    }

    private static Path compile(String name, List<String> cmd, String suffix) {
        try {
            Path dir = Files.createDirectories(outDir().resolve(cmd.contains("-DPy_GIL_DISABLED=1")
                    && cmd.stream().anyMatch(a -> a.contains("python3.13")) ? "real" : "ftcheck"));
            Path out = dir.resolve(name + suffix);
            cmd.add("-o");
            cmd.add(out.toString());
            cmd.add(SOURCES.resolve(name + ".c").toString());
            cmd.add("-lpthread");
            Processes.Run r = Processes.run(null, cmd, Map.of(), true, Duration.ofSeconds(120));
            if (!r.ok()) {
                fail("compiling " + name + " failed: " + r.describe());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
