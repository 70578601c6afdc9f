package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Types;

/**
 * {@code numbers}: Number, Complex, Real, Rational, Integral (metaclass ABCMeta, single inheritance in that order)
 * with CPython 3.13's abstract methods, and complex, float and int registered; bool is an Integral as a subclass
 * of int. The concrete mixins (Real.__complex__, Rational.__float__, ...) are not provided.
 */
final class NumbersModule {
    private NumbersModule() {}

    static long create() {
        long m = Modules.create("numbers");
        String[] complexAbstract = {"__abs__", "__add__", "__complex__", "__eq__", "__mul__", "__neg__", "__pos__",
            "__pow__", "__radd__", "__rmul__", "__rpow__", "__rtruediv__", "__truediv__", "conjugate", "imag", "real"};
        String[] realAbstract = {"__abs__", "__add__", "__ceil__", "__eq__", "__float__", "__floor__", "__floordiv__",
            "__le__", "__lt__", "__mod__", "__mul__", "__neg__", "__pos__", "__pow__", "__radd__", "__rfloordiv__",
            "__rmod__", "__rmul__", "__round__", "__rpow__", "__rtruediv__", "__truediv__", "__trunc__"};
        String[] rationalAbstract = concat(remove(realAbstract, "__float__"), "denominator", "numerator");
        String[] integralAbstract = concat(remove(rationalAbstract, "denominator", "numerator"), "__and__",
                "__int__", "__invert__", "__lshift__", "__or__", "__rand__", "__rlshift__", "__ror__", "__rrshift__",
                "__rshift__", "__rxor__", "__xor__");
        long number = AbcModule.newAbc("numbers", "Number", new long[0], new String[0], null, 0);
        long complex = AbcModule.newAbc("numbers", "Complex", new long[] {number}, complexAbstract, null, 0);
        long real = AbcModule.newAbc("numbers", "Real", new long[] {complex}, realAbstract, null, 0);
        long rational = AbcModule.newAbc("numbers", "Rational", new long[] {real}, rationalAbstract, null, 0);
        long integral = AbcModule.newAbc("numbers", "Integral", new long[] {rational}, integralAbstract, null, 0);
        for (long eqWithoutHash : new long[] {number, complex}) {
            Types.of(eqWithoutHash).put("__hash__", Heap.newRef(Singletons.NONE));
        }
        AbcModule.registerBuiltins(complex, "complex");
        AbcModule.registerBuiltins(real, "float");
        AbcModule.registerBuiltins(integral, "int");
        Modules.setAttr(m, "Number", number);
        Modules.setAttr(m, "Complex", complex);
        Modules.setAttr(m, "Real", real);
        Modules.setAttr(m, "Rational", rational);
        Modules.setAttr(m, "Integral", integral);
        return m;
    }

    private static String[] remove(String[] names, String... drop) {
        java.util.List<String> d = java.util.List.of(drop);
        return java.util.Arrays.stream(names).filter(n -> !d.contains(n)).toArray(String[]::new);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
