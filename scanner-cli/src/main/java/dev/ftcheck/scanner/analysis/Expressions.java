package dev.ftcheck.scanner.analysis;

import java.util.regex.Pattern;

/** Textual normalisation of C expressions, so that {@code (self)->attrib} and {@code self -> attrib} compare equal. */
public final class Expressions {
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern PAREN_IDENT = Pattern.compile("\\(([A-Za-z_][A-Za-z_0-9]*)\\)");
    /** {@code (T *)}, {@code (const struct T **)}: possessive, so a long unclosed argument cannot backtrack. */
    private static final Pattern LEADING_CAST = Pattern.compile(
            "^\\((?:\\s*+[A-Za-z_][A-Za-z_0-9]*+)++\\s*+\\*++\\)");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");

    private Expressions() {
    }

    /** Whitespace removed, casts to pointer types dropped, redundant parentheses removed, leading {@code &} kept. */
    public static String normalize(String expr) {
        String s = SPACE.matcher(expr).replaceAll("");
        for (int guard = 0; guard < 20; guard++) {
            String before = s;
            s = PAREN_IDENT.matcher(s).replaceAll("$1");
            if (LEADING_CAST.matcher(s).find()) {
                s = LEADING_CAST.matcher(s).replaceFirst("");
            }
            if (wrapped(s)) {
                s = s.substring(1, s.length() - 1);
            }
            if (s.equals(before)) {
                break;
            }
        }
        return s;
    }

    /** True when the whole text is one pair of parentheses. */
    private static boolean wrapped(String s) {
        if (s.length() < 2 || s.charAt(0) != '(' || s.charAt(s.length() - 1) != ')') {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0 && i < s.length() - 1) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True for a plain identifier. */
    public static boolean isIdentifier(String s) {
        return IDENT.matcher(s).matches();
    }

    /** The leading identifier of an expression ({@code self} for {@code self->attrib}), or null. */
    public static String baseIdentifier(String normalized) {
        String s = normalized.startsWith("&") || normalized.startsWith("*") ? normalized.substring(1) : normalized;
        int i = 0;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return i > 0 && !Character.isDigit(s.charAt(0)) ? s.substring(0, i) : null;
    }

    /** For {@code a->b} or {@code a.b}: the field name after the last member operator, or null. */
    public static String lastField(String normalized) {
        int arrow = normalized.lastIndexOf("->");
        int dot = normalized.lastIndexOf('.');
        int at = Math.max(arrow >= 0 ? arrow + 2 : -1, dot >= 0 ? dot + 1 : -1);
        if (at <= 0) {
            return null;
        }
        String f = normalized.substring(at);
        return isIdentifier(f) ? f : null;
    }
}
