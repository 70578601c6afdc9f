package dev.ftcheck.cli;

import dev.ftcheck.runtime.PyTuple;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code name(arg, ...)} where each argument is a Python literal: ints (any base, underscores), floats,
 * str and bytes literals with escapes, None/True/False, lists, tuples, dicts and sets, nested. Produces the Java
 * values the runtime converts (Long/BigInteger, Double, String, byte[], List, PyTuple, Map, Set, null, Boolean).
 */
final class PyLiteralParser {
    /** A parsed call. */
    record Call(String text, String name, List<Object> args) {}

    /** Bad call syntax, with the position. */
    static final class SyntaxError extends IllegalArgumentException {
        SyntaxError(String text, int pos, String what) {
            super("invalid --call '" + text + "': " + what + " at column " + (pos + 1));
        }
    }

    private final String s;
    private int pos;

    private PyLiteralParser(String s) {
        this.s = s;
    }

    static Call parseCall(String text) {
        PyLiteralParser p = new PyLiteralParser(text);
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
    static Object parseLiteral(String text) {
        PyLiteralParser p = new PyLiteralParser(text);
        Object v = p.value();
        p.ws();
        if (p.pos != text.length()) {
            throw new SyntaxError(text, p.pos, "unexpected text after the literal");
        }
        return v;
    }

    private void ws() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
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
            throw new SyntaxError(s, pos, "expected a value");
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
            case '\'':
            case '"':
                return new String(string(false), StandardCharsets.UTF_8);
            default:
                break;
        }
        if ((c == 'b' || c == 'B') && pos + 1 < s.length() && (s.charAt(pos + 1) == '\'' || s.charAt(pos + 1) == '"')) {
            pos++;
            return string(true);
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                pos++;
            }
            String word = s.substring(start, pos);
            return switch (word) {
                case "None" -> null;
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                default -> throw new SyntaxError(s, start, "'" + word + "' is not a literal (only None, True, False)");
            };
        }
        return number();
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
            throw new SyntaxError(s, pos, "unhashable key");
        }
        return k;
    }

    private Object number() {
        int start = pos;
        if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
            pos++;
        }
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                || s.charAt(pos) == '.' || ((s.charAt(pos) == '-' || s.charAt(pos) == '+')
                        && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E')))) {
            pos++;
        }
        String t = s.substring(start, pos).replace("_", "");
        if (t.isEmpty() || t.equals("-") || t.equals("+")) {
            throw new SyntaxError(s, start, "expected a value");
        }
        boolean neg = t.startsWith("-");
        String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        String lower = body.toLowerCase();
        try {
            BigInteger v;
            if (lower.startsWith("0x")) {
                v = new BigInteger(body.substring(2), 16);
            } else if (lower.startsWith("0o")) {
                v = new BigInteger(body.substring(2), 8);
            } else if (lower.startsWith("0b")) {
                v = new BigInteger(body.substring(2), 2);
            } else if (lower.contains(".") || lower.contains("e") || lower.equals("inf") || lower.equals("nan")) {
                double d = Double.parseDouble(body);
                return neg ? -d : d;
            } else {
                v = new BigInteger(body);
            }
            if (neg) {
                v = v.negate();
            }
            return v.bitLength() < 64 ? (Object) v.longValue() : v;
        } catch (NumberFormatException e) {
            throw new SyntaxError(s, start, "'" + t + "' is not a number");
        }
    }

    /** A quoted literal's bytes (UTF-8 for str), with Python's escapes. */
    private byte[] string(boolean bytes) {
        char q = s.charAt(pos++);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= s.length()) {
                throw new SyntaxError(s, pos, "unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == q) {
                return out.toByteArray();
            }
            if (c != '\\') {
                int cp = Character.isHighSurrogate(c) && pos < s.length() ? Character.toCodePoint(c, s.charAt(pos++)) : c;
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (pos >= s.length()) {
                throw new SyntaxError(s, pos, "unterminated string");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '0' -> out.write(0);
                case '\\', '\'', '"' -> out.write(e);
                case 'x' -> {
                    int v = Integer.parseInt(s.substring(pos, pos + 2), 16);
                    if (bytes) {
                        out.write(v);
                    } else {
                        out.writeBytes(new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8));
                    }
                    pos += 2;
                }
                case 'u' -> {
                    out.writeBytes(new String(Character.toChars(Integer.parseInt(s.substring(pos, pos + 4), 16)))
                            .getBytes(StandardCharsets.UTF_8));
                    pos += 4;
                }
                default -> {
                    out.write('\\');
                    out.write(e);
                }
            }
        }
    }
}
