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
    private static volatile long repr, str, hash, richcompare;

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

    /**
     * Fills the NULL slots of every built-in type and exception class registered so far, and of the built-in
     * types that have real C slots for the rest (complex, range, cell, memoryview, the dict views).
     */
    static void install() {
        repr = NativeSlots.stub(BuiltinSlots.class, "reprSlot");
        str = NativeSlots.stub(BuiltinSlots.class, "strSlot");
        hash = NativeSlots.stub(BuiltinSlots.class, "hashSlot");
        richcompare = NativeSlots.stub(BuiltinSlots.class, "richcompareSlot");
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

    private static void fill(long type, long slot, long value) {
        if (value != 0 && Mem.getLong(type + slot) == 0) {
            Mem.putLong(type + slot, value);
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
