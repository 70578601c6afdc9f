package dev.ftcheck.scanner.api;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Replacements newer than CPython 3.8 point at ftcompat.h; others carry no compat advice. */
class ReplacementCompatTest {
    @Test
    void strongReferenceReplacementsMentionFtcompat() {
        for (String api : new String[] {"PyList_GetItemRef", "PyDict_GetItemRef", "PyDict_GetItemStringRef",
                "PyDict_SetDefaultRef", "PyWeakref_GetRef", "PyImport_AddModuleRef"}) {
            String compat = Replacement.of(api, "convention").compat();
            assertNotNull(compat, api);
            assertTrue(compat.contains("ftcompat.h") && compat.contains(api) && compat.contains("3.13"), compat);
        }
    }

    @Test
    void criticalSectionAndGilDeclarationsMentionTheirShims() {
        assertTrue(Replacement.of("Py_BEGIN_CRITICAL_SECTION(d) around the loop", "c").compat()
                .contains("ftcompat.h"));
        assertTrue(Replacement.of("PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED)", "c").compat()
                .contains("ftcompat_Module_SetGILNotUsed"));
        assertTrue(Replacement.of("{Py_mod_gil, Py_MOD_GIL_NOT_USED}", "c").compat()
                .contains("FTCOMPAT_MOD_GIL_NOT_USED_SLOT"));
    }

    @Test
    void the314ReplacementsMentionFtcompatWithTheRightRange() {
        for (String api : new String[] {"PyUnicode_Equal(a, b)", "PyBytes_Join(sep, iterable)", "Py_HashBuffer(p, n)",
                "PyImport_ImportModuleAttrString(module, attr)", "PyUnstable_TryIncRef(op)",
                "PyUnstable_Object_IsUniquelyReferenced(op)", "PyMutex_IsLocked(m)", "PyLong_AsInt32(obj, &v)",
                "Py_BEGIN_CRITICAL_SECTION_MUTEX(m)"}) {
            String compat = Replacement.of(api, "convention").compat();
            assertNotNull(compat, api);
            assertTrue(compat.contains("ftcompat.h") && compat.contains("3.14") && compat.contains("3.8 to 3.13"),
                    compat);
        }
        String section = Replacement.of("PyCriticalSection_BeginMutex(c, m)", "c").compat();
        assertTrue(section.contains("to keep supporting CPython 3.13,") && section.contains("macro"), section);
        // New in 3.14 but not supplied by ftcompat.h: no advice rather than wrong advice.
        assertNull(Replacement.of("PyUnicodeWriter_Create(length)", "c").compat());
        assertNull(Replacement.of("PyLong_Export(obj, &export_long)", "c").compat());
    }

    @Test
    void longStandingApisGetNoCompatAdvice() {
        assertNull(Replacement.of("PyMem_Malloc", "c").compat());
        assertNull(Replacement.of("Py_REFCNT(op)", "c").compat());
        assertNull(Replacement.of(null, "c").compat());
    }
}
