package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import java.math.BigInteger;

/** int, float and bool C-API with CPython's conversion and overflow rules. */
public final class NumberApi {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private NumberApi() {}


    @CApi
    public static long PyLong_FromUnsignedLong(long v) {
        return Ints.fromUnsigned(v);
    }

    @CApi
    public static long PyLong_FromSize_t(long v) {
        return Ints.fromUnsigned(v);
    }

    @CApi
    public static long PyLong_FromSsize_t(long v) {
        return Ints.fromLong(v);
    }

    @CApi
    public static long PyLong_FromLongLong(long v) {
        return Ints.fromLong(v);
    }

    @CApi
    public static long PyLong_FromUnsignedLongLong(long v) {
        return Ints.fromUnsigned(v);
    }

    @CApi
    public static long PyLong_FromInt32(int v) {
        return Ints.fromLong(v);
    }

    @CApi
    public static long PyLong_FromUInt32(int v) {
        return Ints.fromLong(Integer.toUnsignedLong(v));
    }

    @CApi
    public static long PyLong_FromInt64(long v) {
        return Ints.fromLong(v);
    }

    @CApi
    public static long PyLong_FromUInt64(long v) {
        return Ints.fromUnsigned(v);
    }

    @CApi
    public static long PyLong_FromVoidPtr(long p) {
        return Ints.fromUnsigned(p);
    }

    @CApi
    public static long PyLong_FromDouble(double v) {
        if (Double.isNaN(v)) {
            throw PyRaise.valueError("cannot convert float NaN to integer");
        }
        if (Double.isInfinite(v)) {
            throw PyRaise.overflow("cannot convert float infinity to integer");
        }
        return Ints.fromBig(new java.math.BigDecimal(v).toBigInteger());
    }

    @CApi
    public static long PyLong_FromString(long str, long pend, int base) {
        String s = Mem.cString(str);
        String t = s.strip().replace("_", "");
        int b = base;
        String digits = t;
        boolean neg = false;
        if (digits.startsWith("-") || digits.startsWith("+")) {
            neg = digits.startsWith("-");
            digits = digits.substring(1);
        }
        String lower = digits.toLowerCase();
        if ((b == 0 || b == 16) && lower.startsWith("0x")) {
            b = 16;
            digits = digits.substring(2);
        } else if ((b == 0 || b == 8) && lower.startsWith("0o")) {
            b = 8;
            digits = digits.substring(2);
        } else if ((b == 0 || b == 2) && lower.startsWith("0b")) {
            b = 2;
            digits = digits.substring(2);
        } else if (b == 0) {
            b = 10;
        }
        try {
            BigInteger v = new BigInteger(digits, b);
            if (pend != 0) {
                Mem.putLong(pend, str + s.length());
            }
            return Ints.fromBig(neg ? v.negate() : v);
        } catch (NumberFormatException e) {
            throw PyRaise.valueError("invalid literal for int() with base %d: %s", base,
                    dev.ftcheck.runtime.obj.Repr.quote(s));
        }
    }

    private static BigInteger index(long obj) {
        return Ints.index(obj);
    }

    /** PyLong_AsLong's rule (the exported function is a native fast path; this serves the Java callers). */
    static long asLong(long obj) {
        if (obj != 0 && Ints.isInt(obj)) {
            return Ints.asLong(obj);
        }
        BigInteger v = index(obj);
        if (v.bitLength() >= 64) {
            throw PyRaise.overflow("Python int too large to convert to C long");
        }
        return v.longValue();
    }


    @CApi
    public static int PyLong_AsInt(long obj) {
        long v = asLong(obj);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw PyRaise.overflow("Python int too large to convert to C int");
        }
        return (int) v;
    }

    @CApi
    public static long PyLong_AsLongAndOverflow(long obj, long overflow) {
        Mem.putInt(overflow, 0);
        BigInteger v = index(obj);
        if (v.compareTo(LONG_MAX) > 0) {
            Mem.putInt(overflow, 1);
            return -1;
        }
        if (v.compareTo(LONG_MIN) < 0) {
            Mem.putInt(overflow, -1);
            return -1;
        }
        return v.longValue();
    }

    @CApi
    public static long PyLong_AsLongLongAndOverflow(long obj, long overflow) {
        return PyLong_AsLongAndOverflow(obj, overflow);
    }

    private static long unsigned(long obj, String cType) {
        if (obj == 0 || !Ints.isInt(obj)) {
            throw PyRaise.typeError("an integer is required");
        }
        BigInteger v = Ints.value(obj);
        if (v.signum() < 0) {
            throw PyRaise.overflow("can't convert negative value to " + cType);
        }
        if (v.compareTo(ULONG_MAX) > 0) {
            throw PyRaise.overflow("Python int too large to convert to C " + cType);
        }
        return v.longValue();
    }

    @CApi
    public static long PyLong_AsUnsignedLong(long obj) {
        return unsigned(obj, "unsigned long");
    }

    @CApi
    public static long PyLong_AsSize_t(long obj) {
        return unsigned(obj, "size_t");
    }

    @CApi
    public static long PyLong_AsUnsignedLongLong(long obj) {
        return unsigned(obj, "unsigned long long");
    }

    @CApi
    public static long PyLong_AsUnsignedLongMask(long obj) {
        return index(obj).longValue();
    }

    @CApi
    public static long PyLong_AsUnsignedLongLongMask(long obj) {
        return index(obj).longValue();
    }

    @CApi
    public static long PyLong_AsVoidPtr(long obj) {
        BigInteger v = index(obj);
        return v.longValue();
    }

    @CApi
    public static double PyLong_AsDouble(long obj) {
        if (obj == 0 || !Ints.isInt(obj)) {
            throw PyRaise.typeError("an integer is required");
        }
        double d = Ints.value(obj).doubleValue();
        if (Double.isInfinite(d)) {
            throw PyRaise.overflow("int too large to convert to float");
        }
        return d;
    }

    @CApi
    public static long PyFloat_FromDouble(double v) {
        return Floats.fromDouble(v);
    }

    @CApi
    public static double PyFloat_AsDouble(long obj) {
        if (obj == 0) {
            throw PyRaise.badInternalCall();
        }
        return Floats.asDouble(obj);
    }

    @CApi
    public static long PyFloat_FromString(long str) {
        String s = Strs.check(str, "argument").strip();
        try {
            return Floats.fromDouble(Double.parseDouble(s.replace("_", "")));
        } catch (NumberFormatException e) {
            throw PyRaise.valueError("could not convert string to float: %s", dev.ftcheck.runtime.obj.Repr.quote(s));
        }
    }

    @CApi
    public static double PyFloat_GetMax() {
        return Double.MAX_VALUE;
    }

    @CApi
    public static double PyFloat_GetMin() {
        return Double.MIN_NORMAL;
    }

    @CApi
    public static long PyBool_FromLong(long ok) {
        return Singletons.bool(ok != 0);
    }
}
