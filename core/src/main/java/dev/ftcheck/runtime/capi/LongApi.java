package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;
import java.math.BigInteger;

/**
 * longobject.h: int objects with CPython's conversion and overflow rules, the 3.13 native-bytes conversions with
 * their flags and return-value rules, int() from a str, and 3.14's fixed-width conversions and sign tests.
 */
public final class LongApi {
    private static final int DEFAULTS = -1, LITTLE_ENDIAN = 1, NATIVE_ENDIAN = 2, UNSIGNED_BUFFER = 4,
            REJECT_NEGATIVE = 8, ALLOW_INDEX = 16;
    private static final int MAX_STR_DIGITS = 4300;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private LongApi() {}

    /** Bit 1 (native, which is little on every supported target) wins over bit 0, as CPython resolves it. */
    private static boolean littleEndian(int flags) {
        return flags == DEFAULTS || (flags & NATIVE_ENDIAN) != 0 || (flags & LITTLE_ENDIAN) != 0;
    }

    private static boolean unsignedBuffer(int flags) {
        return flags == DEFAULTS || (flags & UNSIGNED_BUFFER) != 0;
    }

    @CApi
    public static long PyLong_AsNativeBytes(long v, long buffer, long n, int flags) {
        if (v == 0 || n < 0) {
            throw PyRaise.badInternalCall();
        }
        BigInteger value;
        if (Ints.isInt(v)) {
            value = Ints.value(v);
        } else if (flags != DEFAULTS && (flags & ALLOW_INDEX) != 0) {
            long i = AbstractApi.PyNumber_Index(v);
            try {
                value = Ints.value(i);
            } finally {
                Native.decref(i);
            }
        } else {
            throw PyRaise.typeError("expect int, got %s", Types.typeOf(v).fullName());
        }
        if (flags != DEFAULTS && (flags & REJECT_NEGATIVE) != 0 && value.signum() < 0) {
            throw PyRaise.valueError("Cannot convert negative int");
        }
        boolean little = littleEndian(flags);
        if (n > 0) {
            write(value, buffer, n, little);
        }
        if (value.abs().bitLength() <= 30) { // one 30-bit digit: a "compact" int
            return compactResult(value.longValue(), n, flags);
        }
        // Bytes for the magnitude plus a sign bit; two edge cases need one byte less.
        int nb = value.abs().bitLength();
        long res = nb / 8 + 1;
        if (n > 0 && res == n + 1 && nb % 8 == 0) {
            if (value.signum() < 0) {
                if (value.negate().equals(BigInteger.ONE.shiftLeft(nb - 1))) {
                    res = n;
                }
            } else if (unsignedBuffer(flags)) {
                res = n;
            }
        }
        return res;
    }

    /** A value of one digit is answered as a Py_ssize_t would be: 8 unless a smaller buffer holds it. */
    private static long compactResult(long v, long n, int flags) {
        if (n <= 0 || n > 8) {
            return 8;
        }
        if (fitsSigned(v, n * 8)) {
            return n;
        }
        if (v > 0 && fitsSigned(v, n * 8 + 1)) {
            return unsignedBuffer(flags) ? n : n + 1;
        }
        return 8;
    }

    private static boolean fitsSigned(long v, long bits) {
        if (bits >= 64) {
            return true;
        }
        long high = v >> (bits - 1);
        return high == 0 || high == -1;
    }

    /** The low n bytes of v's two's complement (sign-extended past its width). */
    private static void write(BigInteger v, long buffer, long n, boolean little) {
        byte[] be = v.toByteArray();
        byte fill = (byte) (v.signum() < 0 ? 0xff : 0);
        for (long i = 0; i < n; i++) {
            int src = be.length - 1 - (int) Math.min(i, Integer.MAX_VALUE);
            byte b = i < be.length ? be[src] : fill;
            Mem.putByte(buffer + (little ? i : n - 1 - i), b);
        }
    }

    private static long fromBytes(long buffer, long n, boolean little, boolean signed) {
        if (buffer == 0) {
            throw PyRaise.badInternalCall();
        }
        byte[] be = new byte[(int) n];
        for (int i = 0; i < n; i++) {
            be[little ? (int) n - 1 - i : i] = Mem.getByte(buffer + i);
        }
        return Ints.fromBig(n == 0 ? BigInteger.ZERO : signed ? new BigInteger(be) : new BigInteger(1, be));
    }

    @CApi
    public static long PyLong_FromNativeBytes(long buffer, long n, int flags) {
        return fromBytes(buffer, n, littleEndian(flags), flags == DEFAULTS || (flags & UNSIGNED_BUFFER) == 0);
    }

    @CApi
    public static long PyLong_FromUnsignedNativeBytes(long buffer, long n, int flags) {
        return fromBytes(buffer, n, littleEndian(flags), false);
    }

    @CApi
    public static long PyLong_FromUnicodeObject(long u, int base) {
        if (u == 0 || !Strs.isStr(u)) {
            throw PyRaise.badInternalCall();
        }
        if ((base != 0 && base < 2) || base > 36) {
            throw PyRaise.valueError("int() arg 2 must be >= 2 and <= 36");
        }
        BigInteger v = parse(asciiDigits(Strs.value(u)), base);
        if (v == null) {
            String r = Repr.repr(u);
            throw PyRaise.valueError("invalid literal for int() with base %d: %s", base,
                    r.codePointCount(0, r.length()) > 200 ? r.substring(0, r.offsetByCodePoints(0, 200)) : r);
        }
        return Ints.fromBig(v);
    }

    /** Unicode white space becomes ' ' and decimal digits their ASCII digit; anything else non-ASCII stays. */
    private static String asciiDigits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c < 128) {
                b.append((char) c);
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                b.append(' ');
            } else if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                b.append((char) ('0' + Character.digit(c, 10)));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** An int literal as int(s, base) reads it (base 0 or 2..36), or null when it is not one. */
    static BigInteger parse(String s, int base) {
        int i = 0, end = s.length();
        while (i < end && isSpace(s.charAt(i))) {
            i++;
        }
        while (end > i && isSpace(s.charAt(end - 1))) {
            end--;
        }
        boolean negative = false;
        if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        boolean prefixed = false;
        if (i + 1 < end && s.charAt(i) == '0') {
            char p = Character.toLowerCase(s.charAt(i + 1));
            int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : -1;
            if (pb > 0 && (base == 0 || base == pb)) {
                base = pb;
                i += 2;
                prefixed = true;
            }
        }
        boolean zeroOnly = false;
        if (base == 0) {
            base = 10;
            zeroOnly = i < end && s.charAt(i) == '0'; // "010" is not a base-0 literal
        }
        StringBuilder digits = new StringBuilder();
        for (int k = i; k < end; k++) {
            char c = s.charAt(k);
            if (c == '_') {
                // one underscore, after a digit or right after the prefix, and before a digit
                boolean afterDigitOrPrefix = k > i ? s.charAt(k - 1) != '_' : prefixed;
                if (!afterDigitOrPrefix || k + 1 >= end || s.charAt(k + 1) == '_') {
                    return null;
                }
                continue;
            }
            int d = c < 128 ? Character.digit(c, base) : -1;
            if (d < 0 || (zeroOnly && d != 0)) {
                return null;
            }
            digits.append(c);
        }
        if (digits.isEmpty()) {
            return null;
        }
        if ((base & (base - 1)) != 0 && digits.length() > MAX_STR_DIGITS) {
            throw PyRaise.valueError("Exceeds the limit (%d digits) for integer string conversion: value has %d"
                    + " digits; use sys.set_int_max_str_digits() to increase the limit", MAX_STR_DIGITS,
                    digits.length());
        }
        BigInteger v = new BigInteger(digits.toString(), base);
        return negative ? v.negate() : v;
    }

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

    // ---- 3.14: fixed-width conversions ----

    /** The value of an int, or of a non-int through its __index__ (TypeError when it has none). */
    private static BigInteger indexValue(long obj) {
        if (obj == 0) {
            throw PyRaise.badInternalCall();
        }
        if (Ints.isInt(obj)) {
            return Ints.value(obj);
        }
        long i = AbstractApi.PyNumber_Index(obj);
        try {
            return Ints.value(i);
        } finally {
            Native.decref(i);
        }
    }

    private static BigInteger signedFixed(long obj, int bits) {
        BigInteger v = indexValue(obj);
        if (v.bitLength() >= bits) { // bitLength leaves the sign bit out
            throw PyRaise.overflow("Python int too large to convert to C int" + bits + "_t");
        }
        return v;
    }

    private static BigInteger unsignedFixed(long obj, int bits) {
        BigInteger v = indexValue(obj);
        if (v.signum() < 0) {
            throw PyRaise.valueError("Cannot convert negative int");
        }
        if (v.bitLength() > bits) {
            throw PyRaise.overflow("Python int too large to convert to C uint" + bits + "_t");
        }
        return v;
    }

    @CApi
    public static int PyLong_AsInt32(long obj, long value) {
        Mem.putInt(value, signedFixed(obj, 32).intValue());
        return 0;
    }

    @CApi
    public static int PyLong_AsUInt32(long obj, long value) {
        Mem.putInt(value, unsignedFixed(obj, 32).intValue());
        return 0;
    }

    @CApi
    public static int PyLong_AsInt64(long obj, long value) {
        Mem.putLong(value, signedFixed(obj, 64).longValue());
        return 0;
    }

    @CApi
    public static int PyLong_AsUInt64(long obj, long value) {
        Mem.putLong(value, unsignedFixed(obj, 64).longValue());
        return 0;
    }

    // ---- 3.14: sign tests ----

    private static int signOf(long obj) {
        if (obj == 0 || !Ints.isInt(obj)) {
            throw PyRaise.typeError("expected int, got %s", obj == 0 ? "NULL" : Types.typeOf(obj).fullName());
        }
        return Ints.sign(obj);
    }

    @CApi
    public static int PyLong_IsPositive(long obj) {
        return signOf(obj) > 0 ? 1 : 0;
    }

    @CApi
    public static int PyLong_IsNegative(long obj) {
        return signOf(obj) < 0 ? 1 : 0;
    }

    @CApi
    public static int PyLong_IsZero(long obj) {
        return signOf(obj) == 0 ? 1 : 0;
    }

    @CApi
    public static int PyLong_GetSign(long obj, long sign) {
        Mem.putInt(sign, signOf(obj));
        return 0;
    }
}
