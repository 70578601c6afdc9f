package dev.ftcheck.runtime.script;

import dev.ftcheck.runtime.PyComplex;
import dev.ftcheck.runtime.PyTuple;
import dev.ftcheck.runtime.obj.Floats;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code name(arg, ...)} where each argument is what Python's {@code ast.literal_eval} accepts: ints (any
 * base, underscores), floats, complex numbers ({@code 2j}, {@code 1-2j}), str and bytes literals with every prefix
 * (r, u, b, rb/br, triple quotes, adjacent literals joined) and Python's escape rules, None/True/False, lists,
 * tuples, dicts, sets and {@code set()}, nested, with one leading sign on numbers. Produces the Java values the
 * runtime converts (Long/BigInteger, Double, {@link PyComplex}, String, byte[], List, PyTuple, Map, Set, null,
 * Boolean). A str is a Java String of the literal's code points; a lone surrogate such as {@code '\ud800'} stays
 * one unpaired char, which the runtime stores as that code point.
 */
public final class Literals {
    /** A parsed call. */
    public record Call(String text, String name, List<Object> args) {}

    /** Python's repr of a complex number. */
    public static String repr(PyComplex c) {
        boolean realIsPlusZero = c.real() == 0 && 1 / c.real() > 0;
        if (realIsPlusZero) {
            return part(c.imag()) + "j";
        }
        String im = part(c.imag());
        String sign = im.startsWith("-") ? "" : "+";
        return "(" + part(c.real()) + sign + im + "j)";
    }

    /** A float as complex repr prints it: repr() without the ".0" of integral values. */
    private static String part(double d) {
        String s = Floats.repr(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Bad call syntax, with the position. */
    public static final class SyntaxError extends IllegalArgumentException {
        private final int position;
        private final String what;

        SyntaxError(String text, int pos, String what) {
            super("invalid --call '" + text + "': " + what + " at column " + (pos + 1));
            this.position = pos;
            this.what = what;
        }

        /** Offset into the text where the error is. */
        public int position() {
            return position;
        }

        /** The error without the text and position. */
        public String what() {
            return what;
        }
    }

    /** A literal token scanned out of a larger text: its value and the offset just past it. */
    public record Scanned(Object value, int end) {}

    private final String s;
    private int pos;

    private Literals(String s) {
        this.s = s;
    }

    private void ws() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    public static Call parseCall(String text) {
        Literals p = new Literals(text);
        p.ws();
        int start = p.pos;
        while (p.pos < text.length() && (Character.isLetterOrDigit(text.charAt(p.pos)) || text.charAt(p.pos) == '_'
                || text.charAt(p.pos) == '.')) {
            p.pos++;
        }
        String name = text.substring(start, p.pos);
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            throw new SyntaxError(text, start, "expected a function name");
        }
        p.ws();
        p.expect('(');
        List<Object> args = p.items(')');
        p.ws();
        if (p.pos != text.length()) {
            throw new SyntaxError(text, p.pos, "unexpected text after the call");
        }
        return new Call(text.strip(), name, args);
    }

    /** A single literal (used by tests and for --call arguments). */
    public static Object parseLiteral(String text) {
        Literals p = new Literals(text);
        Object v = p.value();
        p.ws();
        if (p.pos != text.length()) {
            throw new SyntaxError(text, p.pos, "unexpected text after the literal");
        }
        return v;
    }

    /**
     * One str or bytes literal (prefix included) starting at {@code pos} of {@code src}: a String or byte[]. The
     * script lexer joins adjacent literals itself, since only it knows where a logical line ends.
     */
    public static Scanned string(String src, int pos) {
        Literals p = new Literals(src);
        p.pos = pos;
        String prefix = p.prefix();
        if (prefix.contains("b")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            p.bytesBody(prefix.contains("r"), bytes);
            return new Scanned(bytes.toByteArray(), p.pos);
        }
        StringBuilder str = new StringBuilder();
        p.strBody(prefix.contains("r"), str);
        return new Scanned(str.toString(), p.pos);
    }

    /** An unsigned int, float or imaginary literal at {@code pos}: Long, BigInteger, Double or PyComplex. */
    public static Scanned number(String src, int pos) {
        Literals p = new Literals(src);
        p.pos = pos;
        Object v = p.number();
        return new Scanned(v, p.pos);
    }

    private boolean peek(char c) {
        ws();
        return pos < s.length() && s.charAt(pos) == c;
    }

    private void expect(char c) {
        ws();
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw new SyntaxError(s, pos, "expected '" + c + "'");
        }
        pos++;
    }

    private SyntaxError error(String what) {
        return new SyntaxError(s, pos, what);
    }

    /** Comma-separated values up to the closing character (trailing comma allowed). */
    private List<Object> items(char close) {
        List<Object> out = new ArrayList<>();
        while (!peek(close)) {
            out.add(value());
            if (!peek(close)) {
                expect(',');
            }
        }
        expect(close);
        return out;
    }

    private Object value() {
        ws();
        if (pos >= s.length()) {
            throw error("expected a value");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '[':
                pos++;
                return items(']');
            case '(': {
                pos++;
                List<Object> elems = new ArrayList<>();
                boolean comma = false;
                while (!peek(')')) {
                    elems.add(value());
                    if (!peek(')')) {
                        expect(',');
                        comma = true;
                    }
                }
                expect(')');
                if (elems.size() == 1 && !comma) {
                    return elems.get(0); // a parenthesised value, not a tuple
                }
                return new PyTuple(elems);
            }
            case '{':
                pos++;
                return braces();
            default:
                break;
        }
        int prefixEnd = pos;
        while (prefixEnd < s.length() && prefixEnd - pos < 2 && Character.isLetter(s.charAt(prefixEnd))) {
            prefixEnd++;
        }
        if (prefixEnd < s.length() && (s.charAt(prefixEnd) == '\'' || s.charAt(prefixEnd) == '"')) {
            return strings();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            String word = s.substring(start, pos);
            switch (word) {
                case "None":
                    return null;
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "set":
                    if (peek('(')) {
                        pos++;
                        expect(')');
                        return new LinkedHashSet<>();
                    }
                    break;
                default:
                    break;
            }
            pos = start;
            throw error("'" + word + "' is not a literal (only None, True, False, set())");
        }
        return signedNumber();
    }

    private Object braces() {
        if (peek('}')) {
            pos++;
            return new LinkedHashMap<>();
        }
        Object first = value();
        if (peek(':')) {
            Map<Object, Object> m = new LinkedHashMap<>();
            pos++;
            m.put(key(first), value());
            while (!peek('}')) {
                expect(',');
                if (peek('}')) {
                    break;
                }
                Object k = value();
                expect(':');
                m.put(key(k), value());
            }
            expect('}');
            return m;
        }
        Set<Object> set = new LinkedHashSet<>();
        set.add(key(first));
        while (!peek('}')) {
            expect(',');
            if (peek('}')) {
                break;
            }
            set.add(key(value()));
        }
        expect('}');
        return set;
    }

    private Object key(Object k) {
        if (k instanceof List || k instanceof Map || k instanceof Set) {
            throw error("unhashable key");
        }
        return k;
    }

    /**
     * An optionally signed number, and literal_eval's one binary form: a real number plus or minus an imaginary
     * one ({@code 1+2j}, {@code -1.5-0j}).
     */
    private Object signedNumber() {
        int start = pos;
        int sign = 1;
        if (s.charAt(pos) == '-' || s.charAt(pos) == '+') {
            sign = s.charAt(pos) == '-' ? -1 : 1;
            pos++;
            ws();
        }
        Object n = number();
        if (sign < 0) {
            n = negate(n);
        }
        int afterLeft = pos;
        ws();
        if (!(n instanceof PyComplex) && pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
            int op = s.charAt(pos) == '-' ? -1 : 1;
            pos++;
            ws();
            int rightStart = pos;
            if (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                Object right = number();
                if (right instanceof PyComplex im) {
                    double re = n instanceof Double d ? d : new BigInteger(n.toString()).doubleValue();
                    // Python widens the real operand to complex(re, 0.0) first, so the imaginary part is
                    // 0.0 - y or 0.0 + y: never -0.0 from a zero y.
                    return op < 0 ? new PyComplex(re - 0.0, 0.0 - im.imag())
                            : new PyComplex(re + 0.0, 0.0 + im.imag());
                }
                pos = rightStart;
                throw error("only a complex number may follow '+' or '-' after a number");
            }
        }
        pos = afterLeft;
        if (pos == start) {
            throw error("expected a value");
        }
        return n;
    }

    private static Object negate(Object n) {
        if (n instanceof Long l) {
            return l == Long.MIN_VALUE ? BigInteger.valueOf(l).negate() : -l;
        }
        if (n instanceof BigInteger b) {
            BigInteger v = b.negate();
            return v.bitLength() < 64 ? (Object) v.longValue() : v;
        }
        if (n instanceof Double d) {
            return -d;
        }
        PyComplex c = (PyComplex) n;
        return new PyComplex(-c.real(), -c.imag());
    }

    /** An unsigned int, float or imaginary literal, with Python's rules for digits and underscores. */
    private Object number() {
        int start = pos;
        if (pos >= s.length() || !(Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
            throw error("expected a value");
        }
        if (s.charAt(pos) == '0' && pos + 1 < s.length() && "xXoObB".indexOf(s.charAt(pos + 1)) >= 0) {
            char base = Character.toLowerCase(s.charAt(pos + 1));
            int radix = base == 'x' ? 16 : base == 'o' ? 8 : 2;
            pos += 2;
            String digits = digits(radix, true);
            if (digits.isEmpty()) {
                throw error("invalid " + (radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary")
                        + " literal");
            }
            if (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                throw error("invalid digit '" + s.charAt(pos) + "' in "
                        + (radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary") + " literal");
            }
            return integer(new BigInteger(digits, radix));
        }
        String intPart = digits(10, false);
        boolean isFloat = false;
        StringBuilder text = new StringBuilder(intPart);
        if (pos < s.length() && s.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            text.append('.');
            if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                text.append(digits(10, false));
            }
        }
        if (intPart.isEmpty() && text.length() == 1) {
            pos = start;
            throw error("expected a value");
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            StringBuilder exp = new StringBuilder("e");
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                exp.append(s.charAt(pos++));
            }
            if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                exp.append(digits(10, false));
                text.append(exp);
                isFloat = true;
            } else {
                pos = save;
                throw error("invalid decimal literal");
            }
        }
        if (pos < s.length() && (s.charAt(pos) == 'j' || s.charAt(pos) == 'J')) {
            pos++;
            return new PyComplex(0.0, Double.parseDouble(text.toString()));
        }
        if (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            throw error("invalid decimal literal");
        }
        if (isFloat) {
            return Double.parseDouble(text.toString());
        }
        if (intPart.length() > 1 && intPart.charAt(0) == '0' && !intPart.chars().allMatch(ch -> ch == '0')) {
            pos = start;
            throw error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal"
                    + " integers");
        }
        return integer(new BigInteger(intPart));
    }

    private static Object integer(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /**
     * Digits of {@code radix} with single underscores between them (after a base prefix one may also lead, as in
     * {@code 0x_ff}); the underscores are dropped.
     */
    private String digits(int radix, boolean afterPrefix) {
        StringBuilder sb = new StringBuilder();
        boolean needDigit = false;
        if (afterPrefix && pos < s.length() && s.charAt(pos) == '_') {
            pos++;
            needDigit = true;
        }
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.digit(c, radix) >= 0 && c < 128) {
                sb.append(c);
                needDigit = false;
                pos++;
            } else if (c == '_' && !sb.isEmpty() && !needDigit) {
                needDigit = true;
                pos++;
            } else {
                break;
            }
        }
        if (needDigit) {
            throw error("invalid " + (radix == 10 ? "decimal" : "number") + " literal");
        }
        return sb.toString();
    }

    /** One or more adjacent string literals, joined; mixing str and bytes is an error as in Python. */
    private Object strings() {
        StringBuilder str = null;
        ByteArrayOutputStream bytes = null;
        while (true) {
            int at = pos;
            String prefix = prefix();
            boolean isBytes = prefix.contains("b");
            if ((isBytes && str != null) || (!isBytes && bytes != null)) {
                pos = at;
                throw error("cannot mix bytes and nonbytes literals");
            }
            if (isBytes) {
                bytes = bytes == null ? new ByteArrayOutputStream() : bytes;
                bytesBody(prefix.contains("r"), bytes);
            } else {
                str = str == null ? new StringBuilder() : str;
                strBody(prefix.contains("r"), str);
            }
            ws();
            int save = pos;
            int p = pos;
            while (p < s.length() && p - save < 2 && Character.isLetter(s.charAt(p))) {
                p++;
            }
            if (p >= s.length() || (s.charAt(p) != '\'' && s.charAt(p) != '"')) {
                pos = save;
                break;
            }
        }
        return bytes != null ? bytes.toByteArray() : str.toString();
    }

    /** The string prefix before the quote, lower-cased; only r, u, b, rb and br are literals. */
    private String prefix() {
        int start = pos;
        while (Character.isLetter(s.charAt(pos))) {
            pos++;
        }
        String p = s.substring(start, pos).toLowerCase(Locale.ROOT);
        if (!List.of("", "r", "u", "b", "rb", "br").contains(p)) {
            pos = start;
            String typed = s.substring(start, start + p.length());
            throw error(p.contains("f") || p.contains("t") ? "'" + typed + "' strings are not literals"
                    : "invalid string prefix '" + typed + "'");
        }
        return p;
    }

    /** The quote that opens the literal at pos: one character, or three for a triple-quoted literal. */
    private String openQuote() {
        char q = s.charAt(pos);
        String triple = String.valueOf(q).repeat(3);
        String quote = s.startsWith(triple, pos) ? triple : String.valueOf(q);
        pos += quote.length();
        return quote;
    }

    private void strBody(boolean raw, StringBuilder out) {
        int open = pos;
        String quote = openQuote();
        while (true) {
            if (pos >= s.length()) {
                pos = open;
                throw error("unterminated string literal");
            }
            if (s.startsWith(quote, pos)) {
                pos += quote.length();
                return;
            }
            char c = s.charAt(pos++);
            if (c == '\n' && quote.length() == 1) {
                pos = open;
                throw error("unterminated string literal");
            }
            if (c != '\\') {
                out.append(c); // surrogate pairs typed directly arrive as two chars and stay a pair
                continue;
            }
            if (pos >= s.length()) {
                pos = open;
                throw error("unterminated string literal");
            }
            if (raw) {
                out.append('\\').append(s.charAt(pos++)); // the backslash stays; it only protects the quote
                continue;
            }
            char e = s.charAt(pos++);
            if (!commonEscape(e, out::appendCodePoint)) {
                switch (e) {
                    case 'x' -> out.appendCodePoint(hex(2, "\\xXX"));
                    case 'u' -> out.append((char) hex(4, "\\uXXXX"));
                    case 'U' -> {
                        int cp = hex(8, "\\UXXXXXXXX");
                        if (cp > 0x10FFFF || cp < 0) {
                            pos -= 10;
                            throw error("(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode"
                                    + " character");
                        }
                        out.appendCodePoint(cp);
                    }
                    case 'N' -> out.appendCodePoint(namedCharacter());
                    default -> out.append('\\').append(e); // unknown escapes keep their backslash
                }
            }
        }
    }

    private void bytesBody(boolean raw, ByteArrayOutputStream out) {
        int open = pos;
        String quote = openQuote();
        while (true) {
            if (pos >= s.length()) {
                pos = open;
                throw error("unterminated string literal");
            }
            if (s.startsWith(quote, pos)) {
                pos += quote.length();
                return;
            }
            char c = s.charAt(pos++);
            if (c == '\n' && quote.length() == 1) {
                pos = open;
                throw error("unterminated string literal");
            }
            if (c >= 128) {
                pos--;
                throw error("bytes can only contain ASCII literal characters");
            }
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (pos >= s.length()) {
                pos = open;
                throw error("unterminated string literal");
            }
            if (raw) {
                out.write('\\');
                char next = s.charAt(pos++);
                if (next >= 128) {
                    pos--;
                    throw error("bytes can only contain ASCII literal characters");
                }
                out.write(next);
                continue;
            }
            char e = s.charAt(pos++);
            // An octal escape above 0o377 keeps its low 8 bits, as CPython does (with a SyntaxWarning).
            if (!commonEscape(e, v -> out.write(v & 0xff))) {
                if (e == 'x') {
                    out.write(hex(2, "\\xXX"));
                } else if (e >= 128) {
                    pos--;
                    throw error("bytes can only contain ASCII literal characters");
                } else {
                    out.write('\\'); // \\u, \\U and \\N are not escapes in bytes: kept as typed
                    out.write(e);
                }
            }
        }
    }

    /** The escapes str and bytes share: simple ones, octal, and backslash-newline. False if {@code e} is not one. */
    private boolean commonEscape(char e, java.util.function.IntConsumer out) {
        switch (e) {
            case '\n' -> { } // a backslash at the end of a line joins the lines
            case '\\', '\'', '"' -> out.accept(e);
            case 'a' -> out.accept(7);
            case 'b' -> out.accept(8);
            case 'f' -> out.accept(12);
            case 'n' -> out.accept(10);
            case 'r' -> out.accept(13);
            case 't' -> out.accept(9);
            case 'v' -> out.accept(11);
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int v = e - '0';
                for (int i = 0; i < 2 && pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; i++) {
                    v = v * 8 + (s.charAt(pos++) - '0');
                }
                out.accept(v);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Exactly {@code n} hex digits after an escape letter. */
    private int hex(int n, String form) {
        int start = pos - 2;
        if (pos + n > s.length()) {
            pos = start;
            throw error("(unicode error) truncated " + form + " escape");
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0 || s.charAt(pos + i) >= 128) {
                pos = start;
                throw error("(unicode error) truncated " + form + " escape");
            }
            v = v * 16 + d;
        }
        pos += n;
        return v;
    }

    /** {@code \N{NAME}}: a Unicode character name (or alias Java knows), case-insensitive. */
    private int namedCharacter() {
        int start = pos - 2;
        int close = pos < s.length() && s.charAt(pos) == '{' ? s.indexOf('}', pos) : -1;
        if (close < 0) {
            pos = start;
            throw error("(unicode error) malformed \\N character escape");
        }
        String name = s.substring(pos + 1, close);
        try {
            if (name.isEmpty() || !name.strip().equals(name)) {
                throw new IllegalArgumentException(name); // Java would strip the blanks; Python does not
            }
            int cp = Character.codePointOf(name);
            pos = close + 1;
            return cp;
        } catch (IllegalArgumentException e) {
            pos = start;
            throw error("(unicode error) unknown Unicode character name");
        }
    }
}
