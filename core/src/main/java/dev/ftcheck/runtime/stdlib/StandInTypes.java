package dev.ftcheck.runtime.stdlib;

import static dev.ftcheck.runtime.obj.Layout.TPF_BASETYPE;
import static dev.ftcheck.runtime.obj.Layout.TP_BASICSIZE;
import static dev.ftcheck.runtime.obj.Layout.TP_NEW;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.TypeReady;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Classes of the stand-in modules (struct.Struct, ...): heap types whose instances keep their Java state in
 * the object heap's side table and whose methods are built-in method descriptors.
 */
final class StandInTypes {
    /** PyType_Spec: name, basicsize, itemsize, flags, slots; one empty PyType_Slot ends the slots. */
    private static final long SPEC_SIZE = 32, SLOT_SIZE = 16;

    private StandInTypes() {}

    /** A subclassable type named fullName ("_struct.Struct") that calling constructs through constructor. */
    static long define(String fullName, BuiltinTable methods, BuiltinTable.Impl constructor) {
        Arena arena = Arena.global();
        MemorySegment spec = arena.allocate(SPEC_SIZE, 8);
        spec.set(ADDRESS, 0, arena.allocateFrom(fullName));
        spec.set(JAVA_INT, 16, (int) TPF_BASETYPE);
        spec.set(ADDRESS, 24, arena.allocate(SLOT_SIZE, 8));
        long type = TypeReady.fromSpec(0, 0, spec.address(), 0);
        Mem.putLong(type + TP_NEW, 0); // calling the type runs the Java constructor instead
        BuiltinTable.constructor(type, constructor);
        methods.install(type);
        return type;
    }

    /** A new instance of type (or a subclass) holding state. */
    static long instance(long type, Object state) {
        long o = Heap.alloc(type, Mem.getLong(type + TP_BASICSIZE));
        Heap.putState(o, state);
        return o;
    }
}
