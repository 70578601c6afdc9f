package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.math.BigDecimal;

/**
 * complex: PyComplexObject's layout (the two doubles of cval at offsets 32 and 40), real C slots (tp_as_number,
 * tp_richcompare, tp_hash, tp_repr, tp_new) and the type's dict. Arithmetic follows CPython 3.13: int and float
 * operands become complex(x, 0.0) first; products use the plain formula, quotients Smith's method, integer powers
 * up to 100 repeated squaring. The transcendental functions are the C library's, so results are bit-identical.
 */
public final class ComplexType {
    public static long COMPLEX;
    static final long REAL = 32, IMAG = 40, SIZE = 48;
    private static final long NB_FLOAT = 144, NB_INDEX = 264;

    private ComplexType() {}

    static void init() {
        long t = NativeSlots.type("PyComplex_Type", "complex", SIZE, TPF_BASETYPE);
        COMPLEX = t;
        long nb = NativeSlots.table(288);
        Mem.putLong(nb, NativeSlots.stub(ComplexType.class, "nbAdd"));
        Mem.putLong(nb + 8, NativeSlots.stub(ComplexType.class, "nbSub"));
        Mem.putLong(nb + 16, NativeSlots.stub(ComplexType.class, "nbMul"));
        Mem.putLong(nb + 40, NativeSlots.stub(ComplexType.class, "nbPow"));
        Mem.putLong(nb + 48, NativeSlots.stub(ComplexType.class, "nbNeg"));
        Mem.putLong(nb + 56, NativeSlots.stub(ComplexType.class, "nbPos"));
        Mem.putLong(nb + 64, NativeSlots.stub(ComplexType.class, "nbAbs"));
        Mem.putLong(nb + 72, NativeSlots.stub(ComplexType.class, "nbBool"));
        Mem.putLong(nb + 240, NativeSlots.stub(ComplexType.class, "nbTrueDiv"));
        Mem.putLong(t + TP_AS_NUMBER, nb);
        Mem.putLong(t + TP_REPR, NativeSlots.stub(ComplexType.class, "reprSlot"));
        Mem.putLong(t + TP_HASH, NativeSlots.stub(ComplexType.class, "hashSlot"));
        Mem.putLong(t + TP_RICHCOMPARE, NativeSlots.stub(ComplexType.class, "compareSlot"));
        Mem.putLong(t + TP_NEW, NativeSlots.stub(ComplexType.class, "newSlot"));
        Mem.putLong(t + TP_DEALLOC, NativeSlots.stub(ComplexType.class, "dealloc"));
        table().install(t);
        BuiltinTypes.newMethod(t);
    }

    // ---- values ----

    public static boolean isComplex(long o) {
        return Types.isInstance(o, COMPLEX);
    }

    public static double real(long c) {
        return Mem.getDouble(c + REAL);
    }

    public static double imag(long c) {
        return Mem.getDouble(c + IMAG);
    }

    public static long fromDoubles(double re, double im) {
        long p = Heap.alloc(COMPLEX, SIZE);
        Mem.putDouble(p + REAL, re);
        Mem.putDouble(p + IMAG, im);
        return p;
    }

    private static long make(double[] v) {
        return fromDoubles(v[0], v[1]);
    }

    /** A number operand as complex: complex itself, int and float as (x, 0.0); null for any other type. */
    private static double[] operand(long o) {
        if (isComplex(o)) {
            return new double[] {real(o), imag(o)};
        }
        if (Ints.isInt(o) || Floats.isFloat(o)) {
            return new double[] {Floats.asDouble(o), 0.0};
        }
        return null;
    }

    // ---- arithmetic (NotImplemented for operands other than int, float and complex) ----

    static long add(long a, long b) {
        double[] x = operand(a), y = operand(b);
        return x == null || y == null ? Singletons.NOTIMPLEMENTED : fromDoubles(x[0] + y[0], x[1] + y[1]);
    }

    static long sub(long a, long b) {
        double[] x = operand(a), y = operand(b);
        return x == null || y == null ? Singletons.NOTIMPLEMENTED : fromDoubles(x[0] - y[0], x[1] - y[1]);
    }

    static long mul(long a, long b) {
        double[] x = operand(a), y = operand(b);
        return x == null || y == null ? Singletons.NOTIMPLEMENTED : make(prod(x, y));
    }

    static long truediv(long a, long b) {
        double[] x = operand(a), y = operand(b);
        if (x == null || y == null) {
            return Singletons.NOTIMPLEMENTED;
        }
        double[] q = quot(x, y);
        if (q == null) {
            throw new PyRaise(Exceptions.ZeroDivisionError, "complex division by zero");
        }
        return make(q);
    }

    public static long power(long a, long b, long mod) {
        double[] x = operand(a), y = operand(b);
        if (x == null || y == null) {
            return Singletons.NOTIMPLEMENTED;
        }
        if (mod != 0 && mod != Singletons.NONE) {
            throw PyRaise.valueError("complex modulo");
        }
        double[] p;
        boolean domain;
        if (y[1] == 0.0 && y[0] == Math.floor(y[0]) && Math.abs(y[0]) <= 100.0) {
            long n = (long) y[0];
            if (n > 0) {
                p = powu(x, n);
                domain = false;
            } else {
                p = quot(new double[] {1.0, 0.0}, powu(x, -n));
                domain = p == null;
            }
        } else {
            p = cpow(x, y);
            domain = p == null;
        }
        if (domain) {
            throw new PyRaise(Exceptions.ZeroDivisionError, "0.0 to a negative or complex power");
        }
        if (Double.isInfinite(p[0]) || Double.isInfinite(p[1])) {
            throw PyRaise.overflow("complex exponentiation");
        }
        return make(p);
    }

    static double[] prod(double[] a, double[] b) {
        return new double[] {a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]};
    }

    /** a / b by Smith's method; null when b is zero (C's EDOM). */
    static double[] quot(double[] a, double[] b) {
        double absRe = Math.abs(b[0]), absIm = Math.abs(b[1]);
        if (absRe >= absIm) {
            if (absRe == 0.0) {
                return null;
            }
            double ratio = b[1] / b[0];
            double denom = b[0] + b[1] * ratio;
            return new double[] {(a[0] + a[1] * ratio) / denom, (a[1] - a[0] * ratio) / denom};
        }
        if (absIm >= absRe) {
            double ratio = b[0] / b[1];
            double denom = b[0] * ratio + b[1];
            return new double[] {(a[0] * ratio + a[1]) / denom, (a[1] * ratio - a[0]) / denom};
        }
        return new double[] {Double.NaN, Double.NaN};
    }

    /** x**n for n >= 0 by repeated squaring. */
    private static double[] powu(double[] x, long n) {
        double[] r = {1.0, 0.0};
        double[] p = x;
        long mask = 1;
        while (mask > 0 && n >= mask) {
            if ((n & mask) != 0) {
                r = prod(r, p);
            }
            mask <<= 1;
            p = prod(p, p);
        }
        return r;
    }

    /** The general power by polar form; null for zero to a negative or complex power (or cos/sin of infinity). */
    static double[] cpow(double[] a, double[] b) {
        if (b[0] == 0.0 && b[1] == 0.0) {
            return new double[] {1.0, 0.0};
        }
        if (a[0] == 0.0 && a[1] == 0.0) {
            if (b[1] != 0.0 || b[0] < 0.0) {
                return null;
            }
            return new double[] {0.0, 0.0};
        }
        double vabs = LibM.hypot(a[0], a[1]);
        double len = LibM.pow(vabs, b[0]);
        double at = LibM.atan2(a[1], a[0]);
        double phase = at * b[0];
        if (b[1] != 0.0) {
            len /= LibM.exp(at * b[1]);
            phase += b[1] * LibM.log(vabs);
        }
        if (Double.isInfinite(phase)) {
            return null; // cos and sin of an infinity report a domain error
        }
        return new double[] {len * LibM.cos(phase), len * LibM.sin(phase)};
    }

    /** abs(z): hypot, with infinities before NaNs; OverflowError when finite parts overflow. */
    static double abs(double re, double im) {
        if (Double.isInfinite(re) || Double.isInfinite(im)) {
            return Double.POSITIVE_INFINITY;
        }
        if (Double.isNaN(re) || Double.isNaN(im)) {
            return Double.NaN;
        }
        double r = LibM.hypot(re, im);
        if (Double.isInfinite(r)) {
            throw PyRaise.overflow("absolute value too large");
        }
        return r;
    }

    // ---- hash, comparison, repr ----

    static long hash(long self) {
        long hr = partHash(self, real(self));
        long hi = partHash(self, imag(self));
        long h = hr + 1000003L * hi;
        return h == -1 ? -2 : h;
    }

    private static long partHash(long self, double d) {
        if (Double.isNaN(d)) {
            return Protocols.pointerHash(self);
        }
        long f = Floats.fromDouble(d);
        try {
            return Protocols.hash(f);
        } finally {
            Native.decref(f);
        }
    }

    static long compare(long self, long other, int op) {
        if (op != Protocols.EQ && op != Protocols.NE) {
            return Singletons.NOTIMPLEMENTED;
        }
        double re = real(self), im = imag(self);
        boolean equal;
        if (Ints.isInt(other)) {
            equal = im == 0.0 && !Double.isNaN(re) && !Double.isInfinite(re)
                    && new BigDecimal(re).compareTo(new BigDecimal(Ints.value(other))) == 0;
        } else if (Floats.isFloat(other)) {
            equal = re == Floats.value(other) && im == 0.0;
        } else if (isComplex(other)) {
            equal = re == real(other) && im == imag(other);
        } else {
            return Singletons.NOTIMPLEMENTED;
        }
        return Singletons.bool(equal == (op == Protocols.EQ));
    }

    /** repr(complex): "1j", "(1+2j)", "-0j", "(nan+infj)": each part as repr(float) without ".0". */
    public static String repr(double re, double im) {
        if (re == 0.0 && Math.copySign(1.0, re) == 1.0) {
            return part(im) + "j";
        }
        String i = part(im);
        return "(" + part(re) + (i.startsWith("-") ? "" : "+") + i + "j)";
    }

    private static String part(double d) {
        String s = Floats.repr(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    // ---- construction ----

    /** complex(real=0, imag=0) for type (complex or a subtype), as CPython 3.13's complex_new. */
    static long construct(long type, long r, long i) {
        if (r == 0) {
            r = Ints.fromLong(0);
        } else {
            Native.incref(r);
        }
        try {
            if (Heap.type(r) == COMPLEX && i == 0 && type == COMPLEX) {
                return Heap.newRef(r);
            }
            if (Strs.isStr(r)) {
                if (i != 0) {
                    throw PyRaise.typeError("complex() can't take second arg if first is a string");
                }
                double[] v = ComplexParser.parse(r);
                return subtypeFromDoubles(type, v[0], v[1]);
            }
            if (i != 0 && Strs.isStr(i)) {
                throw PyRaise.typeError("complex() second arg can't be a string");
            }
            long special = trySpecial(r);
            if (special != 0) {
                Native.decref(r);
                r = special;
            }
            if (!isNumber(r)) {
                throw PyRaise.typeError("complex() first argument must be a string or a number, not '%s'",
                        Types.typeOf(r).fullName());
            }
            if (i != 0 && !isNumber(i)) {
                throw PyRaise.typeError("complex() second argument must be a number, not '%s'",
                        Types.typeOf(i).fullName());
            }
            double crRe, crIm, ciRe, ciIm = 0.0;
            boolean crComplex = isComplex(r), ciComplex = false;
            if (crComplex) {
                crRe = real(r);
                crIm = imag(r);
            } else {
                crRe = toDouble(r);
                crIm = 0.0;
            }
            if (i == 0) {
                ciRe = crIm;
            } else if (isComplex(i)) {
                ciRe = real(i);
                ciIm = imag(i);
                ciComplex = true;
            } else {
                ciRe = toDouble(i);
            }
            if (ciComplex) {
                crRe -= ciIm;
            }
            if (crComplex && i != 0) {
                ciRe += crIm;
            }
            return subtypeFromDoubles(type, crRe, ciRe);
        } finally {
            Native.decref(r);
        }
    }

    private static double toDouble(long o) {
        long f = AbstractApi.PyNumber_Float(o);
        try {
            return Floats.value(f);
        } finally {
            Native.decref(f);
        }
    }

    /** Whether complex() takes o as a number: complex, int, float, or a type with nb_float or nb_index. */
    private static boolean isNumber(long o) {
        if (isComplex(o) || Ints.isInt(o) || Floats.isFloat(o)) {
            return true;
        }
        long nb = Mem.getLong(Heap.type(o) + TP_AS_NUMBER);
        return nb != 0 && (Mem.getLong(nb + NB_FLOAT) != 0 || Mem.getLong(nb + NB_INDEX) != 0);
    }

    /** o.__complex__() when o's type has it (a complex, new reference), else 0. */
    public static long trySpecial(long o) {
        if (Attributes.lookupInType(Heap.type(o), "__complex__") == 0) {
            return 0;
        }
        long res = Calls.callMethod(o, "__complex__", new long[0], 0);
        if (!isComplex(res)) {
            String name = Types.typeOf(res).fullName();
            Native.decref(res);
            throw PyRaise.typeError("__complex__ returned non-complex (type %s)", name);
        }
        return res;
    }

    static long subtypeFromDoubles(long type, double re, double im) {
        long p = NativeSlots.alloc(type, COMPLEX, SIZE);
        Mem.putDouble(p + REAL, re);
        Mem.putDouble(p + IMAG, im);
        return p;
    }

    // ---- the C slots ----

    private static long nbAdd(long a, long b) {
        try {
            return add(a, b);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "complex.__add__");
            return 0;
        }
    }

    private static long nbSub(long a, long b) {
        try {
            return sub(a, b);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "complex.__sub__");
            return 0;
        }
    }

    private static long nbMul(long a, long b) {
        try {
            return mul(a, b);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "complex.__mul__");
            return 0;
        }
    }

    private static long nbTrueDiv(long a, long b) {
        try {
            return truediv(a, b);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "complex.__truediv__");
            return 0;
        }
    }

    private static long nbPow(long a, long b, long mod) {
        try {
            return power(a, b, mod);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "complex.__pow__");
            return 0;
        }
    }

    private static long nbNeg(long a) {
        return fromDoubles(-real(a), -imag(a));
    }

    private static long nbPos(long a) {
        return Heap.type(a) == COMPLEX ? Heap.newRef(a) : fromDoubles(real(a), imag(a));
    }

    private static long nbAbs(long a) {
        try {
            return Floats.fromDouble(abs(real(a), imag(a)));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "complex.__abs__");
            return 0;
        }
    }

    private static int nbBool(long a) {
        return real(a) != 0.0 || imag(a) != 0.0 ? 1 : 0;
    }

    private static long reprSlot(long a) {
        try {
            return Strs.fromJava(repr(real(a), imag(a)));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "complex.__repr__");
            return 0;
        }
    }

    private static long hashSlot(long a) {
        try {
            return hash(a);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "complex.__hash__");
            return -1;
        }
    }

    private static long compareSlot(long a, long b, int op) {
        try {
            return compare(a, b, op);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "complex.__eq__");
            return 0;
        }
    }

    private static long newSlot(long type, long args, long kwargs) {
        try {
            long[] a = Args.clinic("complex", NativeSlots.tupleArgs(args), NativeSlots.kwargs(kwargs), 0, "real",
                    "imag");
            return construct(type, a[0], a[1]);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "complex.__new__");
            return 0;
        }
    }

    private static void dealloc(long a) {
        long type = Heap.type(a);
        long free = Mem.getLong(type + TP_FREE);
        if (free != 0) {
            dev.ftcheck.runtime.nat.Downcalls.void1(free, a);
        } else {
            Native.objectFree(a);
        }
        if ((Mem.getLong(type + TP_FLAGS) & TPF_HEAPTYPE) != 0) {
            Native.decref(type);
        }
    }

    // ---- the type's dict ----

    private static BuiltinTable table() {
        BuiltinTable t = new BuiltinTable();
        binary(t, "add", ComplexType::add);
        binary(t, "sub", ComplexType::sub);
        binary(t, "mul", ComplexType::mul);
        binary(t, "truediv", ComplexType::truediv);
        t.slot("__pow__", (self, args, kw) -> powWrapper(self, args, kw, false));
        t.slot("__rpow__", (self, args, kw) -> powWrapper(self, args, kw, true));
        t.slot("__neg__", Slots.unary(ComplexType::nbNeg));
        t.slot("__pos__", Slots.unary(ComplexType::nbPos));
        t.slot("__abs__", Slots.unary(self -> Floats.fromDouble(abs(real(self), imag(self)))));
        t.slot("__bool__", Slots.unary(self -> Singletons.bool(nbBool(self) != 0)));
        t.slot("__repr__", Slots.unary(self -> Strs.fromJava(repr(real(self), imag(self)))));
        t.slot("__hash__", Slots.unary(self -> Ints.fromLong(hash(self))));
        for (int op = 0; op < 6; op++) {
            int o = op;
            t.slot(Slots.COMPARE[op], Slots.binary((self, other) -> compare(self, other, o)));
        }
        Slots.getattribute(t);
        t.member("real", 4, REAL);
        t.member("imag", 4, IMAG);
        t.method("conjugate", (self, args, kw) -> {
            Args.none("complex.conjugate", args, kw);
            return fromDoubles(real(self), -imag(self));
        });
        t.method("__complex__", (self, args, kw) -> {
            Args.none("complex.__complex__", args, kw);
            return Heap.type(self) == COMPLEX ? Heap.newRef(self) : fromDoubles(real(self), imag(self));
        });
        t.method("__getnewargs__", (self, args, kw) -> {
            Args.none("complex.__getnewargs__", args, kw);
            return Tuples.of(Floats.fromDouble(real(self)), Floats.fromDouble(imag(self)));
        });
        return t;
    }

    private static void binary(BuiltinTable t, String name, java.util.function.LongBinaryOperator op) {
        t.slot("__" + name + "__", Slots.binary(op));
        t.slot("__r" + name + "__", Slots.binary((self, other) -> op.applyAsLong(other, self)));
    }

    private static long powWrapper(long self, long[] args, long kw, boolean reflected) {
        Args.noKeywords("wrapper", kw);
        if (args.length < 1 || args.length > 2) {
            throw PyRaise.typeError("expected %s, got %d", args.length < 1 ? "at least 1 argument"
                    : "at most 2 arguments", args.length);
        }
        long mod = args.length > 1 ? args[1] : Singletons.NONE;
        return reflected ? power(args[0], self, mod) : power(self, args[0], mod);
    }

    /** The C library's functions, so that results match CPython's bit for bit. */
    static final class LibM {
        private static final MethodHandle HYPOT, POW, ATAN2, EXP, LOG, COS, SIN;

        static {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libm;
            try {
                libm = SymbolLookup.libraryLookup("libm.so.6", Arena.global()).or(linker.defaultLookup());
            } catch (IllegalArgumentException e) {
                libm = linker.defaultLookup();
            }
            FunctionDescriptor one = FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE);
            FunctionDescriptor two = FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE,
                    ValueLayout.JAVA_DOUBLE);
            HYPOT = linker.downcallHandle(libm.find("hypot").orElseThrow(), two);
            POW = linker.downcallHandle(libm.find("pow").orElseThrow(), two);
            ATAN2 = linker.downcallHandle(libm.find("atan2").orElseThrow(), two);
            EXP = linker.downcallHandle(libm.find("exp").orElseThrow(), one);
            LOG = linker.downcallHandle(libm.find("log").orElseThrow(), one);
            COS = linker.downcallHandle(libm.find("cos").orElseThrow(), one);
            SIN = linker.downcallHandle(libm.find("sin").orElseThrow(), one);
        }

        private LibM() {}

        private static RuntimeException broken(Throwable t) {
            return new IllegalStateException("libm call failed", t);
        }

        static double hypot(double a, double b) {
            try {
                return (double) HYPOT.invokeExact(a, b);
            } catch (Throwable t) {
                throw broken(t);
            }
        }

        static double pow(double a, double b) {
            try {
                return (double) POW.invokeExact(a, b);
            } catch (Throwable t) {
                throw broken(t);
            }
        }

        static double atan2(double a, double b) {
            try {
                return (double) ATAN2.invokeExact(a, b);
            } catch (Throwable t) {
                throw broken(t);
            }
        }

        static double exp(double a) {
            try {
                return (double) EXP.invokeExact(a);
            } catch (Throwable t) {
                throw broken(t);
            }
        }

        static double log(double a) {
            try {
                return (double) LOG.invokeExact(a);
            } catch (Throwable t) {
                throw broken(t);
            }
        }

        static double cos(double a) {
            try {
                return (double) COS.invokeExact(a);
            } catch (Throwable t) {
                throw broken(t);
            }
        }

        static double sin(double a) {
            try {
                return (double) SIN.invokeExact(a);
            } catch (Throwable t) {
                throw broken(t);
            }
        }
    }
}
