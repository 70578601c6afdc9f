package dev.ftcheck.tests.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ftcheck.runtime.home.RuntimeHome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ordinary extension builds against the shipped headers exactly as the docs say:
 * {@code gcc -shared -fPIC $(ftcheck config --cflags) mod.c -o mod.so}, as C and as C++, without warnings.
 */
class HeaderCompileTest {
    @TempDir
    Path work;

    @Test
    void singlePhaseModuleCompilesAsC() {
        Path src = NativeTool.copyResource("/abi/trivial_module.c", work);
        Path so = build("gcc", src, "trivial.so", List.of("-std=c11"));
        assertExportsInit(so);
    }

    @Test
    void sameModuleCompilesAsCxx() throws Exception {
        Path c = NativeTool.copyResource("/abi/trivial_module.c", work);
        Path cxx = work.resolve("trivial_module.cpp");
        Files.copy(c, cxx);
        Path so = build("g++", cxx, "trivial_cxx.so", List.of("-std=c++17"));
        // PyMODINIT_FUNC gives C linkage, so the init symbol is not mangled.
        assertExportsInit(so);
    }

    /**
     * Headers a C++ module includes on its own, after Python.h (Cython's C++ output includes frameobject.h), declare
     * C functions: no import of the module may be a mangled name.
     */
    @Test
    void headersIncludedOutsidePythonHDeclareCLinkageInCxx() throws Exception {
        Path cxx = work.resolve("separate_headers.cpp");
        Files.writeString(cxx, String.join("\n",
                "#include <Python.h>",
                "#include <frameobject.h>",
                "#include <structmember.h>",
                "extern \"C\" void *use_frames(PyThreadState *t, PyCodeObject *c, PyObject *g) {",
                "    return PyFrame_New(t, c, g, NULL);",
                "}", ""));
        Path so = build("g++", cxx, "separate_headers.so", List.of("-std=c++17"));
        List<String> mangled = symbols("--undefined-only", so).stream().filter(n -> n.startsWith("_Z")).toList();
        assertEquals(List.of(), mangled, "C-API functions declared with C++ linkage");
        assertTrue(symbols("--undefined-only", so).contains("PyFrame_New"));
    }

    @Test
    void apiSurfaceModuleCompilesWarningFreeAgainstOurHeaders() {
        Path src = NativeTool.copyResource("/abi/api_surface_module.c", work);
        build("gcc", src, "surface_ours.so", List.of("-std=gnu11", "-Wno-unused-parameter"));
    }

    /** Projects build with strict flags; our headers must not be the source of any diagnostic under them. */
    @Test
    void headersAreDiagnosticFreeUnderStrictDialects() {
        Path src = NativeTool.copyResource("/abi/api_surface_module.c", work);
        String include = RuntimeHome.get().includeDir().toString();
        for (List<String> dialect : List.of(
                List.of("gcc", "-std=c99", "-Wpedantic", "-Wdeclaration-after-statement"),
                List.of("gcc", "-std=c11", "-Wpedantic", "-Wconversion", "-Wshadow", "-Wstrict-prototypes"),
                List.of("g++", "-x", "c++", "-std=c++11", "-Wpedantic", "-Wshadow", "-Wzero-as-null-pointer-constant"))) {
            List<String> cmd = new ArrayList<>(dialect);
            cmd.addAll(List.of("-fsyntax-only", "-fpermissive", "-Wall", "-Wextra"));
            cmd.addAll(NativeTool.configCflags());
            cmd.add(src.toString());
            // The module's own C-isms may warn (or, as C++, be errors); only lines inside our headers count.
            List<String> fromHeaders = NativeTool.run(work, cmd).output().lines()
                    .filter(l -> l.startsWith(include) && (l.contains("warning:") || l.contains("error:")))
                    .toList();
            assertEquals(List.of(), fromHeaders, "header diagnostics with " + dialect);
        }
    }

    /**
     * Acceptance: a module built with the real CPython 3.13 headers and -DPy_GIL_DISABLED=1 imports only symbols
     * the bridge exports, and loads RTLD_NOW after the bridge is loaded RTLD_GLOBAL (as the runtime loads it).
     */
    @Test
    void moduleBuiltWithRealCPython313HeadersResolvesAgainstTheBridge() {
        Path cpython = LayoutProbeTest.CPYTHON_313_INCLUDE;
        assumeTrue(Files.isRegularFile(cpython.resolve("Python.h")), "CPython 3.13 headers not installed at " + cpython);
        Path src = NativeTool.copyResource("/abi/api_surface_module.c", work);
        NativeTool.run(work, List.of("gcc", "-shared", "-fPIC", "-I" + cpython, "-DPy_GIL_DISABLED=1", src.toString(),
                "-o", "surface_cpython.so")).requireSuccess("building with CPython 3.13 headers");
        Path bridge = RuntimeHome.get().bridgeLibrary();

        List<String> imports = symbols("--undefined-only", work.resolve("surface_cpython.so")).stream()
                .filter(s -> s.startsWith("Py") || s.startsWith("_Py")).toList();
        assertTrue(imports.size() > 30, "expected a broad import surface, got " + imports);
        List<String> exported = symbols("--defined-only", bridge);
        List<String> unresolved = imports.stream().filter(s -> !exported.contains(s)).toList();
        assertEquals(List.of(), unresolved, "symbols a real-3.13t build needs that libftbridge.so does not export");

        Path loader = NativeTool.copyResource("/abi/load_check.c", work);
        NativeTool.run(work, List.of("gcc", loader.toString(), "-o", "load_check", "-ldl")).requireSuccess("load_check");
        NativeTool.Result r = NativeTool.run(work, List.of(work.resolve("load_check").toString(), bridge.toString(),
                work.resolve("surface_cpython.so").toString(), "PyInit_surface"));
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("loaded PyInit_surface", r.output().strip());
    }

    private List<String> symbols(String which, Path so) {
        return NativeTool.run(work, List.of("nm", "-D", which, so.toString())).requireSuccess("nm").output().lines()
                .map(l -> l.trim().split("\\s+"))
                .map(parts -> parts[parts.length - 1].replaceAll("@.*$", ""))
                .toList();
    }

    private Path build(String compiler, Path src, String out, List<String> std) {
        List<String> cmd = new ArrayList<>(List.of(compiler, "-shared", "-fPIC", "-Wall", "-Wextra", "-Werror",
                "-Wno-missing-field-initializers"));
        cmd.addAll(std);
        cmd.addAll(NativeTool.configCflags());
        cmd.addAll(List.of(src.toString(), "-o", out));
        NativeTool.run(work, cmd).requireSuccess(compiler + " build of " + src.getFileName());
        Path so = work.resolve(out);
        assertTrue(Files.isRegularFile(so), "no output " + so);
        return so;
    }

    private void assertExportsInit(Path so) {
        String syms = NativeTool.run(work, List.of("nm", "-D", "--defined-only", so.toString()))
                .requireSuccess("nm").output();
        assertTrue(syms.lines().anyMatch(l -> l.endsWith(" T PyInit_trivial")),
                "PyInit_trivial not exported with C linkage:\n" + syms);
        // The refcount fast path is inline, so the module imports the merge/decref-shared entry points.
        String undef = NativeTool.run(work, List.of("nm", "-D", "--undefined-only", so.toString()))
                .requireSuccess("nm").output();
        assertTrue(undef.contains("_Py_MergeZeroLocalRefcount"), "expected inline Py_DECREF:\n" + undef);
        assertTrue(undef.contains("PyCriticalSection_Begin"), undef);
    }
}
