package dev.ftcheck.tests.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --fix} on real code: the scanner's fix fixtures, the samples and pyrsistent 0.20.0 (a held copy of
 * a corpus project, from Debian's source package). Every changed file compiles before and after against CPython 3.13's
 * headers (after the fix with compat-shims/ on the include path for the ftcompat.h it adds), and after the fix
 * also against CPython 3.8's; the fixed findings are gone and
 * no finding is new; {@code --diff} applied with patch(1) gives the same files.
 */
class FixOnRealCodeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ReferencePython python(String minor) {
        var p = ReferencePython.pyenv(minor);
        Assumptions.assumeTrue(p.isPresent(), "skipped: no CPython " + minor + " under pyenv root");
        return p.get();
    }

    private static void compiles(Path file, ReferencePython py, boolean compat) {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-fsyntax-only", "-w", "-I" + py.includeDir()));
        if (compat) {
            cmd.add("-I" + Cli.repo().resolve("compat-shims"));
        }
        cmd.add(file.toString());
        Processes.Run r = Processes.run(null, cmd, Map.of(), true, Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), "with CPython " + py.version() + " headers: " + r.describe());
    }

    /** With Py_GIL_DISABLED defined, so the code a fix put under #ifdef Py_GIL_DISABLED is compiled too. */
    private static void compilesFreeThreaded(Path file, ReferencePython py) {
        Processes.Run r = Processes.run(null, List.of("gcc", "-fsyntax-only", "-w", "-DPy_GIL_DISABLED=1",
                "-I" + py.includeDir(), "-I" + Cli.repo().resolve("compat-shims"), file.toString()), Map.of(), true,
                Duration.ofMinutes(2));
        assertEquals(0, r.exitCode(), "free-threaded, with CPython " + py.version() + " headers: " + r.describe());
    }

    /** (rule, flagged line's text) of every finding, counted: line numbers move when an include is added. */
    private static Map<String, Integer> findings(Path root) throws Exception {
        JsonNode r = MAPPER.readTree(Cli.run("scan", "--output-format", "json", root.toString()).out());
        Map<String, Integer> out = new HashMap<>();
        r.get("findings").forEach(f -> out.merge(f.get("rule").asText() + " " + f.at("/location/file").asText()
                + " " + f.get("snippet").asText().strip(), 1, Integer::sum));
        return out;
    }

    private static void checkFix(Path tree, List<Path> compiled) throws Exception {
        checkFix(tree, compiled, List.of());
    }

    private static void checkFix(Path tree, List<Path> compiled, List<String> fixFlags) throws Exception {
        ReferencePython py313 = python("3.13");
        ReferencePython py38 = python("3.8");
        for (Path f : compiled) {
            compiles(f, py313, Files.readString(f).contains("ftcompat.h"));
        }
        Map<String, Integer> before = findings(tree);
        Path pristine = Files.createTempDirectory("ftcheck-fix-pristine");
        Processes.run(null, List.of("cp", "-a", tree + "/.", pristine.toString()), Map.of(), true,
                Duration.ofMinutes(1));
        List<String> diffArgs = new ArrayList<>(List.of("scan", "--diff"));
        diffArgs.addAll(fixFlags);
        diffArgs.add(tree.toString());
        Cli.Result diff = Cli.run(diffArgs.toArray(String[]::new));
        assertEquals(1, diff.exitCode(), diff.toString());
        List<String> fixArgs = new ArrayList<>(List.of("scan", "--fix", "--show-fixes"));
        fixArgs.addAll(fixFlags);
        fixArgs.add(tree.toString());
        Cli.Result fix = Cli.run(fixArgs.toArray(String[]::new));
        List<String> fixed = fix.err().lines().filter(l -> l.startsWith("fixed: ")).toList();
        assertTrue(!fixed.isEmpty(), fix.toString());
        for (Path f : compiled) {
            compiles(f, py313, true); // the fix added #include "ftcompat.h": its folder is on the include path
            compiles(f, py38, true);
            compilesFreeThreaded(f, py313);
        }
        Map<String, Integer> after = findings(tree);
        int removed = 0;
        for (var e : after.entrySet()) {
            assertTrue(e.getValue() <= before.getOrDefault(e.getKey(), 0), "a new finding: " + e.getKey());
        }
        for (var e : before.entrySet()) {
            removed += e.getValue() - after.getOrDefault(e.getKey(), 0);
        }
        assertEquals(fixed.size(), removed, "exactly the fixed findings are gone: " + fixed);
        // The diff, applied to the untouched copy, gives what --fix wrote.
        Path patch = pristine.resolve("fix.diff");
        Files.writeString(patch, diff.out().replace("a/" + tree + "/", "a/").replace("b/" + tree + "/", "b/"));
        Processes.Run applied = Processes.run(pristine, List.of("patch", "-s", "-p1", "-i", patch.toString()),
                Map.of(), true, Duration.ofMinutes(1));
        assertEquals(0, applied.exitCode(), applied.describe());
        for (Path f : compiled) {
            assertEquals(Files.readString(f), Files.readString(pristine.resolve(tree.relativize(f))), f.toString());
        }
    }

    @Test
    void fixFixtureCompilesBeforeAndAfter(@TempDir Path tmp) throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("fixture"));
        List<Path> files = new ArrayList<>();
        for (String name : List.of("borrow_incref.c", "buffer_domain.c")) {
            Path c = tree.resolve(name);
            Files.copy(Cli.repo().resolve("scanner-cli/src/test/resources/fixes/" + name), c);
            files.add(c);
        }
        checkFix(tree, files);
    }

    @Test
    void gilDeclarationFixesCompileInBothBuilds(@TempDir Path tmp) throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("gil"));
        List<Path> files = new ArrayList<>();
        for (String name : List.of("gil_multi.c", "gil_single.c", "gil_multi_compat.c", "gil_single_compat.c")) {
            Path c = tree.resolve(name);
            Files.copy(Cli.repo().resolve("scanner-cli/src/test/resources/fixes/" + name), c);
            files.add(c);
        }
        checkFix(tree, files, List.of("--unsafe-fixes"));
    }

    /** The shipped samples, unsafe fixes included: the two files with fixes still compile, in every build. */
    @Test
    void samplesAreFixedAndStillCompile(@TempDir Path tmp) throws Exception {
        Path tree = tmp.resolve("samples");
        Processes.Run copy = Processes.run(null, List.of("cp", "-a", Cli.repo().resolve("samples").toString(),
                tree.toString()), Map.of(), true, Duration.ofMinutes(1));
        assertEquals(0, copy.exitCode(), copy.describe());
        checkFix(tree, List.of(tree.resolve("scanner/object-malloc/hazard.c"), tree.resolve("runtime/ftgilneeded.c")),
                List.of("--unsafe-fixes"));
    }

    @Test
    void pyrsistentIsFixedAndStillCompiles(@TempDir Path tmp) throws Exception {
        Path tarball;
        try {
            tarball = DebianArchive.inCache().source("pyrsistent", "0.20.0-2", "pyrsistent_0.20.0.orig.tar.gz",
                    "4c48f78f62ab596c679086084d0dd13254ae4f3d6c72a83ffdf5ebdef8f265a4");
        } catch (DebianArchive.Unavailable e) {
            Assumptions.abort("skipped: pyrsistent's Debian source package cannot be fetched: " + e.getMessage());
            return;
        }
        Processes.Run untar = Processes.run(tmp, List.of("tar", "xf", tarball.toString()), Map.of(), true,
                Duration.ofMinutes(1));
        assertEquals(0, untar.exitCode(), untar.describe());
        Path tree = tmp.resolve("pyrsistent-0.20.0");
        checkFix(tree, List.of(tree.resolve("pvectorcmodule.c")));
    }
}
