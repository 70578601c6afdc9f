package dev.ftcheck.tests.abi;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
