package dev.ftcheck.runtime.obj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Python's str methods (count, find, replace, split, splitlines, ...) over code-point arrays, so lone surrogates
 * count as one character each, exactly as in CPython.
 */
public final class StrMethods {
    private StrMethods() {}

    /** str.isspace() for one character: the characters CPython's _PyUnicode_IsWhitespace accepts. */
    public static boolean isSpace(int c) {
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f
                || c == 0x3000;
    }

    /** The line boundaries of str.splitlines(). */
    static boolean isLineBreak(int c) {
        return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e) || c == 0x85
                || c == 0x2028 || c == 0x2029;
    }

    /** Slice index adjustment: negatives count from the end, then clamped to [0, len]; returns {start, end}. */
    public static long[] adjust(long start, long end, long len) {
        if (end > len) {
            end = len;
        } else if (end < 0) {
            end = Math.max(0, end + len);
        }
        if (start < 0) {
            start = Math.max(0, start + len);
        }
        return new long[] {start, end};
    }

    static boolean matchAt(int[] s, int[] sub, int at) {
        for (int j = 0; j < sub.length; j++) {
            if (s[at + j] != sub[j]) {
                return false;
            }
        }
        return true;
    }

    /** Index of sub in s[start, end), forward or backward; -1 when absent. */
    public static long find(int[] s, int[] sub, long start, long end, boolean forward) {
        long[] r = adjust(start, end, s.length);
        int a = (int) r[0];
        int b = (int) r[1];
        if (b - a < sub.length) {
            return -1;
        }
        if (forward) {
            for (int i = a; i <= b - sub.length; i++) {
                if (matchAt(s, sub, i)) {
                    return i;
                }
            }
        } else {
            for (int i = b - sub.length; i >= a; i--) {
                if (matchAt(s, sub, i)) {
                    return i;
                }
            }
        }
        return -1;
    }

    public static long count(int[] s, int[] sub, long start, long end) {
        long[] r = adjust(start, end, s.length);
        int a = (int) r[0];
        int b = (int) r[1];
        if (b < a || b - a < sub.length) {
            return 0;
        }
        if (sub.length == 0) {
            return b - a + 1;
        }
        long n = 0;
        for (int i = a; i <= b - sub.length; ) {
            if (matchAt(s, sub, i)) {
                n++;
                i += sub.length;
            } else {
                i++;
            }
        }
        return n;
    }

    /** startswith (forward) or endswith over s[start, end). */
    public static boolean tailmatch(int[] s, int[] sub, long start, long end, boolean atEnd) {
        long[] r = adjust(start, end, s.length);
        int a = (int) r[0];
        int b = (int) r[1];
        if (b - sub.length < a || a > s.length) {
            return false;
        }
        return matchAt(s, sub, atEnd ? b - sub.length : a);
    }

    public static int[] replace(int[] s, int[] old, int[] with, long maxcount) {
        long limit = maxcount < 0 ? Long.MAX_VALUE : maxcount;
        IntBuilder out = new IntBuilder(s.length);
        if (old.length == 0) {
            long n = 0;
            for (int i = 0; i <= s.length; i++) {
                if (n < limit) {
                    out.add(with);
                    n++;
                }
                if (i < s.length) {
                    out.add(s[i]);
                }
            }
            return out.toArray();
        }
        long n = 0;
        int i = 0;
        while (i < s.length) {
            if (n < limit && i <= s.length - old.length && matchAt(s, old, i)) {
                out.add(with);
                i += old.length;
                n++;
            } else {
                out.add(s[i++]);
            }
        }
        return out.toArray();
    }

    /** str.split / str.rsplit; sep null splits on runs of whitespace. */
    public static List<int[]> split(int[] s, int[] sep, long maxsplit, boolean fromRight) {
        long limit = maxsplit < 0 ? Long.MAX_VALUE : maxsplit;
        List<int[]> parts = new ArrayList<>();
        if (sep == null) {
            if (!fromRight) {
                int i = 0;
                while (true) {
                    while (i < s.length && isSpace(s[i])) {
                        i++;
                    }
                    if (i == s.length) {
                        break;
                    }
                    if (parts.size() == limit) {
                        int e = s.length;
                        parts.add(Arrays.copyOfRange(s, i, e));
                        break;
                    }
                    int j = i;
                    while (j < s.length && !isSpace(s[j])) {
                        j++;
                    }
                    parts.add(Arrays.copyOfRange(s, i, j));
                    i = j;
                }
            } else {
                int i = s.length;
                while (true) {
                    while (i > 0 && isSpace(s[i - 1])) {
                        i--;
                    }
                    if (i == 0) {
                        break;
                    }
                    if (parts.size() == limit) {
                        parts.add(Arrays.copyOfRange(s, 0, i));
                        break;
                    }
                    int j = i;
                    while (j > 0 && !isSpace(s[j - 1])) {
                        j--;
                    }
                    parts.add(Arrays.copyOfRange(s, j, i));
                    i = j;
                }
                java.util.Collections.reverse(parts);
            }
            return parts;
        }
        if (sep.length == 0) {
            throw PyRaise.valueError("empty separator");
        }
        if (!fromRight) {
            int from = 0;
            long n = 0;
            for (int i = 0; i <= s.length - sep.length && n < limit; ) {
                if (matchAt(s, sep, i)) {
                    parts.add(Arrays.copyOfRange(s, from, i));
                    i += sep.length;
                    from = i;
                    n++;
                } else {
                    i++;
                }
            }
            parts.add(Arrays.copyOfRange(s, from, s.length));
        } else {
            int to = s.length;
            long n = 0;
            for (int i = s.length - sep.length; i >= 0 && n < limit; ) {
                if (matchAt(s, sep, i)) {
                    parts.add(Arrays.copyOfRange(s, i + sep.length, to));
                    to = i;
                    i -= sep.length;
                    n++;
                } else {
                    i--;
                }
            }
            parts.add(Arrays.copyOfRange(s, 0, to));
            java.util.Collections.reverse(parts);
        }
        return parts;
    }

    public static List<int[]> splitlines(int[] s, boolean keepends) {
        List<int[]> parts = new ArrayList<>();
        int i = 0;
        while (i < s.length) {
            int j = i;
            while (j < s.length && !isLineBreak(s[j])) {
                j++;
            }
            int eol = j;
            if (j < s.length) {
                j += s[j] == '\r' && j + 1 < s.length && s[j + 1] == '\n' ? 2 : 1;
                if (keepends) {
                    eol = j;
                }
            }
            parts.add(Arrays.copyOfRange(s, i, eol));
            i = j;
        }
        return parts;
    }

    /** A growable int array for building code-point sequences. */
    public static final class IntBuilder {
        private int[] a;
        private int n;

        public IntBuilder(int capacity) {
            a = new int[Math.max(8, capacity)];
        }

        public void add(int c) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = c;
        }

        public void add(int[] cs) {
            for (int c : cs) {
                add(c);
            }
        }

        public void add(String ascii) {
            for (int i = 0; i < ascii.length(); i++) {
                add(ascii.charAt(i));
            }
        }

        public int size() {
            return n;
        }

        public void truncate(int size) {
            n = Math.min(n, size);
        }

        public int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
