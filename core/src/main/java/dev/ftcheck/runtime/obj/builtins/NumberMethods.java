package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.builtins.ObjectMethods.q;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.function.BinaryOperator;
import java.util.function.LongPredicate;

/** Methods of int, bool and float. */
final class NumberMethods {
    private NumberMethods() {}

    private static final String[][] BINARY = {
        {"add"}, {"sub"}, {"mul"}, {"mod"}, {"divmod"}, {"lshift"}, {"rshift"}, {"and"}, {"xor"}, {"or"},
        {"floordiv"}, {"truediv"},
    };

    private static BinaryOperator<Long> op(String name) {
        return switch (name) {
            case "add" -> AbstractApi::PyNumber_Add;
            case "sub" -> AbstractApi::PyNumber_Subtract;
            case "mul" -> AbstractApi::PyNumber_Multiply;
            case "mod" -> AbstractApi::PyNumber_Remainder;
            case "divmod" -> AbstractApi::PyNumber_Divmod;
            case "lshift" -> AbstractApi::PyNumber_Lshift;
            case "rshift" -> AbstractApi::PyNumber_Rshift;
            case "and" -> AbstractApi::PyNumber_And;
            case "xor" -> AbstractApi::PyNumber_Xor;
            case "or" -> AbstractApi::PyNumber_Or;
            case "floordiv" -> AbstractApi::PyNumber_FloorDivide;
            default -> AbstractApi::PyNumber_TrueDivide;
        };
    }

    /** The wrappers int and float share; {@code accepts} is what the type's number slots take as the other operand. */
    private static void numberSlots(BuiltinTable t, LongPredicate accepts, boolean integer) {
        for (String[] b : BINARY) {
            String name = b[0];
            if (!integer && (name.endsWith("shift") || name.equals("and") || name.equals("xor") || name.equals("or"))) {
                continue;
            }
            Slots.arithmetic(t, name, accepts, op(name), true);
        }
        t.slot("__pow__", (self, args, kw) -> power(self, args, kw, accepts, false));
        t.slot("__rpow__", (self, args, kw) -> power(self, args, kw, accepts, true));
        t.slot("__neg__", Slots.unary(AbstractApi::PyNumber_Negative));
        t.slot("__pos__", Slots.unary(AbstractApi::PyNumber_Positive));
        t.slot("__abs__", Slots.unary(AbstractApi::PyNumber_Absolute));
        Slots.bool(t);
        t.slot("__int__", Slots.unary(AbstractApi::PyNumber_Long));
        t.slot("__float__", Slots.unary(AbstractApi::PyNumber_Float));
        Slots.comparisons(t, accepts);
        Slots.hash(t);
        Slots.repr(t);
        Slots.getattribute(t);
        t.getter("real", self -> integer ? exactInt(self) : Floats.fromDouble(Floats.value(self)));
        t.getter("imag", self -> integer ? Ints.fromLong(0) : Floats.fromDouble(0.0));
        t.method("conjugate", (self, args, kw) -> {
            Args.none(q(self, "conjugate"), args, kw);
            return integer ? exactInt(self) : Floats.fromDouble(Floats.value(self));
        });
        t.method("__getnewargs__", (self, args, kw) -> {
            Args.none(q(self, "__getnewargs__"), args, kw);
            return Tuples.of(integer ? exactInt(self) : Floats.fromDouble(Floats.value(self)));
        });
    }

    /** {@code __pow__(value, mod=None)} and the reflected form. */
    private static long power(long self, long[] args, long kw, LongPredicate accepts, boolean reflected) {
        Args.noKeywords("wrapper", kw);
        if (args.length < 1 || args.length > 2) {
            throw PyRaise.typeError("expected %s, got %d", args.length < 1 ? "at least 1 argument" : "at most 2 arguments",
                    args.length);
        }
        long other = args[0];
        long mod = args.length > 1 ? args[1] : Singletons.NONE;
        if (!accepts.test(other) || (mod != Singletons.NONE && !accepts.test(mod))) {
            return Singletons.NOTIMPLEMENTED;
        }
        return reflected ? AbstractApi.PyNumber_Power(other, self, mod)
                : AbstractApi.PyNumber_Power(self, other, mod);
    }

    /** The int value of an int (or bool, or int subclass) as an exact int. */
    static long exactInt(long self) {
        return Ints.fromBig(Ints.value(self));
    }

    static BuiltinTable integer() {
        BuiltinTable t = new BuiltinTable();
        numberSlots(t, Ints::isInt, true);
        t.slot("__invert__", Slots.unary(AbstractApi::PyNumber_Invert));
        t.slot("__index__", Slots.unary(NumberMethods::exactInt));
        t.getter("numerator", NumberMethods::exactInt);
        t.getter("denominator", self -> Ints.fromLong(1));
        for (String m : new String[] {"__trunc__", "__floor__", "__ceil__"}) {
            t.method(m, (self, args, kw) -> {
                Args.none(q(self, m), args, kw);
                return exactInt(self);
            });
        }
        t.method("__round__", (self, args, kw) -> {
            Args.unpack("__round__", args, kw, 0, 1);
            if (args.length == 0 || args[0] == Singletons.NONE) {
                return exactInt(self);
            }
            BigInteger nd = Ints.index(args[0]);
            if (nd.signum() >= 0) {
                return exactInt(self);
            }
            if (nd.bitLength() > 31) {
                return Ints.fromLong(0);
            }
            BigDecimal v = new BigDecimal(Ints.value(self)).setScale(nd.intValue(), RoundingMode.HALF_EVEN);
            return Ints.fromBig(v.toBigIntegerExact());
        });
        t.method("bit_length", (self, args, kw) -> {
            Args.none(q(self, "bit_length"), args, kw);
            return Ints.fromLong(Ints.value(self).abs().bitLength());
        });
        t.method("bit_count", (self, args, kw) -> {
            Args.none(q(self, "bit_count"), args, kw);
            return Ints.fromLong(Ints.value(self).abs().bitCount());
        });
        t.method("as_integer_ratio", (self, args, kw) -> {
            Args.none(q(self, "as_integer_ratio"), args, kw);
            return Tuples.of(exactInt(self), Ints.fromLong(1));
        });
        t.method("is_integer", (self, args, kw) -> {
            Args.none(q(self, "is_integer"), args, kw);
            return Singletons.TRUE;
        });
        t.method("to_bytes", NumberMethods::toBytes);
        t.classMethod("from_bytes", NumberMethods::fromBytes);
        t.method("__format__", StrFormat::intFormatMethod);
        return t;
    }

    private static boolean bigEndian(long order) {
        if (order == 0) {
            return true;
        }
        if (!Strs.isStr(order)) {
            throw PyRaise.typeError("to_bytes() argument 'byteorder' must be str, not %s", Types.name(order));
        }
        String o = Strs.value(order);
        if (!o.equals("big") && !o.equals("little")) {
            throw PyRaise.valueError("byteorder must be either 'little' or 'big'");
        }
        return o.equals("big");
    }

    /** int.to_bytes(length=1, byteorder='big', *, signed=False). */
    private static long toBytes(long self, long[] args, long kw) {
        Args.clinicCount("to_bytes", args.length, 0, 2);
        long[] a = Args.clinic("to_bytes", args, kw, 0, "length", "byteorder", "signed");
        long length = a[0] == 0 ? 1 : ContainerMethods.ssize(a[0]);
        boolean big = bigEndian(a[1]);
        boolean signed = a[2] != 0 && dev.ftcheck.runtime.obj.Protocols.isTrue(a[2]);
        if (length < 0) {
            throw PyRaise.valueError("length argument must be non-negative");
        }
        BigInteger v = Ints.value(self);
        if (!signed && v.signum() < 0) {
            throw PyRaise.overflow("can't convert negative int to unsigned");
        }
        int bits = signed ? v.bitLength() + 1 : v.bitLength();
        if (bits > length * 8) {
            throw PyRaise.overflow("int too big to convert");
        }
        byte[] out = new byte[(int) length];
        byte[] two = v.toByteArray(); // big-endian two's complement, minimal
        byte fill = (byte) (v.signum() < 0 ? 0xff : 0);
        for (int i = 0; i < out.length; i++) {
            int src = two.length - 1 - i;
            byte b = src >= 0 ? two[src] : fill;
            out[big ? out.length - 1 - i : i] = b;
        }
        return Bytes.fromJava(out);
    }

    /** int.from_bytes(bytes, byteorder='big', *, signed=False). */
    private static long fromBytes(long cls, long[] args, long kw) {
        Args.clinicCount("from_bytes", args.length, 0, 2);
        long[] a = Args.clinic("from_bytes", args, kw, 1, "bytes", "byteorder", "signed");
        boolean big = bigEndian(a[1]);
        boolean signed = a[2] != 0 && dev.ftcheck.runtime.obj.Protocols.isTrue(a[2]);
        byte[] data = bytesOf(a[0]);
        byte[] be = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            be[i] = big ? data[i] : data[data.length - 1 - i];
        }
        BigInteger v = be.length == 0 ? BigInteger.ZERO : signed ? new BigInteger(be) : new BigInteger(1, be);
        long r = Ints.fromBig(v);
        if (cls == Types.INT) {
            return r;
        }
        try {
            return Calls.call(cls, new long[] {r}, 0);
        } finally {
            Native.decref(r);
        }
    }

    /** bytes(x) for from_bytes: bytes, bytearray, or an iterable of ints in range(256). */
    private static byte[] bytesOf(long o) {
        TypeKind k = Types.kindOf(o);
        if (k == TypeKind.BYTES) {
            return Bytes.value(o);
        }
        if (k == TypeKind.BYTEARRAY) {
            return Bytes.byteArrayValue(o);
        }
        if (k == TypeKind.STR) {
            throw PyRaise.typeError("cannot convert 'str' object to bytes");
        }
        long[] items = Iteration.toArray(o);
        try {
            byte[] r = new byte[items.length];
            for (int i = 0; i < items.length; i++) {
                BigInteger v = Ints.index(items[i]);
                if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(255)) > 0) {
                    throw PyRaise.valueError("bytes must be in range(0, 256)");
                }
                r[i] = (byte) v.intValue();
            }
            return r;
        } finally {
            for (long it : items) {
                Native.decref(it);
            }
        }
    }

    static BuiltinTable bool() {
        BuiltinTable t = new BuiltinTable();
        Slots.repr(t);
        for (String name : new String[] {"and", "or", "xor"}) {
            BinaryOperator<Long> intOp = op(name);
            BinaryOperator<Long> boolOp = (a, b) -> {
                if (Heap.type(a) == Types.BOOL && Heap.type(b) == Types.BOOL) {
                    boolean x = a == Singletons.TRUE, y = b == Singletons.TRUE;
                    return Singletons.bool(name.equals("and") ? x & y : name.equals("or") ? x | y : x ^ y);
                }
                return intOp.apply(a, b);
            };
            Slots.arithmetic(t, name, Ints::isInt, boolOp, true);
        }
        return t;
    }

    static BuiltinTable floating() {
        BuiltinTable t = new BuiltinTable();
        LongPredicate accepts = o -> Floats.isFloat(o) || Ints.isInt(o);
        numberSlots(t, accepts, false);
        t.method("__trunc__", (self, args, kw) -> {
            Args.none(q(self, "__trunc__"), args, kw);
            return toInt(Floats.value(self));
        });
        t.method("__floor__", (self, args, kw) -> {
            Args.none(q(self, "__floor__"), args, kw);
            return toInt(Math.floor(Floats.value(self)));
        });
        t.method("__ceil__", (self, args, kw) -> {
            Args.none(q(self, "__ceil__"), args, kw);
            return toInt(Math.ceil(Floats.value(self)));
        });
        t.method("__round__", (self, args, kw) -> {
            Args.unpack("__round__", args, kw, 0, 1);
            double v = Floats.value(self);
            if (args.length == 0 || args[0] == Singletons.NONE) {
                return toInt(Math.rint(v));
            }
            BigInteger nd = Ints.index(args[0]);
            if (Double.isNaN(v) || Double.isInfinite(v) || v == 0.0) {
                return Floats.fromDouble(v);
            }
            if (nd.compareTo(BigInteger.valueOf(400)) > 0) {
                return Floats.fromDouble(v);
            }
            if (nd.compareTo(BigInteger.valueOf(-400)) < 0) {
                return Floats.fromDouble(0.0 * v);
            }
            // Correctly rounded: the exact binary value rounded half-even at nd decimal places.
            BigDecimal r = new BigDecimal(v).setScale(nd.intValue(), RoundingMode.HALF_EVEN);
            double d = r.doubleValue();
            if (Double.isInfinite(d)) {
                throw PyRaise.overflow("rounded value too large to represent");
            }
            return Floats.fromDouble(d == 0.0 ? Math.copySign(0.0, v) : d);
        });
        t.method("is_integer", (self, args, kw) -> {
            Args.none(q(self, "is_integer"), args, kw);
            double v = Floats.value(self);
            return Singletons.bool(!Double.isInfinite(v) && v == Math.floor(v));
        });
        t.method("as_integer_ratio", (self, args, kw) -> {
            Args.none(q(self, "as_integer_ratio"), args, kw);
            double v = Floats.value(self);
            if (Double.isInfinite(v)) {
                throw PyRaise.overflow("cannot convert Infinity to integer ratio");
            }
            if (Double.isNaN(v)) {
                throw PyRaise.valueError("cannot convert NaN to integer ratio");
            }
            BigDecimal exact = new BigDecimal(v);
            BigInteger num = exact.unscaledValue();
            BigInteger den = BigInteger.ONE;
            if (exact.scale() > 0) {
                den = BigInteger.TEN.pow(exact.scale());
            } else {
                num = num.multiply(BigInteger.TEN.pow(-exact.scale()));
            }
            BigInteger g = num.gcd(den);
            if (g.signum() != 0) {
                num = num.divide(g);
                den = den.divide(g);
            }
            return Tuples.of(Ints.fromBig(num), Ints.fromBig(den));
        });
        t.classMethod("fromhex", (cls, args, kw) -> {
            long text = Args.one(q(cls, "fromhex"), args, kw);
            if (!Strs.isStr(text)) {
                throw PyRaise.typeError("must be str, not %s", Types.name(text));
            }
            long f = Floats.fromDouble(fromHex(Strs.value(text)));
            if (cls == Types.FLOAT) {
                return f;
            }
            try {
                return Calls.call(cls, new long[] {f}, 0);
            } finally {
                Native.decref(f);
            }
        });
        t.classMethod("__getformat__", (cls, args, kw) -> {
            long which = Args.one(q(cls, "__getformat__"), args, kw);
            if (!Strs.isStr(which)) {
                throw PyRaise.typeError("__getformat__() argument must be str, not %s", Types.name(which));
            }
            String w = Strs.value(which);
            if (!w.equals("double") && !w.equals("float")) {
                throw PyRaise.valueError("__getformat__() argument 1 must be 'double' or 'float'");
            }
            return Strs.fromJava("IEEE, little-endian");
        });
        t.method("hex", (self, args, kw) -> {
            Args.none(q(self, "hex"), args, kw);
            return Strs.fromJava(hex(Floats.value(self)));
        });
        t.method("__format__", StrFormat::floatFormatMethod);
        return t;
    }

    private static long toInt(double v) {
        if (Double.isNaN(v)) {
            throw PyRaise.valueError("cannot convert float NaN to integer");
        }
        if (Double.isInfinite(v)) {
            throw PyRaise.overflow("cannot convert float infinity to integer");
        }
        return Ints.fromBig(new BigDecimal(v).toBigInteger());
    }

    /** float.fromhex: [sign]['0x']hexdigits['.'hexdigits]['p'[sign]digits], inf, nan; surrounding whitespace. */
    static double fromHex(String text) {
        String s = text.strip();
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        String body = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        boolean negative = lower.startsWith("-");
        if (body.equals("inf") || body.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (body.equals("nan")) {
            return negative ? -Double.NaN : Double.NaN;
        }
        if (body.startsWith("0x")) {
            body = body.substring(2);
        }
        if (!body.matches("([0-9a-f]+(\\.[0-9a-f]*)?|\\.[0-9a-f]+)(p[+-]?[0-9]+)?")) {
            throw PyRaise.valueError("invalid hexadecimal floating-point string");
        }
        if (!body.contains("p")) {
            body += "p0";
        }
        double v = Double.parseDouble("0x" + body);
        if (Double.isInfinite(v)) {
            throw PyRaise.overflow("hexadecimal value too large to represent as a float");
        }
        return negative ? -v : v;
    }

    /** float.hex(): [-]0x{1|0}.{13 hex digits}p{+|-}exp; zero is 0x0.0p+0. */
    static String hex(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String sign = (Double.doubleToRawLongBits(v) < 0) ? "-" : "";
        if (v == 0.0) {
            return sign + "0x0.0p+0";
        }
        long bits = Double.doubleToRawLongBits(v);
        int exp = (int) ((bits >>> 52) & 0x7ff);
        long mant = bits & 0xfffffffffffffL;
        String lead = exp == 0 ? "0" : "1";
        int e = exp == 0 ? -1022 : exp - 1023;
        return sign + "0x" + lead + "." + String.format("%013x", mant) + "p" + (e >= 0 ? "+" : "") + e;
    }
}
