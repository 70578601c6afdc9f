package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;

/** float objects: a double at offset 32. */
public final class Floats {
    private Floats() {}

    public static long fromDouble(double v) {
        long p = Heap.alloc(Types.FLOAT, FLOAT_SIZE);
        Mem.putDouble(p + FLOAT_FVAL, v);
        return p;
    }

    public static double value(long p) {
        return Mem.getDouble(p + FLOAT_FVAL);
    }

    public static boolean isFloat(long obj) {
        return Types.isInstance(obj, Types.FLOAT);
    }

    /** PyFloat_AsDouble's conversion: floats, then ints; TypeError otherwise. */
    public static double asDouble(long obj) {
        if (isFloat(obj)) {
            return value(obj);
        }
        if (Ints.isInt(obj)) {
            double d = Ints.value(obj).doubleValue();
            if (Double.isInfinite(d)) {
                throw PyRaise.overflow("int too large to convert to float");
            }
            return d;
        }
        throw PyRaise.typeError("must be real number, not %s", Types.name(obj));
    }

    /** repr(float) like Python: shortest round-trip digits, "inf"/"nan", integral values with ".0". */
    public static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            String s = Long.toString((long) d);
            return (d == 0 && 1 / d < 0 ? "-" : "") + s + ".0";
        }
        String s = Double.toString(d);
        java.math.BigDecimal two = new java.math.BigDecimal(s);
        if (two.precision() == 2 && s.indexOf('E') >= 0) {
            // Java prints at least two digits and picks the closer pair (4.9E-324); Python the shortest (5e-324)
            java.math.BigDecimal one = two.round(new java.math.MathContext(1, java.math.RoundingMode.HALF_EVEN));
            if (Double.parseDouble(one.toString()) == d) {
                s = one.unscaledValue() + ".0E" + (one.precision() - one.scale() - 1);
            }
        }
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mant = s.substring(0, e);
        int exp = Integer.parseInt(s.substring(e + 1));
        if (mant.endsWith(".0")) {
            mant = mant.substring(0, mant.length() - 2);
        }
        if (exp >= -4 && exp < 16) {
            return new java.math.BigDecimal(s).stripTrailingZeros().toPlainString(); // 5.0E-4 is 0.0005
        }
        return mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
}
