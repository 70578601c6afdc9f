package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.DoubleUnaryOperator;

/**
 * The part of {@code math} extensions use: the constants, sqrt, exp, log (any base, ints of any size), fabs, pow,
 * floor, ceil, trunc, isnan, isinf, isfinite, copysign, frexp, ldexp, gcd, fsum (exact, as CPython's), with
 * CPython 3.13's "math domain error" / "math range error".
 */
final class MathModule {
    private MathModule() {}

    private static PyRaise domain() {
        return PyRaise.valueError("math domain error");
    }

    private static PyRaise range() {
        return PyRaise.overflow("math range error");
    }

    /** One float argument, METH_O style. */
    private static double arg(String name, long[] args, long kw) {
        return Floats.asDouble(Args.one("math." + name, args, kw));
    }

    /** A libm-style function: NaN only from NaN, infinity only from infinity, as CPython's math_1 checks. */
    private static BuiltinTable.Impl unary(String name, DoubleUnaryOperator f, boolean canOverflow) {
        return (self, args, kw) -> {
            double x = arg(name, args, kw);
            double r = f.applyAsDouble(x);
            if (Double.isNaN(r) && !Double.isNaN(x)) {
                throw domain();
            }
            if (Double.isInfinite(r) && Double.isFinite(x)) {
                throw canOverflow ? range() : domain();
            }
            return Floats.fromDouble(r);
        };
    }

    static long create() {
        long m = Modules.create("math");
        for (Object[] c : new Object[][] {{"pi", Math.PI}, {"e", Math.E}, {"tau", 2 * Math.PI},
            {"inf", Double.POSITIVE_INFINITY}, {"nan", Double.NaN}}) {
            long v = Floats.fromDouble((Double) c[1]);
            Modules.setAttr(m, (String) c[0], v);
            Native.decref(v);
        }
        BuiltinTable t = new BuiltinTable();
        t.method("sqrt", unary("sqrt", Math::sqrt, false));
        t.method("exp", unary("exp", Math::exp, true));
        t.method("fabs", unary("fabs", Math::abs, false));
        t.method("log", MathModule::log);
        t.method("log2", (self, args, kw) -> Floats.fromDouble(log2(Args.one("math.log2", args, kw))));
        t.method("log10", (self, args, kw) -> {
            long x = Args.one("math.log10", args, kw);
            double ln = log(x);
            boolean huge = Ints.isInt(x) && Ints.value(x).bitLength() > 1000;
            return Floats.fromDouble(!Double.isFinite(ln) || huge ? ln / Math.log(10) : Math.log10(Floats.asDouble(x)));
        });
        t.method("pow", (self, args, kw) -> {
            Args.positional("pow", args, kw, 2, 2);
            double x = Floats.asDouble(args[0]), y = Floats.asDouble(args[1]);
            double r = Math.pow(x, y);
            if (Double.isNaN(r) && !Double.isNaN(x) && !Double.isNaN(y)) {
                throw domain();
            }
            if (Double.isInfinite(r) && Double.isFinite(x) && Double.isFinite(y)) {
                throw x == 0 ? domain() : range();
            }
            return Floats.fromDouble(r);
        });
        t.method("floor", (self, args, kw) -> rounded("floor", "__floor__", args, kw, Math::floor));
        t.method("ceil", (self, args, kw) -> rounded("ceil", "__ceil__", args, kw, Math::ceil));
        t.method("trunc", (self, args, kw) -> {
            long x = Args.one("math.trunc", args, kw);
            long r = Lookups.optionalAttr(Heap.type(x), "__trunc__");
            if (r == 0) {
                throw PyRaise.typeError("type %s doesn't define __trunc__ method", Types.name(x));
            }
            Native.decref(r);
            return Calls.callMethod(x, "__trunc__", new long[0], 0);
        });
        t.method("isnan", (self, args, kw) -> Singletons.bool(Double.isNaN(arg("isnan", args, kw))));
        t.method("isinf", (self, args, kw) -> Singletons.bool(Double.isInfinite(arg("isinf", args, kw))));
        t.method("isfinite", (self, args, kw) -> Singletons.bool(Double.isFinite(arg("isfinite", args, kw))));
        t.method("copysign", (self, args, kw) -> {
            Args.positional("copysign", args, kw, 2, 2);
            return Floats.fromDouble(Math.copySign(Floats.asDouble(args[0]), Floats.asDouble(args[1])));
        });
        t.method("frexp", (self, args, kw) -> {
            double x = arg("frexp", args, kw);
            if (x == 0 || !Double.isFinite(x)) {
                return Tuples.of(Floats.fromDouble(x), Ints.fromLong(0));
            }
            int e = Math.getExponent(x) + 1;
            double mant = x / Math.scalb(1.0, e);
            if (Math.abs(mant) < 0.5) { // subnormal: getExponent is the minimum, normalise further
                while (Math.abs(mant) < 0.5) {
                    mant *= 2;
                    e--;
                }
            }
            return Tuples.of(Floats.fromDouble(mant), Ints.fromLong(e));
        });
        t.method("ldexp", (self, args, kw) -> {
            Args.positional("ldexp", args, kw, 2, 2);
            double x = Floats.asDouble(args[0]);
            if (!Ints.isInt(args[1])) {
                throw PyRaise.typeError("Expected an int as second argument to ldexp.");
            }
            BigInteger e = Ints.value(args[1]);
            int exp = e.bitLength() > 31 ? (e.signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE) : e.intValue();
            double r = x == 0 || !Double.isFinite(x) ? x : Math.scalb(x, exp);
            if (Double.isInfinite(r) && Double.isFinite(x)) {
                throw range();
            }
            return Floats.fromDouble(r);
        });
        t.method("gcd", (self, args, kw) -> {
            Args.noKeywords("gcd", kw);
            BigInteger g = BigInteger.ZERO;
            for (long a : args) {
                g = g.gcd(Ints.index(a));
            }
            return Ints.fromBig(g);
        });
        t.method("fsum", (self, args, kw) -> Floats.fromDouble(fsum(Args.one("math.fsum", args, kw))));
        t.installFunctions(m);
        return m;
    }

    /** floor/ceil: ints as they are, floats rounded to an int, other objects through their __floor__/__ceil__. */
    private static long rounded(String name, String dunder, long[] args, long kw, DoubleUnaryOperator f) {
        long x = Args.one("math." + name, args, kw);
        if (Heap.type(x) == Types.INT) {
            return Heap.newRef(x);
        }
        if (!Floats.isFloat(x)) {
            long method = Lookups.optionalAttr(Heap.type(x), dunder);
            if (method != 0) {
                Native.decref(method);
                return Calls.callMethod(x, dunder, new long[0], 0);
            }
        }
        double d = f.applyAsDouble(Floats.asDouble(x));
        if (Double.isNaN(d)) {
            throw PyRaise.valueError("cannot convert float NaN to integer");
        }
        if (Double.isInfinite(d)) {
            throw PyRaise.overflow("cannot convert float infinity to integer");
        }
        return Ints.fromBig(new BigDecimal(d).toBigInteger());
    }

    private static long log(long self, long[] args, long kw) {
        Args.unpack("log", args, kw, 1, 2);
        double num = log(args[0]);
        if (args.length == 1) {
            return Floats.fromDouble(num);
        }
        double den = log(args[1]);
        if (den == 0) {
            throw new PyRaise(dev.ftcheck.runtime.obj.Exceptions.ZeroDivisionError, "float division by zero");
        }
        return Floats.fromDouble(num / den);
    }

    /** Natural log; ints too large for a float are taken by their bit length, as CPython's loghelper does. */
    private static double log(long x) {
        if (Ints.isInt(x)) {
            BigInteger v = Ints.value(x);
            if (v.signum() <= 0) {
                throw domain();
            }
            if (v.bitLength() > 1000) {
                int shift = v.bitLength() - 60;
                return Math.log(v.shiftRight(shift).doubleValue()) + shift * Math.log(2);
            }
        }
        double d = Floats.asDouble(x);
        if (Double.isNaN(d) || d == Double.POSITIVE_INFINITY) {
            return d;
        }
        if (d <= 0) {
            throw domain();
        }
        return Math.log(d);
    }

    /** log2 as exponent plus the mantissa's log, so powers of two come out exact. */
    private static double log2(long x) {
        double ln = log(x);
        if (!Double.isFinite(ln)) {
            return ln;
        }
        if (Ints.isInt(x) && Ints.value(x).bitLength() > 1000) {
            return ln / Math.log(2);
        }
        double d = Floats.asDouble(x);
        int e = Math.getExponent(d);
        double m = d / Math.scalb(1.0, e);
        return e + Math.log(m) / Math.log(2);
    }

    /** The correctly rounded sum: exact in BigDecimal, rounded once; infinities and NaN as CPython's fsum. */
    private static double fsum(long iterable) {
        long it = Iteration.iter(iterable);
        BigDecimal exact = BigDecimal.ZERO;
        double special = 0;
        boolean nan = false, posInf = false, negInf = false;
        try {
            for (long item = Iteration.next(it); item != 0; item = Iteration.next(it)) {
                double d;
                try {
                    d = Floats.asDouble(item);
                } finally {
                    Native.decref(item);
                }
                if (Double.isNaN(d)) {
                    nan = true;
                } else if (Double.isInfinite(d)) {
                    posInf |= d > 0;
                    negInf |= d < 0;
                    special += d;
                } else {
                    exact = exact.add(new BigDecimal(d));
                }
            }
        } finally {
            Native.decref(it);
        }
        if (posInf && negInf) {
            throw PyRaise.valueError("-inf + inf in fsum");
        }
        if (nan) {
            return Double.NaN;
        }
        if (posInf || negInf) {
            return special;
        }
        double r = exact.doubleValue();
        if (Double.isInfinite(r)) {
            throw PyRaise.overflow("intermediate overflow in fsum");
        }
        return r;
    }
}
