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
 * The 3.14 C-API functions the runtime implements, against their documented CPython 3.14 behaviour:
 * {@code resources/api314/api314.c}, built with {@code ftcheck config --abi 3.14 --cflags} under the 3.14
 * extension suffix (so {@code ftcheck run} serves the 3.14 ABI), answers each call of {@code api314.expected}
 * exactly. The answers are written from the 3.14 documentation, since no CPython 3.14 interpreter is available to
 * record them.
 */
class Api314Test {
    @TempDir
    Path tmp;

    @Test
    void answersAreCPython314s() throws Exception {
        Path res = Cli.repo().resolve("tests/src/test/resources/api314");
        List<String> expected = Files.readAllLines(res.resolve("api314.expected")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.replace("{tmp}", tmp.toString()))
                .toList();
        String suffix = Cli.run("config", "--abi", "3.14", "--extension-suffix").out().strip();
        Path so = tmp.resolve("api314" + suffix);
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-O1", "-g", "-Wall", "-Wextra", "-Werror",
                "-Wno-unused-parameter"));
        cc.addAll(Arrays.asList(Cli.run("config", "--abi", "3.14", "--cflags").out().strip().split("\\s+")));
        cc.addAll(List.of(res.resolve("api314.c").toString(), "-o", so.toString()));
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
