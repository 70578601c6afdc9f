package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import java.math.BigInteger;

/**
 * int objects in CPython 3.13's layout: {@code lv_tag} (digit count << 3 | sign: 0 positive, 1 zero, 2 negative)
 * followed by 30-bit digits in uint32 slots, least significant first. -5..256 are cached immortal objects.
 */
public final class Ints {
    private static final int SHIFT = 30;
    private static final long MASK = (1L << SHIFT) - 1;
    private static final int SMALL_MIN = -5;
    private static final int SMALL_MAX = 256;
    private static final long[] SMALL = new long[SMALL_MAX - SMALL_MIN + 1];
    private static final BigInteger BIG_MASK = BigInteger.valueOf(MASK);

    private Ints() {}

    public static synchronized void init() {
        if (SMALL[0] != 0) {
            return;
        }
        for (int v = SMALL_MIN; v <= SMALL_MAX; v++) {
            long p = allocDigits(Types.INT, v == 0 ? 0 : 1);
            write(p, v);
            Heap.immortalizeAllocated(p);
            SMALL[v - SMALL_MIN] = p;
        }
        // The bridge's PyLong_FromLong fast path hands these out without an upcall.
        long table = dev.ftcheck.runtime.nat.Bridge.get().require("ftb_small_ints");
        for (int i = 0; i < SMALL.length; i++) {
            dev.ftcheck.runtime.nat.Mem.putLong(table + 8L * i, SMALL[i]);
        }
    }

    /** lv_tag for a sign (-1, 0, 1) and a digit count. */
    public static long tag(int sign, long ndigits) {
        return (1 - sign) | (ndigits << 3);
    }

    private static long allocDigits(long type, int ndigits) {
        return Heap.alloc(type, LONG_DIGITS + 4L * Math.max(1, ndigits));
    }

    private static void write(long p, long v) {
        if (v == 0) {
            Mem.putLong(p + LONG_TAG, tag(0, 0));
            return;
        }
        int sign = v < 0 ? -1 : 1;
        // Magnitude of Long.MIN_VALUE does not fit a long; its digits come out right via unsigned shifts.
        long m = v < 0 ? -v : v;
        int n = 0;
        while (m != 0) {
            Mem.putInt(p + LONG_DIGITS + 4L * n, (int) (m & MASK));
            m >>>= SHIFT;
            n++;
        }
        Mem.putLong(p + LONG_TAG, tag(sign, n));
    }

    private static int digitsNeeded(long v) {
        if (v == 0) {
            return 0;
        }
        long m = v < 0 ? -v : v;
        int bits = 64 - Long.numberOfLeadingZeros(m);
        if (v == Long.MIN_VALUE) {
            bits = 64;
        }
        return (bits + SHIFT - 1) / SHIFT;
    }

    /** New reference to an int with value v. */
    public static long fromLong(long v) {
        if (v >= SMALL_MIN && v <= SMALL_MAX) {
            return SMALL[(int) v - SMALL_MIN];
        }
        long p = allocDigits(Types.INT, digitsNeeded(v));
        write(p, v);
        return p;
    }

    /** A new instance of type (an int subclass) with the value of the int p. */
    public static long ofSubtype(long type, long p) {
        int n = (int) ndigits(p);
        long q = allocDigits(type, n);
        Mem.copy(p + LONG_DIGITS, q + LONG_DIGITS, 4L * n);
        Mem.putLong(q + LONG_TAG, Mem.getLong(p + LONG_TAG));
        return q;
    }

    public static long fromUnsigned(long v) {
        if (v >= 0) {
            return fromLong(v);
        }
        return fromBig(new BigInteger(Long.toUnsignedString(v)));
    }

    public static long fromBig(BigInteger v) {
        if (v.bitLength() < 64) {
            return fromLong(v.longValue());
        }
        BigInteger m = v.abs();
        int n = (m.bitLength() + SHIFT - 1) / SHIFT;
        long p = allocDigits(Types.INT, n);
        for (int i = 0; i < n; i++) {
            Mem.putInt(p + LONG_DIGITS + 4L * i, m.shiftRight(SHIFT * i).and(BIG_MASK).intValue());
        }
        Mem.putLong(p + LONG_TAG, tag(v.signum(), n));
        return p;
    }

    public static int sign(long p) {
        return 1 - (int) (Mem.getLong(p + LONG_TAG) & 3);
    }

    public static long ndigits(long p) {
        return Mem.getLong(p + LONG_TAG) >>> 3;
    }

    /** Whether the value fits a Java long. */
    public static boolean fitsLong(long p) {
        long n = ndigits(p);
        if (n <= 2) {
            return true;
        }
        return value(p).bitLength() < 64;
    }

    /** The exact value. */
    public static BigInteger value(long p) {
        long n = ndigits(p);
        if (n <= 2) {
            return BigInteger.valueOf(small(p, n));
        }
        BigInteger r = BigInteger.ZERO;
        for (long i = n - 1; i >= 0; i--) {
            r = r.shiftLeft(SHIFT).or(BigInteger.valueOf(Integer.toUnsignedLong(Mem.getInt(p + LONG_DIGITS + 4 * i))));
        }
        return sign(p) < 0 ? r.negate() : r;
    }

    private static long small(long p, long n) {
        long m = 0;
        for (long i = n - 1; i >= 0; i--) {
            m = (m << SHIFT) | Integer.toUnsignedLong(Mem.getInt(p + LONG_DIGITS + 4 * i));
        }
        return sign(p) < 0 ? -m : m;
    }

    /** The value as a long; OverflowError with CPython's message when it does not fit. */
    public static long asLong(long p) {
        long n = ndigits(p);
        if (n <= 2) {
            return small(p, n);
        }
        BigInteger v = value(p);
        if (v.bitLength() >= 64) {
            throw PyRaise.overflow("Python int too large to convert to C long");
        }
        return v.longValue();
    }

    public static boolean isInt(long obj) {
        return (Mem.getLong(Heap.type(obj) + TP_FLAGS) & TPF_LONG_SUBCLASS) != 0;
    }

    /** An int operand for the integer-conversion APIs (int or a type with nb_index); TypeError otherwise. */
    public static BigInteger index(long obj) {
        if (obj == 0) {
            throw PyRaise.badInternalCall();
        }
        if (isInt(obj)) {
            return value(obj);
        }
        throw PyRaise.typeError("'%s' object cannot be interpreted as an integer", Types.name(obj));
    }

    public static void dealloc(long p) {
        // No references held.
    }
}
