package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;

/** floatobject.h: float objects. */
public final class FloatApi {
    private FloatApi() {}

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
}
