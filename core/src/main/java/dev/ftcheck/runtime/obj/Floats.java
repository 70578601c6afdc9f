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
        return dev.ftcheck.runtime.obj.builtins.StrFormat.floatRepr(d);
    }
}
