package dev.ftcheck.tests.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.compat.FtcompatShims;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The scanner-side table of ftcompat.h shims matches the header and docs/compat.md. */
class FtcompatShimsTableTest {
    @Test
    void namesMatchTheHeader() throws IOException {
        assertEquals(CompatDocsTest.headerShims(), new TreeSet<>(FtcompatShims.all().keySet()));
    }

    @Test
    void realSinceMatchesTheDocsTable() throws IOException {
        Map<String, String> docs = CompatDocsTest.docRows();
        for (FtcompatShims.Shim shim : FtcompatShims.all().values()) {
            String column = docs.get(shim.name());
            if (shim.realSince().isEmpty()) {
                assertTrue(column.startsWith("ftcompat only"), shim.name() + ": " + column);
            } else {
                assertEquals(shim.realSince(), column, shim.name());
            }
        }
    }

    @Test
    void suppliedFromMatchesTheDocsTable() throws IOException {
        Map<String, String> supplied = CompatDocsTest.docSuppliedColumn();
        for (FtcompatShims.Shim shim : FtcompatShims.all().values()) {
            String column = supplied.get(shim.name());
            assertTrue(column.startsWith(shim.suppliedFrom()), shim.name() + ": " + column);
        }
    }

    @Test
    void tableOrderFollowsTheDocs() throws IOException {
        assertEquals(List.copyOf(CompatDocsTest.docRows().keySet()), List.copyOf(FtcompatShims.all().keySet()));
    }

    @Test
    void adviceForThe314Names() {
        assertEquals("PyUnicode_Equal is new in CPython 3.14; to keep supporting CPython 3.8 to 3.13, include"
                + " \"ftcompat.h\" (ftcheck's compat-shims/) after <Python.h>, which provides it there with the same"
                + " signature and return convention.", FtcompatShims.adviceFor("PyUnicode_Equal").orElseThrow());
        assertTrue(FtcompatShims.adviceFor("PyCriticalSection_BeginMutex").orElseThrow()
                .contains("to keep supporting CPython 3.13, include"));
        assertTrue(FtcompatShims.adviceFor("PyUnstable_TryIncRef").orElseThrow()
                .contains("PyUnstable_EnableTryIncRef"));
    }

    @Test
    void adviceNamesTheHeaderAndTheVersions() {
        assertEquals("PyDict_GetItemRef is new in CPython 3.13; to keep supporting CPython 3.8 to 3.12, include"
                + " \"ftcompat.h\" (ftcheck's compat-shims/) after <Python.h>, which provides it there with the same"
                + " signature and return convention.", FtcompatShims.adviceFor("PyDict_GetItemRef").orElseThrow());
        assertTrue(FtcompatShims.adviceFor("Py_BEGIN_CRITICAL_SECTION_MUTEX").orElseThrow()
                .contains("3.8 to 3.13"));
        assertTrue(FtcompatShims.adviceFor("FTCOMPAT_MOD_GIL_NOT_USED_SLOT").orElseThrow()
                .startsWith("To build on every CPython from 3.8"));
        assertTrue(FtcompatShims.adviceFor("PyCell_Get").isEmpty(), "PyCell_Get is old API, no shim");
        assertTrue(Set.copyOf(FtcompatShims.all().keySet()).contains("PyMutex"));
    }
}
