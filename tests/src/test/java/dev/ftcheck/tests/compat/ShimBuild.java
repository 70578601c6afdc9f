package dev.ftcheck.tests.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Paths of the compat-shim sources and the gcc/nm invocations the matrix uses. */
final class ShimBuild {
    static final Path REPO = Path.of(System.getProperty("ftcheck.repo", "..")).toAbsolutePath().normalize();
    static final Path SHIMS = REPO.resolve("compat-shims");
    static final Path HEADER = SHIMS.resolve("ftcompat.h");
    static final Path TESTS = SHIMS.resolve("tests");
    static final Path BUILD_ROOT = REPO.resolve("tests/target/compat-build");

    /** The two test extensions: multi-phase (every shim) and single-phase (the SetGIL call). */
    static final List<String> MODULES = List.of("ftcompat_test", "ftcompat_single");

    /** The function shims ftcompat.h supplies below 3.13, by public name. */
    static final List<String> FUNCTION_SHIMS = List.of("PyList_GetItemRef", "PyDict_GetItemRef",
            "PyDict_GetItemStringRef", "PyDict_SetDefaultRef", "PyDict_Pop", "PyDict_PopString", "PyWeakref_GetRef",
            "PyImport_AddModuleRef", "PyMutex_Lock", "PyMutex_Unlock");

    /** The function shims ftcompat.h supplies below 3.14 (3.8 and newer), by public name. */
    static final List<String> FUNCTION_SHIMS_314 = List.of("PyLong_FromInt32", "PyLong_FromUInt32",
            "PyLong_FromInt64", "PyLong_FromUInt64", "PyLong_AsInt32", "PyLong_AsUInt32", "PyLong_AsInt64",
            "PyLong_AsUInt64", "PyUnstable_TryIncRef", "PyUnstable_EnableTryIncRef",
            "PyUnstable_Object_IsUniquelyReferenced", "PyMutex_IsLocked", "PyUnicode_Equal", "PyBytes_Join",
            "Py_HashBuffer", "PyIter_NextItem", "PyImport_ImportModuleAttr", "PyImport_ImportModuleAttrString");

    /** The 3.14 function shims that need 3.13's PyCriticalSection, so ftcompat.h supplies them on 3.13 only. */
    static final List<String> SECTION_SHIMS_314 = List.of("PyCriticalSection_BeginMutex",
            "PyCriticalSection2_BeginMutex");

    /** The 3.14 macros ftcompat.h supplies below 3.14. */
    static final List<String> MACRO_SHIMS_314 = List.of("Py_PACK_FULL_VERSION", "Py_PACK_VERSION",
            "Py_BEGIN_CRITICAL_SECTION_MUTEX", "Py_BEGIN_CRITICAL_SECTION2_MUTEX");

    /**
     * CPython 3.14's headers, for compile-only checks (no 3.14 interpreter is needed): Debian's python3.14-dev
     * unpacked, by default under /tmp/py314 ({@code -Dftcheck.py314.include=DIR/python3.14} to point elsewhere;
     * the directory above it must hold the multiarch pyconfig.h, as Debian lays it out).
     */
    static final Path PY314_INCLUDE = Path.of(System.getProperty("ftcheck.py314.include",
            "/tmp/py314/x/usr/include/python3.14"));

    /** The -I flags for CPython 3.14's headers, or empty when they are not on this machine. */
    static List<String> py314Flags() {
        if (!Files.isRegularFile(PY314_INCLUDE.resolve("Python.h"))) {
            return List.of();
        }
        return List.of("-I" + PY314_INCLUDE, "-I" + PY314_INCLUDE.getParent());
    }

    /** Warnings are errors: a shim that makes a user's -Werror build fail is a broken shim. */
    static final List<String> STRICT = List.of("-Wall", "-Wextra", "-Werror", "-pthread", "-O1", "-g");

    private ShimBuild() {}

    static Path freshDir(String name) {
        Path dir = BUILD_ROOT.resolve(name);
        try {
            if (Files.isDirectory(dir)) {
                try (var files = Files.walk(dir)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);   // children before their directories
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw Cmd.io("cannot prepare " + dir, e);
        }
    }

    /** gcc -shared for one test module; returns the command (check ok()). */
    static Cmd buildModule(String module, List<String> cflags, Path out) {
        List<String> argv = new ArrayList<>(List.of("gcc", "-shared", "-fPIC"));
        argv.addAll(STRICT);
        argv.addAll(cflags);
        argv.addAll(List.of("-I" + SHIMS, TESTS.resolve(module + ".c").toString(), "-o", out.toString()));
        return Cmd.run(argv);
    }

    /** gcc -c for one source; returns the command (check ok()). */
    static Cmd compileObject(Path source, List<String> cflags, Path out) {
        List<String> argv = new ArrayList<>(List.of("gcc", "-c", "-fPIC", "-O0"));
        argv.addAll(STRICT.stream().filter(f -> !f.startsWith("-O")).toList());
        argv.addAll(cflags);
        argv.addAll(List.of("-I" + SHIMS, "-I" + TESTS, source.toString(), "-o", out.toString()));
        return Cmd.run(argv);
    }

    /** nm's view of an object: symbol names that are defined in it, and those it imports. */
    record Symbols(Set<String> defined, Set<String> undefined) {
        static Symbols of(Path object) {
            Cmd nm = Cmd.run(List.of("nm", object.toString()));
            if (!nm.ok()) {
                throw new IllegalStateException("nm failed: " + nm.describe());
            }
            Set<String> defined = new TreeSet<>();
            Set<String> undefined = new TreeSet<>();
            for (String line : nm.output().split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2 && f[0].equals("U")) {
                    undefined.add(f[1]);
                } else if (f.length == 3) {
                    defined.add(f[2]);
                }
            }
            return new Symbols(defined, undefined);
        }

        boolean definesAnyWithPrefix(String prefix) {
            return defined.stream().anyMatch(s -> s.startsWith(prefix));
        }
    }

    /** Splits a flags line such as `ftcheck config --cflags` prints. */
    static List<String> words(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
