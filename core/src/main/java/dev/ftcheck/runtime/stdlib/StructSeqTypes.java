package dev.ftcheck.runtime.stdlib;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Tuples;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Struct sequence types (sys.version_info, sys.flags, ...) made by the bridge's PyStructSequence_NewType, so
 * they are the same kind of type an extension makes; the descriptions live as long as the process, as the types do.
 */
final class StructSeqTypes {
    /** PyStructSequence_Desc: name, doc, fields, n_in_sequence; PyStructSequence_Field: name, doc. */
    private static final long DESC_SIZE = 32, FIELD_SIZE = 16;

    private StructSeqTypes() {}

    /** A new type named {@code name} ("sys.flags") whose first {@code visible} fields form the sequence. */
    static long newType(String name, List<String> fields, int visible) {
        Arena arena = Arena.global();
        MemorySegment fieldArray = arena.allocate(FIELD_SIZE * (fields.size() + 1), 8);
        for (int i = 0; i < fields.size(); i++) {
            fieldArray.set(ADDRESS, FIELD_SIZE * i, arena.allocateFrom(fields.get(i)));
        }
        MemorySegment desc = arena.allocate(DESC_SIZE, 8);
        desc.set(ADDRESS, 0, arena.allocateFrom(name));
        desc.set(ADDRESS, 16, fieldArray);
        desc.set(JAVA_INT, 24, visible);
        long newType = Bridge.get().require("PyStructSequence_NewType");
        return Calls.checkResult(Downcalls.call1(newType, desc.address()), "PyStructSequence_NewType");
    }

    /** A new instance of a struct sequence type owning the given (stolen) values, one per field. */
    static long instance(long type, long... values) {
        long newInstance = Bridge.get().require("PyStructSequence_New");
        long o = Calls.checkResult(Downcalls.call1(newInstance, type), "PyStructSequence_New");
        for (int i = 0; i < values.length; i++) {
            Tuples.set(o, i, values[i]);
        }
        return o;
    }
}
