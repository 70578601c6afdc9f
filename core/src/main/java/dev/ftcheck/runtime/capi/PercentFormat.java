package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.StrMethods.IntBuilder;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * {@code str % args} (PyUnicode_Format): mapping keys, the flags {@code -+ #0}, width and precision (also
 * {@code *}), the conversions {@code s r a c d i u x X o e E f F g G %}, and CPython's errors. Floats are formatted
 * from their exact binary value with round-half-even, as C's printf and CPython do.
 */
final class PercentFormat {
    private final int[] fmt;
    private final long args;       // borrowed
    private final long dict;       // the mapping for %(key), or 0
    private final long argCount;   // tuple size, or -1 for a single argument
    private long argIndex;
    private int pos;

    private PercentFormat(int[] fmt, long args) {
        this.fmt = fmt;
        this.args = args;
        boolean tuple = Tuples.isTuple(args);
        this.argCount = tuple ? Tuples.size(args) : -1;
        this.argIndex = 0;
        // CPython's test is "has mp_subscript", which lists, bytes and bytearray pass too
        boolean subscriptable = AbstractApi.PyMapping_Check(args) != 0 || Types.isInstance(args, Types.LIST)
                || Types.isInstance(args, Types.BYTES) || Types.isInstance(args, Types.BYTEARRAY);
        this.dict = !tuple && !Strs.isStr(args) && subscriptable ? args : 0;
    }

    static long format(long format, long args) {
        if (format == 0 || args == 0) {
            throw PyRaise.badInternalCall();
        }
        if (!Strs.isStr(format)) {
            throw PyRaise.typeError("must be str, not %s", Types.name(format));
        }
        return Strs.fromCodePoints(new PercentFormat(Strs.codePoints(format), args).run());
    }

    /** The next positional argument (borrowed). */
    private long nextArg() {
        if (argCount < 0) {
            if (argIndex++ == 0) {
                return args;
            }
        } else if (argIndex < argCount) {
            return Tuples.get(args, argIndex++);
        }
        throw PyRaise.typeError("not enough arguments for format string");
    }

    private int[] run() {
        IntBuilder out = new IntBuilder(fmt.length + 16);
        while (pos < fmt.length) {
            int c = fmt[pos++];
            if (c != '%') {
                out.add(c);
                continue;
            }
            if (pos < fmt.length && fmt[pos] == '%') {
                out.add('%');
                pos++;
                continue;
            }
            spec(out);
        }
        if (argCount >= 0 ? argIndex < argCount : argIndex == 0 && dict == 0) {
            throw PyRaise.typeError("not all arguments converted during string formatting");
        }
        return out.toArray();
    }

    private int peek() {
        if (pos >= fmt.length) {
            throw PyRaise.valueError("incomplete format");
        }
        return fmt[pos];
    }

    private void spec(IntBuilder out) {
        long value = 0;
        boolean ownValue = false;
        if (pos < fmt.length && fmt[pos] == '(') {
            if (dict == 0) {
                throw PyRaise.typeError("format requires a mapping");
            }
            int depth = 1;
            int start = ++pos;
            while (pos < fmt.length && depth > 0) {
                if (fmt[pos] == '(') {
                    depth++;
                } else if (fmt[pos] == ')') {
                    depth--;
                }
                pos++;
            }
            if (depth > 0) {
                throw PyRaise.valueError("incomplete format key");
            }
            long key = Strs.fromCodePoints(java.util.Arrays.copyOfRange(fmt, start, pos - 1));
            try {
                value = Types.isInstance(dict, Types.DICT) ? dev.ftcheck.runtime.obj.Dicts.getRef(dict, key)
                        : AbstractApi.PyObject_GetItem(dict, key);
                if (value == 0) {
                    Errors.setValue(Exceptions.KeyError, key);
                    throw ErrorAlreadySet.INSTANCE;
                }
                ownValue = true;
                if (argCount < 0) {
                    argIndex = 1; // the mapping is taken: a later unkeyed conversion has no argument
                }
            } finally {
                Native.decref(key);
            }
        }
        try {
            spec(out, value);
        } finally {
            if (ownValue) {
                Native.decref(value);
            }
        }
    }

    private void spec(IntBuilder out, long keyed) {
        boolean left = false, plus = false, space = false, alt = false, zero = false;
        for (boolean more = true; more; ) {
            switch (peek()) {
                case '-' -> left = true;
                case '+' -> plus = true;
                case ' ' -> space = true;
                case '#' -> alt = true;
                case '0' -> zero = true;
                default -> more = false;
            }
            if (more) {
                pos++;
            }
        }
        int width = -1;
        if (peek() == '*') {
            pos++;
            width = starArg();
            if (width < 0) {
                left = true;
                width = -width;
            }
        } else {
            width = digits(-1);
        }
        int prec = -1;
        if (peek() == '.') {
            pos++;
            if (peek() == '*') {
                pos++;
                prec = Math.max(0, starArg());
            } else {
                prec = digits(0);
            }
        }
        while (peek() == 'h' || peek() == 'l' || peek() == 'L') {
            pos++;
        }
        int conv = fmt[pos++];
        long v = keyed != 0 ? keyed : nextArg();
        String sign = "";
        String prefix = "";
        String body;
        boolean numeric = true;
        switch (conv) {
            case 's', 'r', 'a' -> {
                numeric = false;
                body = conv == 's' ? Repr.str(v) : conv == 'r' ? Repr.repr(v) : ascii(v);
                if (prec >= 0 && body.codePointCount(0, body.length()) > prec) {
                    body = body.substring(0, body.offsetByCodePoints(0, prec));
                }
            }
            case 'c' -> {
                numeric = false;
                body = character(v);
            }
            case 'd', 'i', 'u', 'x', 'X', 'o' -> {
                BigInteger n = integer(v, conv);
                String digits = n.abs().toString(conv == 'x' || conv == 'X' ? 16 : conv == 'o' ? 8 : 10);
                if (conv == 'X') {
                    digits = digits.toUpperCase(java.util.Locale.ROOT);
                }
                if (prec > digits.length()) {
                    digits = "0".repeat(prec - digits.length()) + digits;
                }
                sign = n.signum() < 0 ? "-" : plus ? "+" : space ? " " : "";
                prefix = !alt ? "" : conv == 'x' ? "0x" : conv == 'X' ? "0X" : conv == 'o' ? "0o" : "";
                body = digits;
            }
            case 'e', 'E', 'f', 'F', 'g', 'G' -> {
                double d = real(v);
                boolean negative = d < 0 || (d == 0 && 1 / d < 0);
                sign = negative ? "-" : plus ? "+" : space ? " " : "";
                body = floatBody(Math.abs(d), (char) Character.toLowerCase(conv), prec < 0 ? 6 : prec, alt);
                if (Character.isUpperCase(conv)) {
                    body = body.toUpperCase(java.util.Locale.ROOT);
                }
            }
            default -> throw PyRaise.valueError("unsupported format character '%c' (0x%x) at index %d",
                    conv >= 32 && conv <= 126 ? (char) conv : '?', conv, pos - 1);
        }
        int len = sign.length() + prefix.length() + body.codePointCount(0, body.length());
        int pad = Math.max(0, width - len);
        if (left) {
            out.add(sign + prefix);
            addAll(out, body);
            out.add(" ".repeat(pad));
        } else if (zero && numeric) {
            out.add(sign + prefix + "0".repeat(pad));
            addAll(out, body);
        } else {
            out.add(" ".repeat(pad) + sign + prefix);
            addAll(out, body);
        }
    }

    private static void addAll(IntBuilder out, String s) {
        s.codePoints().forEach(out::add);
    }

    private int digits(int none) {
        int n = none;
        while (pos < fmt.length && fmt[pos] >= '0' && fmt[pos] <= '9') {
            n = (n < 0 ? 0 : n) * 10 + (fmt[pos++] - '0');
        }
        return n;
    }

    private int starArg() {
        long a = nextArg();
        if (!Ints.isInt(a)) {
            throw PyRaise.typeError("* wants int");
        }
        BigInteger v = Ints.value(a);
        if (v.bitLength() > 31) {
            throw PyRaise.valueError("width too big");
        }
        return v.intValue();
    }

    private static String ascii(long v) {
        long r = ObjectApi.PyObject_ASCII(v);
        try {
            return Strs.value(r);
        } finally {
            Native.decref(r);
        }
    }

    private static String character(long v) {
        if (Ints.isInt(v)) {
            BigInteger n = Ints.value(v);
            if (n.signum() < 0 || n.compareTo(BigInteger.valueOf(0x10FFFF)) > 0) {
                throw PyRaise.overflow("%c arg not in range(0x110000)");
            }
            return new String(Character.toChars(n.intValue()));
        }
        if (Strs.isStr(v) && Strs.length(v) == 1) {
            return new String(Character.toChars(Strs.codePointAt(v, 0)));
        }
        throw new PyRaise(Exceptions.TypeError, "%c requires int or char");
    }

    private static BigInteger integer(long v, int conv) {
        if (Ints.isInt(v)) {
            return Ints.value(v);
        }
        boolean indexOnly = conv == 'x' || conv == 'X' || conv == 'o';
        PyRaise wrong = PyRaise.typeError("%%%c format: %s is required, not %s", conv,
                indexOnly ? "an integer" : "a real number", Types.name(v));
        if (dev.ftcheck.runtime.capi.AbstractApi.PyNumber_Check(v) == 0) {
            throw wrong;
        }
        long n;
        try {
            n = indexOnly ? AbstractApi.PyNumber_Index(v) : AbstractApi.PyNumber_Long(v);
        } catch (PyRaise e) {
            if (Types.isSubtype(e.type, Exceptions.TypeError)) {
                throw wrong;
            }
            throw e;
        } catch (ErrorAlreadySet e) {
            if (Errors.matches(Exceptions.TypeError)) {
                Errors.clear();
                throw wrong;
            }
            throw e;
        }
        try {
            return Ints.value(n);
        } finally {
            Native.decref(n);
        }
    }

    private static double real(long v) {
        if (Floats.isFloat(v)) {
            return Floats.value(v);
        }
        if (Ints.isInt(v)) {
            double d = Ints.value(v).doubleValue();
            if (Double.isInfinite(d)) {
                throw PyRaise.overflow("int too large to convert to float");
            }
            return d;
        }
        if (AbstractApi.PyNumber_Check(v) == 0) {
            throw PyRaise.typeError("must be real number, not %s", Types.name(v));
        }
        return FloatApi.PyFloat_AsDouble(v);
    }

    /** printf's %e, %f or %g of a non-negative double, lower case. */
    static String floatBody(double a, char conv, int prec, boolean alt) {
        if (Double.isNaN(a)) {
            return "nan";
        }
        if (Double.isInfinite(a)) {
            return "inf";
        }
        BigDecimal exact = new BigDecimal(a);
        switch (conv) {
            case 'f':
                return fixed(exact, prec, alt);
            case 'e':
                return scientific(exact, prec, alt);
            default: {
                int p = prec == 0 ? 1 : prec;
                int x = a == 0 ? 0 : exponent(exact.round(new MathContext(p, RoundingMode.HALF_EVEN)));
                String s = x >= -4 && x < p ? fixed(exact, p - 1 - x, alt) : scientific(exact, p - 1, alt);
                return alt ? s : stripZeros(s);
            }
        }
    }

    private static String fixed(BigDecimal exact, int prec, boolean alt) {
        String s = exact.setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
        return prec == 0 && alt ? s + "." : s;
    }

    private static int exponent(BigDecimal d) {
        return d.precision() - d.scale() - 1;
    }

    private static String scientific(BigDecimal exact, int prec, boolean alt) {
        String digits;
        int x;
        if (exact.signum() == 0) {
            digits = "0".repeat(prec + 1);
            x = 0;
        } else {
            BigDecimal r = exact.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
            x = exponent(r);
            digits = r.unscaledValue().toString();
            digits = digits.length() > prec + 1 ? digits.substring(0, prec + 1)
                    : digits + "0".repeat(prec + 1 - digits.length());
        }
        String mantissa = digits.charAt(0) + (prec > 0 || alt ? "." : "") + digits.substring(1);
        return mantissa + (x < 0 ? "e-" : "e+") + (Math.abs(x) < 10 ? "0" : "") + Math.abs(x);
    }

    /** %g without '#': trailing zeros of the fraction go, and the point with them. */
    private static String stripZeros(String s) {
        int e = s.indexOf('e');
        String m = e < 0 ? s : s.substring(0, e);
        String tail = e < 0 ? "" : s.substring(e);
        if (m.indexOf('.') >= 0) {
            m = m.replaceAll("0+$", "");
            if (m.endsWith(".")) {
                m = m.substring(0, m.length() - 1);
            }
        }
        return m + tail;
    }
}
