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
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small C modules under {@code resources/runtime/}, each with a {@code NAME.expected} file of {@code call -> repr}
 * lines that the same module gave when built for a real CPython 3.13 (the file's first line says which): built
 * against ftcheck's headers, the runtime must answer every call identically. Every {@code NAME.c} with a
 * {@code NAME.expected} is a case, and so is each {@code NAME.TOPIC.expected}: more calls of the same module
 * (stdlibcalls.c drives one stand-in module per topic). The head comment of each {@code .c} file says what it
 * covers.
 */
class KnownAnswerModulesTest {
    static Stream<String> modules() throws Exception {
        try (Stream<Path> files = Files.list(Cli.repo().resolve("tests/src/test/resources/runtime"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expected"))
                    .map(n -> n.substring(0, n.length() - ".expected".length())).sorted().toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no known-answer modules found");
            }
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("modules")
    void answersMatchCPython(String cases, @TempDir Path tmp) throws Exception {
        Path res = Cli.repo().resolve("tests/src/test/resources/runtime");
        List<String> expected = Files.readAllLines(res.resolve(cases + ".expected")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        String module = cases.contains(".") ? cases.substring(0, cases.indexOf('.')) : cases;
        String suffix = Cli.run("config", "--extension-suffix").out().strip();
        Path so = tmp.resolve(module + suffix);
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-O1", "-g", "-Wall", "-Werror"));
        cc.addAll(Arrays.asList(Cli.run("config", "--cflags").out().strip().split("\\s+")));
        cc.addAll(List.of(res.resolve(module + ".c").toString(), "-o", so.toString()));
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
