package dev.ftcheck.compat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code compat-shims/ftcompat.h} supplies, for fix advice: when a suggested replacement API is newer than
 * the oldest CPython an extension supports, the advice can say that ftcompat.h provides it there. The table is
 * checked against the header and docs/compat.md by {@code dev.ftcheck.tests.compat.FtcompatShimsTableTest}.
 */
public final class FtcompatShims {
    /**
     * One name the header supplies.
     *
     * @param name          the C name, exactly as CPython spells it (or ftcompat's own name for the GIL helpers)
     * @param realSince     the first CPython release with the real API, or "" when the name is ftcompat's own
     * @param suppliedFrom  the oldest CPython release on which ftcompat.h supplies it (3.8 for most names)
     * @param usage         how to use it, for names that are not plain function replacements; "" otherwise
     */
    public record Shim(String name, String realSince, String suppliedFrom, String usage) {
        /** One sentence for fix advice. */
        public String advice() {
            String where = "include \"ftcompat.h\" (ftcheck's compat-shims/) after <Python.h>";
            if (realSince.isEmpty()) {
                return "To build on every CPython from 3.8, " + where + " and use " + name + ": " + usage + ".";
            }
            String range = suppliedFrom.equals(previous(realSince)) ? "CPython " + suppliedFrom
                    : "CPython " + suppliedFrom + " to " + previous(realSince);
            return name + " is new in CPython " + realSince + "; to keep supporting " + range + ", " + where
                    + ", which provides it there with the same signature and return convention"
                    + (usage.isEmpty() ? "" : " (" + usage + ")") + ".";
        }

        private static String previous(String release) {
            String[] p = release.split("\\.");
            return p[0] + "." + (Integer.parseInt(p[1]) - 1);
        }
    }

    private static final Map<String, Shim> SHIMS = new LinkedHashMap<>();

    static {
        for (String fn : new String[] {"PyList_GetItemRef", "PyDict_GetItemRef", "PyDict_GetItemStringRef",
                "PyDict_SetDefaultRef", "PyDict_Pop", "PyDict_PopString", "PyWeakref_GetRef",
                "PyImport_AddModuleRef"}) {
            add(fn, "3.13", "");
        }
        add("PyMutex", "3.13", "a real lock under the GIL too; waiters release the GIL");
        add("PyMutex_Lock", "3.13", "");
        add("PyMutex_Unlock", "3.13", "");
        add("Py_BEGIN_CRITICAL_SECTION", "3.13", "a plain block where CPython has none");
        add("Py_END_CRITICAL_SECTION", "3.13", "");
        add("Py_BEGIN_CRITICAL_SECTION2", "3.13", "a plain block where CPython has none");
        add("Py_END_CRITICAL_SECTION2", "3.13", "");
        add("Py_BEGIN_CRITICAL_SECTION_MUTEX", "3.14", "it really locks on free-threaded 3.13");
        add("Py_BEGIN_CRITICAL_SECTION2_MUTEX", "3.14", "it really locks on free-threaded 3.13");
        SHIMS.put("PyCriticalSection_BeginMutex", new Shim("PyCriticalSection_BeginMutex", "3.14", "3.13",
                "before 3.13 use the Py_BEGIN_CRITICAL_SECTION_MUTEX macro"));
        SHIMS.put("PyCriticalSection2_BeginMutex", new Shim("PyCriticalSection2_BeginMutex", "3.14", "3.13",
                "before 3.13 use the Py_BEGIN_CRITICAL_SECTION2_MUTEX macro"));
        add("PyMutex_IsLocked", "3.14", "");
        for (String fn : new String[] {"PyLong_FromInt32", "PyLong_FromUInt32", "PyLong_FromInt64",
                "PyLong_FromUInt64", "PyLong_AsInt32", "PyLong_AsUInt32", "PyLong_AsInt64", "PyLong_AsUInt64"}) {
            add(fn, "3.14", "");
        }
        add("PyUnstable_TryIncRef", "3.14", "call PyUnstable_EnableTryIncRef on the object first");
        add("PyUnstable_EnableTryIncRef", "3.14", "");
        add("PyUnstable_Object_IsUniquelyReferenced", "3.14", "");
        for (String fn : new String[] {"PyUnicode_Equal", "PyBytes_Join", "Py_HashBuffer", "PyIter_NextItem",
                "PyImport_ImportModuleAttr", "PyImport_ImportModuleAttrString"}) {
            add(fn, "3.14", "");
        }
        add("Py_PACK_FULL_VERSION", "3.14", "a macro, usable in #if");
        add("Py_PACK_VERSION", "3.14", "a macro, usable in #if");
        add("FTCOMPAT_MOD_GIL_NOT_USED_SLOT", "",
                "write it in the PyModuleDef_Slot array before {0, NULL}; it is {Py_mod_gil, Py_MOD_GIL_NOT_USED}"
                        + " on 3.13+ and nothing before");
        add("ftcompat_Module_SetGILNotUsed", "",
                "call it on the module after PyModule_Create in single-phase init; it calls"
                        + " PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED) on free-threaded builds and returns 0"
                        + " elsewhere");
    }

    private FtcompatShims() {}

    private static void add(String name, String realSince, String usage) {
        SHIMS.put(name, new Shim(name, realSince, "3.8", usage));
    }

    /** The shim for a C name, if ftcompat.h supplies one. */
    public static Optional<Shim> lookup(String name) {
        return Optional.ofNullable(SHIMS.get(name));
    }

    /** Fix-advice sentence for a replacement API, if ftcompat.h makes it available on older CPythons. */
    public static Optional<String> adviceFor(String name) {
        return lookup(name).map(Shim::advice);
    }

    /** Every shim, in the order docs/compat.md lists them. */
    public static Map<String, Shim> all() {
        return java.util.Collections.unmodifiableMap(SHIMS);
    }
}
