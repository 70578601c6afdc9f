package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.RuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.List;

@RuleInfo(
        code = "FT809",
        name = "private-api-replaced",
        family = Family.STRUCT_ACCESS,
        severity = Severity.WARNING,
        summary = "Private CPython function that 3.13 or 3.14 removed, hid or deprecated, with a public replacement",
        description = """
                Reports calls to private C-API functions and macros (mostly `_Py*`) that CPython 3.13 moved into \
                its internal headers or removed, that 3.14 deprecated, or whose signature changed, when a public \
                function now does the same job: the private `_PyUnicodeWriter_*` API (deprecated in 3.14), \
                `_PyBytes_Join`, `_Py_HashBytes`, `_PyUnicode_EQ` / `_PyUnicode_Equal`, \
                `_PyImport_GetModuleAttr[String]`, `_PyLong_New` / `_PyLong_FromDigits` / `_PyLong_Sign`, \
                `_PyLong_AsByteArray` with its pre-3.13 five arguments, `_PyObject_LookupAttr`, `_PyDict_Pop`, \
                `_PyDict_GetItemStringWithError`, `_PyThreadState_UncheckedGet`, `_Py_HashPointer`, \
                `_PyUnicode_AsString`, `_Py_fopen_obj`, the internal mutex helpers (`_PyMutex_IsLocked`, \
                3.13's `PyMutex_IsLocked` from `pycore_lock.h`, `_PyCriticalSection_BeginMutex`, \
                `_PyCriticalSection2_BeginMutex`) and 3.13's internal `Py_BEGIN_CRITICAL_SECTION_MUT` / \
                `Py_BEGIN_CRITICAL_SECTION2_MUT`. Not reported: calls compiled only for the versions where the \
                private name still works (`#if PY_VERSION_HEX < 0x030E0000` for a 3.14 deprecation, or the `#else` \
                of `#if PY_VERSION_HEX >= 0x030E0000`; the internal-only mutex helpers get no such exemption), files that define the name themselves, and the body of a \
                function that implements the public name (a compat shim). Private functions that are neither \
                deprecated nor changed (`_PyLong_FromByteArray`, `_PyLong_NumBits`) are not reported.""",
        rationale = """
                A private function carries no promise: 3.13 took many of them out of the public headers (code \
                using them stops compiling, or needs `Py_BUILD_CORE` and the internal headers, which are not \
                meant for extensions), 3.14 marks others deprecated for removal, and `_PyLong_AsByteArray` gained \
                a sixth argument in 3.13. For free-threading ports the internal mutex and critical-section helpers \
                matter most: 3.14 gives them public names, and code that reached into 3.13's internals for them \
                breaks with the next release.""",
        example = """
                if (_PyUnicode_EQ(name, key)) { ... }
                PyObject *joined = _PyBytes_Join(sep, parts);""",
        useInstead = """
                The public function named in each finding. Most are new in 3.14 (`PyUnicodeWriter_*`, \
                `PyBytes_Join`, `Py_HashBuffer`, `PyUnicode_Equal`, `PyImport_ImportModuleAttr[String]`, \
                `PyLongWriter_Create`, `PyLong_GetSign`, `PyMutex_IsLocked`, `PyCriticalSection_BeginMutex`, \
                `Py_BEGIN_CRITICAL_SECTION_MUTEX`, `Py_fopen`) or 3.13 (`PyLong_AsNativeBytes`, \
                `PyObject_GetOptionalAttr`, `PyDict_Pop`, `PyDict_GetItemStringRef`, `PyThreadState_GetUnchecked`, \
                `Py_HashPointer`). `compat-shims/ftcompat.h` supplies `PyBytes_Join`, `Py_HashBuffer`, \
                `PyUnicode_Equal`, `PyImport_ImportModuleAttr[String]`, `PyMutex_IsLocked`, \
                `PyCriticalSection_BeginMutex`, the `_MUTEX` macros, `PyDict_Pop` and `PyDict_GetItemStringRef` \
                for older versions; where the finding says so, `--fix` renames the call and includes it.""",
        triggers = {"_PyUnicodeWriter_", "_PyBytes_Join", "_Py_HashBytes", "_PyUnicode_EQ", "_PyUnicode_Equal",
                "_PyImport_GetModuleAttr", "_PyLong_New", "_PyLong_FromDigits", "_PyLong_Sign", "_PyLong_AsByteArray",
                "_PyObject_LookupAttr", "_PyDict_Pop", "_PyDict_GetItemStringWithError", "_PyThreadState_UncheckedGet",
                "_Py_HashPointer", "_PyUnicode_AsString", "_Py_fopen_obj", "_PyMutex_IsLocked", "pycore_lock.h",
                "_PyCriticalSection_BeginMutex", "_PyCriticalSection2_BeginMutex", "Py_BEGIN_CRITICAL_SECTION_MUT",
                "Py_BEGIN_CRITICAL_SECTION2_MUT"})
public final class PrivateApiReplacedRule extends PrivateApiRule {
    static final long V313 = 0x030D0000L;
    static final long V314 = 0x030E0000L;
    /** For internal-only names: no version guard makes them fine, they need CPython's internal headers. */
    static final long INTERNAL_ONLY = 0L;

    private static final String WRITER_DEPRECATED = "3.14 deprecates the private _PyUnicodeWriter API for extensions"
            + " in favour of the public PyUnicodeWriter";
    private static final String INTERNAL_313 = "CPython 3.13 moved it into its internal headers and 3.14 removed it";

    public PrivateApiReplacedRule() {
        super(List.of(
                writer("_PyUnicodeWriter_Init", "PyUnicodeWriter_Create(length)",
                        "returns a new writer, or NULL with MemoryError; pass the expected length instead of setting"
                                + " min_length, and end with PyUnicodeWriter_Finish or PyUnicodeWriter_Discard"),
                writer("_PyUnicodeWriter_Finish", "PyUnicodeWriter_Finish(writer)",
                        "a new str reference, or NULL with an exception; the writer is freed either way"),
                writer("_PyUnicodeWriter_Dealloc", "PyUnicodeWriter_Discard(writer)",
                        "frees an unfinished writer; accepts NULL"),
                writer("_PyUnicodeWriter_WriteChar", "PyUnicodeWriter_WriteChar(writer, ch)", "0, or -1 with an exception"),
                writer("_PyUnicodeWriter_WriteStr", "PyUnicodeWriter_WriteStr(writer, obj)",
                        "0, or -1 with an exception; writes str(obj)"),
                writer("_PyUnicodeWriter_WriteSubstring", "PyUnicodeWriter_WriteSubstring(writer, str, start, end)",
                        "0, or -1 with an exception"),
                writer("_PyUnicodeWriter_WriteASCIIString", "PyUnicodeWriter_WriteASCII(writer, str, size)",
                        "0, or -1 with an exception; size -1 means NUL-terminated"),
                writer("_PyUnicodeWriter_WriteLatin1String", "PyUnicodeWriter_WriteStr(writer, s)",
                        "decode the Latin-1 bytes with PyUnicode_DecodeLatin1 first, or write them with"
                                + " PyUnicodeWriter_WriteUTF8 when they are ASCII"),
                writer("_PyUnicodeWriter_Prepare", "PyUnicodeWriter_Create(length)",
                        "the public writer grows by itself; give the expected length when creating it"),
                writer("_PyUnicodeWriter_PrepareKind", "PyUnicodeWriter_Create(length)",
                        "the public writer chooses the string kind itself"),
                writer("_PyUnicodeWriter_PrepareInternal", "PyUnicodeWriter_Create(length)",
                        "the public writer grows by itself; give the expected length when creating it"),
                writer("_PyUnicodeWriter_PrepareKindInternal", "PyUnicodeWriter_Create(length)",
                        "the public writer chooses the string kind itself"),
                rename("_PyBytes_Join", "PyBytes_Join(sep, iterable)",
                        "a new bytes object, or NULL with TypeError for a non-bytes sep or a non-buffer item",
                        "3.14 replaces it with PyBytes_Join and deprecates it", V314, Kind.DEPRECATED_314),
                rename("_Py_HashBytes", "Py_HashBuffer(ptr, len)",
                        "the hash bytes(ptr[:len]) would have; never fails", INTERNAL_313, V313, Kind.HIDDEN_313),
                rename("_PyUnicode_EQ", "PyUnicode_Equal(a, b)",
                        "1 equal, 0 not, -1 with TypeError when either is not a str", INTERNAL_313, V313, Kind.HIDDEN_313),
                rename("_PyUnicode_Equal", "PyUnicode_Equal(a, b)",
                        "1 equal, 0 not, -1 with TypeError when either is not a str",
                        "CPython 3.13 moved it into its internal headers", V313, Kind.HIDDEN_313),
                rename("_PyImport_GetModuleAttrString", "PyImport_ImportModuleAttrString(module, attr)",
                        "a new reference, or NULL with the import or attribute error", INTERNAL_313, V313, Kind.HIDDEN_313),
                rename("_PyImport_GetModuleAttr", "PyImport_ImportModuleAttr(module, attr)",
                        "a new reference, or NULL with the import or attribute error", INTERNAL_313, V313, Kind.HIDDEN_313),
                fixed("_PyLong_New", "PyLongWriter_Create(negative, ndigits, &digits)",
                        "fill the digits, then PyLongWriter_Finish (a new int) or PyLongWriter_Discard; read the"
                                + " digit layout from PyLong_GetNativeLayout",
                        "3.14 deprecates it", V314, Kind.DEPRECATED_314),
                fixed("_PyLong_FromDigits", "PyLongWriter_Create(negative, ndigits, &digits)",
                        "fill the digits, then PyLongWriter_Finish (a new int) or PyLongWriter_Discard",
                        "3.14 deprecates it", V314, Kind.DEPRECATED_314),
                fixed("_PyLong_Sign", "PyLong_GetSign(obj, &sign)",
                        "0 with sign set to -1, 0 or 1; -1 with TypeError for a non-int", "3.14 deprecates it", V314, Kind.DEPRECATED_314),
                new PrivateApi("_PyLong_AsByteArray", "PyLong_AsNativeBytes(obj, buffer, n_bytes, flags)",
                        "the number of bytes the value needs (more than n_bytes when it was truncated), or -1 with"
                                + " an exception",
                        "CPython 3.13 added a sixth argument (with_exceptions), so this five-argument call does"
                                + " not compile there",
                        V313, 5, "", false, Kind.SIGNATURE_313),
                fixed("_PyObject_LookupAttr", "PyObject_GetOptionalAttr(obj, name, &result)",
                        "1 found (new reference), 0 missing (no AttributeError), -1 error",
                        "CPython 3.13 removed it", V313, Kind.REMOVED_313),
                fixed("_PyDict_Pop", "PyDict_Pop(dict, key, &result)",
                        "1 removed (new reference), 0 missing (no KeyError), -1 error", "3.14 deprecates it", V314, Kind.DEPRECATED_314),
                fixed("_PyDict_GetItemStringWithError", "PyDict_GetItemStringRef(dict, key, &result)",
                        "1 found (new reference), 0 missing, -1 error; the private function's result is borrowed",
                        "3.14 deprecates it", V314, Kind.DEPRECATED_314),
                fixed("_PyThreadState_UncheckedGet", "PyThreadState_GetUnchecked()",
                        "the current thread state or NULL, without a fatal error", "3.14 deprecates it", V314, Kind.DEPRECATED_314),
                fixed("_Py_HashPointer", "Py_HashPointer(ptr)", "never fails", "3.14 deprecates it", V314, Kind.DEPRECATED_314),
                fixed("_PyUnicode_AsString", "PyUnicode_AsUTF8(obj)",
                        "a UTF-8 buffer owned by the str, or NULL with an exception", "3.14 deprecates it", V314, Kind.DEPRECATED_314),
                fixed("_Py_fopen_obj", "Py_fopen(path, mode)", "a FILE*, or NULL with an exception",
                        "3.14 deprecates it", V314, Kind.DEPRECATED_314),
                rename("_PyMutex_IsLocked", "PyMutex_IsLocked(m)", "1 locked, 0 unlocked",
                        "it is the inline body behind 3.14's public PyMutex_IsLocked", V314, Kind.IMPLEMENTATION_314),
                new PrivateApi("PyMutex_IsLocked", "PyMutex_IsLocked(m)", "1 locked, 0 unlocked",
                        "in CPython 3.13 it lives in the internal header pycore_lock.h included here (3.14 makes it"
                                + " public); include ftcompat.h instead of the internal header",
                        INTERNAL_ONLY, -1, "pycore_lock.h", false, Kind.INTERNAL),
                rename("_PyCriticalSection_BeginMutex", "PyCriticalSection_BeginMutex(c, m)",
                        "void; end it with PyCriticalSection_End",
                        "it is internal (pycore_critical_section.h) in 3.13 and 3.14", INTERNAL_ONLY, Kind.INTERNAL),
                rename("_PyCriticalSection2_BeginMutex", "PyCriticalSection2_BeginMutex(c, m1, m2)",
                        "void; end it with PyCriticalSection2_End",
                        "it is internal (pycore_critical_section.h) in 3.13 and 3.14", INTERNAL_ONLY, Kind.INTERNAL),
                rename("Py_BEGIN_CRITICAL_SECTION_MUT", "Py_BEGIN_CRITICAL_SECTION_MUTEX(m)",
                        "a block closed by Py_END_CRITICAL_SECTION()",
                        "it is CPython 3.13's internal spelling (pycore_critical_section.h), gone in 3.14", INTERNAL_ONLY, Kind.INTERNAL),
                rename("Py_BEGIN_CRITICAL_SECTION2_MUT", "Py_BEGIN_CRITICAL_SECTION2_MUTEX(m1, m2)",
                        "a block closed by Py_END_CRITICAL_SECTION2()",
                        "it is CPython 3.13's internal spelling (pycore_critical_section.h), gone in 3.14", INTERNAL_ONLY, Kind.INTERNAL)));
    }

    private static PrivateApi writer(String name, String replacement, String convention) {
        Kind kind = name.startsWith("_PyUnicodeWriter_Prepare") && !name.endsWith("Internal")
                ? Kind.MACRO_OF_DEPRECATED_314 : Kind.DEPRECATED_314;
        return new PrivateApi(name, replacement, convention, WRITER_DEPRECATED, V314, -1, "", false, kind);
    }

    private static PrivateApi rename(String name, String replacement, String convention, String status, long since,
            Kind kind) {
        return new PrivateApi(name, replacement, convention, status, since, -1, "", true, kind);
    }

    private static PrivateApi fixed(String name, String replacement, String convention, String status, long since,
            Kind kind) {
        return new PrivateApi(name, replacement, convention, status, since, -1, "", false, kind);
    }
}
