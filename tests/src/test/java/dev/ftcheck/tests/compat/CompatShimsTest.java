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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The compat-shim matrix (issue 5): builds the test extensions against every real CPython found on the machine,
 * runs them in that interpreter, and checks the header's idempotence, that it adds only the 3.14 names on 3.13 and
 * nothing at all on 3.14 (compile-only, against CPython 3.14's headers).
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
                for (String name : ShimBuild.FUNCTION_SHIMS) {
                    assertFalse(plainSyms.defined().contains("ftcompat_" + name),
                            () -> "3.13 has " + name + " itself: " + plainSyms);
                }
                assertTrue(plainSyms.undefined().containsAll(List.of("PyList_GetItemRef", "PyDict_Pop",
                        "PyWeakref_GetRef", "PyImport_AddModuleRef")), () -> "real API not used: " + plainSyms);
                for (String name : ShimBuild.SECTION_SHIMS_314) {
                    assertTrue(plainSyms.defined().contains("ftcompat_" + name), () -> name + ": " + plainSyms);
                }
            } else {
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
                for (String name : ShimBuild.SECTION_SHIMS_314) {
                    assertFalse(plainSyms.defined().contains("ftcompat_" + name), () -> "no PyCriticalSection before"
                            + " 3.13, so no " + name + ": " + plainSyms);
                }
            }
            // Below 3.14 (every interpreter here) the 3.14 names are ours ...
            for (String name : ShimBuild.FUNCTION_SHIMS_314) {
                assertTrue(plainSyms.defined().contains("ftcompat_" + name),
                        () -> "ftcompat_" + name + " missing on " + py + ": " + plainSyms);
            }
            // ... the same three cases with a prior header that supplies some of them ...
            assertTrue(stubSyms.defined().contains("PyBytes_Join"), () -> "stub PyBytes_Join not used: " + stubSyms);
            assertFalse(stubSyms.defined().contains("ftcompat_PyBytes_Join"), () -> stubSyms.toString());
            assertTrue(stubSyms.defined().contains("stub_Py_HashBuffer"), () -> stubSyms.toString());
            assertFalse(stubSyms.defined().contains("ftcompat_Py_HashBuffer"), () -> stubSyms.toString());
            assertTrue(stubSyms.defined().contains("ftcompat_PyUnicode_Equal"), () -> stubSyms.toString());
            assertFalse(stubSyms.defined().contains("PyUnicode_Equal"), () -> stubSyms.toString());
            // ... and built on public API only: none of the private functions they replace is imported.
            Set<String> privates = new TreeSet<>(plainSyms.undefined());
            privates.retainAll(PRIVATE_REPLACED);
            assertTrue(privates.isEmpty(), () -> "ftcompat.h calls private API on " + py + ": " + privates);
        }));
    }

    /** Private CPython functions the 3.14 API replaces; ftcompat.h's fallbacks must not call them. */
    private static final Set<String> PRIVATE_REPLACED = Set.of("_Py_HashBytes", "_PyUnicode_Equal", "_PyUnicode_EQ",
            "_PyBytes_Join", "_PyImport_GetModuleAttr", "_PyImport_GetModuleAttrString", "_PyLong_AsByteArray",
            "_PyLong_FromByteArray", "_PyMutex_IsLocked");

    /**
     * On 3.13 (GIL and free-threaded headers) ftcompat.h adds only what 3.14 brought: ftcompat_ definitions behind
     * the 3.14 names, no other declaration, and no macro CPython 3.13 has.
     */
    @TestFactory
    Stream<DynamicTest> addsOnlyThe314NamesOn313() {
        CPython py = find313();
        return Stream.of("default build", "free-threaded (-DPy_GIL_DISABLED=1)").map(kind ->
                DynamicTest.dynamicTest(kind, () -> {
                    List<String> flags = new ArrayList<>(List.of("-I" + py.includeDir()));
                    if (kind.startsWith("free")) {
                        flags.add("-DPy_GIL_DISABLED=1");
                    }
                    Path dir = ShimBuild.freshDir("adds-314-only-" + (kind.startsWith("free") ? "313t" : "313"));
                    Path bare = write(dir.resolve("bare.c"), "#include <Python.h>\n");
                    Path withShims = write(dir.resolve("shims.c"), "#include <Python.h>\n#include \"ftcompat.h\"\n");

                    // Function declarations and definitions, as gcc lists them (-aux-info).
                    Set<String> bareFns = prototypes(bare, flags, dir.resolve("bare.aux"));
                    Set<String> shimFns = prototypes(withShims, flags, dir.resolve("shims.aux"));
                    Set<String> removed = new TreeSet<>(bareFns);
                    removed.removeAll(shimFns);
                    assertTrue(removed.isEmpty(), "ftcompat.h changed CPython's declarations: " + removed);
                    Set<String> added = new TreeSet<>(shimFns);
                    added.removeAll(bareFns);
                    Set<String> addedNames = new TreeSet<>();
                    for (String proto : added) {
                        assertTrue(proto.startsWith("static "), () -> "not a static definition: " + proto);
                        addedNames.add(functionName(proto));
                    }
                    Set<String> foreign = addedNames.stream().filter(n -> !n.startsWith("ftcompat_"))
                            .collect(Collectors.toCollection(TreeSet::new));
                    assertTrue(foreign.isEmpty(), "functions added outside ftcompat's namespace: " + foreign);
                    for (String name : ShimBuild.FUNCTION_SHIMS) {
                        assertFalse(addedNames.contains("ftcompat_" + name), name + " is 3.13's own");
                    }
                    for (String name : concat(ShimBuild.FUNCTION_SHIMS_314, ShimBuild.SECTION_SHIMS_314)) {
                        assertTrue(addedNames.contains("ftcompat_" + name), "3.13 lacks " + name + "; ours is missing");
                    }
                    String bareCode = preprocess(bare, flags, "-P");
                    String shimCode = preprocess(withShims, flags, "-P");
                    assertEquals(count(bareCode, "typedef"), count(shimCode, "typedef"), "ftcompat.h added a type");

                    Set<String> addedMacros = macroNames(preprocess(withShims, flags, "-dM"));
                    addedMacros.removeAll(macroNames(preprocess(bare, flags, "-dM")));
                    Set<String> allowed = new TreeSet<>(concat(ShimBuild.FUNCTION_SHIMS_314,
                            ShimBuild.SECTION_SHIMS_314));
                    allowed.addAll(ShimBuild.MACRO_SHIMS_314);
                    Set<String> foreignMacros = addedMacros.stream()
                            .filter(m -> !m.startsWith("FTCOMPAT_") && !m.startsWith("ftcompat_"))
                            .filter(m -> !allowed.contains(m)).collect(Collectors.toCollection(TreeSet::new));
                    assertTrue(foreignMacros.isEmpty(), "macros added on 3.13 outside ftcompat's namespace and the"
                            + " 3.14 names: " + foreignMacros);
                    assertTrue(addedMacros.containsAll(allowed), "3.14 names not mapped on 3.13: "
                            + allowed.stream().filter(m -> !addedMacros.contains(m)).toList());

                    // The whole test extension: every 3.13 name is an import from libpython, none is defined.
                    Path obj = dir.resolve("ftcompat_test.o");
                    Cmd cc = ShimBuild.compileObject(ShimBuild.TESTS.resolve("ftcompat_test.c"), flags, obj);
                    assertTrue(cc.ok(), cc::describe);
                    Symbols syms = Symbols.of(obj);
                    for (String name : ShimBuild.FUNCTION_SHIMS) {
                        assertFalse(syms.defined().contains(name), () -> name + " defined on 3.13: " + syms);
                        assertFalse(syms.defined().contains("ftcompat_" + name), () -> name + " shimmed on 3.13: "
                                + syms);
                    }
                    assertTrue(syms.undefined().containsAll(List.of("PyList_GetItemRef", "PyDict_GetItemRef",
                            "PyDict_SetDefaultRef", "PyDict_Pop", "PyDict_PopString", "PyWeakref_GetRef",
                            "PyImport_AddModuleRef", "PyMutex_Lock", "PyMutex_Unlock")), syms::toString);
                }));
    }

    /**
     * On 3.14 ftcompat.h must step aside completely: with CPython 3.14's headers (Debian's, compile-only: there
     * is no 3.14 interpreter here) the preprocessed C is identical with and without it, it adds no macro outside
     * its namespace, and every test module compiles against 3.14's own declarations and imports the real
     * functions.
     */
    @TestFactory
    Stream<DynamicTest> addsNothingOn314() {
        return Stream.of("default build", "free-threaded (-DPy_GIL_DISABLED=1)").map(kind ->
                DynamicTest.dynamicTest(kind, () -> {
                    List<String> flags = new ArrayList<>(ShimBuild.py314Flags());
                    if (flags.isEmpty()) {
                        System.out.println("[compat] SKIPPED the 3.14 checks: no CPython 3.14 headers at "
                                + ShimBuild.PY314_INCLUDE);
                    }
                    Assumptions.assumeFalse(flags.isEmpty(), "no CPython 3.14 headers at " + ShimBuild.PY314_INCLUDE);
                    boolean ft = kind.startsWith("free");
                    if (ft) {
                        flags.add("-DPy_GIL_DISABLED=1");
                    }
                    Path dir = ShimBuild.freshDir("adds-nothing-" + (ft ? "314t" : "314"));
                    Path bare = write(dir.resolve("bare.c"), "#include <Python.h>\n");
                    Path withShims = write(dir.resolve("shims.c"), "#include <Python.h>\n#include \"ftcompat.h\"\n");
                    assertTrue(preprocess(bare, flags, "-P").contains("PyUnicode_Equal"),
                            "these do not look like 3.14 headers: " + flags);
                    assertEquals(preprocess(bare, flags, "-P"), preprocess(withShims, flags, "-P"),
                            "ftcompat.h emitted C on 3.14 (" + kind + ")");
                    Set<String> added = macroNames(preprocess(withShims, flags, "-dM"));
                    added.removeAll(macroNames(preprocess(bare, flags, "-dM")));
                    Set<String> foreign = added.stream()
                            .filter(m -> !m.startsWith("FTCOMPAT_") && !m.startsWith("ftcompat_"))
                            .collect(Collectors.toCollection(TreeSet::new));
                    assertTrue(foreign.isEmpty(), "macros added on 3.14 outside ftcompat's namespace: " + foreign);

                    Path vendored = dir.resolve("vendored/ftcompat.h");
                    Files.createDirectories(vendored.getParent());
                    Files.copy(ShimBuild.HEADER, vendored);
                    List<String> idem = new ArrayList<>(flags);
                    idem.addAll(List.of("-DFTCOMPAT_SECOND_COPY=\"" + vendored + "\"", "-DWITH_STUB"));
                    Map<String, List<String>> sources = new LinkedHashMap<>();
                    sources.put("ftcompat_test", flags);
                    sources.put("ftcompat_single", flags);
                    sources.put("idempotence_test", idem);
                    Map<String, Symbols> symbols = new LinkedHashMap<>();
                    for (var e : sources.entrySet()) {
                        Path obj = dir.resolve(e.getKey() + ".o");
                        Cmd cc = ShimBuild.compileObject(ShimBuild.TESTS.resolve(e.getKey() + ".c"), e.getValue(), obj);
                        assertTrue(cc.ok(), () -> e.getKey() + ".c against 3.14 (" + kind + "):\n" + cc.describe());
                        Symbols syms = Symbols.of(obj);
                        assertFalse(syms.definesAnyWithPrefix("ftcompat_"), () -> e.getKey() + ": " + syms);
                        symbols.put(e.getKey(), syms);
                    }
                    List<String> imported = new ArrayList<>(ShimBuild.FUNCTION_SHIMS_314);
                    imported.remove("PyMutex_IsLocked");   // an inline function in 3.14's headers
                    imported.addAll(List.of("PyList_GetItemRef", "PyDict_GetItemRef", "PyWeakref_GetRef"));
                    if (ft) {
                        imported.addAll(ShimBuild.SECTION_SHIMS_314);
                    }
                    Symbols test = symbols.get("ftcompat_test");
                    assertTrue(test.undefined().containsAll(imported), () -> "3.14's own functions not used: missing "
                            + imported.stream().filter(n -> !test.undefined().contains(n)).toList());
                    if (GPP_AVAILABLE) {
                        List<String> cxx = new ArrayList<>(List.of("g++", "-x", "c++", "-std=c++11", "-c", "-Wall",
                                "-Wextra", "-Werror", "-I" + ShimBuild.SHIMS, "-I" + ShimBuild.TESTS));
                        cxx.addAll(idem);
                        cxx.addAll(List.of(ShimBuild.TESTS.resolve("idempotence_test.c").toString(), "-o",
                                dir.resolve("cxx.o").toString()));
                        Cmd gpp = Cmd.run(cxx);
                        assertTrue(gpp.ok(), () -> "as C++ against 3.14:\n" + gpp.describe());
                    }
                    System.out.println("[compat] CPython 3.14 headers (" + kind + "): ftcompat.h adds nothing; "
                            + sources.size() + " test sources compile and import 3.14's functions");
                }));
    }

    /** gcc -aux-info: one line per function declared or defined, without the position comment. */
    private static Set<String> prototypes(Path source, List<String> flags, Path out) {
        List<String> argv = new ArrayList<>(List.of("gcc", "-fsyntax-only", "-aux-info", out.toString()));
        argv.addAll(flags);
        argv.addAll(List.of("-I" + ShimBuild.SHIMS, source.toString()));
        Cmd cmd = Cmd.run(argv);
        assertTrue(cmd.ok(), cmd::describe);
        Set<String> protos = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(out)) {
                String l = line.replaceFirst("^/\\*[^*]*\\*/\\s*", "").replaceFirst("\\s*/\\*.*\\*/\\s*$", "").strip();
                if (!l.isEmpty()) {
                    protos.add(l);
                }
            }
        } catch (IOException e) {
            throw Cmd.io("cannot read " + out, e);
        }
        return protos;
    }

    /** The declared name in an -aux-info prototype: the identifier before the parameter list. */
    private static String functionName(String prototype) {
        Matcher m = Pattern.compile("(\\w+) \\(").matcher(prototype);
        assertTrue(m.find(), prototype);
        return m.group(1);
    }

    private static int count(String text, String word) {
        Matcher m = Pattern.compile("\\b" + word + "\\b").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * No 3.13t interpreter here, so the free-threaded build is checked by compiling only: the _MUTEX sections
     * must really lock (calls to CPython's critical-section functions), the 3.14 reference-count and mutex helpers
     * must be ours, and the single-phase declaration must call PyUnstable_Module_SetGIL.
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
                // 3.13t has no public TryIncRef/uniqueness/mutex-section functions: ours, on the object header.
                for (String name : List.of("PyUnstable_TryIncRef", "PyUnstable_EnableTryIncRef",
                        "PyUnstable_Object_IsUniquelyReferenced", "PyCriticalSection_BeginMutex",
                        "PyCriticalSection2_BeginMutex", "PyMutex_IsLocked")) {
                    assertTrue(syms.defined().contains("ftcompat_" + name), () -> name + ": " + syms);
                    assertFalse(syms.undefined().contains(name), () -> name + ": " + syms);
                }
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
