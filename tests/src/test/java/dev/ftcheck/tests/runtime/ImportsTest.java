package dev.ftcheck.tests.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.tests.support.Cli;
import dev.ftcheck.tests.support.Processes;
import dev.ftcheck.tests.support.StandInJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports from C (resources/runtime/imports): a package directory holding two extensions that import each other,
 * a module in a --path directory, relative imports and fromlists through PyImport_ImportModuleLevel, the errors
 * CPython raises, the hint for a module that cannot be found, and --stub-module.
 */
class ImportsTest {
    @TempDir
    static Path tmp;
    static Path front;
    static Path lib;
    static Path needsNumpy;

    @BeforeAll
    static void build() throws Exception {
        Path res = Cli.repo().resolve("tests/src/test/resources/runtime/imports");
        String suffix = Cli.run("config", "--extension-suffix").out().strip();
        Path pkg = Files.createDirectories(tmp.resolve("site/pkg"));
        Files.writeString(pkg.resolve("__init__.py"), "raise RuntimeError('never run')\n");
        lib = Files.createDirectories(tmp.resolve("lib"));
        front = pkg.resolve("_front" + suffix);
        compile(res.resolve("_front.c"), front);
        compile(res.resolve("_back.c"), pkg.resolve("_back" + suffix));
        compile(res.resolve("other.c"), lib.resolve("other.so"));
        compile(res.resolve("unreported.c"), lib.resolve("unreported.so"));
        compile(res.resolve("atexitcb.c"), lib.resolve("atexitcb.so"));
        needsNumpy = Files.createDirectories(tmp.resolve("needs")).resolve("_back.so");
        compile(res.resolve("_back.c"), needsNumpy, "-DNEEDS=\"numpy\"");
    }

    private static void compile(Path c, Path so, String... extra) {
        List<String> cc = new ArrayList<>(List.of("gcc", "-shared", "-O1", "-g", "-Wall", "-Werror"));
        cc.addAll(Arrays.asList(Cli.run("config", "--cflags").out().strip().split("\\s+")));
        cc.addAll(List.of(extra));
        cc.addAll(List.of(c.toString(), "-o", so.toString()));
        Processes.Run built = Processes.run(null, cc, Map.of(), true, Duration.ofMinutes(2));
        assertEquals(0, built.exitCode(), built.describe());
    }

    private static String hint(String name) {
        return "ModuleNotFoundError: No module named '" + name + "' (ftcheck: neither a stand-in module nor an"
                + " extension or package on sys.path; add its directory with --path DIR, or load without it using"
                + " --stub-module " + name + ")";
    }

    @Test
    void importsResolveAsInCPython() throws Exception {
        Path report = tmp.resolve("imports.json");
        List<String> lines = List.of(
                "sibling() -> 42",
                "imp('other') -> 'other'",
                "imp('pkg') -> 'pkg'",
                "imp('pkg._back') -> 'pkg._back'",
                "level('_back', ('value',), 1) -> 'pkg._back'",
                "level('pkg._back', None, 0) -> 'pkg'",
                "level('pkg._back', ('value',), 0) -> 'pkg._back'",
                "level('', ('_back',), 1) -> 'pkg'",
                "level('x', None, 3) -> 'ImportError: attempted relative import beyond top-level package'",
                "imp('other.sub') -> \"ModuleNotFoundError: No module named 'other.sub'; 'other' is not a package\"",
                "imp('pkg.nothing') -> \"" + hint("pkg.nothing") + "\"",
                "attr('numpy', 'ndarray') -> \"" + hint("numpy") + "\"",
                "attr('pkg._back', 'calcsize') -> <built-in function calcsize>");
        List<String> args = new ArrayList<>(List.of("run", front.toString(), "--path", lib.toString(),
                "--report", report.toString()));
        for (String l : lines) {
            args.add("--call");
            args.add(l.substring(0, l.indexOf(" -> ")));
        }
        Cli.Result r = Cli.runJar(Map.of(), args.toArray(String[]::new));
        assertEquals(String.join("\n", lines), r.out().strip(), r.toString());
        assertEquals(0, r.exitCode(), r.toString());

        JsonNode imports = new ObjectMapper().readTree(report.toFile()).get("imports");
        List<String> seen = new ArrayList<>();
        imports.forEach(i -> seen.add(i.get("name").asText() + ":" + i.get("kind").asText()));
        assertEquals(List.of("pkg:package", "struct:stand-in", "pkg._back:extension", "other:extension"), seen);
        assertEquals("its __init__.py was not executed: the runtime has no Python interpreter",
                imports.get(0).get("note").asText());
    }

    @Test
    void aMissingModuleAtInitNamesItAndTheStubOption() {
        Cli.Result r = Cli.runJar(Map.of(), "run", needsNumpy.toString(), "--call", "value()");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("failed: " + hint("numpy")), r.toString());

        Cli.Result stubbed = Cli.runJar(Map.of(), "run", needsNumpy.toString(), "--stub-module", "numpy",
                "--call", "value()");
        assertEquals(0, stubbed.exitCode(), stubbed.toString());
        assertEquals("value() -> 42", stubbed.out().strip());
    }

    /** The import failure names what the init left set: the SystemError's __cause__, as CPython chains it. */
    @Test
    void anExceptionLeftSetByPyInitIsTheCauseOfTheImportError() {
        Cli.Result r = Cli.runJar(Map.of(), "run", lib.resolve("unreported.so").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("SystemError: initialization of unreported raised unreported exception"
                + " (caused by ValueError: left set)"), r.toString());
    }

    /** Callbacks registered with atexit run when the run ends, last registered first; one that raises is reported. */
    @Test
    void atexitCallbacksRunWhenTheRunEnds() {
        Cli.Result r = Cli.runJar(Map.of(), "run", lib.resolve("atexitcb.so").toString(), "--call", "boom()");
        assertEquals("boom() -> None\natexit: second\natexit: first",
                r.out().strip().replace(System.lineSeparator(), "\n"), r.toString());
        assertTrue(r.err().contains("Exception ignored in atexit callback <built-in function fail>: RuntimeError:"
                + " callback failed"), r.toString());
        assertEquals(1, r.exitCode(), "an unraisable exception is a diagnostic: " + r);
    }

    @Test
    void aStubsAttributesRaiseNamingTheAttribute() {
        Cli.Result r = Cli.runJar(Map.of(), "run", front.toString(), "--stub-module", "numpy",
                "--call", "attr('numpy', 'ndarray')");
        assertEquals("attr('numpy', 'ndarray') -> \"AttributeError: module 'numpy' has no attribute 'ndarray'"
                + " (ftcheck: 'numpy' is an empty stub made by --stub-module)\"", r.out().strip(), r.toString());
    }

    @Test
    void badImportOptionsAreUsageErrors() {
        Cli.Result path = Cli.runJar(Map.of(), "run", front.toString(), "--path", tmp.resolve("absent").toString());
        assertEquals(2, path.exitCode(), path.toString());
        assertTrue(path.err().contains("--path " + tmp.resolve("absent") + ": no such directory"), path.toString());
        Cli.Result stub = Cli.runJar(Map.of(), "run", front.toString(), "--stub-module", "a-b");
        assertEquals(2, stub.exitCode(), stub.toString());
        assertTrue(stub.err().contains("--stub-module 'a-b' is not a module name"), stub.toString());
    }

    /** A Java module in a jar, found through its META-INF/services entry, imported by an extension. */
    @Test
    void aStandInJarProvidesAModule() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("standin/src/demo"));
        Files.writeString(src.resolve("Answers.java"), """
                package demo;

                import dev.ftcheck.runtime.nat.Native;
                import dev.ftcheck.runtime.obj.Ints;
                import dev.ftcheck.runtime.obj.Modules;

                public final class Answers implements dev.ftcheck.runtime.stdlib.StandInModule {
                    public String name() {
                        return "answers";
                    }

                    public long create() {
                        long m = Modules.create("answers");
                        long v = Ints.fromLong(42);
                        Modules.setAttr(m, "value", v);
                        Native.decref(v);
                        return m;
                    }
                }
                """);
        Path classes = Files.createDirectories(tmp.resolve("standin/classes"));
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("Answers.java").toString());
        assertEquals(0, rc, "javac");
        Path jar = StandInJar.write(tmp.resolve("standin/answers.jar"), classes, "demo", List.of("demo.Answers"));
        Cli.Result r = Cli.runJar(Map.of(), "run", front.toString(), "--stand-in", jar.toString(),
                "--call", "attr('answers', 'value')", "--call", "imp('answers')");
        assertEquals("attr('answers', 'value') -> 42\nimp('answers') -> 'answers'", r.out().strip(), r.toString());

        Cli.Result empty = Cli.runJar(Map.of(), "run", front.toString(), "--stand-in", front.toString());
        assertEquals(2, empty.exitCode(), empty.toString());
        assertTrue(empty.err().contains("no dev.ftcheck.runtime.stdlib.StandInModule services"), empty.toString());
    }
}
