package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.BuiltinSlots;
import java.math.BigInteger;

/**
 * abstract.h: the abstract object layer. The number protocol (PyNumber_*) has int and float arithmetic with
 * Python's semantics (floor division and modulo rounding toward negative infinity, true division to float,
 * arbitrary precision), sequence concatenation and repetition for str/list/tuple, and the nb_* slots of extension
 * types (left operand first, then right); then calls, items, iteration, the sequence and mapping protocols,
 * isinstance/issubclass, format(obj, spec), length hints and integers formatted in a base.
 */
public final class AbstractApi {
    private static final long NB_ADD = 0, NB_SUBTRACT = 8, NB_MULTIPLY = 16, NB_REMAINDER = 24, NB_DIVMOD = 32,
            NB_POWER = 40, NB_NEGATIVE = 48, NB_POSITIVE = 56, NB_ABSOLUTE = 64, NB_INVERT = 80, NB_LSHIFT = 88,
            NB_RSHIFT = 96, NB_AND = 104, NB_XOR = 112, NB_OR = 120, NB_INT = 128, NB_FLOAT = 144,
            NB_FLOOR_DIVIDE = 232, NB_TRUE_DIVIDE = 240, NB_INDEX = 264, NB_MATRIX_MULTIPLY = 272;
    private static final long INPLACE_SHIFT = 152;

    private static final long VECTORCALL_ARGUMENTS_OFFSET = 1L << 63;

    private AbstractApi() {}

    @CApi
    public static long PyNumber_ToBase(long n, int base) {
        if (base != 2 && base != 8 && base != 10 && base != 16) {
            throw PyRaise.systemError("PyNumber_ToBase: base must be 2, 8, 10 or 16");
        }
        long index = PyNumber_Index(n);
        BigInteger v;
        try {
            v = Ints.value(index);
        } finally {
            Native.decref(index);
        }
        String prefix = base == 2 ? "0b" : base == 8 ? "0o" : base == 16 ? "0x" : "";
        String digits = v.abs().toString(base);
        return Strs.fromJava((v.signum() < 0 ? "-" : "") + prefix + digits);
    }

    /** len(o) if it has one, else o.__length_hint__(), else the default; CPython's errors for bad hints. */
    @CApi
    public static long PyObject_LengthHint(long o, long defaultValue) {
        try {
            return dev.ftcheck.runtime.obj.Protocols.length(o);
        } catch (PyRaise e) {
            if (e.type != Exceptions.TypeError) {
                throw e;
            }
        } catch (ErrorAlreadySet e) {
            if (!Errors.matches(Exceptions.TypeError)) {
                throw e;
            }
            Errors.clear();
        }
        if (Types.kindOf(o) == TypeKind.ITERATOR && Objects.isSnapshot(o)) {
            return Objects.remaining(o);
        }
        long hint = Attributes.lookupInType(Heap.type(o), "__length_hint__");
        if (hint == 0) {
            return defaultValue;
        }
        long result;
        try {
            result = Calls.call(hint, new long[] {o}, 0);
        } catch (PyRaise e) {
            if (e.type == Exceptions.TypeError) {
                return defaultValue;
            }
            throw e;
        } catch (ErrorAlreadySet e) {
            if (Errors.matches(Exceptions.TypeError)) {
                Errors.clear();
                return defaultValue;
            }
            throw e;
        }
        try {
            if (result == Singletons.NOTIMPLEMENTED) {
                return defaultValue;
            }
            if (!Ints.isInt(result)) {
                throw PyRaise.typeError("__length_hint__ must be an integer, not %s", Types.typeOf(result).fullName());
            }
            BigInteger v = Ints.value(result);
            if (v.bitLength() >= 64) {
                throw PyRaise.overflow("Python int too large to convert to C ssize_t");
            }
            if (v.signum() < 0) {
                throw PyRaise.valueError("__length_hint__() should return >= 0");
            }
            return v.longValue();
        } finally {
            Native.decref(result);
        }
    }

    @CApi
    public static long PyObject_Format(long obj, long spec) {
        if (obj == 0) {
            throw PyRaise.badInternalCall();
        }
        if (spec != 0 && !Strs.isStr(spec)) {
            throw PyRaise.systemError("Format specifier must be a string, not %s", Types.name(spec));
        }
        if (spec == 0 || Strs.length(spec) == 0) {
            if (Heap.type(obj) == Types.STR) {
                return Heap.newRef(obj);
            }
            if (Heap.type(obj) == Types.INT && Ints.isInt(obj)) {
                return ObjectApi.PyObject_Str(obj);
            }
        }
        long empty = spec == 0 ? Strs.fromJava("") : 0;
        try {
            if (dev.ftcheck.runtime.obj.Attributes.lookupInType(Heap.type(obj), "__format__") == 0) {
                throw PyRaise.typeError("Type %s doesn't define __format__", Types.name(obj));
            }
            long r = Calls.callMethod(obj, "__format__", new long[] {spec == 0 ? empty : spec}, 0);
            if (!Strs.isStr(r)) {
                String name = Types.name(r);
                Native.decref(r);
                throw PyRaise.typeError("__format__ must return a str, not %s", name);
            }
            return r;
        } finally {
            if (empty != 0) {
                Native.decref(empty);
            }
        }
    }

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
        TypeKind ka = baseSequenceKind(a);
        TypeKind kb = baseSequenceKind(b);
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
        if (op == Op.ADD && (ka == TypeKind.STR || ka == TypeKind.LIST || ka == TypeKind.TUPLE)) {
            // the sequence's own concatenation refuses, with its message, as CPython's sq_concat does
            String t = Types.name(a);
            throw PyRaise.typeError("can only concatenate %s (not \"%s\") to %s", t, Types.name(b), t);
        }
        throw unsupported(op, a, b);
    }

    /**
     * The kind whose + and * apply to o once its own slots declined: an extension subclass of list or tuple
     * concatenates and repeats as its base does (the result is the base type, as in CPython).
     */
    private static TypeKind baseSequenceKind(long o) {
        TypeKind k = Types.kindOf(o);
        if (k == TypeKind.EXTENSION) {
            TypeKind base = Types.builtinKind(o);
            if (base == TypeKind.LIST || base == TypeKind.TUPLE) {
                return base;
            }
        }
        return k;
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
        TypeKind k = baseSequenceKind(seq);
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
            return LongApi.PyLong_FromDouble(Floats.value(o));
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
            return FloatApi.PyFloat_FromString(o);
        }
        if (extension(o) && nbSlot(o, NB_FLOAT) != 0) {
            return Calls.checkResult(Downcalls.call1(nbSlot(o, NB_FLOAT), o), "__float__");
        }
        throw PyRaise.typeError("float() argument must be a string or a real number, not '%s'", Types.name(o));
    }

    @CApi
    public static long PyObject_Type(long o) {
        return Heap.newRef(Heap.type(ArgChecks.nonNull(o)));
    }

    @CApi
    public static long PyObject_Size(long o) {
        return Protocols.length(ArgChecks.nonNull(o));
    }

    @CApi
    public static long PyObject_Length(long o) {
        return Protocols.length(ArgChecks.nonNull(o));
    }

    @CApi
    public static long PySequence_Size(long o) {
        return Protocols.length(ArgChecks.nonNull(o));
    }

    @CApi
    public static long PySequence_Length(long o) {
        return Protocols.length(ArgChecks.nonNull(o));
    }

    @CApi
    public static long PyMapping_Size(long o) {
        return Protocols.length(ArgChecks.nonNull(o));
    }

    @CApi
    public static int PyObject_IsInstance(long o, long cls) {
        if (Tuples.isTuple(cls)) {
            for (long i = 0; i < Tuples.size(cls); i++) {
                if (PyObject_IsInstance(o, Tuples.get(cls, i)) != 0) {
                    return 1;
                }
            }
            return 0;
        }
        if (!Types.isType(cls)) {
            if (dev.ftcheck.runtime.obj.builtins.NativeBuiltins.isUnion(cls)) {
                return PyObject_IsInstance(o, dev.ftcheck.runtime.obj.builtins.NativeBuiltins.unionArgs(cls));
            }
            long check = customCheck(cls, "__instancecheck__", o);
            if (check >= 0) {
                return (int) check;
            }
            throw PyRaise.typeError("isinstance() arg 2 must be a type, a tuple of types, or a union");
        }
        if (Heap.type(o) == cls) {
            return 1;
        }
        long check = metaclassCheck(cls, "__instancecheck__", o);
        if (check >= 0) {
            return (int) check;
        }
        return Types.isInstance(o, cls) ? 1 : 0;
    }

    @CApi
    public static int PyObject_IsSubclass(long o, long cls) {
        if (Tuples.isTuple(cls)) {
            for (long i = 0; i < Tuples.size(cls); i++) {
                if (PyObject_IsSubclass(o, Tuples.get(cls, i)) != 0) {
                    return 1;
                }
            }
            return 0;
        }
        if (!Types.isType(cls)) {
            if (dev.ftcheck.runtime.obj.builtins.NativeBuiltins.isUnion(cls)) {
                return PyObject_IsSubclass(o, dev.ftcheck.runtime.obj.builtins.NativeBuiltins.unionArgs(cls));
            }
            long check = customCheck(cls, "__subclasscheck__", o);
            if (check >= 0) {
                return (int) check;
            }
        }
        if (Types.isType(cls)) {
            long check = metaclassCheck(cls, "__subclasscheck__", o);
            if (check >= 0) {
                return (int) check;
            }
        }
        if (!Types.isType(o)) {
            throw PyRaise.typeError("issubclass() arg 1 must be a class");
        }
        return Types.isSubtype(o, cls) ? 1 : 0;
    }

    /**
     * For a class whose metaclass is not type itself (abc.ABCMeta, ...): the metaclass's own check method, as CPython
     * looks __instancecheck__/__subclasscheck__ up on type(cls); -1 when it only inherits type's.
     */
    private static long metaclassCheck(long cls, String name, long arg) {
        long meta = Heap.type(cls);
        if (meta == Types.TYPE) {
            return -1;
        }
        long m = dev.ftcheck.runtime.obj.Attributes.lookupInType(meta, name);
        Long typeOwn = Types.of(Types.TYPE).dict.get(name);
        if (m == 0 || (typeOwn != null && m == typeOwn)) {
            return -1;
        }
        return customCheck(cls, name, arg);
    }

    /** type(cls).name(cls, arg) as 0/1 when cls's type defines that check method (a non-type class-like object, e.g. a generic alias); -1 when it does not. */
    private static long customCheck(long cls, String name, long arg) {
        long m = dev.ftcheck.runtime.obj.Attributes.lookupInType(Heap.type(cls), name);
        if (m == 0) {
            return -1;
        }
        long r = dev.ftcheck.runtime.obj.Calls.call(m, new long[] {cls, arg}, 0);
        try {
            return dev.ftcheck.runtime.obj.Protocols.isTrue(r) ? 1 : 0;
        } finally {
            Native.decref(r);
        }
    }

    // ---- items ----

    @CApi
    public static long PyObject_GetItem(long o, long key) {
        ArgChecks.nonNull(o);
        long v = builtinGetItem(o, key, Types.kindOf(o));
        if (v != 0) {
            return v;
        }
        long mp = Mem.getLong(Heap.type(o) + TP_AS_MAPPING);
        if (mp != 0 && Mem.getLong(mp + MP_SUBSCRIPT) == BuiltinSlots.subscript()) { // inherited from a built-in
            v = builtinGetItem(o, key, Types.builtinKind(o));
            if (v != 0) {
                return v;
            }
        }
        if (mp != 0 && Mem.getLong(mp + MP_SUBSCRIPT) != 0) {
            return Calls.checkResult(Downcalls.call2(Mem.getLong(mp + MP_SUBSCRIPT), o, key), "__getitem__");
        }
        long sq = Mem.getLong(Heap.type(o) + TP_AS_SEQUENCE);
        if (sq != 0 && Mem.getLong(sq + SQ_ITEM) != 0 && Ints.isInt(key)) {
            return PySequence_GetItem(o, Ints.asLong(key));
        }
        if (Types.isSubtype(Heap.type(o), Types.TYPE)) {
            // PEP 560: subscripting a class calls its __class_getitem__ (Cython's classmethod(GenericAlias))
            long classGetItem = dev.ftcheck.runtime.stdlib.Lookups.optionalAttr(o, "__class_getitem__");
            if (classGetItem != 0) {
                try {
                    return PyObject_CallOneArg(classGetItem, key);
                } finally {
                    Native.decref(classGetItem);
                }
            }
            throw PyRaise.typeError("type '%s' is not subscriptable", Types.get(o).fullName());
        }
        throw PyRaise.typeError("'%s' object is not subscriptable", Types.name(o));
    }

    /** o[key] for dict, list, tuple and str; 0 for any other kind. What the built-in types' mp_subscript does. */
    public static long builtinGetItem(long o, long key, TypeKind kind) {
        switch (kind) {
            case DICT: {
                long v = Dicts.getRef(o, key);
                if (v == 0) { // KeyError(key): its str is repr(key)
                    Errors.setObject(Exceptions.KeyError, Exceptions.instantiate(Exceptions.KeyError,
                            Tuples.of(Heap.newRef(key))));
                    throw ErrorAlreadySet.INSTANCE;
                }
                return v;
            }
            case LIST:
            case TUPLE:
                if (!Ints.isInt(key) && Types.kindOf(key) != TypeKind.SLICE
                        && PyIndex_Check(key) == 0) {
                    throw PyRaise.typeError("%s indices must be integers or slices, not %s", Types.name(o),
                            Types.name(key));
                }
                if (Types.kindOf(key) == TypeKind.SLICE) {
                    return builtinSlice(o, key, kind);
                }
                return builtinSequenceItem(o, Ints.index(key).longValue(), kind);
            case STR:
                return dev.ftcheck.runtime.obj.builtins.StrText.item(o, key);
            default:
                return 0;
        }
    }

    @CApi
    public static int PyObject_SetItem(long o, long key, long v) {
        ArgChecks.nonNull(o);
        switch (Types.kindOf(o)) {
            case DICT -> {
                Dicts.set(o, key, v);
                return 0;
            }
            case LIST -> {
                long i = Ints.index(key).longValue();
                long n = Lists.size(o);
                Lists.set(o, i < 0 ? i + n : i, Heap.newRef(v));
                return 0;
            }
            default -> { }
        }
        long mp = Mem.getLong(Heap.type(o) + TP_AS_MAPPING);
        if (mp != 0 && Mem.getLong(mp + 16) != 0) {
            if (Downcalls.int3(Mem.getLong(mp + 16), o, key, v) < 0) {
                throw ErrorAlreadySet.INSTANCE;
            }
            return 0;
        }
        if (v != 0 && baseContainer(o)) {   // an extension's list or dict subclass without its own slot
            switch (Types.builtinKind(o)) {
                case DICT -> Dicts.set(o, key, v);
                default -> {
                    long i = Ints.index(key).longValue();
                    long n = Lists.size(o);
                    Lists.set(o, i < 0 ? i + n : i, Heap.newRef(v));
                }
            }
            return 0;
        }
        throw PyRaise.typeError("'%s' object does not support item assignment", Types.name(o));
    }

    /** An extension type's instance whose nearest built-in base is list or dict. */
    private static boolean baseContainer(long o) {
        if (Types.kindOf(o) != TypeKind.EXTENSION) {
            return false;
        }
        TypeKind k = Types.builtinKind(o);
        return k == TypeKind.LIST || k == TypeKind.DICT;
    }

    @CApi
    public static int PyObject_DelItem(long o, long key) {
        ArgChecks.nonNull(o);
        long ownMp = Mem.getLong(Heap.type(o) + TP_AS_MAPPING);
        boolean ownSlot = ownMp != 0 && Mem.getLong(ownMp + 16) != 0;
        TypeKind dk = !ownSlot && baseContainer(o) ? Types.builtinKind(o) : Types.kindOf(o);
        if (dk == TypeKind.DICT) {
            return DictApi.PyDict_DelItem(o, key);
        }
        if (dk == TypeKind.LIST) {
            long i = Ints.index(key).longValue();
            long n = Lists.size(o);
            i = i < 0 ? i + n : i;
            if (i < 0 || i >= n) {
                throw PyRaise.indexError("list assignment index out of range");
            }
            Lists.setSlice(o, i, i + 1, null);
            return 0;
        }
        long mp = Mem.getLong(Heap.type(o) + TP_AS_MAPPING);
        if (mp != 0 && Mem.getLong(mp + 16) != 0) {
            if (Downcalls.int3(Mem.getLong(mp + 16), o, key, 0) < 0) {
                throw ErrorAlreadySet.INSTANCE;
            }
            return 0;
        }
        throw PyRaise.typeError("'%s' object does not support item deletion", Types.name(o));
    }

    @CApi
    public static long PySequence_GetItem(long o, long i) {
        ArgChecks.nonNull(o);
        long item = builtinSequenceItem(o, i, Types.kindOf(o));
        if (item != 0) {
            return item;
        }
        long sq = Mem.getLong(Heap.type(o) + TP_AS_SEQUENCE);
        if (sq != 0 && Mem.getLong(sq + SQ_ITEM) == BuiltinSlots.sequenceItem()) { // inherited from a built-in
            item = builtinSequenceItem(o, i, Types.builtinKind(o));
            if (item != 0) {
                return item;
            }
        }
        if (sq != 0 && Mem.getLong(sq + SQ_ITEM) != 0) {
            if (i < 0 && Mem.getLong(sq + SQ_LENGTH) != 0) { // as CPython: a negative index counts from sq_length
                long n = Downcalls.call1(Mem.getLong(sq + SQ_LENGTH), o);
                if (n < 0) {
                    throw ErrorAlreadySet.INSTANCE;
                }
                i += n;
            }
            return Calls.checkResult(Downcalls.call2(Mem.getLong(sq + SQ_ITEM), o, i), "__getitem__");
        }
        throw PyRaise.typeError("'%s' object does not support indexing", Types.name(o));
    }


    /**
     * o[i] for the sequence kinds the runtime implements (list, tuple, str), negative i counting from the end; 0
     * for any other kind. What PySequence_GetItem and the built-in types' sq_item do.
     */
    /** list[a:b:c] / tuple[a:b:c]: a new list or tuple of the selected items. */
    private static long builtinSlice(long o, long slice, TypeKind kind) {
        long n = kind == TypeKind.LIST ? Lists.size(o) : Tuples.size(o);
        long buf = Native.memMalloc(32);
        try {
            if (SliceApi.PySlice_GetIndicesEx(slice, n, buf, buf + 8, buf + 16, buf + 24) < 0) {
                throw ErrorAlreadySet.INSTANCE;
            }
            long start = Mem.getLong(buf);
            long step = Mem.getLong(buf + 16);
            long[] items = new long[(int) Mem.getLong(buf + 24)];
            for (int i = 0; i < items.length; i++) {
                items[i] = builtinSequenceItem(o, start + i * step, kind);
            }
            return kind == TypeKind.LIST ? Lists.of(items) : Tuples.of(items);
        } finally {
            Native.memFree(buf);
        }
    }

    public static long builtinSequenceItem(long o, long i, TypeKind kind) {
        switch (kind) {
            case LIST: {
                long n = Lists.size(o);
                return Lists.getRef(o, i < 0 ? i + n : i);
            }
            case TUPLE: {
                long n = Tuples.size(o);
                long j = i < 0 ? i + n : i;
                if (j < 0 || j >= n) {
                    throw PyRaise.indexError("tuple index out of range");
                }
                return Heap.newRef(Tuples.get(o, j));
            }
            case STR: {
                long n = Strs.length(o);
                long j = i < 0 ? i + n : i;
                if (j < 0 || j >= n) {
                    throw PyRaise.indexError("string index out of range");
                }
                return Strs.fromJava(new String(Character.toChars(Strs.codePointAt(o, j))));
            }
            default:
                return 0;
        }
    }

    @CApi
    public static int PySequence_Contains(long seq, long ob) {
        long sqTable = Mem.getLong(Heap.type(seq) + TP_AS_SEQUENCE);
        long sqContains = sqTable == 0 ? 0 : Mem.getLong(sqTable + 56);
        if (sqContains != 0 && sqContains == BuiltinSlots.contains()) {
            return BuiltinSlots.builtinContains(seq, ob);
        }
        if (sqContains != 0) {
            int r = Downcalls.int2(sqContains, seq, ob);
            if (r < 0) {
                throw ErrorAlreadySet.INSTANCE;
            }
            return r;
        }
        long iter;
        try {
            iter = Iteration.iter(seq);
        } catch (PyRaise e) {
            if (e.type == dev.ftcheck.runtime.obj.Exceptions.TypeError) { // CPython words it so
                throw PyRaise.typeError("argument of type '%s' is not iterable", Types.name(seq));
            }
            throw e;
        }
        try {
            for (long it = Iteration.next(iter); it != 0; it = Iteration.next(iter)) {
                boolean eq;
                try {
                    eq = Protocols.equal(it, ob);
                } finally {
                    Native.decref(it);
                }
                if (eq) {
                    return 1;
                }
            }
            return 0;
        } finally {
            Native.decref(iter);
        }
    }

    @CApi
    public static long PySequence_Tuple(long o) {
        if (Types.kindOf(o) == TypeKind.TUPLE) {
            return Heap.newRef(o);
        }
        return Tuples.of(Iteration.toArray(o));
    }

    @CApi
    public static long PySequence_List(long o) {
        long[] items = Iteration.toArray(o);
        long l = Lists.create(items.length);
        for (int i = 0; i < items.length; i++) {
            Lists.set(l, i, items[i]);
        }
        return l;
    }

    @CApi
    public static long PySequence_Fast(long o, long message) {
        if (Types.kindOf(o) == TypeKind.LIST || Types.kindOf(o) == TypeKind.TUPLE) {
            return Heap.newRef(o);
        }
        try {
            return PySequence_List(o);
        } catch (PyRaise e) {
            throw PyRaise.typeError("%s", Mem.cString(message));
        }
    }

    @CApi
    public static int PySequence_Check(long o) {
        TypeKind k = Types.kindOf(o);
        if (k == TypeKind.DICT) {
            return 0;
        }
        long sq = Mem.getLong(Heap.type(o) + TP_AS_SEQUENCE);
        return k == TypeKind.LIST || k == TypeKind.TUPLE || k == TypeKind.STR || k == TypeKind.BYTES
                || (sq != 0 && Mem.getLong(sq + SQ_ITEM) != 0) ? 1 : 0;
    }

    @CApi
    public static int PyMapping_Check(long o) {
        long mp = Mem.getLong(Heap.type(o) + TP_AS_MAPPING);
        return Types.kindOf(o) == TypeKind.DICT || (mp != 0 && Mem.getLong(mp + MP_SUBSCRIPT) != 0) ? 1 : 0;
    }

    // ---- iteration ----

    @CApi
    public static long PyObject_GetIter(long o) {
        return Iteration.iter(ArgChecks.nonNull(o));
    }

    @CApi
    public static long PyIter_Next(long it) {
        return Iteration.next(it);
    }

    @CApi
    public static int PyIter_Check(long o) {
        return Types.kindOf(o) == TypeKind.ITERATOR || Mem.getLong(Heap.type(o) + TP_ITERNEXT) != 0 ? 1 : 0;
    }

    // ---- calls ----

    private static long[] tupleItems(long args) {
        if (args == 0) {
            return new long[0];
        }
        if (!Tuples.isTuple(args)) {
            throw PyRaise.typeError("argument list must be a tuple");
        }
        long[] a = new long[(int) Tuples.size(args)];
        for (int i = 0; i < a.length; i++) {
            a[i] = Tuples.get(args, i);
        }
        return a;
    }

    @CApi
    public static long PyObject_Call(long callable, long args, long kwargs) {
        if (kwargs != 0 && !Dicts.isDict(kwargs)) {
            throw PyRaise.typeError("keyword list must be a dictionary");
        }
        return Calls.call(ArgChecks.nonNull(callable), tupleItems(args), kwargs);
    }

    @CApi
    public static long PyObject_CallObject(long callable, long args) {
        return Calls.call(ArgChecks.nonNull(callable), tupleItems(args), 0);
    }

    @CApi
    public static long PyObject_CallNoArgs(long callable) {
        return Calls.call(ArgChecks.nonNull(callable), new long[0], 0);
    }

    @CApi
    public static long PyObject_CallOneArg(long callable, long arg) {
        return Calls.call(ArgChecks.nonNull(callable), new long[] {arg}, 0);
    }

    @CApi
    public static long PyObject_CallMethodNoArgs(long self, long name) {
        return Calls.callMethod(self, Strs.check(name, "method name"), new long[0], 0);
    }

    @CApi
    public static long PyObject_CallMethodOneArg(long self, long name, long arg) {
        return Calls.callMethod(self, Strs.check(name, "method name"), new long[] {arg}, 0);
    }

    private static long kwDict(long args, long nargs, long kwnames) {
        if (kwnames == 0 || Tuples.size(kwnames) == 0) {
            return 0;
        }
        long d = Dicts.create("vectorcall keywords");
        for (long i = 0; i < Tuples.size(kwnames); i++) {
            Dicts.set(d, Tuples.get(kwnames, i), Mem.getLong(args + 8 * (nargs + i)));
        }
        return d;
    }

    private static long[] positional(long args, long nargs) {
        long[] a = new long[(int) nargs];
        for (int i = 0; i < nargs; i++) {
            a[i] = Mem.getLong(args + 8L * i);
        }
        return a;
    }

    @CApi
    public static long PyObject_Vectorcall(long callable, long args, long nargsf, long kwnames) {
        long nargs = nargsf & ~VECTORCALL_ARGUMENTS_OFFSET;
        long kw = kwDict(args, nargs, kwnames);
        try {
            return Calls.call(ArgChecks.nonNull(callable), positional(args, nargs), kw);
        } finally {
            Native.xdecref(kw);
        }
    }

    @CApi
    public static long PyObject_VectorcallDict(long callable, long args, long nargsf, long kwdict) {
        long nargs = nargsf & ~VECTORCALL_ARGUMENTS_OFFSET;
        return Calls.call(ArgChecks.nonNull(callable), positional(args, nargs), kwdict);
    }

    @CApi
    public static long PyObject_VectorcallMethod(long name, long args, long nargsf, long kwnames) {
        long nargs = nargsf & ~VECTORCALL_ARGUMENTS_OFFSET;
        if (nargs < 1) {
            throw PyRaise.badInternalCall();
        }
        long[] all = positional(args, nargs);
        long self = all[0];
        long[] rest = java.util.Arrays.copyOfRange(all, 1, all.length);
        long kw = kwDict(args, nargs, kwnames);
        try {
            return Calls.callMethod(self, Strs.check(name, "method name"), rest, kw);
        } finally {
            Native.xdecref(kw);
        }
    }

    @CApi
    public static long PyVectorcall_Call(long callable, long tuple, long dict) {
        return Calls.call(callable, tupleItems(tuple), dict);
    }

    private static long norm(long i, long n) {
        return i < 0 ? i + n : i;
    }

    @CApi
    public static long PySequence_GetSlice(long o, long i1, long i2) {
        TypeKind k = Types.kindOf(o);
        if (k == TypeKind.LIST) {
            long n = Lists.size(o);
            return ListApi.PyList_GetSlice(o, Math.max(0, norm(i1, n)), Math.max(0, norm(i2, n)));
        }
        if (k == TypeKind.TUPLE || (Tuples.isTuple(o) && (mpSubscript(o) == 0
                || mpSubscript(o) == BuiltinSlots.subscript()))) { // a subclass slices to a tuple
            long n = Tuples.size(o);
            return TupleApi.PyTuple_GetSlice(o, Math.max(0, norm(i1, n)), Math.max(0, norm(i2, n)));
        }
        if (k == TypeKind.STR) {
            long n = Strs.length(o);
            return UnicodeApi.PyUnicode_Substring(o, Math.max(0, norm(i1, n)), Math.max(0, norm(i2, n)));
        }
        throw PyRaise.typeError("'%s' object is unsliceable", Types.name(o));
    }

    @CApi
    public static int PySequence_SetItem(long o, long i, long v) {
        if (Types.kindOf(o) == TypeKind.LIST) {
            long n = Lists.size(o);
            Lists.set(o, norm(i, n), Heap.newRef(v));
            return 0;
        }
        long assItem = sqAssItem(o);
        if (assItem != 0) {
            if (dev.ftcheck.runtime.nat.Downcalls.int3(assItem, o, i, v) < 0) {
                throw dev.ftcheck.runtime.obj.ErrorAlreadySet.INSTANCE;
            }
            return 0;
        }
        throw PyRaise.typeError("'%s' object does not support item assignment", Types.name(o));
    }

    /** The type's mp_subscript, 0 if none. */
    private static long mpSubscript(long o) {
        long mp = dev.ftcheck.runtime.nat.Mem.getLong(dev.ftcheck.runtime.obj.Heap.type(o)
                + dev.ftcheck.runtime.obj.Layout.TP_AS_MAPPING);
        return mp == 0 ? 0 : dev.ftcheck.runtime.nat.Mem.getLong(mp + dev.ftcheck.runtime.obj.Layout.MP_SUBSCRIPT);
    }

    /** The type's sq_ass_item, 0 if none. */
    private static long sqAssItem(long o) {
        long sq = dev.ftcheck.runtime.nat.Mem.getLong(dev.ftcheck.runtime.obj.Heap.type(o)
                + dev.ftcheck.runtime.obj.Layout.TP_AS_SEQUENCE);
        return sq == 0 ? 0 : dev.ftcheck.runtime.nat.Mem.getLong(sq + 40);
    }

    @CApi
    public static int PySequence_DelItem(long o, long i) {
        if (Types.kindOf(o) == TypeKind.LIST) {
            long n = Lists.size(o);
            long j = norm(i, n);
            if (j < 0 || j >= n) {
                throw PyRaise.indexError("list assignment index out of range");
            }
            Lists.setSlice(o, j, j + 1, null);
            return 0;
        }
        long assItem = sqAssItem(o);
        if (assItem != 0) {
            if (dev.ftcheck.runtime.nat.Downcalls.int3(assItem, o, i, 0) < 0) {
                throw dev.ftcheck.runtime.obj.ErrorAlreadySet.INSTANCE;
            }
            return 0;
        }
        throw PyRaise.typeError("'%s' object doesn't support item deletion", Types.name(o));
    }

    @CApi
    public static int PySequence_SetSlice(long o, long i1, long i2, long v) {
        if (Types.kindOf(o) != TypeKind.LIST) {
            throw PyRaise.typeError("'%s' object doesn't support slice assignment", Types.name(o));
        }
        long n = Lists.size(o);
        Lists.setSlice(o, Math.max(0, norm(i1, n)), Math.max(0, norm(i2, n)), v == 0 ? null : Iteration.toArray(v));
        return 0;
    }

    @CApi
    public static int PySequence_DelSlice(long o, long i1, long i2) {
        return PySequence_SetSlice(o, i1, i2, 0);
    }

    private static long[] items(long o) {
        return Iteration.toArray(o);
    }

    @CApi
    public static long PySequence_Count(long o, long value) {
        long[] it = items(o);
        try {
            long c = 0;
            for (long x : it) {
                if (Protocols.equal(x, value)) {
                    c++;
                }
            }
            return c;
        } finally {
            for (long x : it) {
                Native.decref(x);
            }
        }
    }

    @CApi
    public static long PySequence_Index(long o, long value) {
        long[] it = items(o);
        try {
            for (int i = 0; i < it.length; i++) {
                if (Protocols.equal(it[i], value)) {
                    return i;
                }
            }
            throw PyRaise.valueError("sequence.index(x): x not in sequence");
        } finally {
            for (long x : it) {
                Native.decref(x);
            }
        }
    }

    @CApi
    public static int PySequence_In(long o, long value) {
        return PySequence_Contains(o, value);
    }

    @CApi
    public static long PySequence_Concat(long a, long b) {
        TypeKind ka = Types.kindOf(a);
        if (ka == TypeKind.BYTES || ka == TypeKind.BYTEARRAY) {
            return PyNumber_Add(a, b);
        }
        if (ka != Types.kindOf(b) || (ka != TypeKind.LIST && ka != TypeKind.TUPLE && ka != TypeKind.STR)) {
            throw PyRaise.typeError("'%s' object can't be concatenated", Types.name(a));
        }
        return PyNumber_Add(a, b);
    }

    @CApi
    public static long PySequence_Repeat(long o, long count) {
        long n = Ints.fromLong(count);
        try {
            return PyNumber_Multiply(o, n);
        } finally {
            Native.decref(n);
        }
    }

    @CApi
    public static long PySequence_InPlaceConcat(long a, long b) {
        return PyNumber_InPlaceAdd(a, b);
    }

    @CApi
    public static long PyMapping_Length(long o) {
        return Protocols.length(o);
    }

    @CApi
    public static long PyMapping_Keys(long o) {
        if (Dicts.isDict(o)) {
            return DictApi.PyDict_Keys(o);
        }
        return callToList(o, "keys");
    }

    @CApi
    public static long PyMapping_Values(long o) {
        if (Dicts.isDict(o)) {
            return DictApi.PyDict_Values(o);
        }
        return callToList(o, "values");
    }

    @CApi
    public static long PyMapping_Items(long o) {
        if (Dicts.isDict(o)) {
            return DictApi.PyDict_Items(o);
        }
        return callToList(o, "items");
    }

    private static long callToList(long o, String method) {
        long r = dev.ftcheck.runtime.obj.Calls.callMethod(o, method, new long[0], 0);
        try {
            return PySequence_List(r);
        } finally {
            Native.decref(r);
        }
    }

    @CApi
    public static long PyMapping_GetItemString(long o, long key) {
        long k = Strs.fromUtf8(Mem.bytes(key, Mem.strlen(key)));
        try {
            return PyObject_GetItem(o, k);
        } finally {
            Native.decref(k);
        }
    }

    @CApi
    public static int PyMapping_SetItemString(long o, long key, long value) {
        long k = Strs.fromUtf8(Mem.bytes(key, Mem.strlen(key)));
        try {
            return PyObject_SetItem(o, k, value);
        } finally {
            Native.decref(k);
        }
    }

    @CApi
    public static int PyMapping_GetOptionalItem(long o, long key, long result) {
        Mem.putLong(result, 0);
        if (Dicts.isDict(o)) {
            long v = Dicts.getRef(o, key);
            Mem.putLong(result, v);
            return v != 0 ? 1 : 0;
        }
        return Errors.optionalLookup(result, Exceptions.KeyError, () -> PyObject_GetItem(o, key));
    }

    @CApi
    public static int PyMapping_GetOptionalItemString(long o, long key, long result) {
        Mem.putLong(result, 0);
        long k = Strs.fromUtf8(Mem.bytes(key, Mem.strlen(key)));
        try {
            return PyMapping_GetOptionalItem(o, k, result);
        } finally {
            Native.decref(k);
        }
    }

    @CApi
    public static int PyMapping_HasKeyWithError(long o, long key) {
        return Errors.presenceOf(slot -> PyMapping_GetOptionalItem(o, key, slot));
    }

    @CApi
    public static int PyMapping_HasKeyStringWithError(long o, long key) {
        long k = Strs.fromUtf8(Mem.bytes(key, Mem.strlen(key)));
        try {
            return PyMapping_HasKeyWithError(o, k);
        } finally {
            Native.decref(k);
        }
    }

    @CApi
    public static int PyMapping_HasKey(long o, long key) {
        return Errors.zeroOnError(() -> PyMapping_HasKeyWithError(o, key));
    }

    @CApi
    public static int PyMapping_HasKeyString(long o, long key) {
        return Errors.zeroOnError(() -> PyMapping_HasKeyStringWithError(o, key));
    }

    @CApi
    public static int PyObject_DelItemString(long o, long key) {
        long k = Strs.fromUtf8(Mem.bytes(key, Mem.strlen(key)));
        try {
            return PyObject_DelItem(o, k);
        } finally {
            Native.decref(k);
        }
    }

    /** 3.14: 1 and *item a new reference, 0 and *item NULL when exhausted, -1 and *item NULL on error. */
    @CApi
    public static int PyIter_NextItem(long iter, long item) {
        Mem.putLong(item, 0);
        if (iter == 0) {
            throw PyRaise.badInternalCall();
        }
        if (PyIter_Check(iter) == 0) {
            throw PyRaise.typeError("expected an iterator, got '%s'", Types.typeOf(iter).qualifiedName());
        }
        long r = Iteration.next(iter);
        Mem.putLong(item, r);
        return r != 0 ? 1 : 0;
    }
}
