package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The string and buffer units of PyArg_Parse* ({@code s s# s* z z# z* y y# y*}) accept, reject and report exactly
 * as CPython 3.13t does. The expected answers in {@code runtime/argunits.expected} were produced by the same
 * module built for a real free-threaded CPython 3.13.15 (the driver loop is in that file's first line's command).
 */
class ArgUnitsTest {
    @Test
    void stringAndBufferUnitsMatchCPython(@TempDir Path tmp) throws Exception {
        Path res = Cli.repo().resolve("tests/src/test/resources/runtime");
        List<String> expected = Files.readAllLines(res.resolve("argunits.expected")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        String suffix = Cli.run("config", "--extension-suffix").out().strip();
        Path so = tmp.resolve("argunits" + suffix);
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-O1", "-g", "-Wall", "-Werror"));
        cc.addAll(Arrays.asList(Cli.run("config", "--cflags").out().strip().split("\\s+")));
        cc.addAll(List.of(res.resolve("argunits.c").toString(), "-o", so.toString()));
        Processes.Run built = Processes.run(null, cc, Map.of(), true, Duration.ofMinutes(2));
        assertEquals(0, built.exitCode(), built.describe());
        List<String> args = new ArrayList<>(List.of("run", so.toString()));
        for (String line : expected) {
            args.add("--call");
            args.add(line.substring(0, line.indexOf(" -> ")));
        }
        Cli.Result r = Cli.runJar(Map.of(), args.toArray(String[]::new));
        assertEquals(String.join("\n", expected), r.out().strip(), r.toString());
    }
}
