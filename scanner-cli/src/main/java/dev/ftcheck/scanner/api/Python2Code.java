package dev.ftcheck.scanner.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a file that only Python 2 compiles: {@code #if PY_MAJOR_VERSION < 3} (also {@code <= 2},
 * {@code == 2}, {@code PY_VERSION_HEX < 0x03000000}), a conjunction containing such a test, and the {@code #else}
 * and {@code #elif} branches after {@code #if PY_MAJOR_VERSION >= 3}. A free-threaded interpreter never builds that
 * code, so findings there are noise and writes there do not count.
 */
public final class Python2Code {
    private static final Pattern MAJOR = Pattern.compile("^\\(*\\s*PY_MAJOR_VERSION\\s*(<=|<|==|>=|>|!=)\\s*(\\d{1,9})\\s*\\)*$");
    private static final Pattern HEX = Pattern.compile("^\\(*\\s*PY_VERSION_HEX\\s*(<=|<|>=|>)\\s*(0x[0-9A-Fa-f]{1,15})\\s*\\)*$");

    /** Sorted, disjoint [start, end) offset pairs. */
    private final int[] ranges;

    private Python2Code(int[] ranges) {
        this.ranges = ranges;
    }

    public static Python2Code of(SyntaxTree tree) {
        return tree.attachment(Python2Code.class, t -> of(t.source()));
    }

    /** Reads the directives of {@code s}. */
    public static Python2Code of(String s) {
        if (!s.contains("PY_MAJOR_VERSION") && !s.contains("PY_VERSION_HEX")) {
            return new Python2Code(new int[0]);
        }
        List<int[]> out = new ArrayList<>();
        // per open #if: {dead now (0/1), a Python 3 branch was taken (0/1)}
        List<int[]> stack = new ArrayList<>();
        int deadFrom = -1;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int e = s.indexOf('\n', i);
            if (e < 0) {
                e = n;
            }
            int lineStart = i;
            String line = s.substring(i, e);
            while (line.endsWith("\\") && e < n) {
                int e2 = s.indexOf('\n', e + 1);
                if (e2 < 0) {
                    e2 = n;
                }
                line = line.substring(0, line.length() - 1) + " " + s.substring(e + 1, e2);
                e = e2;
            }
            String d = line.trim();
            if (d.startsWith("#")) {
                d = stripComment(d.substring(1).trim());
                boolean before = dead(stack);
                if (d.startsWith("if")) {
                    String cond = d.startsWith("ifdef") || d.startsWith("ifndef") ? "" : d.substring(2).trim();
                    Verdict v = verdict(cond);
                    stack.add(new int[] {v == Verdict.PY2 ? 1 : 0, v == Verdict.PY3 ? 1 : 0});
                } else if (d.startsWith("elif") && !stack.isEmpty()) {
                    int[] top = stack.get(stack.size() - 1);
                    Verdict v = verdict(d.substring(4).trim());
                    top[0] = top[1] == 1 || v == Verdict.PY2 ? 1 : 0;
                    top[1] |= v == Verdict.PY3 ? 1 : 0;
                } else if (d.startsWith("else") && !stack.isEmpty()) {
                    int[] top = stack.get(stack.size() - 1);
                    top[0] = top[1];
                } else if (d.startsWith("endif") && !stack.isEmpty()) {
                    stack.remove(stack.size() - 1);
                }
                boolean after = dead(stack);
                if (!before && after) {
                    deadFrom = Math.min(e + 1, n);
                } else if (before && !after && deadFrom >= 0) {
                    out.add(new int[] {deadFrom, lineStart});
                    deadFrom = -1;
                }
            }
            i = e + 1;
        }
        if (deadFrom >= 0) {
            out.add(new int[] {deadFrom, n});
        }
        int[] flat = new int[out.size() * 2];
        for (int k = 0; k < out.size(); k++) {
            flat[2 * k] = out.get(k)[0];
            flat[2 * k + 1] = out.get(k)[1];
        }
        return new Python2Code(flat);
    }

    private enum Verdict { PY2, PY3, OTHER }

    /** PY2 when the condition only holds on Python 2, PY3 when it is exactly a Python 3 test. */
    static Verdict verdict(String cond) {
        if (cond.isEmpty() || cond.contains("||")) {
            return Verdict.OTHER;
        }
        String[] parts = cond.split("&&");
        for (String p : parts) {
            if (single(p.trim()) == Verdict.PY2) {
                return Verdict.PY2;
            }
        }
        return parts.length == 1 ? single(cond.trim()) : Verdict.OTHER;
    }

    private static Verdict single(String c) {
        Matcher m = MAJOR.matcher(c);
        if (m.matches()) {
            int v = Integer.parseInt(m.group(2));
            boolean py3 = switch (m.group(1)) {
                case "<" -> 3 < v;
                case "<=" -> 3 <= v;
                case "==" -> 3 == v;
                case ">=" -> 3 >= v;
                case ">" -> 3 > v;
                default -> 3 != v;
            };
            boolean py2 = switch (m.group(1)) {
                case "<" -> 2 < v;
                case "<=" -> 2 <= v;
                case "==" -> 2 == v;
                case ">=" -> 2 >= v;
                case ">" -> 2 > v;
                default -> 2 != v;
            };
            return py2 && !py3 ? Verdict.PY2 : py3 && !py2 ? Verdict.PY3 : Verdict.OTHER;
        }
        m = HEX.matcher(c);
        if (m.matches()) {
            long v = Long.decode(m.group(2));
            String op = m.group(1);
            if ((op.equals("<") && v <= 0x03000000L) || (op.equals("<=") && v < 0x03000000L)) {
                return Verdict.PY2;
            }
            if ((op.equals(">=") && v <= 0x03000000L && v > 0x02FFFFFFL)
                    || (op.equals(">") && v < 0x03000000L && v >= 0x02FFFFFFL)) {
                return Verdict.PY3;
            }
        }
        return Verdict.OTHER;
    }

    private static boolean dead(List<int[]> stack) {
        for (int[] f : stack) {
            if (f[0] == 1) {
                return true;
            }
        }
        return false;
    }

    private static String stripComment(String d) {
        int c = d.indexOf("/*");
        int c2 = d.indexOf("//");
        int cut = c < 0 ? c2 : c2 < 0 ? c : Math.min(c, c2);
        return cut >= 0 ? d.substring(0, cut).trim() : d;
    }

    /** True when the character at {@code offset} is only compiled by Python 2. */
    public boolean contains(int offset) {
        for (int k = 0; k < ranges.length; k += 2) {
            if (offset < ranges[k]) {
                return false;
            }
            if (offset < ranges[k + 1]) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return ranges.length == 0;
    }
}
