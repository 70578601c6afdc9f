package dev.ftcheck.runtime.capi.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftcheck.runtime.home.RuntimeHome;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The generated binding table and the bridge's trampolines agree: same slot count, an unbound slot reports the
 * function by name and returns the error value, and a bound slot forwards the C call to Java with its arguments.
 */
class CApiTableTest {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final List<String> MISSING = new CopyOnWriteArrayList<>();

    @Test
    void slotsAreDenseUniqueAndDisjointFromNativeFunctions() {
        List<CApiTable.Slot> slots = CApiTable.slots();
        assertEquals(CApiTable.SIZE, slots.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < slots.size(); i++) {
            assertEquals(i, slots.get(i).index());
            assertTrue(names.add(slots.get(i).name()), "duplicate slot " + slots.get(i).name());
        }
        for (String n : CApiTable.nativeFunctions()) {
            assertFalse(names.contains(n), n + " is both native and an upcall slot");
        }
        // Spot checks of the contract's type mapping.
        CApiTable.Slot append = slot("PyList_Append");
        assertEquals(FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                append.descriptor());
        assertEquals(CApiTable.ErrorValue.MINUS_ONE, append.errorValue());
        assertEquals(CApiTable.ErrorValue.NULL_POINTER, slot("PyLong_FromLongLong").errorValue());
        assertEquals(CApiTable.ErrorValue.NONE, slot("PyErr_Clear").errorValue());
        assertEquals(FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_LONG),
                slot("PyFloat_AsDouble").descriptor());
        assertTrue(CApiTable.nativeFunctions().containsAll(List.of("_Py_MergeZeroLocalRefcount", "_Py_DecRefShared",
                "_Py_Dealloc", "PyMutex_Lock", "PyMutex_Unlock", "PyCriticalSection_Begin", "PyCriticalSection2_End")));
    }

    @Test
    void bridgeTrampolinesForwardToInstalledUpcallsAndReportMissingOnes() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup bridge = SymbolLookup.libraryLookup(RuntimeHome.get().bridgeLibrary(), arena);
            MethodHandle count = down(bridge, "ftb_upcall_count", FunctionDescriptor.of(ValueLayout.JAVA_INT));
            assertEquals(CApiTable.SIZE, (int) count.invokeExact());

            MethodHandle setMissing = down(bridge, "ftb_set_missing_handler",
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
            MemorySegment missingStub = LINKER.upcallStub(
                    MethodHandles.lookup().findStatic(CApiTableTest.class, "onMissing",
                            MethodType.methodType(void.class, MemorySegment.class)),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS), arena);
            setMissing.invokeExact(missingStub);

            // Unbound: the exported PyLong_AsUnsignedLongMask reports itself and returns -1.
            CApiTable.Slot asLong = slot("PyLong_AsUnsignedLongMask");
            MethodHandle pyLongAsLong = down(bridge, "PyLong_AsUnsignedLongMask",
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
            MISSING.clear();
            assertEquals(-1L, (long) pyLongAsLong.invokeExact(1234L));
            assertEquals(List.of("PyLong_AsUnsignedLongMask"), MISSING);

            // Bound: the same C call reaches Java with its argument.
            MethodHandle install = down(bridge, "ftb_install",
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            MemorySegment impl = LINKER.upcallStub(
                    MethodHandles.lookup().findStatic(CApiTableTest.class, "fakeAsLong",
                            MethodType.methodType(long.class, long.class)),
                    asLong.descriptor(), arena);
            assertEquals(0, (int) install.invokeExact(asLong.index(), impl));
            assertEquals(1234L * 3, (long) pyLongAsLong.invokeExact(1234L));
            // NULL restores the missing stub; a bad index is refused.
            assertEquals(0, (int) install.invokeExact(asLong.index(), MemorySegment.NULL));
            assertEquals(-1L, (long) pyLongAsLong.invokeExact(5L));
            assertEquals(-1, (int) install.invokeExact(CApiTable.SIZE, impl));
            setMissing.invokeExact(MemorySegment.NULL);
        }
    }

    static long fakeAsLong(long pointer) {
        return pointer * 3;
    }

    static void onMissing(MemorySegment name) {
        MISSING.add(name.reinterpret(256).getString(0));
    }

    private static MethodHandle down(SymbolLookup lib, String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(lib.find(name).orElseThrow(() -> new AssertionError("bridge lacks " + name)), fd);
    }

    private static CApiTable.Slot slot(String name) {
        return CApiTable.slots().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no slot " + name));
    }
}
