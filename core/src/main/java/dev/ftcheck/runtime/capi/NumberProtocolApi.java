package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.math.BigInteger;

/**
 * The number protocol (PyNumber_*): int and float arithmetic with Python's semantics (floor division and modulo
 * rounding toward negative infinity, true division to float, arbitrary precision), sequence concatenation and
 * repetition for str/list/tuple, and the nb_* slots of extension types (left operand first, then right).
 */
public final class NumberProtocolApi {
    private static final long NB_ADD = 0, NB_SUBTRACT = 8, NB_MULTIPLY = 16, NB_REMAINDER = 24, NB_DIVMOD = 32,
            NB_POWER = 40, NB_NEGATIVE = 48, NB_POSITIVE = 56, NB_ABSOLUTE = 64, NB_INVERT = 80, NB_LSHIFT = 88,
            NB_RSHIFT = 96, NB_AND = 104, NB_XOR = 112, NB_OR = 120, NB_INT = 128, NB_FLOAT = 144,
            NB_FLOOR_DIVIDE = 232, NB_TRUE_DIVIDE = 240, NB_INDEX = 264, NB_MATRIX_MULTIPLY = 272;
    private static final long INPLACE_SHIFT = 152; // nb_inplace_add - nb_add for the first block of slots

    private NumberProtocolApi() {}

    private enum Op {
        ADD("+", NB_ADD), SUB("-", NB_SUBTRACT), MUL("*", NB_MULTIPLY), MOD("%", NB_REMAINDER),
        DIVMOD("divmod()", NB_DIVMOD), POW("** or pow()", NB_POWER), LSHIFT("<<", NB_LSHIFT), RSHIFT(">>", NB_RSHIFT),
        AND("&", NB_AND), XOR("^", NB_XOR), OR("|", NB_OR), FLOORDIV("//", NB_FLOOR_DIVIDE),
        TRUEDIV("/", NB_TRUE_DIVIDE), MATMUL("@", NB_MATRIX_MULTIPLY);

        final String symbol;
        final long slot;

        Op(String symbol, long slot) {
            this.symbol = symbol;
            this.slot = slot;
        }
    }

    private static boolean isNum(long o) {
        return Ints.isInt(o) || Floats.isFloat(o);
    }

    private static long nbSlot(long o, long offset) {
        long nb = Mem.getLong(Heap.type(o) + TP_AS_NUMBER);
        return nb == 0 ? 0 : Mem.getLong(nb + offset);
    }

    private static boolean extension(long o) {
        return !Types.typeOf(o).builtin;
    }

    /** Tries the extension slots of either operand; 0 when neither handles it (NotImplemented). */
    /** bytes and bytearray are built-ins with real C slots (ByteSlots): the protocols use them. */
    private static boolean slotted(long o) {
        TypeKind k = Types.kindOf(o);
        return extension(o) || k == TypeKind.BYTES || k == TypeKind.BYTEARRAY;
    }

    private static long sqSlot(long o, long offset) {
        long sq = Mem.getLong(Heap.type(o) + TP_AS_SEQUENCE);
        return sq == 0 || !slotted(o) ? 0 : Mem.getLong(sq + offset);
    }

    /** CPython's fallback for + and * after the number slots: sq_concat of a, sq_repeat of either; 0 if none. */
    private static long sequenceSlots(Op op, long a, long b) {
        if (op == Op.ADD && sqSlot(a, 8) != 0) {
            return Calls.checkResult(Downcalls.call2(sqSlot(a, 8), a, b), "sq_concat");
        }
        if (op == Op.MUL) {
            for (long[] pair : new long[][] {{a, b}, {b, a}}) {
                long f = sqSlot(pair[0], 16);
                if (f != 0) {
                    if (!Ints.isInt(pair[1])) {
                        throw PyRaise.typeError("can't multiply sequence by non-int of type '%s'",
                                Types.name(pair[1]));
                    }
                    BigInteger n = Ints.value(pair[1]);
                    long count = n.bitLength() > 63 ? (n.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE)
                            : n.longValue();
                    return Calls.checkResult(Downcalls.call2(f, pair[0], count), "sq_repeat");
                }
            }
        }
        return 0;
    }

    private static long viaSlots(long a, long b, long offset) {
        for (long o : new long[] {a, b}) {
            if (slotted(o)) {
                long f = nbSlot(o, offset);
                if (f != 0) {
                    long r = Calls.checkResult(offset == NB_POWER ? Downcalls.call3(f, a, b, Singletons.NONE)
                            : Downcalls.call2(f, a, b), "number slot"); // nb_power is ternary
                    if (r != Singletons.NOTIMPLEMENTED) {
                        return r;
                    }
                    Native.decref(r);
                }
            }
            if (Heap.type(a) == Heap.type(b)) {
                break;
            }
        }
        return 0;
    }

    private static PyRaise unsupported(Op op, long a, long b) {
        return PyRaise.typeError("unsupported operand type(s) for %s: '%s' and '%s'", op.symbol, Types.name(a),
                Types.name(b));
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        if (qr[1].signum() != 0 && qr[1].signum() != b.signum()) {
            return qr[0].subtract(BigInteger.ONE);
        }
        return qr[0];
    }

    private static BigInteger floorMod(BigInteger a, BigInteger b) {
        BigInteger r = a.mod(b.abs());
        if (b.signum() < 0 && r.signum() != 0) {
            r = r.add(b);
        }
        return r;
    }

    private static double floatMod(double a, double b) {
        double m = a % b;
        if (m != 0 && (m < 0) != (b < 0)) {
            m += b;
        }
        return m;
    }

    private static long binary(Op op, long a, long b) {
        // str's nb_remainder comes first unless the right operand is an extension's str subclass (its slot first)
        boolean strMod = op == Op.MOD && Strs.isStr(a);
        if (strMod && !(extension(b) && Strs.isStr(b))) {
            return PercentFormat.format(a, b);
        }
        long ext = viaSlots(a, b, op.slot);
        if (ext != 0) {
            return ext;
        }
        if (strMod) {
            return PercentFormat.format(a, b);
        }
        if (isNum(a) && isNum(b)) {
            return arithmetic(op, a, b);
        }
        long seq = sequenceSlots(op, a, b);
        if (seq != 0) {
            return seq;
        }
        TypeKind ka = Types.kindOf(a);
        TypeKind kb = Types.kindOf(b);
        if (op == Op.ADD && ka == kb && (ka == TypeKind.STR || ka == TypeKind.LIST || ka == TypeKind.TUPLE)) {
            if (ka == TypeKind.STR) {
                return Strs.fromJava(Strs.value(a) + Strs.value(b));
            }
            return concat(a, b, ka);
        }
        if (op == Op.MUL && (ka == TypeKind.STR || ka == TypeKind.LIST || ka == TypeKind.TUPLE) && Ints.isInt(b)) {
            return repeat(a, Ints.value(b).longValue());
        }
        if (op == Op.MUL && (kb == TypeKind.STR || kb == TypeKind.LIST || kb == TypeKind.TUPLE) && Ints.isInt(a)) {
            return repeat(b, Ints.value(a).longValue());
        }
        throw unsupported(op, a, b);
    }

    private static long concat(long a, long b, TypeKind k) {
        long[] x = dev.ftcheck.runtime.obj.Iteration.toArray(a);
        long[] y = dev.ftcheck.runtime.obj.Iteration.toArray(b);
        long[] all = new long[x.length + y.length];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        return build(k, all);
    }

    private static long build(TypeKind k, long[] items) {
        if (k == TypeKind.TUPLE) {
            return Tuples.of(items);
        }
        long l = Lists.create(items.length);
        for (int i = 0; i < items.length; i++) {
            Lists.set(l, i, items[i]);
        }
        return l;
    }

    private static long repeat(long seq, long n) {
        TypeKind k = Types.kindOf(seq);
        n = Math.max(0, n);
        if (k == TypeKind.STR) {
            return Strs.fromJava(Strs.value(seq).repeat((int) n));
        }
        long[] x = dev.ftcheck.runtime.obj.Iteration.toArray(seq);
        long[] all = new long[(int) (x.length * n)];
        for (int i = 0; i < all.length; i++) {
            all[i] = Heap.newRef(x[i % x.length]);
        }
        for (long r : x) {
            Native.decref(r);
        }
        return build(k, all);
    }

    private static long arithmetic(Op op, long a, long b) {
        boolean ints = Ints.isInt(a) && Ints.isInt(b);
        if (ints) {
            BigInteger x = Ints.value(a);
            BigInteger y = Ints.value(b);
            switch (op) {
                case ADD: return Ints.fromBig(x.add(y));
                case SUB: return Ints.fromBig(x.subtract(y));
                case MUL: return Ints.fromBig(x.multiply(y));
                case FLOORDIV:
                    zeroCheck(y, "integer division or modulo by zero");
                    return Ints.fromBig(floorDiv(x, y));
                case MOD:
                    zeroCheck(y, "integer modulo by zero");
                    return Ints.fromBig(floorMod(x, y));
                case DIVMOD:
                    zeroCheck(y, "integer division or modulo by zero");
                    return Tuples.of(Ints.fromBig(floorDiv(x, y)), Ints.fromBig(floorMod(x, y)));
                case TRUEDIV:
                    zeroCheck(y, "division by zero");
                    return Floats.fromDouble(new java.math.BigDecimal(x)
                            .divide(new java.math.BigDecimal(y), new java.math.MathContext(60)).doubleValue());
                case POW:
                    if (y.signum() < 0) {
                        if (x.signum() == 0) {
                            throw new PyRaise(Exceptions.ZeroDivisionError,
                                    "zero to a negative power");
                        }
                        return Floats.fromDouble(Math.pow(x.doubleValue(), y.doubleValue()));
                    }
                    if (y.bitLength() > 31) {
                        throw new PyRaise(Exceptions.MemoryError, null);
                    }
                    return Ints.fromBig(x.pow(y.intValue()));
                case LSHIFT:
                case RSHIFT:
                    if (y.signum() < 0) {
                        throw PyRaise.valueError("negative shift count");
                    }
                    return Ints.fromBig(op == Op.LSHIFT ? x.shiftLeft(y.intValueExact()) : x.shiftRight(
                            y.bitLength() > 31 ? Integer.MAX_VALUE : y.intValue()));
                case AND: return Ints.fromBig(x.and(y));
                case OR: return Ints.fromBig(x.or(y));
                case XOR: return Ints.fromBig(x.xor(y));
                default: throw unsupported(op, a, b);
            }
        }
        double x = Floats.asDouble(a);
        double y = Floats.asDouble(b);
        switch (op) {
            case ADD: return Floats.fromDouble(x + y);
            case SUB: return Floats.fromDouble(x - y);
            case MUL: return Floats.fromDouble(x * y);
            case TRUEDIV:
                if (y == 0) {
                    throw new PyRaise(Exceptions.ZeroDivisionError, "float division by zero");
                }
                return Floats.fromDouble(x / y);
            case FLOORDIV:
                if (y == 0) {
                    throw new PyRaise(Exceptions.ZeroDivisionError, "float floor division by zero");
                }
                return Floats.fromDouble(Math.floor(x / y));
            case MOD:
                if (y == 0) {
                    throw new PyRaise(Exceptions.ZeroDivisionError, "float modulo by zero");
                }
                return Floats.fromDouble(floatMod(x, y));
            case DIVMOD:
                if (y == 0) {
                    throw new PyRaise(Exceptions.ZeroDivisionError, "float divmod()");
                }
                return Tuples.of(Floats.fromDouble(Math.floor(x / y)), Floats.fromDouble(floatMod(x, y)));
            case POW:
                if (x == 0 && y < 0) {
                    throw new PyRaise(Exceptions.ZeroDivisionError, "zero to a negative power");
                }
                if (x < 0 && y != Math.floor(y) && !Double.isInfinite(y)) {
                    // a negative base to a fractional power is complex, as in CPython
                    long cx = dev.ftcheck.runtime.obj.builtins.ComplexType.fromDoubles(x, 0.0);
                    try {
                        return dev.ftcheck.runtime.obj.builtins.ComplexType.power(cx, b, Singletons.NONE);
                    } finally {
                        Native.decref(cx);
                    }
                }
                return Floats.fromDouble(Math.pow(x, y));
            default:
                throw unsupported(op, a, b);
        }
    }

    private static void zeroCheck(BigInteger y, String msg) {
        if (y.signum() == 0) {
            throw new PyRaise(Exceptions.ZeroDivisionError, msg);
        }
    }

    /** In-place: the extension's nb_inplace_* slot, list += and *=, else the binary operation. */
    private static long inplace(Op op, long a, long b) {
        if (extension(a) && op.slot < NB_INT) {
            long f = nbSlot(a, op.slot + INPLACE_SHIFT);
            if (f != 0) {
                long r = Calls.checkResult(Downcalls.call2(f, a, b), "in-place number slot");
                if (r != Singletons.NOTIMPLEMENTED) {
                    return r;
                }
                Native.decref(r);
            }
        }
        if (Types.kindOf(a) == TypeKind.LIST && op == Op.ADD) {
            ListApi.PyList_Extend(a, b);
            return Heap.newRef(a);
        }
        long inplaceSeq = op == Op.ADD ? sqSlot(a, 64) : op == Op.MUL ? sqSlot(a, 72) : 0;
        if (inplaceSeq != 0 && (op == Op.ADD || Ints.isInt(b))) {
            return Calls.checkResult(Downcalls.call2(inplaceSeq, a, op == Op.ADD ? b : Ints.asLong(b)),
                    "in-place sequence slot");
        }
        return binary(op, a, b);
    }

    @CApi public static long PyNumber_Add(long a, long b) { return binary(Op.ADD, a, b); }
    @CApi public static long PyNumber_Subtract(long a, long b) { return binary(Op.SUB, a, b); }
    @CApi public static long PyNumber_Multiply(long a, long b) { return binary(Op.MUL, a, b); }
    @CApi public static long PyNumber_MatrixMultiply(long a, long b) { return binary(Op.MATMUL, a, b); }
    @CApi public static long PyNumber_FloorDivide(long a, long b) { return binary(Op.FLOORDIV, a, b); }
    @CApi public static long PyNumber_TrueDivide(long a, long b) { return binary(Op.TRUEDIV, a, b); }
    @CApi public static long PyNumber_Remainder(long a, long b) { return binary(Op.MOD, a, b); }
    @CApi public static long PyNumber_Divmod(long a, long b) { return binary(Op.DIVMOD, a, b); }
    @CApi public static long PyNumber_Lshift(long a, long b) { return binary(Op.LSHIFT, a, b); }
    @CApi public static long PyNumber_Rshift(long a, long b) { return binary(Op.RSHIFT, a, b); }
    @CApi public static long PyNumber_And(long a, long b) { return binary(Op.AND, a, b); }
    @CApi public static long PyNumber_Xor(long a, long b) { return binary(Op.XOR, a, b); }
    @CApi public static long PyNumber_Or(long a, long b) { return binary(Op.OR, a, b); }
    @CApi public static long PyNumber_InPlaceAdd(long a, long b) { return inplace(Op.ADD, a, b); }
    @CApi public static long PyNumber_InPlaceSubtract(long a, long b) { return inplace(Op.SUB, a, b); }
    @CApi public static long PyNumber_InPlaceMultiply(long a, long b) { return inplace(Op.MUL, a, b); }
    @CApi public static long PyNumber_InPlaceMatrixMultiply(long a, long b) { return inplace(Op.MATMUL, a, b); }
    @CApi public static long PyNumber_InPlaceFloorDivide(long a, long b) { return inplace(Op.FLOORDIV, a, b); }
    @CApi public static long PyNumber_InPlaceTrueDivide(long a, long b) { return inplace(Op.TRUEDIV, a, b); }
    @CApi public static long PyNumber_InPlaceRemainder(long a, long b) { return inplace(Op.MOD, a, b); }
    @CApi public static long PyNumber_InPlaceLshift(long a, long b) { return inplace(Op.LSHIFT, a, b); }
    @CApi public static long PyNumber_InPlaceRshift(long a, long b) { return inplace(Op.RSHIFT, a, b); }
    @CApi public static long PyNumber_InPlaceAnd(long a, long b) { return inplace(Op.AND, a, b); }
    @CApi public static long PyNumber_InPlaceXor(long a, long b) { return inplace(Op.XOR, a, b); }
    @CApi public static long PyNumber_InPlaceOr(long a, long b) { return inplace(Op.OR, a, b); }

    @CApi
    public static long PyNumber_Power(long a, long b, long mod) {
        if (mod == 0 || mod == Singletons.NONE) {
            return binary(Op.POW, a, b);
        }
        for (long o : new long[] {a, b, mod}) {
            // a three-argument pow goes to the first extension operand's ternary nb_power (complex's among them)
            long f = extension(o) ? nbSlot(o, NB_POWER) : 0;
            if (f != 0) {
                long r = Calls.checkResult(Downcalls.call3(f, a, b, mod), "number slot");
                if (r != Singletons.NOTIMPLEMENTED) {
                    return r;
                }
                Native.decref(r);
            }
        }
        if (Ints.isInt(a) && Ints.isInt(b) && Ints.isInt(mod)) {
            BigInteger m = Ints.value(mod);
            if (m.signum() == 0) {
                throw PyRaise.valueError("pow() 3rd argument cannot be 0");
            }
            BigInteger r = Ints.value(a).modPow(Ints.value(b), m.abs());
            if (m.signum() < 0 && r.signum() != 0) {
                r = r.add(m);
            }
            return Ints.fromBig(r);
        }
        throw PyRaise.typeError("pow() 3rd argument not allowed unless all arguments are integers");
    }

    @CApi
    public static long PyNumber_InPlacePower(long a, long b, long mod) {
        return PyNumber_Power(a, b, mod);
    }

    private static long unary(long o, long slot, String op) {
        if (extension(o)) {
            long f = nbSlot(o, slot);
            if (f != 0) {
                return Calls.checkResult(Downcalls.call1(f, o), "number slot");
            }
        }
        if (Ints.isInt(o)) {
            BigInteger v = Ints.value(o);
            return Ints.fromBig(slot == NB_NEGATIVE ? v.negate() : slot == NB_ABSOLUTE ? v.abs()
                    : slot == NB_INVERT ? v.not() : v);
        }
        if (Floats.isFloat(o) && slot != NB_INVERT) {
            double d = Floats.value(o);
            return Floats.fromDouble(slot == NB_NEGATIVE ? -d : slot == NB_ABSOLUTE ? Math.abs(d) : d);
        }
        throw PyRaise.typeError("bad operand type for %s: '%s'", op, Types.name(o));
    }

    @CApi public static long PyNumber_Negative(long o) { return unary(o, NB_NEGATIVE, "unary -"); }
    @CApi public static long PyNumber_Positive(long o) { return unary(o, NB_POSITIVE, "unary +"); }
    @CApi public static long PyNumber_Absolute(long o) { return unary(o, NB_ABSOLUTE, "abs()"); }
    @CApi public static long PyNumber_Invert(long o) { return unary(o, NB_INVERT, "unary ~"); }

    @CApi
    public static int PyIndex_Check(long o) {
        return Ints.isInt(o) || (extension(o) && nbSlot(o, NB_INDEX) != 0) ? 1 : 0;
    }

    @CApi
    public static int PyNumber_Check(long o) {
        return isNum(o) || dev.ftcheck.runtime.obj.builtins.ComplexType.isComplex(o) || (extension(o) && (nbSlot(o, NB_INDEX) != 0 || nbSlot(o, NB_INT) != 0
                || nbSlot(o, NB_FLOAT) != 0)) ? 1 : 0;
    }

    @CApi
    public static long PyNumber_Index(long o) {
        if (Ints.isInt(o)) {
            return Heap.newRef(o);
        }
        if (extension(o) && nbSlot(o, NB_INDEX) != 0) {
            long r = Calls.checkResult(Downcalls.call1(nbSlot(o, NB_INDEX), o), "__index__");
            if (!Ints.isInt(r)) {
                Native.decref(r);
                throw PyRaise.typeError("__index__ returned non-int (type %s)", Types.name(r));
            }
            return r;
        }
        throw PyRaise.typeError("'%s' object cannot be interpreted as an integer", Types.name(o));
    }

    @CApi
    public static long PyNumber_AsSsize_t(long o, long exc) {
        long i = PyNumber_Index(o);
        try {
            BigInteger v = Ints.value(i);
            if (v.bitLength() < 64) {
                return v.longValue();
            }
            if (exc == 0) {
                return v.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            throw new PyRaise(exc, "cannot fit '" + Types.name(o) + "' into an index-sized integer");
        } finally {
            Native.decref(i);
        }
    }

    @CApi
    public static long PyNumber_Long(long o) {
        if (Ints.isInt(o)) {
            return Ints.fromBig(Ints.value(o));
        }
        if (Floats.isFloat(o)) {
            return NumberApi.PyLong_FromDouble(Floats.value(o));
        }
        if (Strs.isStr(o)) {
            String s = Strs.value(o).strip().replace("_", "");
            try {
                return Ints.fromBig(new BigInteger(s));
            } catch (NumberFormatException e) {
                throw PyRaise.valueError("invalid literal for int() with base 10: %s",
                        dev.ftcheck.runtime.obj.Repr.quote(Strs.value(o)));
            }
        }
        if (extension(o)) {
            for (long slot : new long[] {NB_INT, NB_INDEX}) {
                if (nbSlot(o, slot) != 0) {
                    return Calls.checkResult(Downcalls.call1(nbSlot(o, slot), o), "__int__");
                }
            }
        }
        throw PyRaise.typeError("int() argument must be a string, a bytes-like object or a real number, not '%s'",
                Types.name(o));
    }

    @CApi
    public static long PyNumber_Float(long o) {
        if (Floats.isFloat(o) && Heap.type(o) == Types.FLOAT) {
            return Heap.newRef(o);
        }
        if (isNum(o)) {
            return Floats.fromDouble(Floats.asDouble(o));
        }
        if (Strs.isStr(o)) {
            return NumberApi.PyFloat_FromString(o);
        }
        if (extension(o) && nbSlot(o, NB_FLOAT) != 0) {
            return Calls.checkResult(Downcalls.call1(nbSlot(o, NB_FLOAT), o), "__float__");
        }
        throw PyRaise.typeError("float() argument must be a string or a real number, not '%s'", Types.name(o));
    }
}
