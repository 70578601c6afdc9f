package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * The part of {@code decimal} extensions reach for: Decimal values made from str, int, float, a (sign, digits,
 * exponent) tuple or another Decimal, exactly as the General Decimal Arithmetic specification reads them; str and
 * repr (scientific notation by the spec's rule), comparisons, hashing consistent with int and float, as_tuple, and
 * the exception classes. No arithmetic and no contexts: those raise loudly (TypeError / AttributeError).
 */
final class DecimalModule {
    private static final List<String> DECIMAL_TUPLE = List.of("sign", "digits", "exponent");
    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(61).subtract(BigInteger.ONE);
    private static final BigInteger TEN_INVERSE = BigInteger.TEN.modPow(MODULUS.subtract(BigInteger.TWO), MODULUS);

    /**
     * A finite value is sign × coefficient × 10**exponent; special is 'F' (infinity), 'n' (NaN), 'N' (sNaN). The
     * module it belongs to answers comparisons (its exception classes).
     */
    private record Value(DecimalModule owner, int sign, BigInteger coefficient, int exponent, char special)
            implements StandInTypes.Behaviour {
        boolean finite() {
            return special == 0;
        }

        BigDecimal decimal() {
            BigDecimal d = new BigDecimal(coefficient, -exponent);
            return sign == 1 ? d.negate() : d;
        }

        /** The spec's to-scientific-string. */
        String text() {
            String s = sign == 1 ? "-" : "";
            if (special == 'F') {
                return s + "Infinity";
            }
            if (special != 0) {
                return s + (special == 'N' ? "sNaN" : "NaN") + (coefficient.signum() == 0 ? "" : coefficient);
            }
            String digits = coefficient.toString();
            int adjusted = exponent + digits.length() - 1;
            if (exponent <= 0 && adjusted >= -6) {
                if (exponent == 0) {
                    return s + digits;
                }
                int point = digits.length() + exponent;
                return s + (point > 0 ? digits.substring(0, point) + "." + digits.substring(point)
                        : "0." + "0".repeat(-point) + digits);
            }
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return s + mantissa + "E" + (adjusted >= 0 ? "+" : "") + adjusted;
        }

        @Override
        public String repr(long self) {
            return "Decimal('" + text() + "')";
        }

        @Override
        public String str(long self) {
            return text();
        }

        @Override
        public long hash(long self) {
            return DecimalModule.hash(this, self);
        }

        @Override
        public long compare(long self, long other, int op) {
            return owner.compare(this, other, op);
        }
    }

    private final long decimalType;
    private final long decimalTuple;
    private final long decimalException;
    private final long invalidOperation;
    private final long conversionSyntax;

    private DecimalModule() {
        decimalException = Exceptions.newModuleClass("decimal.DecimalException", Exceptions.byName("ArithmeticError"));
        invalidOperation = Exceptions.newModuleClass("decimal.InvalidOperation", decimalException);
        conversionSyntax = Exceptions.newModuleClass("decimal.ConversionSyntax", invalidOperation);
        decimalTuple = StructSeqTypes.newType("DecimalTuple", DECIMAL_TUPLE, 3);
        decimalType = StandInTypes.define("decimal.Decimal", methods(), (type, args, kw) -> {
            if (args.length > 2) { // _decimal parses with an unnamed "|OO"
                throw PyRaise.typeError("function takes at most 2 arguments (%d given)", args.length);
            }
            long[] a = Args.clinic("Decimal", args, kw, 0, "value", "context");
            return StandInTypes.instance(type, a[0] == 0 ? new Value(this, 0, BigInteger.ZERO, 0, (char) 0) : convert(a[0]));
        });
    }

    static long create() {
        DecimalModule d = new DecimalModule();
        long m = Modules.create("decimal");
        Modules.setAttr(m, "Decimal", d.decimalType);
        Modules.setAttr(m, "DecimalTuple", d.decimalTuple);
        Modules.setAttr(m, "DecimalException", d.decimalException);
        Modules.setAttr(m, "InvalidOperation", d.invalidOperation);
        Modules.setAttr(m, "ConversionSyntax", d.conversionSyntax);
        return m;
    }

    private Value convert(long v) {
        if (Heap.state(v) instanceof Value d) {
            return d;
        }
        if (Strs.isStr(v)) {
            return parse(Strs.value(v));
        }
        if (Ints.isInt(v)) {
            BigInteger i = Ints.value(v);
            return new Value(this, i.signum() < 0 ? 1 : 0, i.abs(), 0, (char) 0);
        }
        if (Floats.isFloat(v)) {
            double f = Floats.value(v);
            int sign = Double.doubleToRawLongBits(f) < 0 ? 1 : 0;
            if (Double.isNaN(f)) {
                return new Value(this, sign, BigInteger.ZERO, 0, 'n');
            }
            if (Double.isInfinite(f)) {
                return new Value(this, sign, BigInteger.ZERO, 0, 'F');
            }
            BigDecimal exact = new BigDecimal(Math.abs(f));
            BigDecimal stripped = exact.signum() == 0 ? BigDecimal.ZERO : exact.stripTrailingZeros();
            int scale = Math.max(stripped.scale(), 0);
            return new Value(this, sign, stripped.setScale(scale).unscaledValue(), -scale, (char) 0);
        }
        if (Tuples.isTuple(v) || dev.ftcheck.runtime.obj.Lists.isList(v)) {
            return fromTuple(v);
        }
        throw PyRaise.typeError("conversion from %s to Decimal is not supported", Types.name(v));
    }

    private Value fromTuple(long t) {
        long[] parts = Iteration.toArray(t);
        try {
            if (parts.length != 3) {
                throw PyRaise.valueError("argument must be a sequence of length 3");
            }
            if (!Ints.isInt(parts[0]) || Ints.value(parts[0]).intValue() > 1 || Ints.value(parts[0]).signum() < 0) {
                throw PyRaise.valueError("sign must be an integer with the value 0 or 1");
            }
            StringBuilder digits = new StringBuilder();
            for (long d : Iteration.toArray(parts[1])) {
                digits.append(Ints.asLong(d));
                Native.decref(d);
            }
            int sign = (int) Ints.asLong(parts[0]);
            if (Strs.isStr(parts[2])) {
                char special = Strs.value(parts[2]).charAt(0);
                return new Value(this, sign, special == 'F' || digits.isEmpty() ? BigInteger.ZERO
                        : new BigInteger(digits.toString()), 0, special);
            }
            return new Value(this, sign, digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits.toString()),
                    (int) Ints.asLong(parts[2]), (char) 0);
        } finally {
            for (long p : parts) {
                Native.decref(p);
            }
        }
    }

    /** The spec's numeric string, with surrounding whitespace and digit-separating underscores allowed. */
    private Value parse(String text) {
        String s = text.strip().replace("_", "");
        if (text.strip().contains("__") || text.strip().startsWith("_") || text.strip().endsWith("_")) {
            s = "";
        }
        int sign = 0;
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            sign = s.charAt(0) == '-' ? 1 : 0;
            i = 1;
        }
        String body = s.substring(i).toLowerCase(Locale.ROOT);
        if (body.equals("inf") || body.equals("infinity")) {
            return new Value(this, sign, BigInteger.ZERO, 0, 'F');
        }
        if (body.startsWith("nan") || body.startsWith("snan")) {
            String payload = body.substring(body.startsWith("nan") ? 3 : 4);
            if (payload.chars().allMatch(Character::isDigit)) {
                BigInteger p = payload.isEmpty() ? BigInteger.ZERO : new BigInteger(payload);
                return new Value(this, sign, p, 0, body.startsWith("nan") ? 'n' : 'N');
            }
        }
        if (body.matches("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
            int e = body.indexOf('e');
            String mantissa = e < 0 ? body : body.substring(0, e);
            long exponent = e < 0 ? 0 : Long.parseLong(body.substring(e + 1));
            int point = mantissa.indexOf('.');
            String digits = mantissa.replace(".", "");
            if (point >= 0) {
                exponent -= mantissa.length() - point - 1;
            }
            String trimmed = digits.replaceFirst("^0+(?=\\d)", "");
            return new Value(this, sign, new BigInteger(trimmed), (int) exponent, (char) 0);
        }
        throw new PyRaise(invalidOperation, "[<class 'decimal.ConversionSyntax'>]");
    }

    private Value self(long o) {
        if (!(Heap.state(o) instanceof Value v)) {
            throw PyRaise.typeError("descriptor requires a 'decimal.Decimal' object but received '%s'",
                    Types.name(o));
        }
        return v;
    }

    private BuiltinTable methods() {
        BuiltinTable t = new BuiltinTable();
        // immutable: copies are the object itself, and pickling rebuilds it from its text
        t.method("__copy__", (self, args, kw) -> {
            Args.none("__copy__", args, kw);
            return Heap.newRef(self);
        });
        t.method("__deepcopy__", (self, args, kw) -> {
            Args.one("__deepcopy__", args, kw);
            return Heap.newRef(self);
        });
        t.method("__reduce__", (self, args, kw) -> {
            Args.none("__reduce__", args, kw);
            long text = dev.ftcheck.runtime.capi.ObjectApi.PyObject_Str(self);
            return dev.ftcheck.runtime.obj.Tuples.of(Heap.newRef(Heap.type(self)),
                    dev.ftcheck.runtime.obj.Tuples.of(text));
        });
        t.method("as_tuple", (self, args, kw) -> {
            Args.none("as_tuple", args, kw);
            Value v = self(self);
            String digits = v.special == 'F' ? "0" : v.coefficient.signum() == 0 && v.special != 0 ? ""
                    : v.coefficient.toString();
            long[] ds = new long[digits.length()];
            for (int i = 0; i < ds.length; i++) {
                ds[i] = Ints.fromLong(digits.charAt(i) - '0');
            }
            long exponent = v.finite() ? Ints.fromLong(v.exponent) : Strs.fromJava(String.valueOf(v.special));
            return StructSeqTypes.instance(decimalTuple, Ints.fromLong(v.sign), Tuples.of(ds), exponent);
        });
        return t;
    }

    /** hash(Decimal) as CPython computes it, so Decimal('1.0'), 1 and 1.0 hash alike. */
    private static long hash(Value v, long self) {
        if (v.special == 'N') {
            throw PyRaise.typeError("Cannot hash a signaling NaN value");
        }
        if (v.special == 'n') {
            return Protocols.pointerHash(self);
        }
        if (v.special == 'F') {
            return v.sign == 1 ? -314159 : 314159;
        }
        BigInteger e = v.exponent >= 0 ? BigInteger.TEN.modPow(BigInteger.valueOf(v.exponent), MODULUS)
                : TEN_INVERSE.modPow(BigInteger.valueOf(-(long) v.exponent), MODULUS);
        long h = v.coefficient.multiply(e).mod(MODULUS).longValue();
        h = v.sign == 1 ? -h : h;
        return h == -1 ? -2 : h;
    }

    /** Rich comparison with a Decimal, an int or a float; NotImplemented for anything else. */
    private long compare(Value a, long other, int op) {
        Value b;
        if (Heap.state(other) instanceof Value d) {
            b = d;
        } else if (Ints.isInt(other) || Floats.isFloat(other)) {
            b = convert(other);
        } else {
            return Heap.newRef(Singletons.NOTIMPLEMENTED);
        }
        boolean eqOp = op == 2 || op == 3;
        if (a.special == 'n' || a.special == 'N' || b.special == 'n' || b.special == 'N') {
            if (!eqOp) {
                throw new PyRaise(invalidOperation, "[<class 'decimal.InvalidOperation'>]");
            }
            return Singletons.bool(op == 3);
        }
        int c = order(a, b);
        return Singletons.bool(Compare.outcome(c, op));
    }

    private static int order(Value a, Value b) {
        int ia = a.special == 'F' ? (a.sign == 1 ? -1 : 1) : 0;
        int ib = b.special == 'F' ? (b.sign == 1 ? -1 : 1) : 0;
        if (ia != 0 || ib != 0) {
            return Integer.compare(ia, ib);
        }
        return a.decimal().compareTo(b.decimal());
    }
}
