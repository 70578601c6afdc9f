package dev.ftcheck.runtime.capi;

import java.lang.foreign.FunctionDescriptor;
import java.util.List;

/**
 * Reads the generated {@code dev.ftcheck.runtime.capi.gen.CApiTable} (produced from capi-headers/ at build time)
 * into plain slot records. Fails loudly when the table is missing or unreadable: binding without it would leave
 * every function on its "not implemented" stub.
 */
public final class SlotTable {
    static final String GENERATED = "dev.ftcheck.runtime.capi.gen.CApiTable";

    /** One declared, Java-dispatched function: its table index, C name, upcall descriptor, return kind. */
    public record Slot(int index, String name, FunctionDescriptor descriptor, boolean pointerReturn) {}

    private SlotTable() {}

    public static List<Slot> read() {
        Class<?> table;
        try {
            table = Class.forName(GENERATED);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the generated C-API table " + GENERATED + " is missing: the build did"
                    + " not run the binding generator (native-bridge/tools/GenerateBindings.java)", e);
        }
        try {
            return GeneratedTableAdapter.slots(table);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read the generated C-API table " + GENERATED + ": " + e, e);
        }
    }

    /** Declared functions implemented in C inside the bridge (no upcall slot). */
    public static List<String> nativeFunctions() {
        try {
            return GeneratedTableAdapter.nativeFunctions(Class.forName(GENERATED));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read the generated C-API table " + GENERATED + ": " + e, e);
        }
    }

    /** Declared variadic functions that no C code implements yet (their stubs raise SystemError). */
    public static List<String> nativeMissingFunctions() {
        try {
            return GeneratedTableAdapter.nativeMissingFunctions(Class.forName(GENERATED));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read the generated C-API table " + GENERATED + ": " + e, e);
        }
    }
}
