package dev.ftcheck.runtime.obj.builtins;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * str's case mappings and character predicates as CPython 3.13 has them (Unicode 15.1), over code-point arrays.
 * Java's Character and String supply the properties and the full case mappings; {@link StrUnicodeData} (measured
 * from CPython) supplies what Java lacks (case folding, full title case, Numeric_Type, XID_Start/Continue) and the
 * code points Unicode 15.1 leaves unassigned, which Java's newer Unicode may assign: those are treated as Cn, so
 * every answer is CPython's.
 */
public final class StrCase {
    private StrCase() {}

    /** Sorted disjoint [lo, hi] ranges. */
    private record Ranges(int[] lo, int[] hi) {
        static Ranges parse(String text) {
            String[] toks = text.trim().split(" +");
            int[] lo = new int[toks.length];
            int[] hi = new int[toks.length];
            for (int i = 0; i < toks.length; i++) {
                int dash = toks[i].indexOf('-');
                lo[i] = Integer.parseInt(dash < 0 ? toks[i] : toks[i].substring(0, dash), 16);
                hi[i] = dash < 0 ? lo[i] : Integer.parseInt(toks[i].substring(dash + 1), 16);
            }
            return new Ranges(lo, hi);
        }

        boolean contains(int c) {
            int i = Arrays.binarySearch(lo, c);
            if (i >= 0) {
                return true;
            }
            i = -i - 2;
            return i >= 0 && c <= hi[i];
        }
    }

    private static Map<Integer, int[]> parseMap(String text) {
        Map<Integer, int[]> m = new HashMap<>();
        for (String tok : text.trim().split(" +")) {
            int colon = tok.indexOf(':');
            String[] to = tok.substring(colon + 1).split(",");
            int[] v = new int[to.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Integer.parseInt(to[i], 16);
            }
            m.put(Integer.parseInt(tok.substring(0, colon), 16), v);
        }
        return m;
    }

    private static final Ranges UNASSIGNED = Ranges.parse(StrUnicodeData.UNASSIGNED);
    private static final Ranges DIGIT = Ranges.parse(StrUnicodeData.DIGIT);
    private static final Ranges NUMERIC = Ranges.parse(StrUnicodeData.NUMERIC);
    private static final Ranges XID_START = Ranges.parse(StrUnicodeData.XID_START);
    private static final Ranges XID_CONTINUE = Ranges.parse(StrUnicodeData.XID_CONTINUE);
    private static final Map<Integer, int[]> FOLD = parseMap(StrUnicodeData.FOLD);
    private static final Map<Integer, int[]> TITLE = parseMap(StrUnicodeData.TITLE);

    private static final Ranges CASE_IGNORABLE = Ranges.parse(StrUnicodeData.CASE_IGNORABLE);

    static boolean assigned(int c) {
        return !UNASSIGNED.contains(c);
    }

    /** The general category (Character's constants), Cn for what Unicode 15.1 does not assign. */
    static int category(int c) {
        if (c < 0x80) {
            return Character.getType(c);
        }
        return assigned(c) ? Character.getType(c) : Character.UNASSIGNED;
    }

    static boolean isAlpha(int c) {
        if (c < 0x80) {
            return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        }
        return switch (category(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER -> true;
            default -> false;
        };
    }

    static boolean isDecimal(int c) {
        return c < 0x80 ? c >= '0' && c <= '9' : category(c) == Character.DECIMAL_DIGIT_NUMBER;
    }

    static boolean isDigit(int c) {
        return isDecimal(c) || (c >= 0x80 && DIGIT.contains(c));
    }

    static boolean isNumeric(int c) {
        return c < 0x80 ? c >= '0' && c <= '9' : NUMERIC.contains(c);
    }

    static boolean isAlnum(int c) {
        return isAlpha(c) || isNumeric(c);
    }

    public static boolean isPrintable(int c) {
        if (c < 0x80) {
            return c >= 0x20 && c < 0x7f;
        }
        return switch (category(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    static boolean isSpace(int c) {
        return StrMethods.isSpace(c);
    }

    static boolean isLower(int c) {
        return c < 0x80 ? c >= 'a' && c <= 'z' : assigned(c) && Character.isLowerCase(c);
    }

    static boolean isUpper(int c) {
        return c < 0x80 ? c >= 'A' && c <= 'Z' : assigned(c) && Character.isUpperCase(c);
    }

    static boolean isTitle(int c) {
        return c >= 0x80 && assigned(c) && Character.isTitleCase(c);
    }

    static boolean isCased(int c) {
        return isLower(c) || isUpper(c) || isTitle(c);
    }

    static boolean isCaseIgnorable(int c) {
        return CASE_IGNORABLE.contains(c);
    }

    static boolean isIdentifier(int[] s) {
        if (s.length == 0 || !XID_START.contains(s[0])) {
            return false;
        }
        for (int i = 1; i < s.length; i++) {
            if (!XID_CONTINUE.contains(s[i])) {
                return false;
            }
        }
        return true;
    }

    /** Output of a mapping: a growable code-point array. */
    static final class Out {
        int[] a;
        int n;

        Out(int capacity) {
            a = new int[Math.max(4, capacity)];
        }

        void add(int c) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = c;
        }

        void addAll(String s) {
            s.codePoints().forEach(this::add);
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    private static boolean surrogate(int c) {
        return c >= 0xd800 && c <= 0xdfff;
    }

    /** Java's mapping of c, unless it maps to a character Unicode 15.1 does not have (a pairing added later). */
    private static void mapped(int c, String java, Out out) {
        if (java.codePoints().allMatch(StrCase::assigned)) {
            out.addAll(java);
        } else {
            out.add(c);
        }
    }

    static void upper(int c, Out out) {
        if (c < 0x80) {
            out.add(c >= 'a' && c <= 'z' ? c - 32 : c);
        } else if (!assigned(c) || surrogate(c)) {
            out.add(c);
        } else {
            mapped(c, new String(Character.toChars(c)).toUpperCase(Locale.ROOT), out);
        }
    }

    static void lower(int c, Out out) {
        if (c < 0x80) {
            out.add(c >= 'A' && c <= 'Z' ? c + 32 : c);
        } else if (!assigned(c) || surrogate(c)) {
            out.add(c);
        } else {
            mapped(c, new String(Character.toChars(c)).toLowerCase(Locale.ROOT), out);
        }
    }

    static void title(int c, Out out) {
        int[] full = c < 0x80 ? null : TITLE.get(c);
        if (full != null) {
            for (int x : full) {
                out.add(x);
            }
        } else if (c < 0x80) {
            out.add(c >= 'a' && c <= 'z' ? c - 32 : c);
        } else {
            int t = assigned(c) ? Character.toTitleCase(c) : c;
            out.add(assigned(t) ? t : c);
        }
    }

    static void fold(int c, Out out) {
        int[] full = c < 0x80 ? null : FOLD.get(c);
        if (full == null) {
            lower(c, out);
        } else {
            for (int x : full) {
                out.add(x);
            }
        }
    }

    /** lower() of s[i], where a capital sigma ends a word as final sigma (Unicode's Final_Sigma condition). */
    private static void lowerAt(int[] s, int i, Out out) {
        if (s[i] != 0x3a3) {
            lower(s[i], out);
            return;
        }
        int j = i - 1;
        while (j >= 0 && isCaseIgnorable(s[j])) {
            j--;
        }
        boolean fin = j >= 0 && isCased(s[j]);
        if (fin) {
            j = i + 1;
            while (j < s.length && isCaseIgnorable(s[j])) {
                j++;
            }
            fin = j == s.length || !isCased(s[j]);
        }
        out.add(fin ? 0x3c2 : 0x3c3);
    }

    static int[] lower(int[] s) {
        Out out = new Out(s.length);
        for (int i = 0; i < s.length; i++) {
            lowerAt(s, i, out);
        }
        return out.toArray();
    }

    static int[] upper(int[] s) {
        Out out = new Out(s.length);
        for (int c : s) {
            upper(c, out);
        }
        return out.toArray();
    }

    static int[] casefold(int[] s) {
        Out out = new Out(s.length);
        for (int c : s) {
            fold(c, out);
        }
        return out.toArray();
    }

    static int[] swapcase(int[] s) {
        Out out = new Out(s.length);
        for (int i = 0; i < s.length; i++) {
            if (isUpper(s[i])) {
                lowerAt(s, i, out);
            } else if (isLower(s[i])) {
                upper(s[i], out);
            } else {
                out.add(s[i]);
            }
        }
        return out.toArray();
    }

    static int[] capitalize(int[] s) {
        Out out = new Out(s.length);
        for (int i = 0; i < s.length; i++) {
            if (i == 0) {
                title(s[0], out);
            } else {
                lowerAt(s, i, out);
            }
        }
        return out.toArray();
    }

    static int[] title(int[] s) {
        Out out = new Out(s.length);
        boolean previousCased = false;
        for (int i = 0; i < s.length; i++) {
            if (previousCased) {
                lowerAt(s, i, out);
            } else {
                title(s[i], out);
            }
            previousCased = isCased(s[i]);
        }
        return out.toArray();
    }

    /** islower(): no upper or title case character and at least one lower case one. */
    static boolean isLower(int[] s) {
        boolean cased = false;
        for (int c : s) {
            if (isUpper(c) || isTitle(c)) {
                return false;
            }
            cased |= isLower(c);
        }
        return cased;
    }

    static boolean isUpper(int[] s) {
        boolean cased = false;
        for (int c : s) {
            if (isLower(c) || isTitle(c)) {
                return false;
            }
            cased |= isUpper(c);
        }
        return cased;
    }

    /** istitle(): upper and title case characters only after uncased ones, lower case only after cased ones. */
    static boolean isTitle(int[] s) {
        boolean cased = false, previousCased = false;
        for (int c : s) {
            if (isUpper(c) || isTitle(c)) {
                if (previousCased) {
                    return false;
                }
                previousCased = cased = true;
            } else if (isLower(c)) {
                if (!previousCased) {
                    return false;
                }
                previousCased = cased = true;
            } else {
                previousCased = false;
            }
        }
        return cased;
    }
}
