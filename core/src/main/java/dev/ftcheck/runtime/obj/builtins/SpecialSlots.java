package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Descriptors;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;
import java.util.Map;

/**
 * Special methods stored on a heap type after it was readied (pybind11 adds {@code __init__}, {@code __repr__},
 * {@code __eq__}, ... with setattr on the class) reach the type's C slots as in CPython: setting such a name points
 * the slot at a trampoline that looks the method up on the instance's type and calls it. Also gives
 * {@code PyType_Type} the tp_getattro/tp_setattro/tp_call that metaclasses written in C delegate to.
 */
public final class SpecialSlots {
    private static final String[] COMPARE = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
    private static final Map<String, String> SLOT_OF = Map.ofEntries(
            Map.entry("__init__", "init"), Map.entry("__repr__", "repr"), Map.entry("__str__", "str"),
            Map.entry("__hash__", "hash"), Map.entry("__call__", "call"), Map.entry("__int__", "int"),
            Map.entry("__index__", "index"), Map.entry("__float__", "float"), Map.entry("__bool__", "bool"),
            Map.entry("__lt__", "compare"), Map.entry("__le__", "compare"), Map.entry("__eq__", "compare"),
            Map.entry("__ne__", "compare"), Map.entry("__gt__", "compare"), Map.entry("__ge__", "compare"));
    /** nb_int, nb_float, nb_index, nb_bool within PyNumberMethods. */
    private static final long NB_BOOL = 72, NB_INT = 128, NB_FLOAT = 144, NB_INDEX = 264;

    private static long init, repr, str, hash, call, compare, nbInt, nbIndex, nbFloat, nbBool, hashNotImpl;

    private SpecialSlots() {}

    static void install() {
        init = NativeSlots.stub(SpecialSlots.class, "initSlot");
        repr = NativeSlots.stub(SpecialSlots.class, "reprSlot");
        str = NativeSlots.stub(SpecialSlots.class, "strSlot");
        hash = NativeSlots.stub(SpecialSlots.class, "hashSlot");
        call = NativeSlots.stub(SpecialSlots.class, "callSlot");
        compare = NativeSlots.stub(SpecialSlots.class, "compareSlot");
        nbInt = NativeSlots.stub(SpecialSlots.class, "intSlot");
        nbIndex = NativeSlots.stub(SpecialSlots.class, "indexSlot");
        nbFloat = NativeSlots.stub(SpecialSlots.class, "floatSlot");
        nbBool = NativeSlots.stub(SpecialSlots.class, "boolSlot");
        hashNotImpl = Bridge.get().require("PyObject_HashNotImplemented");
        long t = Types.TYPE;
        Mem.putLong(t + TP_GETATTRO, Bridge.get().require("PyObject_GenericGetAttr"));
        Mem.putLong(t + TP_SETATTRO, NativeSlots.stub(SpecialSlots.class, "typeSetAttrSlot"));
        Mem.putLong(t + TP_CALL, NativeSlots.stub(SpecialSlots.class, "typeCallSlot"));
    }

    /**
     * A built-in type whose instances the runtime calls from Java (functions, method descriptors) gets a tp_call
     * too: C code tests callability by tp_call alone (Cython's callable() and its call fast path do).
     */
    static void callableByTpCall(dev.ftcheck.runtime.obj.PyType t) {
        if (t.builtin && t.slot(TP_CALL) == 0 && t.dict.containsKey("__call__")) {
            Mem.putLong(t.addr + TP_CALL, call);
        }
    }

    /** After {@code type.name = ...} on a heap type: repoint the slot the name stands for. */
    public static void updated(long type, String name) {
        String slot = SLOT_OF.get(name);
        if (slot == null || (Mem.getLong(type + TP_FLAGS) & TPF_HEAPTYPE) == 0) {
            return;
        }
        boolean none = Types.of(type).dict.get(name) instanceof Long v && v == Singletons.NONE;
        long nb = Mem.getLong(type + TP_AS_NUMBER);
        switch (slot) {
            case "init" -> Mem.putLong(type + TP_INIT, init);
            case "repr" -> Mem.putLong(type + TP_REPR, repr);
            case "str" -> Mem.putLong(type + TP_STR, str);
            case "hash" -> Mem.putLong(type + TP_HASH, none ? hashNotImpl : hash);
            case "call" -> Mem.putLong(type + TP_CALL, call);
            case "compare" -> Mem.putLong(type + TP_RICHCOMPARE, compare);
            case "int" -> putNumber(nb, NB_INT, nbInt);
            case "index" -> putNumber(nb, NB_INDEX, nbIndex);
            case "float" -> putNumber(nb, NB_FLOAT, nbFloat);
            case "bool" -> putNumber(nb, NB_BOOL, nbBool);
            default -> { }
        }
    }

    private static void putNumber(long nb, long off, long fn) {
        if (nb != 0) {
            Mem.putLong(nb + off, fn);
        }
    }

    /** type(self).name bound to self and called (new reference); 0 when the type has no such attribute. */
    private static long callSpecial(long self, String name, long[] args, long kwargs) {
        long d = Attributes.lookupInType(Heap.type(self), name);
        if (d == 0) {
            return 0;
        }
        long bound = Descriptors.bind(d, self);
        try {
            return Calls.call(bound, args, kwargs);
        } finally {
            Native.decref(bound);
        }
    }

    private static long required(long self, String name, long[] args, long kwargs) {
        long r = callSpecial(self, name, args, kwargs);
        if (r == 0) {
            throw new PyRaise(Exceptions.AttributeError, name);
        }
        return r;
    }

    private static int initSlot(long self, long args, long kwargs) {
        try {
            long r = required(self, "__init__", NativeSlots.tupleArgs(args), NativeSlots.kwargs(kwargs));
            dev.ftcheck.runtime.obj.Calls.releaseInitResult(r);
            return 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__init__");
            return -1;
        }
    }

    private static long unary(long self, String name) {
        try {
            return required(self, name, new long[0], 0);
        } catch (Throwable t) {
            Errors.fromThrowable(t, name);
            return 0;
        }
    }

    private static long reprSlot(long self) {
        return unary(self, "__repr__");
    }

    private static long strSlot(long self) {
        return unary(self, "__str__");
    }

    private static long intSlot(long self) {
        return unary(self, "__int__");
    }

    private static long indexSlot(long self) {
        return unary(self, "__index__");
    }

    private static long floatSlot(long self) {
        return unary(self, "__float__");
    }

    private static int boolSlot(long self) {
        long r = unary(self, "__bool__");
        if (r == 0) {
            return -1;
        }
        Native.decref(r);
        if (r != Singletons.TRUE && r != Singletons.FALSE) {
            Errors.set(Exceptions.byName("TypeError"), "__bool__ should return bool, returned " + Types.name(r));
            return -1;
        }
        return r == Singletons.TRUE ? 1 : 0;
    }

    private static long hashSlot(long self) {
        try {
            long r = required(self, "__hash__", new long[0], 0);
            try {
                if (!Types.isInstance(r, Types.INT)) {
                    throw PyRaise.typeError("__hash__ method should return an integer");
                }
                long h = Ints.asLong(r);
                return h == -1 ? -2 : h;
            } finally {
                Native.decref(r);
            }
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__hash__");
            return -1;
        }
    }

    private static long callSlot(long self, long args, long kwargs) {
        try {
            return required(self, "__call__", NativeSlots.tupleArgs(args), NativeSlots.kwargs(kwargs));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__call__");
            return 0;
        }
    }

    /** A missing comparison method answers NotImplemented, so the reflected one or identity takes over. */
    private static long compareSlot(long self, long other, int op) {
        try {
            long r = callSpecial(self, COMPARE[op], new long[] {other}, 0);
            return r == 0 ? Singletons.NOTIMPLEMENTED : r;
        } catch (Throwable t) {
            Errors.fromThrowable(t, COMPARE[op]);
            return 0;
        }
    }

    private static int typeSetAttrSlot(long type, long name, long value) {
        try {
            Attributes.genericSet(type, Strs.check(name, "attribute name"), value);
            return 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "type.__setattr__");
            return -1;
        }
    }

    private static long typeCallSlot(long type, long args, long kwargs) {
        try {
            return Calls.callType(type, NativeSlots.tupleArgs(args), NativeSlots.kwargs(kwargs));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "type.__call__");
            return 0;
        }
    }
}
