package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.builtins.BuiltinSlots;
import dev.ftcheck.runtime.nat.Native;
import java.math.BigInteger;

/** Python's object protocols for any object: hash, equality, truth, rich comparison. */
public final class Protocols {
    public static final int LT = 0, LE = 1, EQ = 2, NE = 3, GT = 4, GE = 5;

    private Protocols() {}

    public static long hash(long o) {
        long type = Heap.type(o);
        if (type == Types.STR) {
            return Strs.hash(o); // the hot case: dict keys
        }
        if (type == Types.INT) {
            return builtinHash(o, TypeKind.INT);
        }
        PyType t = Types.of(type);
        if (!t.builtin) {
            long tpHash = Mem.getLong(t.addr + TP_HASH);
            if (tpHash != 0 && tpHash != BuiltinSlots.hash()) {
                long h = Downcalls.call1(tpHash, o);
                if (h == -1 && Errors.current() != 0) {
                    throw ErrorAlreadySet.INSTANCE;
                }
                return h;
            }
        }
        return builtinHash(o, t.builtin ? t.kind : Types.builtinKind(o));
    }

    /** The hash a built-in type's own tp_hash gives: by the kind of the object's nearest built-in type. */
    public static long builtinHash(long o) {
        PyType t = Types.typeOf(o);
        return builtinHash(o, t.builtin ? t.kind : Types.builtinKind(o));
    }

    private static long builtinHash(long o, TypeKind k) {
        if (o == Singletons.NONE) {
            return 0xFCA86420L; // CPython 3.12+ gives None a constant hash
        }
        switch (k) {
            case STR:
                return Strs.hash(o);
            case INT:
            case BOOL:
                if (Ints.ndigits(o) <= 2) {
                    long v = Ints.asLong(o);
                    return v == -1 ? -2 : v;
                }
                return numberHash(Ints.value(o));
            case FLOAT: {
                double d = Floats.value(o);
                if (Double.isNaN(d)) {
                    return Strs.mixHash(o >>> 4);
                }
                if (Double.isInfinite(d)) {
                    return d > 0 ? 314159 : -314159;
                }
                return floatHash(d);
            }
            case BYTES:
                return Bytes.hash(o);
            case TUPLE:
                return tupleHash(o);
            case FROZENSET: {
                long h = 0;
                for (long e : Sets.elements(o)) {
                    h ^= hash(e) * 0x9E3779B97F4A7C15L;
                    Native.decref(e);
                }
                return h == -1 ? -2 : h;
            }
            case LIST:
            case DICT:
            case SET:
            case BYTEARRAY:
                throw PyRaise.typeError("unhashable type: '%s'", Types.name(o));
            default:
                return pointerHash(o);
        }
    }

    /** Dicts are equal when they have the same keys, each mapped to equal values (identity counts, as in CPython). */
    private static boolean dictsEqual(long a, long b) {
        if (Dicts.size(a) != Dicts.size(b)) {
            return false;
        }
        long[] kv = Dicts.items(a);
        try {
            for (int i = 0; i < kv.length; i += 2) {
                long other = Dicts.getRef(b, kv[i]);
                if (other == 0) {
                    return false;
                }
                try {
                    if (other != kv[i + 1] && !equal(kv[i + 1], other)) {
                        return false;
                    }
                } finally {
                    Native.decref(other);
                }
            }
            return true;
        } finally {
            for (long r : kv) {
                Native.decref(r);
            }
        }
    }

    /** CPython's identity hash (Py_HashPointer): the address rotated right by 4 bits, -1 becoming -2. */
    public static long pointerHash(long o) {
        long h = Long.rotateRight(o, 4);
        return h == -1 ? -2 : h;
    }

    /** CPython's numeric hash modulus, 2**61 - 1: hash(n) is n reduced modulo it, keeping the sign. */
    private static final long MODULUS = (1L << 61) - 1;

    private static long numberHash(BigInteger v) {
        long h = v.abs().mod(BigInteger.valueOf(MODULUS)).longValue();
        if (v.signum() < 0) {
            h = -h;
        }
        return h == -1 ? -2 : h;
    }

    /** A finite float's hash: its exact value m * 2**e reduced modulo 2**61 - 1 (2**61 is 1 there). */
    private static long floatHash(double d) {
        java.math.BigDecimal exact = new java.math.BigDecimal(Math.abs(d));
        long bits = Double.doubleToRawLongBits(Math.abs(d));
        int exp = (int) (bits >>> 52);
        long mant = bits & 0xfffffffffffffL;
        int e;
        if (exp == 0) {
            e = -1074;
        } else {
            mant |= 1L << 52;
            e = exp - 1075;
        }
        BigInteger m = BigInteger.valueOf(mant).mod(BigInteger.valueOf(MODULUS));
        int shift = Math.floorMod(e, 61);
        long h = m.shiftLeft(shift).mod(BigInteger.valueOf(MODULUS)).longValue();
        if (d < 0) {
            h = -h;
        }
        return exact.signum() == 0 ? 0 : h == -1 ? -2 : h;
    }

    /** CPython 3.13's tuple hash (the xxHash-style accumulation over the items' hashes). */
    private static long tupleHash(long t) {
        final long prime1 = 0x9E3779B185EBCA87L, prime2 = 0xC2B2AE3D27D4EB4FL, prime5 = 0x27D4EB2F165667C5L;
        long n = Tuples.size(t);
        long acc = prime5;
        for (long i = 0; i < n; i++) {
            acc += hash(Tuples.get(t, i)) * prime2;
            acc = Long.rotateLeft(acc, 31);
            acc *= prime1;
        }
        acc += n ^ (prime5 ^ 3527539L);
        return acc == -1 ? 1546275796 : acc;
    }

    private static boolean isNumber(long o) {
        return Ints.isInt(o) || Floats.isFloat(o);
    }

    /** a == b with Python semantics for the built-ins; identity or tp_richcompare for others. */
    public static boolean equal(long a, long b) {
        if (a == b) {
            return true;
        }
        if (isNumber(a) && isNumber(b)) {
            if (Ints.isInt(a) && Ints.isInt(b)) {
                if (Ints.ndigits(a) <= 2 && Ints.ndigits(b) <= 2) {
                    return Ints.asLong(a) == Ints.asLong(b);
                }
                return Ints.value(a).equals(Ints.value(b));
            }
            return Floats.asDouble(a) == Floats.asDouble(b);
        }
        TypeKind ka = Types.kindOf(a);
        TypeKind kb = Types.kindOf(b);
        if (ka == TypeKind.STR && kb == TypeKind.STR) {
            return Strs.length(a) == Strs.length(b) && Strs.value(a).equals(Strs.value(b));
        }
        if (ka == TypeKind.BYTES && kb == TypeKind.BYTES) {
            return java.util.Arrays.equals(Bytes.value(a), Bytes.value(b));
        }
        if ((ka == TypeKind.BYTES || ka == TypeKind.BYTEARRAY) && (kb == TypeKind.BYTES || kb == TypeKind.BYTEARRAY)) {
            return java.util.Arrays.equals(bytesOf(a, ka), bytesOf(b, kb));
        }
        if (Tuples.isTuple(a) && Tuples.isTuple(b)) { // subclasses too: their own slot has had its say
            long n = Tuples.size(a);
            if (n != Tuples.size(b)) {
                return false;
            }
            for (long i = 0; i < n; i++) {
                if (!equal(Tuples.get(a, i), Tuples.get(b, i))) {
                    return false;
                }
            }
            return true;
        }
        if (Lists.isList(a) && Lists.isList(b)) {
            long[] x = Lists.snapshot(a);
            long[] y = Lists.snapshot(b);
            try {
                if (x.length != y.length) {
                    return false;
                }
                for (int i = 0; i < x.length; i++) {
                    if (!equal(x[i], y[i])) {
                        return false;
                    }
                }
                return true;
            } finally {
                for (long r : x) {
                    Native.decref(r);
                }
                for (long r : y) {
                    Native.decref(r);
                }
            }
        }
        if (Dicts.isDict(a) && Dicts.isDict(b)) {
            return dictsEqual(a, b);
        }
        for (long[] pair : new long[][] {{a, b}, {b, a}}) { // a's slot, then b's reflected (1.0 == 1j)
            long rc = Mem.getLong(Heap.type(pair[0]) + TP_RICHCOMPARE);
            if (rc != 0 && rc != BuiltinSlots.richcompare() && !Types.typeOf(pair[0]).builtin) {
                long r = Downcalls.call2i(rc, pair[0], pair[1], EQ);
                if (r == 0) {
                    throw ErrorAlreadySet.INSTANCE;
                }
                try {
                    if (r != Singletons.NOTIMPLEMENTED) {
                        return isTrue(r);
                    }
                } finally {
                    Native.decref(r);
                }
            }
            if (Heap.type(a) == Heap.type(b)) {
                break;
            }
        }
        // the reflected comparison (b == a), as CPython tries when a's answer is NotImplemented
        long rb = Mem.getLong(Heap.type(b) + TP_RICHCOMPARE);
        if (rb != 0 && rb != BuiltinSlots.richcompare() && !Types.typeOf(b).builtin && Heap.type(b) != Heap.type(a)) {
            long r = Downcalls.call2i(rb, b, a, EQ);
            if (r == 0) {
                throw ErrorAlreadySet.INSTANCE;
            }
            try {
                if (r != Singletons.NOTIMPLEMENTED) {
                    return isTrue(r);
                }
            } finally {
                Native.decref(r);
            }
        }
        return false;
    }

    private static byte[] bytesOf(long o, TypeKind k) {
        return k == TypeKind.BYTES ? Bytes.value(o) : Bytes.byteArrayValue(o);
    }

    public static boolean isTrue(long o) {
        if (o == Singletons.TRUE) {
            return true;
        }
        if (o == Singletons.FALSE || o == Singletons.NONE) {
            return false;
        }
        return switch (Types.kindOf(o)) {
            case INT, BOOL -> Ints.sign(o) != 0;
            case FLOAT -> Floats.value(o) != 0.0;
            case STR -> Strs.length(o) != 0;
            case BYTES, BYTEARRAY, TUPLE, LIST -> Heap.size(o) != 0;
            case DICT -> Dicts.size(o) != 0;
            case SET, FROZENSET -> Sets.size(o) != 0;
            default -> extensionTruth(o);
        };
    }

    private static boolean extensionTruth(long o) {
        long t = Heap.type(o);
        long nb = Mem.getLong(t + TP_AS_NUMBER);
        if (nb != 0) {
            long nbBool = Mem.getLong(nb + 72); // nb_bool
            if (nbBool != 0) {
                int r = Downcalls.int1(nbBool, o);
                if (r < 0) {
                    throw ErrorAlreadySet.INSTANCE;
                }
                return r != 0;
            }
        }
        long len = Mem.getLong(t + TP_AS_MAPPING);
        if (len != 0 && Mem.getLong(len + MP_LENGTH) != 0) {
            long n = Downcalls.call1(Mem.getLong(len + MP_LENGTH), o);
            if (n < 0) {
                throw ErrorAlreadySet.INSTANCE;
            }
            return n != 0;
        }
        return true;
    }

    /** len(o), TypeError for objects without a length. */
    public static long length(long o) {
        long n = builtinLength(o, Types.kindOf(o));
        if (n >= 0) {
            return n;
        }
        long t = Heap.type(o);
        for (long table : new long[] {Mem.getLong(t + TP_AS_SEQUENCE), Mem.getLong(t + TP_AS_MAPPING)}) {
            if (table != 0 && Mem.getLong(table) == BuiltinSlots.length()) { // inherited from a built-in type
                return builtinLength(o, Types.builtinKind(o));
            }
            if (table != 0 && Mem.getLong(table) != 0) {
                n = Downcalls.call1(Mem.getLong(table), o);
                if (n < 0 && Errors.current() != 0) {
                    throw ErrorAlreadySet.INSTANCE;
                }
                return n;
            }
        }
        throw PyRaise.typeError("object of type '%s' has no len()", Types.name(o));
    }

    /** len(o) for the container kinds the runtime implements; -1 for any other kind. */
    public static long builtinLength(long o, TypeKind kind) {
        switch (kind) {
            case STR:
                return Strs.length(o);
            case BYTES:
            case BYTEARRAY:
            case TUPLE:
            case LIST:
                return Heap.size(o);
            case DICT:
                return Dicts.size(o);
            case SET:
            case FROZENSET:
                return Sets.size(o);
            default:
                return -1;
        }
    }
}
