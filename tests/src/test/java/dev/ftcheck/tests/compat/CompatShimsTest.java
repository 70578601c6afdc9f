package dev.ftcheck.tests.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.tests.compat.CPythonProbe.Slot;
import dev.ftcheck.tests.compat.ShimBuild.Symbols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The compat-shim matrix (issue 5): builds the test extensions against every real CPython found on the machine,
 * runs them in that interpreter, and checks the header's idempotence and that it adds nothing on 3.13.
 * Interpreters that are absent are reported as skipped tests with the reason.
 */
class CompatShimsTest {
    /** Below this many interpreters the matrix says too little to trust; the suite fails instead of passing. */
    static final int MINIMUM_CPYTHONS = 3;

    @TestFactory
    Stream<DynamicTest> testExtensionPassesOnEachCPython() {
        return CPythonProbe.slots().stream().map(slot -> DynamicTest.dynamicTest(slot.label(), () -> {
            CPython py = requireFound(slot);
            Path dir = ShimBuild.freshDir(py.slug());
            for (String module : ShimBuild.MODULES) {
                Cmd gcc = ShimBuild.buildModule(module, List.of("-I" + py.includeDir()),
                        dir.resolve(module + py.extSuffix()));
                assertTrue(gcc.ok(), () -> "building " + module + " for " + py + " failed:\n" + gcc.describe());
            }
            Cmd driver = Cmd.run(List.of(py.executable().toString(),
                    ShimBuild.TESTS.resolve("ftcompat_driver.py").toString(), dir.toString()));
            assertTrue(driver.ok() && driver.output().contains("FTCOMPAT OK"),
                    () -> "the driver failed on " + py + ":\n" + driver.describe());
            System.out.println("[compat] " + py + ": " + lastLine(driver.output()));
        }));
    }

    @Test
    void atLeastThreeCPythonsFound() {
        List<CPython> found = CPythonProbe.found();
        String missing = CPythonProbe.slots().stream().filter(s -> s.python().isEmpty())
                .map(s -> s.label() + " (" + s.missingReason() + ")").collect(Collectors.joining("; "));
        System.out.println("[compat] CPythons found: " + found.size() + " " + found);
        if (!missing.isEmpty()) {
            System.out.println("[compat] skipped: " + missing);
        }
        assertTrue(found.size() >= MINIMUM_CPYTHONS, "the compat matrix needs at least " + MINIMUM_CPYTHONS
                + " CPython versions from 3.8 to 3.13; found " + found + "; missing: " + missing);
    }

    /**
     * ftcompat.h twice (plus a second, vendored copy) and after a stub header that already defines some names:
     * compiles with -Werror, and nm shows whose implementation each name picked.
     */
    @TestFactory
    Stream<DynamicTest> idempotentAndCoexistsWithPriorCompatHeader() {
        return CPythonProbe.slots().stream().map(slot -> DynamicTest.dynamicTest(slot.label(), () -> {
            CPython py = requireFound(slot);
            Path dir = ShimBuild.freshDir("idempotence-" + py.slug());
            Path vendored = dir.resolve("vendored/ftcompat.h");
            Files.createDirectories(vendored.getParent());
            Files.copy(ShimBuild.HEADER, vendored);
            List<String> common = List.of("-I" + py.includeDir(), "-DFTCOMPAT_SECOND_COPY=\"" + vendored + "\"");
            Path source = ShimBuild.TESTS.resolve("idempotence_test.c");

            Path plainObj = dir.resolve("plain.o");
            Cmd plain = ShimBuild.compileObject(source, common, plainObj);
            assertTrue(plain.ok(), () -> "included twice, " + py + ":\n" + plain.describe());
            List<String> withStubFlags = new ArrayList<>(common);
            withStubFlags.add("-DWITH_STUB");
            Path stubObj = dir.resolve("stub.o");
            Cmd stub = ShimBuild.compileObject(source, withStubFlags, stubObj);
            assertTrue(stub.ok(), () -> "after stub_prior_compat.h, " + py + ":\n" + stub.describe());

            if (GPP_AVAILABLE) {
                List<String> cxx = new ArrayList<>(List.of("g++", "-x", "c++", "-std=c++11", "-c", "-Wall",
                        "-Wextra", "-Werror", "-I" + ShimBuild.SHIMS, "-I" + ShimBuild.TESTS));
                cxx.addAll(withStubFlags);
                cxx.addAll(List.of(source.toString(), "-o", dir.resolve("cxx.o").toString()));
                Cmd gpp = Cmd.run(cxx);
                assertTrue(gpp.ok(), () -> "as C++, " + py + ":\n" + gpp.describe());
            } else {
                System.out.println("[compat] SKIPPED the C++ compile for " + py + ": g++ is not installed");
            }

            Symbols plainSyms = Symbols.of(plainObj);
            Symbols stubSyms = Symbols.of(stubObj);
            if (isAtLeast313(py)) {
                assertFalse(plainSyms.definesAnyWithPrefix("ftcompat_"), () -> "3.13 needs no shim: " + plainSyms);
                assertTrue(plainSyms.undefined().containsAll(List.of("PyList_GetItemRef", "PyDict_Pop",
                        "PyWeakref_GetRef", "PyImport_AddModuleRef")), () -> "real API not used: " + plainSyms);
                return;
            }
            for (String name : ShimBuild.FUNCTION_SHIMS) {
                assertTrue(plainSyms.defined().contains("ftcompat_" + name),
                        () -> "ftcompat_" + name + " missing on " + py + ": " + plainSyms);
            }
            // The stub's marker-carrying function and its macro-mapped function win ...
            assertTrue(stubSyms.defined().contains("PyDict_Pop"), () -> "stub PyDict_Pop not used: " + stubSyms);
            assertTrue(stubSyms.defined().contains("stub_PyWeakref_GetRef"), () -> stubSyms.toString());
            assertFalse(stubSyms.defined().contains("ftcompat_PyWeakref_GetRef"), () -> stubSyms.toString());
            // ... and its marker-less plain function is shadowed by ours, without a redefinition.
            assertTrue(stubSyms.defined().contains("ftcompat_PyList_GetItemRef"), () -> stubSyms.toString());
            assertFalse(stubSyms.defined().contains("PyList_GetItemRef"), () -> stubSyms.toString());
        }));
    }

    /** On 3.13 (GIL and free-threaded headers) ftcompat.h emits no C at all and no macro CPython has. */
    @TestFactory
    Stream<DynamicTest> addsNothingOn313() {
        CPython py = find313();
        return Stream.of("default build", "free-threaded (-DPy_GIL_DISABLED=1)").map(kind ->
                DynamicTest.dynamicTest(kind, () -> {
                    List<String> flags = new ArrayList<>(List.of("-I" + py.includeDir()));
                    if (kind.startsWith("free")) {
                        flags.add("-DPy_GIL_DISABLED=1");
                    }
                    Path dir = ShimBuild.freshDir("adds-nothing-" + (kind.startsWith("free") ? "313t" : "313"));
                    Path bare = write(dir.resolve("bare.c"), "#include <Python.h>\n");
                    Path withShims = write(dir.resolve("shims.c"), "#include <Python.h>\n#include \"ftcompat.h\"\n");

                    String bareCode = preprocess(bare, flags, "-P");
                    String shimCode = preprocess(withShims, flags, "-P");
                    assertEquals(bareCode, shimCode, "ftcompat.h emitted C declarations on 3.13 (" + kind + ")");

                    Set<String> added = macroNames(preprocess(withShims, flags, "-dM"));
                    added.removeAll(macroNames(preprocess(bare, flags, "-dM")));
                    Set<String> allowed = Set.of("Py_BEGIN_CRITICAL_SECTION_MUTEX", "Py_BEGIN_CRITICAL_SECTION2_MUTEX");
                    Set<String> foreign = added.stream()
                            .filter(m -> !m.startsWith("FTCOMPAT_") && !m.startsWith("ftcompat_"))
                            .filter(m -> !allowed.contains(m)).collect(Collectors.toCollection(TreeSet::new));
                    assertTrue(foreign.isEmpty(), "macros added on 3.13 outside ftcompat's namespace: " + foreign);
                    assertTrue(added.containsAll(allowed), "3.13 lacks the _MUTEX critical sections; ours are missing");

                    // The whole test extension: every shim name is an import from libpython, none is defined.
                    Path obj = dir.resolve("ftcompat_test.o");
                    Cmd cc = ShimBuild.compileObject(ShimBuild.TESTS.resolve("ftcompat_test.c"), flags, obj);
                    assertTrue(cc.ok(), cc::describe);
                    Symbols syms = Symbols.of(obj);
                    assertFalse(syms.definesAnyWithPrefix("ftcompat_"), syms::toString);
                    for (String name : ShimBuild.FUNCTION_SHIMS) {
                        assertFalse(syms.defined().contains(name), () -> name + " defined on 3.13: " + syms);
                    }
                    assertTrue(syms.undefined().containsAll(List.of("PyList_GetItemRef", "PyDict_GetItemRef",
                            "PyDict_SetDefaultRef", "PyDict_Pop", "PyDict_PopString", "PyWeakref_GetRef",
                            "PyImport_AddModuleRef", "PyMutex_Lock", "PyMutex_Unlock")), syms::toString);
                }));
    }

    /**
     * No 3.13t interpreter here, so the free-threaded build is checked by compiling only: the _MUTEX sections
     * must really lock (calls to CPython's critical-section functions), and the single-phase declaration must
     * call PyUnstable_Module_SetGIL.
     */
    @Test
    void compilesForFreeThreaded313() {
        CPython py = find313();
        Path dir = ShimBuild.freshDir("ft-313t");
        List<String> flags = List.of("-I" + py.includeDir(), "-DPy_GIL_DISABLED=1");
        for (String module : ShimBuild.MODULES) {
            Path obj = dir.resolve(module + ".o");
            Cmd cc = ShimBuild.compileObject(ShimBuild.TESTS.resolve(module + ".c"), flags, obj);
            assertTrue(cc.ok(), cc::describe);
            Symbols syms = Symbols.of(obj);
            if (module.equals("ftcompat_test")) {
                assertTrue(syms.undefined().containsAll(List.of("PyCriticalSection_Begin", "PyCriticalSection_End",
                        "PyCriticalSection2_Begin", "PyCriticalSection2_End")), syms::toString);
            } else {
                assertTrue(syms.undefined().contains("PyUnstable_Module_SetGIL"), syms::toString);
            }
        }
        // And the contrast: in the default build the same single-phase module must not call it.
        Path obj = dir.resolve("single-gil.o");
        Cmd cc = ShimBuild.compileObject(ShimBuild.TESTS.resolve("ftcompat_single.c"),
                List.of("-I" + py.includeDir()), obj);
        assertTrue(cc.ok(), cc::describe);
        assertFalse(Symbols.of(obj).undefined().contains("PyUnstable_Module_SetGIL"));
    }

    private static final boolean GPP_AVAILABLE = Cmd.run(List.of("g++", "--version")).ok();

    /** The header refuses, with its own message, what it does not support. */
    @TestFactory
    Stream<DynamicTest> refusesUnsupportedBuildsWithAClearError() {
        Path dir = ShimBuild.freshDir("refusals");
        Path both = write(dir.resolve("both.c"), "#include <Python.h>\n#include \"ftcompat.h\"\n");
        Path headerOnly = write(dir.resolve("alone.c"), "#include \"ftcompat.h\"\n");
        return Stream.of(
                DynamicTest.dynamicTest("Py_LIMITED_API", () -> {
                    Slot any = CPythonProbe.slots().stream().filter(s -> s.python().isPresent()).findFirst()
                            .orElse(CPythonProbe.slots().getFirst());
                    CPython py = requireFound(any);
                    expectError(both, List.of("-I" + py.includeDir(), "-DPy_LIMITED_API=0x03080000"),
                            "does not support Py_LIMITED_API");
                }),
                DynamicTest.dynamicTest("without Python.h", () ->
                        expectError(headerOnly, List.of(), "include <Python.h> before ftcompat.h")),
                DynamicTest.dynamicTest("CPython 3.7", () -> {
                    Optional<Path> include = CPythonProbe.pyenvIncludeDir("3.7");
                    if (include.isEmpty()) {
                        System.out.println("[compat] SKIPPED the 3.7 refusal check: no pyenv 3.7 headers");
                    }
                    Assumptions.assumeTrue(include.isPresent(), "no pyenv 3.7 headers to check the refusal with");
                    expectError(both, List.of("-I" + include.get()), "supports CPython 3.8 and newer");
                }));
    }

    private static void expectError(Path source, List<String> flags, String message) {
        List<String> argv = new ArrayList<>(List.of("gcc", "-fsyntax-only", "-I" + ShimBuild.SHIMS));
        argv.addAll(flags);
        argv.add(source.toString());
        Cmd cc = Cmd.run(argv);
        assertFalse(cc.ok(), () -> "expected a compile error: " + cc.describe());
        assertTrue(cc.output().contains(message), () -> "expected \"" + message + "\": " + cc.describe());
    }

    private static CPython find313() {
        Optional<Slot> slot = CPythonProbe.slots().stream().filter(s -> s.label().equals("pyenv 3.13")).findFirst();
        return requireFound(slot.orElseThrow());
    }

    static CPython requireFound(Slot slot) {
        if (slot.python().isEmpty()) {
            System.out.println("[compat] SKIPPED " + slot.label() + ": " + slot.missingReason());
        }
        Assumptions.assumeTrue(slot.python().isPresent(), () -> slot.label() + " skipped: " + slot.missingReason());
        return slot.python().orElseThrow();
    }

    private static boolean isAtLeast313(CPython py) {
        String[] v = py.version().split("\\.");
        return Integer.parseInt(v[0]) > 3 || Integer.parseInt(v[1]) >= 13;
    }

    private static String preprocess(Path source, List<String> flags, String mode) {
        List<String> argv = new ArrayList<>(List.of("gcc", "-E", mode));
        argv.addAll(flags);
        argv.addAll(List.of("-I" + ShimBuild.SHIMS, source.toString()));
        Cmd cmd = Cmd.run(argv);
        assertTrue(cmd.ok(), cmd::describe);
        return cmd.output();
    }

    private static Set<String> macroNames(String dm) {
        Set<String> names = new TreeSet<>();
        for (String line : dm.split("\n")) {
            if (line.startsWith("#define ")) {
                names.add(line.substring(8).split("[ (]", 2)[0]);
            }
        }
        return names;
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw Cmd.io("cannot write " + file, e);
        }
    }

    static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}
