package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.TestExtensions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small C modules under {@code resources/runtime/}, each with a {@code NAME.expected} file of {@code call -> repr}
 * lines that the same module gave when built for a real CPython 3.13 (the file's first line says which): built
 * against ftcheck's headers, the runtime must answer every call identically. Every {@code NAME.c} with a
 * {@code NAME.expected} is a case, and so is each {@code NAME.TOPIC.expected}: more calls of the same module
 * (stdlibcalls.c drives one stand-in module per topic). The head comment of each {@code .c} file says what it
 * covers. Each case runs in both ABIs with the same answers, except where a {@code NAME.expected-3.14} file gives
 * the 3.14 answer of a call (version facts).
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

    /** Each case in each ABI: the answers are the same in 3.13t and 3.14t. */
    static Stream<Arguments> cases() throws Exception {
        return modules().flatMap(m -> TestExtensions.ABIS.stream().map(abi -> Arguments.of(m, abi)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void answersMatchCPython(String cases, String abi, @TempDir Path tmp) throws Exception {
        Path res = Cli.repo().resolve("tests/src/test/resources/runtime");
        List<String> expected = answers(res.resolve(cases + ".expected"));
        Path overrides = res.resolve(cases + ".expected-" + abi);
        if (Files.isRegularFile(overrides)) {
            expected = overridden(expected, answers(overrides));
        }
        String module = cases.contains(".") ? cases.substring(0, cases.indexOf('.')) : cases;
        Path so = TestExtensions.build(res.resolve(module + ".c"), module, abi, tmp);
        List<String> args = new ArrayList<>(List.of("run", so.toString()));
        for (String line : expected) {
            args.add("--call");
            args.add(line.substring(0, line.indexOf(" -> ")));
        }
        Cli.Result r = Cli.runJar(Map.of(), args.toArray(String[]::new));
        assertEquals(String.join("\n", expected), r.out().strip(), r.toString());
    }

    private static List<String> answers(Path file) throws java.io.IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
    }

    /**
     * The 3.13 answers with those of an ABI's {@code NAME.expected-ABI} file put in place of the same calls' (what
     * only the version changes); an override naming a call the case does not make is an error.
     */
    private static List<String> overridden(List<String> base, List<String> overrides) {
        Map<String, String> byCall = new java.util.LinkedHashMap<>();
        overrides.forEach(l -> byCall.put(l.substring(0, l.indexOf(" -> ")), l));
        List<String> out = base.stream().map(l -> byCall.getOrDefault(l.substring(0, l.indexOf(" -> ")), l)).toList();
        List<String> calls = base.stream().map(l -> l.substring(0, l.indexOf(" -> "))).toList();
        for (String call : byCall.keySet()) {
            if (!calls.contains(call)) {
                throw new IllegalStateException("override for a call the case does not make: " + call);
            }
        }
        return out;
    }
}
