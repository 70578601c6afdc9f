package dev.ftcheck.tests.abi;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our headers say PY_VERSION_HEX is 3.13, so a 3.14 name must not be visible: ported code that carries its own
 * guarded 3.14 fallbacks (as vendored compatibility headers do) would otherwise clash with our declarations.
 */
class VersionCoherenceTest {
    /** 3.14 additions (functions) that ported code commonly back-fills. */
    static final List<String> FUNCTIONS_314 = List.of("PyLong_FromInt32", "PyLong_FromUInt32", "PyLong_FromInt64",
            "PyLong_FromUInt64", "PyLong_AsInt32", "PyLong_AsUInt32", "PyLong_AsInt64", "PyLong_AsUInt64",
            "PyUnstable_TryIncRef", "PyUnstable_EnableTryIncRef", "PyUnstable_IsImmortal",
            "PyUnstable_Object_IsUniquelyReferenced", "PyUnstable_Object_EnableDeferredRefcount",
            "PyUnstable_Object_IsUniqueReferencedTemporary", "PyMutex_IsLocked", "PyCriticalSection_BeginMutex",
            "PyCriticalSection2_BeginMutex", "PyUnicode_Equal", "PyBytes_Join", "Py_HashBuffer", "PyIter_NextItem",
            "PyImport_ImportModuleAttr", "PyImport_ImportModuleAttrString", "PyLong_IsPositive",
            "PyLong_IsNegative", "PyLong_IsZero", "PyLong_GetSign", "PyUnicodeWriter_Create", "PyConfig_Get");
    /** 3.14 additions that are macros. */
    static final List<String> MACROS_314 = List.of("Py_BEGIN_CRITICAL_SECTION_MUTEX",
            "Py_BEGIN_CRITICAL_SECTION2_MUTEX");

    @TempDir
    Path work;

    /**
     * A file that fails to compile if any 3.14 name is a macro (#error) or declared (a deliberately incompatible
     * prototype conflicts with any declaration). It must compile against ours and against the real 3.13 headers.
     */
    @Test
    void no314NameIsVisibleAt313() throws IOException {
        Path probe = writeProbe(FUNCTIONS_314, MACROS_314);
        NativeTool.Result ours = compile(probe, NativeTool.configCflags());
        ours.requireSuccess("3.14 names are visible in ftcheck's 3.13-level headers");
        if (Files.isRegularFile(CPython313.include().resolve("Python.h"))) {
            compile(probe, List.of("-I" + CPython313.include(), "-DPy_GIL_DISABLED=1"))
                    .requireSuccess("the probe's 3.14 list names something CPython 3.13 declares");
        }
    }

    /** The technique detects declarations: the same probe built for a 3.13 name and a 3.13 macro fails. */
    @Test
    void probeFailsForNamesThatExist() throws IOException {
        NativeTool.Result function = compile(writeProbe(List.of("PyList_GetItemRef"), List.of()),
                NativeTool.configCflags());
        assertNotEquals(0, function.exitCode(), "a declared function was not detected");
        assertTrue(function.output().contains("PyList_GetItemRef"), function.output());
        NativeTool.Result macro = compile(writeProbe(List.of(), List.of("Py_BEGIN_CRITICAL_SECTION")),
                NativeTool.configCflags());
        assertNotEquals(0, macro.exitCode(), "a defined macro was not detected");
    }

    /** Guarded 3.14 fallbacks plus a module using them build warning-free as C and C++, on ours and on 3.13. */
    @Test
    void vendoredFallbacksBuildCleanAgainstOursAndCPython313() throws IOException {
        Path header = NativeTool.copyResource("/abi/compat314_fallbacks.h", work);
        Path c = NativeTool.copyResource("/abi/compat314_module.c", work);
        Path cxx = Files.copy(c, work.resolve("compat314_module.cpp"));
        List<List<String>> headerSets = new ArrayList<>();
        headerSets.add(NativeTool.configCflags());
        boolean real = Files.isRegularFile(CPython313.include().resolve("Python.h"));
        if (real) {
            headerSets.add(List.of("-I" + CPython313.include(), "-DPy_GIL_DISABLED=1"));
        }
        for (List<String> flags : headerSets) {
            for (List<String> lang : List.of(List.of("gcc", "-std=c11", c.toString()),
                    List.of("g++", "-std=c++17", cxx.toString()))) {
                List<String> cmd = new ArrayList<>(List.of(lang.get(0), lang.get(1), "-Werror", "-Wall", "-Wextra",
                        "-fPIC", "-c", "-I" + header.getParent()));
                cmd.addAll(flags);
                cmd.addAll(List.of(lang.get(2), "-o", work.resolve("compat314.o").toString()));
                NativeTool.run(work, cmd).requireSuccess(String.join(" ", cmd));
            }
        }
        assumeTrue(real, "CPython 3.13 headers not installed at " + CPython313.include()
                + "; built against ftcheck's headers only");
    }

    private Path writeProbe(List<String> functions, List<String> macros) throws IOException {
        StringBuilder s = new StringBuilder("#include <Python.h>\n");
        s.append("#if PY_VERSION_HEX >= 0x030E0000\n#error \"these headers claim 3.14\"\n#endif\n");
        for (String m : macros) {
            s.append("#ifdef ").append(m).append("\n#error \"").append(m).append(" is defined at 3.13\"\n#endif\n");
        }
        for (String f : functions) {
            s.append("#ifdef ").append(f).append("\n#error \"").append(f).append(" is a macro at 3.13\"\n#endif\n");
        }
        // Any earlier declaration of these names conflicts with this prototype.
        s.append("struct ftcheck_probe_only;\n");
        for (String f : functions) {
            s.append("struct ftcheck_probe_only *").append(f).append("(struct ftcheck_probe_only *, double, ...);\n");
        }
        return Files.writeString(work.resolve("probe_" + Math.abs(s.toString().hashCode()) + ".c"), s.toString());
    }

    private NativeTool.Result compile(Path src, List<String> flags) {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-std=c11", "-fsyntax-only"));
        cmd.addAll(flags);
        cmd.add(src.toString());
        return NativeTool.run(work, cmd);
    }
}
