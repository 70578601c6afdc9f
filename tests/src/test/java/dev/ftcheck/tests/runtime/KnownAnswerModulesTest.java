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
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small C modules under {@code resources/runtime/}, each with a {@code NAME.expected} file of {@code call -> repr}
 * lines that the same module gave when built for a real free-threaded CPython 3.13.15: built against ftcheck's
 * headers, the runtime must answer every call identically.
 * <ul>
 *   <li>{@code argunits}: the string and buffer units of PyArg_Parse* ({@code s s# s* z z# z* y y# y* w*}) and
 *       PyUnicode_AsEncodedString's codecs and strict errors;</li>
 *   <li>{@code structseq}: struct sequences from PyStructSequence_NewType and InitType2, hidden and unnamed
 *       fields, repr, len, items and attributes;</li>
 *   <li>{@code contexts}: context variables (get, set, reset, copies, enter and exit, misuse);</li>
 *   <li>{@code unicodes}: PyUnicode_* search, split, replace, translate, wide-char and UCS-4 copies, in-place
 *       Fill/CopyCharacters/Resize with their refusals, Unicode error objects (accessors, attributes, str) and
 *       PyUnicode_Format (86 printf-style cases and errors), and an exception subclass keeping UnicodeDecodeError's
 *       fields;</li>
 *   <li>{@code codecapi}: the built-in codecs both ways with every built-in error handler and registered ones,
 *       the codec registry (search functions, normalised names, cache, unregister), EncodingMap and dict tables
 *       from PyUnicode_BuildEncodingMap, and the PyCodec_*Errors
 *       handlers called directly;</li>
 *   <li>{@code errors}: the handled exception (exc_info), ImportError with name and path, SyntaxError locations
 *       (PyErr_SyntaxLocation*, with the source line), OSError with two file
 *       names, PyErr_ProgramText, interrupts, the signal wakeup fd and explicit warnings;</li>
 *   <li>{@code utf7locale}: UTF-7 decoding (stateful and final) and the locale codec in a UTF-8 locale.</li>
 * </ul>
 */
class KnownAnswerModulesTest {
    @ParameterizedTest
    @ValueSource(strings = {"argunits", "structseq", "contexts", "unicodes", "codecapi", "errors", "utf7locale"})
    void answersMatchCPython(String module, @TempDir Path tmp) throws Exception {
        Path res = Cli.repo().resolve("tests/src/test/resources/runtime");
        List<String> expected = Files.readAllLines(res.resolve(module + ".expected")).stream()
                .filter(l -> !l.startsWith("#")).toList();
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
