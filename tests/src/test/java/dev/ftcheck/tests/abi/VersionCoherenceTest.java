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
 * Our headers claim one version at a time, and show exactly its names. Compiled as 3.13 (the default), no 3.14 name
 * is visible: ported code that carries its own guarded 3.14 fallbacks (as vendored compatibility headers do) would
 * otherwise clash with our declarations. Compiled as 3.14 ({@code ftcheck config --abi 3.14 --cflags}), the 3.14
 * names are there with CPython's prototypes, the names 3.14 removed are gone, and the same fallbacks step aside.
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
            "Py_BEGIN_CRITICAL_SECTION2_MUTEX", "Py_PACK_VERSION", "Py_PACK_FULL_VERSION", "Py_tp_token",
            "Py_tp_vectorcall", "Py_TP_USE_SPEC", "PY_MONITORING_EVENT_BRANCH_LEFT");
    /** Functions CPython 3.13 declares and 3.14 no longer does. */
    static final List<String> FUNCTIONS_313_ONLY = List.of("PyInit__imp", "PyMonitoring_FireBranchEvent",
            "PyUnstable_InterpreterState_GetMainModule");
    /** Macros CPython 3.13 defines and 3.14 no longer does. */
    static final List<String> MACROS_313_ONLY = List.of("Py_C_RECURSION_LIMIT", "Py_TRASHCAN_HEADROOM",
            "TYPE_MAX_WATCHERS", "PYOS_STACK_MARGIN");

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
        List<List<String>> headerSets = new ArrayList<>();
        headerSets.add(NativeTool.configCflags());
        boolean real = Files.isRegularFile(CPython313.include().resolve("Python.h"));
        if (real) {
            headerSets.add(List.of("-I" + CPython313.include(), "-DPy_GIL_DISABLED=1"));
        }
        buildFallbackModule(headerSets);
        assumeTrue(real, "CPython 3.13 headers not installed at " + CPython313.include()
                + "; built against ftcheck's headers only");
    }

    /**
     * Compiled as 3.14, every 3.14 function has CPython's prototype (each is assigned to a pointer of CPython's
     * exact type, so a missing or different declaration fails) and every 3.14 macro is defined; against Debian's
     * CPython 3.14.8 headers the same probe builds, which checks the probe.
     */
    @Test
    void every314NameIsVisibleAt314() throws IOException {
        Path probe = Files.writeString(work.resolve("visible314.c"), """
                #include <Python.h>
                #if PY_VERSION_HEX < 0x030E0000
                #error "these headers do not claim 3.14"
                #endif
                """ + String.join("", MACROS_314.stream().map(m -> "#ifndef " + m + "\n#error \"" + m
                        + " is not defined at 3.14\"\n#endif\n").toList()) + """
                PyObject *(*p_from_int32)(int32_t) = PyLong_FromInt32;
                PyObject *(*p_from_uint32)(uint32_t) = PyLong_FromUInt32;
                PyObject *(*p_from_int64)(int64_t) = PyLong_FromInt64;
                PyObject *(*p_from_uint64)(uint64_t) = PyLong_FromUInt64;
                int (*p_as_int32)(PyObject *, int32_t *) = PyLong_AsInt32;
                int (*p_as_uint32)(PyObject *, uint32_t *) = PyLong_AsUInt32;
                int (*p_as_int64)(PyObject *, int64_t *) = PyLong_AsInt64;
                int (*p_as_uint64)(PyObject *, uint64_t *) = PyLong_AsUInt64;
                int (*p_try_incref)(PyObject *) = PyUnstable_TryIncRef;
                void (*p_enable_try_incref)(PyObject *) = PyUnstable_EnableTryIncRef;
                int (*p_is_immortal)(PyObject *) = PyUnstable_IsImmortal;
                int (*p_uniquely)(PyObject *) = PyUnstable_Object_IsUniquelyReferenced;
                int (*p_deferred)(PyObject *) = PyUnstable_Object_EnableDeferredRefcount;
                int (*p_temporary)(PyObject *) = PyUnstable_Object_IsUniqueReferencedTemporary;
                int (*p_is_locked)(PyMutex *) = (PyMutex_IsLocked);
                void (*p_begin_mutex)(PyCriticalSection *, PyMutex *) = PyCriticalSection_BeginMutex;
                void (*p_begin2_mutex)(PyCriticalSection2 *, PyMutex *, PyMutex *) = PyCriticalSection2_BeginMutex;
                int (*p_equal)(PyObject *, PyObject *) = PyUnicode_Equal;
                PyObject *(*p_join)(PyObject *, PyObject *) = PyBytes_Join;
                Py_hash_t (*p_hash_buffer)(const void *, Py_ssize_t) = Py_HashBuffer;
                int (*p_next_item)(PyObject *, PyObject **) = PyIter_NextItem;
                PyObject *(*p_attr)(PyObject *, PyObject *) = PyImport_ImportModuleAttr;
                PyObject *(*p_attr_string)(const char *, const char *) = PyImport_ImportModuleAttrString;
                int (*p_is_positive)(PyObject *) = PyLong_IsPositive;
                int (*p_is_negative)(PyObject *) = PyLong_IsNegative;
                int (*p_is_zero)(PyObject *) = PyLong_IsZero;
                int (*p_get_sign)(PyObject *, int *) = PyLong_GetSign;
                const PyLongLayout *(*p_layout)(void) = PyLong_GetNativeLayout;
                int (*p_export)(PyObject *, PyLongExport *) = PyLong_Export;
                void (*p_free_export)(PyLongExport *) = PyLong_FreeExport;
                PyLongWriter *(*p_writer_create)(int, Py_ssize_t, void **) = PyLongWriter_Create;
                PyObject *(*p_writer_finish)(PyLongWriter *) = PyLongWriter_Finish;
                void (*p_writer_discard)(PyLongWriter *) = PyLongWriter_Discard;
                PyUnicodeWriter *(*p_uw_create)(Py_ssize_t) = PyUnicodeWriter_Create;
                void (*p_uw_discard)(PyUnicodeWriter *) = PyUnicodeWriter_Discard;
                PyObject *(*p_uw_finish)(PyUnicodeWriter *) = PyUnicodeWriter_Finish;
                int (*p_uw_char)(PyUnicodeWriter *, Py_UCS4) = PyUnicodeWriter_WriteChar;
                int (*p_uw_utf8)(PyUnicodeWriter *, const char *, Py_ssize_t) = PyUnicodeWriter_WriteUTF8;
                int (*p_uw_ascii)(PyUnicodeWriter *, const char *, Py_ssize_t) = PyUnicodeWriter_WriteASCII;
                int (*p_uw_wide)(PyUnicodeWriter *, const wchar_t *, Py_ssize_t) = PyUnicodeWriter_WriteWideChar;
                int (*p_uw_ucs4)(PyUnicodeWriter *, Py_UCS4 *, Py_ssize_t) = PyUnicodeWriter_WriteUCS4;
                int (*p_uw_str)(PyUnicodeWriter *, PyObject *) = PyUnicodeWriter_WriteStr;
                int (*p_uw_repr)(PyUnicodeWriter *, PyObject *) = PyUnicodeWriter_WriteRepr;
                int (*p_uw_sub)(PyUnicodeWriter *, PyObject *, Py_ssize_t, Py_ssize_t) = PyUnicodeWriter_WriteSubstring;
                int (*p_uw_format)(PyUnicodeWriter *, const char *, ...) = PyUnicodeWriter_Format;
                int (*p_uw_decode)(PyUnicodeWriter *, const char *, Py_ssize_t, const char *, Py_ssize_t *)
                    = PyUnicodeWriter_DecodeUTF8Stateful;
                PyObject *(*p_config_get)(const char *) = PyConfig_Get;
                int (*p_config_get_int)(const char *, int *) = PyConfig_GetInt;
                PyObject *(*p_config_names)(void) = PyConfig_Names;
                int (*p_config_set)(const char *, PyObject *) = PyConfig_Set;
                int (*p_is_dead)(PyObject *) = PyWeakref_IsDead;
                int (*p_freeze)(PyTypeObject *) = PyType_Freeze;
                int (*p_base_by_token)(PyTypeObject *, void *, PyTypeObject **) = PyType_GetBaseByToken;
                FILE *(*p_fopen)(PyObject *, const char *) = Py_fopen;
                int (*p_fclose)(FILE *) = Py_fclose;
                int (*p_add_watcher)(PyContext_WatchCallback) = PyContext_AddWatcher;
                int (*p_clear_watcher)(int) = PyContext_ClearWatcher;
                PyInitConfig *(*p_init_config)(void) = PyInitConfig_Create;
                uint32_t (*p_pack)(int, int) = (Py_PACK_VERSION);
                _Static_assert(Py_PACK_VERSION(3, 14) == 0x030E0000, "Py_PACK_VERSION");
                _Static_assert(Py_PACK_FULL_VERSION(3, 14, 8, 0xF, 0) == 0x030E08F0, "Py_PACK_FULL_VERSION");
                _Static_assert(PY_MONITORING_EVENT_BRANCH_RIGHT == 9 && PY_MONITORING_EVENT_BRANCH == 18, "events");
                _Static_assert(Py_tp_vectorcall == 82 && Py_tp_token == 83, "slots");
                """);
        compile(probe, cflags314()).requireSuccess("3.14 names missing or with other prototypes in ftcheck's headers"
                + " compiled as 3.14");
        CPython314Headers.Located real = CPython314Headers.get();
        assumeTrue(real.problem() == null, real.problem());
        compile(probe, real.cflags()).requireSuccess("the probe does not match CPython " + real.version() + "'s headers");
    }

    /** Compiled as 3.14, the names 3.14 removed are gone (from ours and, as a control, from CPython 3.14.8's). */
    @Test
    void no313OnlyNameIsVisibleAt314() throws IOException {
        Path probe = writeProbe(FUNCTIONS_313_ONLY, MACROS_313_ONLY, "0x030E0000", "3.14");
        compile(probe, cflags314()).requireSuccess("names 3.14 removed are visible in ftcheck's headers as 3.14");
        NativeTool.Result at313 = compile(probe, NativeTool.configCflags());
        assertNotEquals(0, at313.exitCode(), "the probe does not detect the 3.13 names at 3.13");
        CPython314Headers.Located real = CPython314Headers.get();
        assumeTrue(real.problem() == null, real.problem());
        compile(probe, real.cflags()).requireSuccess("the probe's 3.13-only list names something CPython "
                + real.version() + " declares");
    }

    /** The same fallbacks and module also build warning-free as 3.14: ours and CPython 3.14.8's headers. */
    @Test
    void vendoredFallbacksStepAsideAt314() throws IOException {
        List<List<String>> headerSets = new ArrayList<>();
        headerSets.add(cflags314());
        CPython314Headers.Located real = CPython314Headers.get();
        if (real.problem() == null) {
            headerSets.add(real.cflags());
        }
        buildFallbackModule(headerSets);
        assumeTrue(real.problem() == null, real.problem());
    }

    /** ftcheck's headers as an extension compiles against them for the 3.14 ABI. */
    private static List<String> cflags314() {
        return NativeTool.configCflags("3.14");
    }

    private void buildFallbackModule(List<List<String>> headerSets) throws IOException {
        Path header = NativeTool.copyResource("/abi/compat314_fallbacks.h", work);
        Path c = NativeTool.copyResource("/abi/compat314_module.c", work);
        Path cxx = work.resolve("compat314_module.cpp");
        Files.copy(c, cxx, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
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
    }

    private Path writeProbe(List<String> functions, List<String> macros) throws IOException {
        return writeProbe(functions, macros, "0x030D0000", "3.13");
    }

    /** A probe that fails if any name is defined or declared, for headers whose version is {@code hex}'s minor. */
    private Path writeProbe(List<String> functions, List<String> macros, String hex, String version)
            throws IOException {
        StringBuilder s = new StringBuilder("#include <Python.h>\n");
        s.append("#if (PY_VERSION_HEX & 0xFFFF0000) != ").append(hex).append("\n#error \"these headers do not claim ")
                .append(version).append("\"\n#endif\n");
        for (String m : macros) {
            s.append("#ifdef ").append(m).append("\n#error \"").append(m).append(" is defined at ").append(version)
                    .append("\"\n#endif\n");
        }
        for (String f : functions) {
            s.append("#ifdef ").append(f).append("\n#error \"").append(f).append(" is a macro at ").append(version)
                    .append("\"\n#endif\n");
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
