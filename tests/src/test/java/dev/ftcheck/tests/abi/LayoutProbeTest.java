package dev.ftcheck.tests.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ftcheck.tests.corpus.CacheDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ABI promise: every struct, field and constant that extensions share with the runtime has the same
 * size, offset and value in ftcheck's headers as in CPython built free-threaded, for each ABI the headers serve
 * (3.13, and 3.14 with {@code _Py_FTCHECK_ABI_MINOR=14}). One probe program is compiled against both header sets and
 * the outputs must agree line by line.
 */
class LayoutProbeTest {
    /** Real CPython 3.13 headers on the build machine; the probe compares against them. */
    static final Path CPYTHON_313_INCLUDE = CPython313.include();

    @TempDir
    Path work;

    @Test
    void layoutsAndConstantsMatchCPython313FreeThreaded() throws Exception {
        assumeTrue(Files.isRegularFile(CPYTHON_313_INCLUDE.resolve("Python.h")),
                "CPython 3.13 headers not installed at " + CPYTHON_313_INCLUDE + "; the layout comparison needs them");
        Path probe = NativeTool.copyResource("/abi/layout_probe.c", work);

        List<String> ours = compileAndRun(probe, "probe-ours", NativeTool.configCflags());
        List<String> real = compileAndRun(probe, "probe-cpython",
                List.of("-I" + CPYTHON_313_INCLUDE, "-DPy_GIL_DISABLED=1"));

        // A probe that printed almost nothing would "match" trivially.
        assertTrue(ours.size() > 700, "probe printed only " + ours.size() + " lines");
        List<String> diff = diff(ours, real);
        if (!diff.isEmpty()) {
            fail("ftcheck headers differ from CPython 3.13t (< ours, > CPython):\n" + String.join("\n", diff));
        }
        assertEquals(real, ours);
    }

    /**
     * The free-threaded CPython 3.13.15 build the project caches ({@code <cache>/cpython/3.13.15t}); its headers are the
     * reference for the thread state (3.13.15's struct _ts ends with a field 3.13.0's lacks) and the internal frame
     * header.
     */
    static final Path CPYTHON_31315T_INCLUDE =
            CacheDir.root().resolve("cpython/3.13.15t/include/python3.13t");

    /**
     * Binaries touch thread-state fields inline (Py_TRASHCAN; Cython's error indicator and handled-exception stack)
     * and Cython's output reads descriptor, StopIteration and frame fields: ftcheck's declarations, and the bridge's
     * FTB_TSTATE_* offsets, must match CPython 3.13.15t field by field.
     */
    @Test
    void threadStateAndGeneratedCodeStructsMatchCPython313FreeThreaded() {
        assumeTrue(Files.isRegularFile(CPYTHON_31315T_INCLUDE.resolve("Python.h")),
                "free-threaded CPython 3.13.15 headers not installed at " + CPYTHON_31315T_INCLUDE);
        Path probe = NativeTool.copyResource("/abi/tstate_probe.c", work);
        List<String> ours = compileAndRun(probe, "tstate-ours", NativeTool.configCflags());
        List<String> real = compileAndRun(probe, "tstate-cpython",
                List.of("-I" + CPYTHON_31315T_INCLUDE, "-DPy_GIL_DISABLED=1"));
        assertTrue(real.size() > 90, String.join("\n", real));
        List<String> diff = diff(ours, real);
        if (!diff.isEmpty()) {
            fail("ftcheck headers differ from CPython 3.13.15t (< ours, > CPython):\n" + String.join("\n", diff));
        }
        assertEquals(real, ours);
    }

    /**
     * The 3.14 build of the same probe: ftcheck's headers as 3.14 ({@code ftcheck config --abi 3.14 --cflags}, the
     * include/python3.14t tree) against Debian's CPython 3.14.8 headers with -DPy_GIL_DISABLED=1 (tuple hash cache,
     * ob_flags, PEP 393 state byte, heap type and code object ids, PyConfig's new fields, the renumbered monitoring
     * events, ...).
     */
    @Test
    void layoutsAndConstantsMatchCPython314FreeThreaded() {
        CPython314Headers.Located cpython = cpython314();
        Path probe = NativeTool.copyResource("/abi/layout_probe.c", work);
        List<String> ours = compileAndRun(probe, "probe-ours-314", NativeTool.configCflags("3.14"));
        List<String> real = compileAndRun(probe, "probe-cpython-314", cpython.cflags());
        assertTrue(ours.size() > 700, "probe printed only " + ours.size() + " lines");
        assertTrue(ours.contains("const PY_MINOR_VERSION 14"), "ours was not compiled as 3.14");
        assertSame("CPython " + cpython.version() + "t", ours, real);
    }

    /**
     * struct _ts, the descriptors and the frame structs (3.14 declares the interpreter frame record in
     * internal/pycore_interpframe_structs.h, which Debian ships) against CPython 3.14.8t; the first lines again come
     * from the bridge's FTB_TSTATE_* macros on our side.
     */
    @Test
    void threadStateAndGeneratedCodeStructsMatchCPython314FreeThreaded() {
        CPython314Headers.Located cpython = cpython314();
        Path probe = NativeTool.copyResource("/abi/tstate_probe.c", work);
        List<String> ours = compileAndRun(probe, "tstate-ours-314", NativeTool.configCflags("3.14"));
        List<String> real = compileAndRun(probe, "tstate-cpython-314", cpython.cflags());
        assertTrue(real.size() > 90, String.join("\n", real));
        assertSame("CPython " + cpython.version() + "t", ours, real);
    }

    /** Debian's 3.14 headers, or the test is skipped naming why; their release must be the one ours follow. */
    private static CPython314Headers.Located cpython314() {
        CPython314Headers.Located cpython = CPython314Headers.get();
        assumeTrue(cpython.problem() == null, cpython.problem());
        assertEquals(CPython314Headers.PROBED_VERSION, cpython.version(),
                "Debian now serves CPython " + cpython.version() + " while ftcheck's 3.14 headers follow "
                        + CPython314Headers.PROBED_VERSION + ": probe the new release, then update patchlevel.h (and"
                        + " any layout that changed)");
        return cpython;
    }

    private static void assertSame(String what, List<String> ours, List<String> real) {
        List<String> diff = diff(ours, real);
        if (!diff.isEmpty()) {
            fail("ftcheck headers differ from " + what + " (< ours, > CPython):\n" + String.join("\n", diff));
        }
        assertEquals(real, ours);
    }

    private List<String> compileAndRun(Path source, String exe, List<String> flags) {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-std=gnu11", "-Wall", "-Wno-deprecated-declarations"));
        cmd.addAll(flags);
        cmd.addAll(List.of(source.toString(), "-o", exe));
        NativeTool.run(work, cmd).requireSuccess("compiling " + exe);
        return NativeTool.run(work, List.of(work.resolve(exe).toString())).requireSuccess("running " + exe)
                .output().lines().toList();
    }

    private static List<String> diff(List<String> ours, List<String> real) {
        List<String> out = new ArrayList<>();
        int n = Math.max(ours.size(), real.size());
        for (int i = 0; i < n; i++) {
            String a = i < ours.size() ? ours.get(i) : "<missing>";
            String b = i < real.size() ? real.get(i) : "<missing>";
            if (!a.equals(b)) {
                out.add("line " + (i + 1) + ":\n  < " + a + "\n  > " + b);
            }
        }
        return out;
    }
}
