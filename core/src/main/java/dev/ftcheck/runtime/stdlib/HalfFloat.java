package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.PyRaise;

/** IEEE 754 binary16 ('e' in struct), rounded from a double to nearest-even as PyFloat_Pack2 rounds. */
final class HalfFloat {
    private HalfFloat() {}

    static int pack(double x) {
        int sign = Double.doubleToRawLongBits(x) < 0 ? 0x8000 : 0;
        if (Double.isNaN(x)) {
            return sign | 0x7e00;
        }
        if (Double.isInfinite(x)) {
            return sign | 0x7c00;
        }
        double a = Math.abs(x);
        if (a == 0) {
            return sign;
        }
        int e = Math.getExponent(a);
        if (e < -14) { // subnormal: a multiple of 2**-24; 1024 of them carry into the smallest normal
            return sign | (int) Math.rint(a * 0x1p24);
        }
        long fraction = (long) Math.rint((Math.scalb(a, -e) - 1) * 1024);
        if (fraction == 1024) {
            fraction = 0;
            e++;
        }
        if (e > 15) {
            throw new PyRaise(Exceptions.byName("OverflowError"), "float too large to pack with e format");
        }
        return sign | ((e + 15) << 10) | (int) fraction;
    }

    static double unpack(int bits) {
        double sign = (bits & 0x8000) != 0 ? -1 : 1;
        int e = (bits >>> 10) & 0x1f;
        int f = bits & 0x3ff;
        if (e == 0x1f) {
            return f == 0 ? sign * Double.POSITIVE_INFINITY : Math.copySign(Double.NaN, sign);
        }
        if (e == 0) {
            return sign * Math.scalb((double) f, -24);
        }
        return sign * Math.scalb((double) (1024 + f), e - 25);
    }
}
