package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.builtins.BuiltinSlots;
import dev.ftcheck.runtime.nat.Native;
import java.util.Set;

/** Rich comparison (PyObject_RichCompare) for built-in values and extension types with tp_richcompare. */
public final class Compare {
    private static final String[] OPS = {"<", "<=", "==", "!=", ">", ">="};

    private Compare() {}

    /** Three-way ordering for sorting; TypeError when the values do not order. */
    public static int compare(long a, long b) {
        if (richBool(a, b, Protocols.LT)) {
            return -1;
        }
        return richBool(b, a, Protocols.LT) ? 1 : 0;
    }

    public static boolean richBool(long a, long b, int op) {
        long r = rich(a, b, op);
        try {
            return Protocols.isTrue(r);
        } finally {
            Native.decref(r);
        }
    }

    /** Whether an order c (negative, zero, positive) satisfies the comparison op (Protocols.LT ... GE). */
    public static boolean outcome(int c, int op) {
        return switch (op) {
            case Protocols.LT -> c < 0;
            case Protocols.LE -> c <= 0;
            case Protocols.EQ -> c == 0;
            case Protocols.NE -> c != 0;
            case Protocols.GT -> c > 0;
            default -> c >= 0;
        };
    }

    /** New reference to the comparison result. */
    public static long rich(long a, long b, int op) {
        if (op == Protocols.EQ || op == Protocols.NE) {
            long ext = viaSlot(a, b, op);
            if (ext != 0) {
                return ext;
            }
            return Singletons.bool(Protocols.equal(a, b) == (op == Protocols.EQ));
        }
        Integer c = builtinOrder(a, b);
        if (c == null) {
            long ext = viaSlot(a, b, op);
            if (ext != 0) {
                return ext;
            }
            c = inheritedOrder(a, b);
        }
        if (c == null) {
            throw PyRaise.typeError("'%s' not supported between instances of '%s' and '%s'", OPS[op],
                    Types.name(a), Types.name(b));
        }
        boolean r = outcome(c, op);
        return Singletons.bool(r);
    }

    /** a's tp_richcompare, then b's with the operands swapped (1.0 == 1j reaches complex's slot). */
    private static long viaSlot(long a, long b, int op) {
        long r = oneSlot(a, b, op);
        if (r == 0 && Heap.type(a) != Heap.type(b)) {
            r = oneSlot(b, a, SWAPPED[op]);
        }
        return r;
    }

    private static final int[] SWAPPED = {Protocols.GT, Protocols.GE, Protocols.EQ, Protocols.NE, Protocols.LT,
        Protocols.LE};

    private static long oneSlot(long a, long b, int op) {
        PyType t = Types.typeOf(a);
        long rc = Mem.getLong(t.addr + TP_RICHCOMPARE);
        if (rc == 0 || t.builtin || rc == BuiltinSlots.richcompare()) {
            return 0; // the built-in comparison below answers for a type that inherited it
        }
        long r = Downcalls.call2i(rc, a, b, op);
        if (r == 0) {
            throw ErrorAlreadySet.INSTANCE;
        }
        if (r == Singletons.NOTIMPLEMENTED) {
            return 0;
        }
        return r;
    }

    /** Lists order like tuples: by the first unequal item, else by length. */
    private static int listOrder(long a, long b) {
        long[] x = Lists.snapshot(a);
        long[] y = Lists.snapshot(b);
        try {
            int n = Math.min(x.length, y.length);
            for (int i = 0; i < n; i++) {
                if (!Protocols.equal(x[i], y[i])) {
                    return compare(x[i], y[i]);
                }
            }
            return Integer.compare(x.length, y.length);
        } finally {
            for (long r : x) {
                Native.decref(r);
            }
            for (long r : y) {
                Native.decref(r);
            }
        }
    }

    /**
     * What a built-in type's own tp_richcompare answers: the built-in equality and order, NotImplemented where
     * they do not apply (a new reference).
     */
    public static long builtinRich(long a, long b, int op) {
        if (op == Protocols.EQ || op == Protocols.NE) {
            if (!sameFamily(a, b)) { // as object's: identity decides ==, anything else is the other side's to say
                return a == b ? Singletons.bool(op == Protocols.EQ) : Heap.newRef(Singletons.NOTIMPLEMENTED);
            }
            return Singletons.bool(Protocols.equal(a, b) == (op == Protocols.EQ));
        }
        Integer c = builtinOrder(a, b);
        if (c == null) {
            c = inheritedOrder(a, b);
        }
        if (c == null) {
            return Heap.newRef(Singletons.NOTIMPLEMENTED);
        }
        return Singletons.bool(outcome(c, op));
    }

    /** Whether a built-in type's own comparison answers for a against b: numbers, or the same container family. */
    private static boolean sameFamily(long a, long b) {
        if ((Ints.isInt(a) || Floats.isFloat(a)) && (Ints.isInt(b) || Floats.isFloat(b))) {
            return true;
        }
        TypeKind ka = Types.builtinKind(a);
        TypeKind kb = Types.builtinKind(b);
        boolean bytesA = ka == TypeKind.BYTES || ka == TypeKind.BYTEARRAY;
        boolean bytesB = kb == TypeKind.BYTES || kb == TypeKind.BYTEARRAY;
        boolean setA = ka == TypeKind.SET || ka == TypeKind.FROZENSET;
        boolean setB = kb == TypeKind.SET || kb == TypeKind.FROZENSET;
        return bytesA && bytesB || setA && setB
                || ka == kb && Set.of(TypeKind.STR, TypeKind.TUPLE, TypeKind.LIST, TypeKind.DICT).contains(ka);
    }

    /** Subclasses of tuple and list (struct sequences among them) that define no order of their own use their base's. */
    private static Integer inheritedOrder(long a, long b) {
        if (Tuples.isTuple(a) && Tuples.isTuple(b)) {
            return tupleOrder(a, b);
        }
        if (Lists.isList(a) && Lists.isList(b)) {
            return listOrder(a, b);
        }
        return null;
    }

    private static int tupleOrder(long a, long b) {
        long n = Math.min(Tuples.size(a), Tuples.size(b));
        for (long i = 0; i < n; i++) {
            long x = Tuples.get(a, i);
            long y = Tuples.get(b, i);
            if (!Protocols.equal(x, y)) {
                return compare(x, y);
            }
        }
        return Long.compare(Tuples.size(a), Tuples.size(b));
    }

    private static Integer builtinOrder(long a, long b) {
        boolean na = Ints.isInt(a) || Floats.isFloat(a);
        boolean nb = Ints.isInt(b) || Floats.isFloat(b);
        if (na && nb) {
            if (Ints.isInt(a) && Ints.isInt(b)) {
                return Ints.value(a).compareTo(Ints.value(b));
            }
            return Double.compare(Floats.asDouble(a), Floats.asDouble(b));
        }
        TypeKind ka = Types.kindOf(a);
        TypeKind kb = Types.kindOf(b);
        if ((ka == TypeKind.BYTES || ka == TypeKind.BYTEARRAY) && (kb == TypeKind.BYTES || kb == TypeKind.BYTEARRAY)) {
            return Integer.signum(java.util.Arrays.compareUnsigned(
                    ka == TypeKind.BYTES ? Bytes.value(a) : Bytes.byteArrayValue(a),
                    kb == TypeKind.BYTES ? Bytes.value(b) : Bytes.byteArrayValue(b)));
        }
        if (ka != kb) {
            return null;
        }
        return switch (ka) {
            case STR -> Integer.signum(Strs.value(a).compareTo(Strs.value(b)));
            case BYTES -> java.util.Arrays.compareUnsigned(Bytes.value(a), Bytes.value(b));
            case TUPLE -> tupleOrder(a, b);
            case LIST -> listOrder(a, b);
            default -> null;
        };
    }
}
