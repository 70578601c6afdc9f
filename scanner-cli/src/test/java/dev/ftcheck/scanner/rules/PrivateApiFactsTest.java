package dev.ftcheck.scanner.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private-API tables (FT809, FT110) say what CPython did to each name; this checks every claim against the
 * real headers by compiling probes: pyenv's 3.12 and 3.13 and Debian's 3.14 (unpacked under /tmp/py314, or
 * {@code -Dftcheck.py314.include=}). Each absent set of headers skips the test with the reason.
 */
class PrivateApiFactsTest {
    private static final Path PY314 = Path.of(System.getProperty("ftcheck.py314.include",
            "/tmp/py314/x/usr/include/python3.14"));

    /** What one probe found: the name is a macro, usable, deprecated or undeclared. */
    enum Seen { MACRO, PRESENT, DEPRECATED, MISSING, WRONG_ARITY }

    private static List<PrivateApiRule.PrivateApi> entries() {
        List<PrivateApiRule.PrivateApi> all = new ArrayList<>(new PrivateApiReplacedRule().table().values());
        all.addAll(new PrivateTryIncrefRule().table().values());
        return all;
    }

    @Test
    void everyClaimMatchesTheHeaders(@TempDir Path dir) throws Exception {
        List<String> inc312 = pyenvInclude("3.12");
        List<String> inc313 = pyenvInclude("3.13");
        List<String> inc314 = Files.isRegularFile(PY314.resolve("Python.h"))
                ? List.of("-I" + PY314, "-I" + PY314.getParent()) : List.of();
        Assumptions.assumeFalse(inc312.isEmpty() || inc313.isEmpty() || inc314.isEmpty(),
                "needs CPython 3.12 and 3.13 headers (pyenv) and 3.14's (" + PY314 + ")");
        List<PrivateApiRule.PrivateApi> apis = entries();
        Map<String, Seen> v312 = probe(dir, "312", inc312, apis);
        Map<String, Seen> v313 = probe(dir, "313", inc313, apis);
        Map<String, Seen> v314 = probe(dir, "314", inc314, apis);
        int checked = 0;
        for (PrivateApiRule.PrivateApi a : apis) {
            String n = a.name();
            switch (a.kind()) {
                case DEPRECATED_314 -> {
                    assertTrue(usable(v313.get(n)), n + " on 3.13: " + v313.get(n));
                    assertEquals(Seen.DEPRECATED, v314.get(n), n + " on 3.14");
                }
                case HIDDEN_313, REMOVED_313 -> {
                    assertTrue(usable(v312.get(n)), n + " on 3.12: " + v312.get(n));
                    assertEquals(Seen.MISSING, v313.get(n), n + " on 3.13");
                    assertEquals(Seen.MISSING, v314.get(n), n + " on 3.14");
                }
                case SIGNATURE_313 -> {
                    assertTrue(usable(v312.get(n)), n + " with " + a.arity() + " arguments on 3.12: " + v312.get(n));
                    assertEquals(Seen.WRONG_ARITY, v313.get(n), n + " with " + a.arity() + " arguments on 3.13");
                }
                case INTERNAL -> assertEquals(Seen.MISSING, v313.get(n), n + " in 3.13's public headers");
                case IMPLEMENTATION_314 -> {
                    assertEquals(Seen.MISSING, v313.get(n), n + " on 3.13");
                    assertTrue(usable(v314.get(n)), n + " on 3.14: " + v314.get(n));
                }
                case MACRO_OF_DEPRECATED_314 -> assertEquals(Seen.MACRO, v314.get(n), n + " on 3.14");
                default -> throw new AssertionError(a.kind());
            }
            String repl = a.replacementName();
            assertTrue(usable(v314.get("repl:" + repl)), "replacement " + repl + " on 3.14: "
                    + v314.get("repl:" + repl));
            checked++;
        }
        assertTrue(checked >= 35, "only " + checked + " entries");
        System.out.println("[facts] " + checked + " private names checked against CPython 3.12, 3.13 and 3.14 headers");
    }

    private static boolean usable(Seen s) {
        return s == Seen.MACRO || s == Seen.PRESENT;
    }

    /** One translation unit per version: a probe function per name, so each diagnostic points at its own line. */
    private static Map<String, Seen> probe(Path dir, String tag, List<String> includes,
            List<PrivateApiRule.PrivateApi> apis) throws IOException, InterruptedException {
        StringBuilder c = new StringBuilder("#include <Python.h>\n");
        Map<Integer, String> lineOf = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (PrivateApiRule.PrivateApi a : apis) {
            names.add(a.name());
            names.add("repl:" + a.replacementName());
        }
        Map<String, Seen> seen = new LinkedHashMap<>();
        int i = 0;
        for (String key : names.stream().distinct().toList()) {
            String n = key.startsWith("repl:") ? key.substring(5) : key;
            PrivateApiRule.PrivateApi a = apis.stream().filter(x -> x.name().equals(key)).findFirst().orElse(null);
            c.append("#if defined(").append(n).append(")\nint probe_macro_").append(i).append(";\n#else\n");
            int line = (int) c.chars().filter(ch -> ch == '\n').count() + 1;
            if (a != null && a.arity() >= 0) {
                c.append("int probe_").append(i).append("(void) { return ").append(n).append("(")
                        .append(String.join(", ", java.util.Collections.nCopies(a.arity(), "0"))).append("); }\n");
            } else {
                c.append("void *probe_").append(i).append("(void) { return (void *)&").append(n).append("; }\n");
            }
            c.append("#endif\n");
            lineOf.put(line, key);
            seen.put(key, Seen.PRESENT);
            i++;
        }
        Path src = Files.writeString(dir.resolve("probe" + tag + ".c"), c.toString());
        List<String> argv = new ArrayList<>(List.of("gcc", "-fsyntax-only", "-fmax-errors=0",
                "-Wdeprecated-declarations", "-Werror=implicit-function-declaration"));
        argv.addAll(includes);
        argv.add(src.toString());
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "gcc hung");
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(src.toString()) + ":(\\d+):\\d+: (error|warning): (.*)$")
                .matcher(out);
        while (m.find()) {
            String key = lineOf.get(Integer.parseInt(m.group(1)));
            if (key == null) {
                continue;
            }
            String msg = m.group(3);
            if (msg.contains("deprecated")) {
                seen.put(key, Seen.DEPRECATED);
            } else if (msg.contains("too few arguments") || msg.contains("too many arguments")) {
                seen.put(key, Seen.WRONG_ARITY);
            } else if (msg.contains("undeclared") || msg.contains("implicit declaration")) {
                seen.put(key, Seen.MISSING);
            }
        }
        // #if defined(...) branches: the macro ones were compiled as the variable, never as a probe function.
        Process pp = new ProcessBuilder(Stream.concat(Stream.of("gcc", "-E", "-P"), Stream.concat(includes.stream(),
                Stream.of(src.toString()))).toList()).redirectErrorStream(true).start();
        String pre = new String(pp.getInputStream().readAllBytes());
        pp.waitFor(2, TimeUnit.MINUTES);
        int j = 0;
        for (String key : names.stream().distinct().toList()) {
            if (pre.contains("int probe_macro_" + j + ";")) {
                seen.put(key, Seen.MACRO);
            }
            j++;
        }
        return seen;
    }

    /** -I for pyenv's newest CPython of a minor version, or empty. */
    private static List<String> pyenvInclude(String minor) throws IOException {
        List<Path> roots = new ArrayList<>();
        Optional.ofNullable(System.getenv("PYENV_ROOT")).ifPresent(r -> roots.add(Path.of(r)));
        roots.add(Path.of(System.getProperty("user.home"), ".pyenv"));
        for (Path root : roots) {
            Path versions = root.resolve("versions");
            if (!Files.isDirectory(versions)) {
                continue;
            }
            try (Stream<Path> s = Files.list(versions)) {
                Optional<Path> inc = s.filter(d -> d.getFileName().toString().matches(Pattern.quote(minor) + "\\.\\d+"))
                        .sorted().map(d -> d.resolve("include/python" + minor))
                        .filter(d -> Files.isRegularFile(d.resolve("Python.h"))).reduce((a, b) -> b);
                if (inc.isPresent()) {
                    return List.of("-I" + inc.get());
                }
            }
        }
        return List.of();
    }
}
