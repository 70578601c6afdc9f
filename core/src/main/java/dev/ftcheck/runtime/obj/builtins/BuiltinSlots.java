package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyType;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.util.Set;

/**
 * The C slots of the built-in types whose behaviour is in Java (int, str, list, dict, the exceptions, ...):
 * extensions read them directly ({@code PyLong_Type.tp_repr(o)}, {@code Py_TYPE(o)->tp_hash(o)}) and subclasses
 * inherit them, so each NULL one gets a C entry that runs the built-in behaviour, as CPython's types have.
 * The generic protocols recognise these entries and answer in Java without the round trip.
 */
public final class BuiltinSlots {
    private static volatile long repr, str, hash, richcompare, length, subscript, sequenceItem, contains;

    /** PySequenceMethods.sq_contains's offset, and the sizes of the sequence and mapping tables. */
    private static final long SQ_CONTAINS = 56, SEQUENCE_METHODS_SIZE = 80, MAPPING_METHODS_SIZE = 24;

    /** The kinds whose instances are unhashable: their tp_hash is PyObject_HashNotImplemented, as in CPython. */
    private static final Set<TypeKind> UNHASHABLE = Set.of(TypeKind.LIST, TypeKind.DICT, TypeKind.SET,
            TypeKind.BYTEARRAY);

    private BuiltinSlots() {}

    public static long repr() {
        return repr;
    }

    public static long str() {
        return str;
    }

    public static long hash() {
        return hash;
    }

    public static long richcompare() {
        return richcompare;
    }

    public static long length() {
        return length;
    }

    public static long subscript() {
        return subscript;
    }

    public static long sequenceItem() {
        return sequenceItem;
    }

    public static long contains() {
        return contains;
    }

    /**
     * Fills the NULL slots of every built-in type and exception class registered so far, and of the built-in
     * types that have real C slots for the rest (complex, range, cell, memoryview, the dict views).
     */
    static void install() {
        repr = NativeSlots.stub(BuiltinSlots.class, "reprSlot");
        str = NativeSlots.stub(BuiltinSlots.class, "strSlot");
        hash = NativeSlots.stub(BuiltinSlots.class, "hashSlot");
        richcompare = NativeSlots.stub(BuiltinSlots.class, "richcompareSlot");
        length = NativeSlots.stub(BuiltinSlots.class, "lengthSlot");
        subscript = NativeSlots.stub(BuiltinSlots.class, "subscriptSlot");
        sequenceItem = NativeSlots.stub(BuiltinSlots.class, "itemSlot");
        contains = NativeSlots.stub(BuiltinSlots.class, "containsSlot");
        BuiltinNew.install();
        // the tables CPython gives these types (their other entries stay NULL: see BuiltinSlotsTest)
        for (long t : new long[] {Types.LIST, Types.TUPLE, Types.STR}) {
            tables(t, true, true);
        }
        tables(Types.DICT, false, true);
        Bridge bridge = Bridge.get();
        long notHashable = bridge.require("PyObject_HashNotImplemented");
        long genericAlloc = bridge.require("PyType_GenericAlloc");
        long getattro = Mem.getLong(Types.OBJECT + TP_GETATTRO);
        long setattro = Mem.getLong(Types.OBJECT + TP_SETATTRO);
        for (PyType t : Types.all()) {
            boolean staticBuiltin = (t.flags() & TPF_STATIC_BUILTIN) != 0; // the C-slot types too (complex, range)
            if (!t.builtin && t.kind != TypeKind.EXCEPTION && !staticBuiltin) {
                continue;
            }
            fill(t.addr, TP_REPR, repr);
            fill(t.addr, TP_STR, str);
            fill(t.addr, TP_HASH, UNHASHABLE.contains(t.kind) ? notHashable : hash);
            fill(t.addr, TP_RICHCOMPARE, richcompare);
            fill(t.addr, TP_GETATTRO, getattro);
            fill(t.addr, TP_SETATTRO, setattro);
            fill(t.addr, TP_ALLOC, genericAlloc);
        }
    }

    /** The sequence (length, item, contains) and mapping (length, subscript) tables of a built-in type. */
    private static void tables(long type, boolean sequence, boolean mapping) {
        if (Mem.getLong(type + TP_AS_SEQUENCE) == 0) {
            long sq = NativeSlots.table(SEQUENCE_METHODS_SIZE);
            if (sequence) {
                Mem.putLong(sq + SQ_LENGTH, length);
                Mem.putLong(sq + SQ_ITEM, sequenceItem);
            }
            Mem.putLong(sq + SQ_CONTAINS, contains);
            Mem.putLong(type + TP_AS_SEQUENCE, sq);
        }
        if (mapping && Mem.getLong(type + TP_AS_MAPPING) == 0) {
            long mp = NativeSlots.table(MAPPING_METHODS_SIZE);
            Mem.putLong(mp + MP_LENGTH, length);
            Mem.putLong(mp + MP_SUBSCRIPT, subscript);
            Mem.putLong(type + TP_AS_MAPPING, mp);
        }
    }

    /** x in o for the built-in containers (list, tuple, str, dict), by o's nearest built-in kind. */
    public static int builtinContains(long o, long x) {
        return switch (Types.builtinKind(o)) {
            case DICT -> dev.ftcheck.runtime.capi.DictApi.PyDict_Contains(o, x);
            case STR -> dev.ftcheck.runtime.capi.UnicodeApi.PyUnicode_Contains(o, x);
            default -> {
                long[] items = dev.ftcheck.runtime.obj.Iteration.toArray(o);
                try {
                    for (long item : items) {
                        if (item == x || Protocols.equal(item, x)) {
                            yield 1;
                        }
                    }
                    yield 0;
                } finally {
                    for (long item : items) {
                        dev.ftcheck.runtime.nat.Native.decref(item);
                    }
                }
            }
        };
    }

    private static void fill(long type, long slot, long value) {
        if (value != 0 && Mem.getLong(type + slot) == 0) {
            Mem.putLong(type + slot, value);
        }
    }

    private static long lengthSlot(long o) {
        try {
            return Protocols.builtinLength(o, Types.builtinKind(o));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__len__");
            return -1;
        }
    }

    private static long subscriptSlot(long o, long key) {
        try {
            return dev.ftcheck.runtime.capi.AbstractApi.builtinGetItem(o, key, Types.builtinKind(o));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__getitem__");
            return 0;
        }
    }

    private static long itemSlot(long o, long i) {
        try {
            return dev.ftcheck.runtime.capi.AbstractApi.builtinSequenceItem(o, i, Types.builtinKind(o));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__getitem__");
            return 0;
        }
    }

    private static int containsSlot(long o, long x) {
        try {
            return builtinContains(o, x);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__contains__");
            return -1;
        }
    }

    private static long reprSlot(long o) {
        try {
            return Strs.fromJava(Repr.builtinRepr(o));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__repr__");
            return 0;
        }
    }

    /** object.__str__ is repr(o) through the type's own tp_repr; str's is the string; an exception's its message. */
    private static long strSlot(long o) {
        try {
            if (Types.typeOf(o).kind == TypeKind.EXCEPTION) {
                return Strs.fromJava(Exceptions.message(o));
            }
            if (Types.builtinKind(o) == TypeKind.STR) {
                return Heap.type(o) == Types.STR ? Heap.newRef(o) : Strs.fromJava(Strs.value(o));
            }
            return ObjectApi.PyObject_Repr(o);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__str__");
            return 0;
        }
    }

    private static long hashSlot(long o) {
        try {
            return Protocols.builtinHash(o);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__hash__");
            return -1;
        }
    }

    private static long richcompareSlot(long a, long b, int op) {
        try {
            return Compare.builtinRich(a, b, op);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "comparison");
            return 0;
        }
    }
}
