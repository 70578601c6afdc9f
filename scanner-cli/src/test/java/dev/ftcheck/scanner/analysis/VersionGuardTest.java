package dev.ftcheck.scanner.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which #if conditions confine code to the CPython versions before a release (the compat branch). */
class VersionGuardTest {
    private static final long V313 = 0x030D0000L;
    private static final long V314 = 0x030E0000L;

    private static boolean below(long version, String... conditions) {
        return Preprocessor.compiledOnlyBelow(List.of(conditions), version);
    }

    @Test
    void upperBoundsConfineTheCode() {
        assertTrue(below(V314, "#if PY_VERSION_HEX < 0x030E0000"));
        assertTrue(below(V314, "#if PY_VERSION_HEX < 0x030D0000"));         // tighter still
        assertTrue(below(V314, "#if PY_VERSION_HEX <= 0x030D00F0"));
        assertTrue(below(V314, "#elif PY_VERSION_HEX < 0x030E00A1"));       // "before 3.14.0a1"
        assertFalse(below(V314, "#if PY_VERSION_HEX < 0x030E0100"));        // 3.14.0 itself is included
        assertTrue(below(V314, "#if PY_VERSION_HEX < Py_PACK_VERSION(3, 14)"));
        assertTrue(below(V313, "#if !defined(PYPY_VERSION) && PY_VERSION_HEX < 0x030D0000"));
        assertTrue(below(V314, "#if (PY_VERSION_HEX < 0x030E0000)"));
        assertTrue(below(V314, "#ifdef Py_GIL_DISABLED", "#if PY_VERSION_HEX < 0x030E0000"));   // any enclosing one
    }

    @Test
    void theElseOfALowerBoundIsAnUpperBound() {
        assertTrue(below(V314, "#else of #if PY_VERSION_HEX >= 0x030E0000"));
        assertTrue(below(V314, "#else of #if PY_VERSION_HEX > 0x030D00F0"));
        assertTrue(below(V313, "#else of #elif PY_VERSION_HEX >= 0x030D0000"));
    }

    @Test
    void otherConditionsDoNot() {
        assertFalse(below(V313, "#if PY_VERSION_HEX < 0x030E0000"));   // 3.13 itself is included
        assertFalse(below(V314, "#if PY_VERSION_HEX >= 0x030E0000"));
        assertFalse(below(V314, "#else of #if PY_VERSION_HEX < 0x030E0000"));
        assertFalse(below(V314, "#if defined(PYPY_VERSION) || PY_VERSION_HEX < 0x030E0000"));
        assertFalse(below(V314, "#else of #if PY_VERSION_HEX >= 0x030E0000 && !defined(PYPY_VERSION)"));
        assertFalse(below(V314, "#if !(PY_VERSION_HEX < 0x030E0000)"));
        assertFalse(below(V314, "#ifndef PY_VERSION_HEX"));
        assertFalse(below(V314, "#if PY_MINOR_VERSION < 14"));
        assertFalse(below(V314));
    }
}
