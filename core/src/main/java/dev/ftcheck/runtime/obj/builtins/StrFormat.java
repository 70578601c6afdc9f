package dev.ftcheck.runtime.obj.builtins;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The format-spec mini-language of str, int (and bool) and float ({@code __format__}), and str.format's
 * replacement-field grammar, with CPython 3.13's results and messages. Floats are rounded from their exact binary
 * value (round-half-even), so every digit is correctly rounded.
 */
public final class StrFormat {
    private StrFormat() {}

    /** A parsed spec: [[fill]align][sign][z][#][0][width][grouping][.precision][type]. */
    private static final class Spec {
        int fill = ' ';
        int align; // 0 for the type's default
        int sign;  // 0, '+', '-' or ' '
        boolean noNegZero, alternate;
        long width = -1, precision = -1;
        int grouping; // 0, ',' or '_'
        int groupSize = 3;
        int type;
    }

    private static boolean isAlign(int c) {
        return c == '<' || c == '>' || c == '=' || c == '^';
    }

    private static String codeText(int c) {
        return c > 32 && c < 128 ? String.valueOf((char) c) : "\\x" + Integer.toHexString(c);
    }

    private static Spec parse(long obj, int[] s, int defaultType, int defaultAlign) {
        Spec f = new Spec();
        f.type = defaultType;
        int pos = 0, end = s.length;
        boolean fillGiven = false, alignGiven = false;
        if (end - pos >= 2 && isAlign(s[pos + 1])) {
            f.fill = s[pos];
            f.align = s[pos + 1];
            fillGiven = alignGiven = true;
            pos += 2;
        } else if (end - pos >= 1 && isAlign(s[pos])) {
            f.align = s[pos++];
            alignGiven = true;
        }
        if (pos < end && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' ')) {
            f.sign = s[pos++];
        }
        if (pos < end && s[pos] == 'z') {
            f.noNegZero = true;
            pos++;
        }
        if (pos < end && s[pos] == '#') {
            f.alternate = true;
            pos++;
        }
        if (!fillGiven && pos < end && s[pos] == '0') {
            f.fill = '0';
            if (!alignGiven && defaultAlign == '>') {
                f.align = '=';
            }
            pos++;
        }
        int[] p = {pos};
        f.width = number(s, p);
        pos = p[0];
        if (pos < end && s[pos] == ',') {
            f.grouping = ',';
            pos++;
        }
        if (pos < end && s[pos] == '_') {
            if (f.grouping != 0) {
                throw PyRaise.valueError("Cannot specify both ',' and '_'.");
            }
            f.grouping = '_';
            pos++;
        }
        if (pos < end && s[pos] == ',' && f.grouping == '_') {
            throw PyRaise.valueError("Cannot specify both ',' and '_'.");
        }
        if (pos < end && s[pos] == '.') {
            pos++;
            p[0] = pos;
            f.precision = number(s, p);
            if (f.precision < 0) {
                throw PyRaise.valueError("Format specifier missing precision");
            }
            pos = p[0];
        }
        if (end - pos > 1) {
            throw PyRaise.valueError("Invalid format specifier '%s' for object of type '%s'",
                    new String(s, 0, s.length), Types.name(obj));
        }
        if (end - pos == 1) {
            f.type = s[pos];
        }
        if (f.grouping != 0) {
            switch (f.type) {
                case 'd', 'e', 'f', 'g', 'E', 'G', '%', 'F', 0 -> { }
                case 'b', 'o', 'x', 'X' -> {
                    if (f.grouping != '_') {
                        throw PyRaise.valueError("Cannot specify ',' with '%s'.", codeText(f.type));
                    }
                    f.groupSize = 4;
                }
                default -> throw PyRaise.valueError("Cannot specify '%c' with '%s'.", (char) f.grouping,
                        codeText(f.type));
            }
        }
        return f;
    }

    /** Decimal digits at p[0] (advanced), or -1 when there are none. */
    private static long number(int[] s, int[] p) {
        long n = -1;
        while (p[0] < s.length && s[p[0]] >= '0' && s[p[0]] <= '9') {
            int d = s[p[0]++] - '0';
            if (n < 0) {
                n = 0;
            }
            if (n > (Long.MAX_VALUE - d) / 10) {
                throw PyRaise.valueError("Too many decimal digits in format string");
            }
            n = n * 10 + d;
        }
        return n;
    }

    private static PyRaise unknown(int type, long obj) {
        return PyRaise.valueError("Unknown format code '%s' for object of type '%s'", codeText(type), Types.name(obj));
    }

    /** The spec argument of a __format__ method. */
    private static int[] specArg(long self, long[] args, long kw) {
        long spec = Args.one(ObjectMethods.q(self, "__format__"), args, kw);
        if (!Strs.isStr(spec)) {
            throw PyRaise.typeError("__format__() argument must be str, not %s", Types.name(spec));
        }
        return Strs.codePoints(spec);
    }

    static long strFormatMethod(long self, long[] args, long kw) {
        int[] spec = specArg(self, args, kw);
        return spec.length == 0 ? ObjectApi.PyObject_Str(self) : Strs.fromJava(formatStr(self, spec));
    }

    static long intFormatMethod(long self, long[] args, long kw) {
        int[] spec = specArg(self, args, kw);
        return spec.length == 0 ? ObjectApi.PyObject_Str(self) : Strs.fromJava(formatInt(self, spec));
    }

    static long floatFormatMethod(long self, long[] args, long kw) {
        int[] spec = specArg(self, args, kw);
        return spec.length == 0 ? ObjectApi.PyObject_Str(self) : Strs.fromJava(formatFloat(self, spec));
    }

    private static String formatStr(long self, int[] specCps) {
        Spec f = parse(self, specCps, 's', '<');
        if (f.type != 's') {
            throw unknown(f.type, self);
        }
        if (f.sign != 0) {
            throw PyRaise.valueError(f.sign == ' ' ? "Space not allowed in string format specifier"
                    : "Sign not allowed in string format specifier");
        }
        if (f.noNegZero) {
            throw PyRaise.valueError("Negative zero coercion (z) not allowed in string format specifier");
        }
        if (f.alternate) {
            throw PyRaise.valueError("Alternate form (#) not allowed in string format specifier");
        }
        if (f.align == '=') {
            throw PyRaise.valueError("'=' alignment not allowed in string format specifier");
        }
        int[] v = Strs.codePoints(self);
        int n = f.precision >= 0 && f.precision < v.length ? (int) f.precision : v.length;
        return pad(new String(v, 0, n), n, f, '<', 0);
    }

    /** Pads body (len code points) to the spec's width; for '=' the padding goes after the first split chars. */
    private static String pad(String body, long len, Spec f, int defaultAlign, int split) {
        if (f.width <= len) {
            return body;
        }
        long total = f.width - len;
        int align = f.align == 0 ? defaultAlign : f.align;
        long left = switch (align) {
            case '<' -> 0;
            case '^' -> total / 2;
            default -> total; // '>' and '='
        };
        String fill = new String(Character.toChars(f.fill));
        if (total > Integer.MAX_VALUE / 2) {
            throw new PyRaise(Exceptions.MemoryError, null);
        }
        if (align == '=') {
            int at = body.offsetByCodePoints(0, split);
            return body.substring(0, at) + fill.repeat((int) total) + body.substring(at);
        }
        return fill.repeat((int) left) + body + fill.repeat((int) (total - left));
    }

    private static String formatInt(long self, int[] specCps) {
        Spec f = parse(self, specCps, 'd', '>');
        switch (f.type) {
            case 'b', 'c', 'd', 'o', 'x', 'X', 'n' -> { }
            case 'e', 'E', 'f', 'F', 'g', 'G', '%' -> {
                double d = Ints.value(self).doubleValue();
                if (Double.isInfinite(d)) {
                    throw PyRaise.overflow("int too large to convert to float");
                }
                return formatDouble(d, f);
            }
            default -> throw unknown(f.type, self);
        }
        if (f.precision >= 0) {
            throw PyRaise.valueError("Precision not allowed in integer format specifier");
        }
        if (f.noNegZero) {
            throw PyRaise.valueError("Negative zero coercion (z) not allowed in integer format specifier");
        }
        BigInteger v = Ints.value(self);
        if (f.type == 'c') {
            if (f.sign != 0) {
                throw PyRaise.valueError("Sign not allowed with integer format specifier 'c'");
            }
            if (f.alternate) {
                throw PyRaise.valueError("Alternate form (#) not allowed with integer format specifier 'c'");
            }
            if (v.bitLength() > 63) {
                throw PyRaise.overflow("Python int too large to convert to C long");
            }
            if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(0x10ffff)) > 0) {
                throw PyRaise.overflow("%c arg not in range(0x110000)");
            }
            return pad(new String(Character.toChars(v.intValue())), 1, f, '>', 0);
        }
        int radix = switch (f.type) {
            case 'b' -> 2;
            case 'o' -> 8;
            case 'x', 'X' -> 16;
            default -> 10;
        };
        String digits = v.abs().toString(radix);
        String prefix = "";
        if (f.alternate) {
            prefix = switch (f.type) {
                case 'b' -> "0b";
                case 'o' -> "0o";
                case 'x' -> "0x";
                case 'X' -> "0X";
                default -> "";
            };
        }
        if (f.type == 'X') {
            digits = digits.toUpperCase(java.util.Locale.ROOT);
        }
        return layout(f, v.signum() < 0, prefix, digits, "", true);
    }

    /** A number's text: sign, prefix, grouped integer digits, the rest; zero padding with '=' is grouped too. */
    private static String layout(Spec f, boolean negative, String prefix, String digits, String rest,
            boolean groupable) {
        String sign = negative ? "-" : f.sign == '+' ? "+" : f.sign == ' ' ? " " : "";
        int sep = groupable ? f.grouping : 0;
        long minWidth = 0;
        if (sep != 0 && f.fill == '0' && f.align == '=') {
            minWidth = f.width - sign.length() - prefix.length() - rest.codePointCount(0, rest.length());
        }
        String grouped = sep == 0 ? digits : group(digits, (char) sep, f.groupSize, minWidth);
        String body = sign + prefix + grouped + rest;
        return pad(body, body.codePointCount(0, body.length()), f, '>', sign.length() + prefix.length());
    }

    /** Separators every size digits from the right; leading zeros (and separators) until minWidth is reached. */
    private static String group(String digits, char sep, int size, long minWidth) {
        StringBuilder b = new StringBuilder();
        int count = 0;
        for (int i = digits.length() - 1; i >= 0; i--) {
            if (count > 0 && count % size == 0) {
                b.append(sep);
            }
            b.append(digits.charAt(i));
            count++;
        }
        while (b.length() < minWidth) {
            if (count % size == 0) {
                b.append(sep);
            }
            b.append('0');
            count++;
        }
        return b.reverse().toString();
    }

    private static String formatFloat(long self, int[] specCps) {
        Spec f = parse(self, specCps, 0, '>');
        switch (f.type) {
            case 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%', 0 -> { }
            default -> throw unknown(f.type, self);
        }
        return formatDouble(Floats.value(self), f);
    }

    private static String formatDouble(double d, Spec f) {
        if (f.precision > Integer.MAX_VALUE) {
            throw PyRaise.valueError("precision too big");
        }
        int type = f.type;
        boolean addDot0 = false;
        int precision = (int) f.precision;
        int defaultPrecision = 6;
        if (type == 0) {
            addDot0 = true;
            type = 'r';
            defaultPrecision = 0;
        }
        if (type == 'n') {
            type = 'g';
        }
        boolean percent = false;
        if (type == '%') {
            type = 'f';
            d *= 100;
            percent = true;
        }
        if (precision < 0) {
            precision = defaultPrecision;
        } else if (type == 'r') {
            type = 'g';
        }
        boolean upper = Character.isUpperCase(type);
        type = Character.toLowerCase(type);
        boolean negative = d < 0 || (d == 0 && 1 / d < 0) || (Double.isNaN(d) && Double.doubleToRawLongBits(d) < 0);
        String text;
        boolean groupable = true;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            text = Double.isNaN(d) ? "nan" : "inf";
            groupable = false;
        } else {
            text = digitsText(Math.abs(d), (char) type, precision, f.alternate, addDot0);
            if (negative && f.noNegZero && text.chars().noneMatch(c -> c >= '1' && c <= '9')) {
                negative = false;
            }
        }
        if (upper) {
            text = text.toUpperCase(java.util.Locale.ROOT);
        }
        if (percent) {
            text += "%";
        }
        int intEnd = 0;
        while (groupable && intEnd < text.length() && Character.isDigit(text.charAt(intEnd))) {
            intEnd++;
        }
        return layout(f, negative, "", text.substring(0, intEnd), text.substring(intEnd), groupable);
    }

    /** The shortest decimal that reads back as a (finite, non-negative), the nearest one of that length. */
    static BigDecimal shortest(double a) {
        if (a == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal r = new BigDecimal(Double.toString(a)).stripTrailingZeros();
        if (r.precision() == 2) { // Java writes at least two digits; one may do
            BigDecimal one = new BigDecimal(a).round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(one.toString()) == a) {
                return one;
            }
        }
        return r;
    }

    /** repr(float) of a finite double: shortest round-trip digits, ".0" on integral values. */
    public static String floatRepr(double d) {
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        return (negative ? "-" : "") + digitsText(Math.abs(d), 'r', 0, false, true);
    }

    /** The text of a finite non-negative double in mode e, f, g or r (shortest repr), CPython's layout rules. */
    private static String digitsText(double a, char type, int precision, boolean alt, boolean addDot0) {
        String digits;
        int decpt;
        BigDecimal exact = new BigDecimal(a);
        BigDecimal r;
        switch (type) {
            case 'r' -> r = shortest(a);
            case 'e' -> r = exact.round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            case 'f' -> r = exact.setScale(precision, RoundingMode.HALF_EVEN);
            default -> r = exact.round(new MathContext(Math.max(precision, 1), RoundingMode.HALF_EVEN));
        }
        if (type == 'g' && precision == 0) {
            precision = 1;
        }
        if (r.signum() == 0) {
            digits = "";
            decpt = 1;
        } else {
            r = r.stripTrailingZeros();
            digits = r.unscaledValue().toString();
            decpt = digits.length() - r.scale();
        }
        boolean useExp = false;
        int vEnd = digits.length();
        switch (type) {
            case 'e' -> {
                useExp = true;
                vEnd = precision + 1;
            }
            case 'f' -> vEnd = decpt + precision;
            case 'g' -> {
                if (decpt <= -4 || decpt > (addDot0 ? precision - 1 : precision)) {
                    useExp = true;
                }
                if (alt) {
                    vEnd = precision;
                }
            }
            default -> {
                if (decpt <= -4 || decpt > 16) {
                    useExp = true;
                }
            }
        }
        int exp = 0;
        if (useExp) {
            exp = decpt - 1;
            decpt = 1;
        }
        int vStart = decpt <= 0 ? decpt - 1 : 0;
        vEnd = Math.max(vEnd, digits.length());
        if (!useExp && addDot0) {
            vEnd = Math.max(vEnd, decpt + 1);
        } else {
            vEnd = Math.max(vEnd, decpt);
        }
        StringBuilder b = new StringBuilder();
        for (int i = vStart; i < vEnd; i++) {
            if (i == decpt) {
                b.append('.');
            }
            b.append(i >= 0 && i < digits.length() ? digits.charAt(i) : '0');
        }
        if (decpt == vEnd && alt) {
            b.append('.');
        }
        if (useExp) {
            b.append('e').append(exp < 0 ? '-' : '+');
            int ax = Math.abs(exp);
            if (ax < 10) {
                b.append('0');
            }
            b.append(ax);
        }
        return b.toString();
    }

    // ---- str.format and str.format_map ----

    private enum Numbering { INIT, AUTO, MANUAL }

    private static final class Render {
        final long[] args; // null for format_map
        final long kwargs; // dict, mapping, or 0
        Numbering numbering = Numbering.INIT;
        long next;

        Render(long[] args, long kwargs) {
            this.args = args;
            this.kwargs = kwargs;
        }
    }

    static long format(long self, long[] args, long kw) {
        int[] s = Strs.codePoints(self);
        return Strs.fromJava(build(s, 0, s.length, new Render(args, kw), 2));
    }

    static long formatMap(long self, long[] args, long kw) {
        long mapping = Args.one(ObjectMethods.q(self, "format_map"), args, kw);
        int[] s = Strs.codePoints(self);
        return Strs.fromJava(build(s, 0, s.length, new Render(null, mapping), 2));
    }

    private static String build(int[] s, int start, int end, Render r, int depth) {
        if (depth <= 0) {
            throw PyRaise.valueError("Max string recursion exceeded");
        }
        StringBuilder out = new StringBuilder();
        int pos = start;
        while (pos < end) {
            int litStart = pos;
            int c = 0;
            boolean markup = false;
            while (pos < end) {
                c = s[pos++];
                if (c == '{' || c == '}') {
                    markup = true;
                    break;
                }
            }
            boolean atEnd = pos >= end;
            int len = pos - litStart;
            if (markup && c == '}' && (atEnd || s[pos] != '}')) {
                throw PyRaise.valueError("Single '}' encountered in format string");
            }
            if (markup && atEnd && c == '{') {
                throw PyRaise.valueError("Single '{' encountered in format string");
            }
            if (markup) {
                if (s[pos] == c) {
                    pos++;
                    markup = false;
                } else {
                    len--;
                }
            }
            out.append(new String(s, litStart, len));
            if (!markup) {
                continue;
            }
            // the replacement field: name up to ':', '!' or '}' ('[...]' may hold any of them)
            int nameStart = pos;
            c = 0;
            while (pos < end) {
                c = s[pos++];
                if (c == '{') {
                    throw PyRaise.valueError("unexpected '{' in field name");
                }
                if (c == '[') {
                    while (pos < end && s[pos] != ']') {
                        pos++;
                    }
                    c = 0;
                    continue;
                }
                if (c == '}' || c == ':' || c == '!') {
                    break;
                }
                c = 0;
            }
            int nameEnd = c == 0 ? pos : pos - 1;
            int conversion = 0;
            int specStart = pos, specEnd = pos;
            boolean nested = false;
            if (c == '!' || c == ':') {
                boolean closed = false;
                if (c == '!') {
                    if (pos >= end) {
                        throw PyRaise.valueError("end of string while looking for conversion specifier");
                    }
                    conversion = s[pos++];
                    if (pos < end) {
                        int d = s[pos++];
                        if (d == '}') {
                            closed = true;
                        } else if (d != ':') {
                            throw PyRaise.valueError("expected ':' after conversion specifier");
                        }
                    }
                }
                if (!closed) {
                    specStart = pos;
                    int count = 1;
                    while (true) {
                        if (pos >= end) {
                            throw PyRaise.valueError("unmatched '{' in format spec");
                        }
                        int d = s[pos++];
                        if (d == '{') {
                            nested = true;
                            count++;
                        } else if (d == '}' && --count == 0) {
                            specEnd = pos - 1;
                            break;
                        }
                    }
                } else {
                    specStart = specEnd = pos;
                }
            } else if (c != '}') {
                throw PyRaise.valueError("expected '}' before end of string");
            }
            long obj = fieldObject(s, nameStart, nameEnd, r);
            try {
                if (conversion != 0) {
                    long converted = switch (conversion) {
                        case 'r' -> ObjectApi.PyObject_Repr(obj);
                        case 's' -> ObjectApi.PyObject_Str(obj);
                        case 'a' -> ObjectApi.PyObject_ASCII(obj);
                        default -> throw PyRaise.valueError("Unknown conversion specifier %s",
                                conversion > 32 && conversion < 127 ? String.valueOf((char) conversion)
                                        : "\\x" + Integer.toHexString(conversion));
                    };
                    Native.decref(obj);
                    obj = converted;
                }
                String spec = nested ? build(s, specStart, specEnd, r, depth - 1)
                        : new String(s, specStart, specEnd - specStart);
                long specObj = Strs.fromJava(spec);
                try {
                    long formatted = dev.ftcheck.runtime.capi.AbstractApi.PyObject_Format(obj, specObj);
                    try {
                        out.append(Strs.value(formatted));
                    } finally {
                        Native.decref(formatted);
                    }
                } finally {
                    Native.decref(specObj);
                }
            } finally {
                Native.decref(obj);
            }
        }
        return out.toString();
    }

    /** o[key]; a dict's missing key raises KeyError(key). */
    private static long getItem(long o, long key) {
        if (Dicts.isDict(o) && Heap.type(o) == Types.DICT) {
            long v = Dicts.getRef(o, key);
            if (v == 0) {
                dev.ftcheck.runtime.obj.Errors.setValue(Exceptions.KeyError, key);
                throw dev.ftcheck.runtime.obj.ErrorAlreadySet.INSTANCE;
            }
            return v;
        }
        return AbstractApi.PyObject_GetItem(o, key);
    }

    /** The object a field name names (new reference): an argument, then its .attributes and [keys]. */
    private static long fieldObject(int[] s, int start, int end, Render r) {
        int i = start;
        while (i < end && s[i] != '.' && s[i] != '[') {
            i++;
        }
        long index = -1;
        boolean digits = i > start;
        for (int k = start; k < i && digits; k++) {
            digits = s[k] >= '0' && s[k] <= '9';
        }
        if (digits) {
            index = number(java.util.Arrays.copyOfRange(s, start, i), new int[] {0});
        }
        long obj;
        if (i == start || digits) {
            if (i == start) {
                if (r.numbering == Numbering.MANUAL) {
                    throw PyRaise.valueError(
                            "cannot switch from manual field specification to automatic field numbering");
                }
                r.numbering = Numbering.AUTO;
                index = r.next++;
            } else {
                if (r.numbering == Numbering.AUTO) {
                    throw PyRaise.valueError(
                            "cannot switch from automatic field numbering to manual field specification");
                }
                r.numbering = Numbering.MANUAL;
            }
            if (r.args == null) {
                throw PyRaise.valueError("Format string contains positional fields");
            }
            if (index >= r.args.length) {
                throw PyRaise.indexError(String.format(
                        "Replacement index %d out of range for positional args tuple", index));
            }
            obj = Heap.newRef(r.args[(int) index]);
        } else {
            long key = Strs.fromJava(new String(s, start, i - start));
            try {
                if (r.args != null) {
                    obj = r.kwargs == 0 ? 0 : Dicts.getRef(r.kwargs, key);
                    if (obj == 0) {
                        dev.ftcheck.runtime.obj.Errors.setValue(Exceptions.KeyError, key);
                        throw dev.ftcheck.runtime.obj.ErrorAlreadySet.INSTANCE;
                    }
                } else {
                    obj = getItem(r.kwargs, key);
                }
            } finally {
                Native.decref(key);
            }
        }
        while (i < end) {
            int c = s[i++];
            int partStart = i;
            long next;
            if (c == '.') {
                while (i < end && s[i] != '.' && s[i] != '[') {
                    i++;
                }
                if (i == partStart) {
                    Native.decref(obj);
                    throw PyRaise.valueError("Empty attribute in format string");
                }
                long name = Strs.fromJava(new String(s, partStart, i - partStart));
                try {
                    next = ObjectApi.PyObject_GetAttr(obj, name);
                } finally {
                    Native.decref(name);
                    Native.decref(obj);
                }
            } else if (c == '[') {
                while (i < end && s[i] != ']') {
                    i++;
                }
                if (i >= end) {
                    Native.decref(obj);
                    throw PyRaise.valueError("Missing ']' in format string");
                }
                if (i == partStart) {
                    Native.decref(obj);
                    throw PyRaise.valueError("Empty attribute in format string");
                }
                boolean allDigits = true;
                for (int k = partStart; k < i; k++) {
                    allDigits &= s[k] >= '0' && s[k] <= '9';
                }
                long key = allDigits
                        ? Ints.fromLong(number(java.util.Arrays.copyOfRange(s, partStart, i), new int[] {0}))
                        : Strs.fromJava(new String(s, partStart, i - partStart));
                i++; // the ']'
                try {
                    next = getItem(obj, key);
                } finally {
                    Native.decref(key);
                    Native.decref(obj);
                }
                if (i < end && s[i] != '.' && s[i] != '[') {
                    Native.decref(next);
                    throw PyRaise.valueError("Only '.' or '[' may follow ']' in format field specifier");
                }
            } else {
                Native.decref(obj);
                throw PyRaise.valueError("Only '.' or '[' may follow ']' in format field specifier");
            }
            obj = next;
        }
        return obj;
    }
}
