package dev.ftcheck.runtime.obj.builtins;

import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Strs;

/**
 * complex(str): optional whitespace and one pair of parentheses around a real part, an imaginary part ending in
 * j or J, or both (the second signed); a bare j stands for 1j. Non-ASCII decimal digits and spaces count as
 * their ASCII forms, and single underscores may separate digits, as in float().
 */
final class ComplexParser {
    private ComplexParser() {}

    static double[] parse(long str) {
        String original = Strs.value(str);
        StringBuilder b = new StringBuilder(original.length());
        original.codePoints().forEach(c -> {
            if (c < 128) {
                b.append((char) c);
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                b.append(' ');
            } else if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                b.append((char) ('0' + Character.digit(c, 10)));
            } else {
                b.append('?');
            }
        });
        String s = b.toString();
        if (s.indexOf('_') >= 0) {
            StringBuilder plain = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '_') {
                    boolean ok = i > 0 && isDigit(s.charAt(i - 1)) && i + 1 < s.length() && isDigit(s.charAt(i + 1));
                    if (!ok) {
                        throw PyRaise.valueError("could not convert string to complex: %s", Repr.quote(original));
                    }
                } else {
                    plain.append(c);
                }
            }
            s = plain.toString();
        }
        double[] r = inner(s);
        if (r == null) {
            throw PyRaise.valueError("complex() arg is a malformed string");
        }
        return r;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }

    /** The parse itself; null when malformed. */
    private static double[] inner(String s) {
        int n = s.length();
        int p = 0;
        while (p < n && isSpace(s.charAt(p))) {
            p++;
        }
        boolean bracket = false;
        if (p < n && s.charAt(p) == '(') {
            bracket = true;
            p++;
            while (p < n && isSpace(s.charAt(p))) {
                p++;
            }
        }
        double x = 0.0, y = 0.0;
        int end = number(s, p);
        if (end > p) {
            double z = value(s, p, end);
            p = end;
            if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
                x = z;
                end = number(s, p);
                if (end > p) {
                    y = value(s, p, end);
                    p = end;
                } else {
                    y = s.charAt(p) == '+' ? 1.0 : -1.0;
                    p++;
                }
                if (p >= n || (s.charAt(p) != 'j' && s.charAt(p) != 'J')) {
                    return null;
                }
                p++;
            } else if (p < n && (s.charAt(p) == 'j' || s.charAt(p) == 'J')) {
                p++;
                y = z;
            } else {
                x = z;
            }
        } else {
            if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
                y = s.charAt(p) == '+' ? 1.0 : -1.0;
                p++;
            } else {
                y = 1.0;
            }
            if (p >= n || (s.charAt(p) != 'j' && s.charAt(p) != 'J')) {
                return null;
            }
            p++;
        }
        while (p < n && isSpace(s.charAt(p))) {
            p++;
        }
        if (bracket) {
            if (p >= n || s.charAt(p) != ')') {
                return null;
            }
            p++;
            while (p < n && isSpace(s.charAt(p))) {
                p++;
            }
        }
        return p == n ? new double[] {x, y} : null;
    }

    /** The end of the longest float literal starting at p (optional sign; digits, point, exponent; inf, nan). */
    private static int number(String s, int p) {
        int n = s.length();
        int i = p;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
        if (rest.startsWith("infinity")) {
            return i + 8;
        }
        if (rest.startsWith("inf") || rest.startsWith("nan")) {
            return i + 3;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            int j = i + 1;
            int frac = 0;
            while (j < n && isDigit(s.charAt(j))) {
                j++;
                frac++;
            }
            if (digits + frac > 0) {
                i = j;
                digits += frac;
            }
        }
        if (digits == 0) {
            return p;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int k = j;
            while (k < n && isDigit(s.charAt(k))) {
                k++;
            }
            if (k > j) {
                i = k;
            }
        }
        return i;
    }

    private static double value(String s, int p, int end) {
        String t = s.substring(p, end);
        String body = t.toLowerCase(java.util.Locale.ROOT);
        boolean negative = body.startsWith("-");
        String u = body.startsWith("-") || body.startsWith("+") ? body.substring(1) : body;
        if (u.startsWith("inf")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (u.startsWith("nan")) {
            return negative ? -Double.NaN : Double.NaN;
        }
        return Double.parseDouble(t);
    }
}
