package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.builtins.ComplexType;

/** complexobject.h: complex objects (the by-value Py_complex pair is in the bridge's C). */
public final class ComplexApi {
    private ComplexApi() {}

    @CApi
    public static long PyComplex_FromDoubles(double real, double imag) {
        return ComplexType.fromDoubles(real, imag);
    }

    /** The real part; other objects through __complex__, else as PyFloat_AsDouble converts them. */
    @CApi
    public static double PyComplex_RealAsDouble(long op) {
        return part(op, true);
    }

    /** The imaginary part; 0.0 for objects PyFloat_AsDouble accepts (after trying __complex__). */
    @CApi
    public static double PyComplex_ImagAsDouble(long op) {
        return part(op, false);
    }

    private static double part(long op, boolean real) {
        if (op == 0) {
            throw PyRaise.badInternalCall();
        }
        if (ComplexType.isComplex(op)) {
            return real ? ComplexType.real(op) : ComplexType.imag(op);
        }
        long c = ComplexType.trySpecial(op);
        if (c != 0) {
            try {
                return real ? ComplexType.real(c) : ComplexType.imag(c);
            } finally {
                Native.decref(c);
            }
        }
        double d = FloatApi.PyFloat_AsDouble(op);
        return real ? d : 0.0;
    }
}
