package dev.ftcheck.scanner.analysis;

import dev.ftcheck.scanner.api.SyntaxTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code #if} conditions around a point of the file, read from the tree's preprocessor nodes. */
public final class Preprocessor {
    // at most 15 hex digits: a longer literal is not a version (and would overflow a long)
    private static final Pattern VERSION_HEX =
            Pattern.compile("PY_VERSION_HEX\\s*>=?\\s*(0x[0-9A-Fa-f]{1,15})(?![0-9A-Fa-f])");

    private Preprocessor() {
    }

    /**
     * The conditions that must hold for code at {@code offset} to be compiled, innermost first, as directive text
     * ({@code #ifdef Py_GIL_DISABLED}, {@code #if PY_VERSION_HEX >= 0x030D0000}, {@code #else of #if X}).
     */
    public static List<String> conditionsAt(SyntaxTree tree, int offset) {
        // Read from the text, not the tree: inside initializer lists tree-sitter has no preprocessor nodes.
        String s = tree.source();
        List<String> stack = new ArrayList<>();
        int i = 0;
        int n = Math.min(offset, s.length());
        boolean inComment = false;
        while (i < n) {
            int e = s.indexOf('\n', i);
            if (e < 0) {
                e = s.length();
            }
            String line = s.substring(i, e);
            while (line.endsWith("\\") && e < s.length()) {
                int e2 = s.indexOf('\n', e + 1);
                if (e2 < 0) {
                    e2 = s.length();
                }
                line = line.substring(0, line.length() - 1) + " " + s.substring(e + 1, e2);
                e = e2;
            }
            String trimmed = line.trim();
            if (!inComment && trimmed.startsWith("#")) {
                directive(stack, stripComment(trimmed.substring(1).trim()));
            }
            int open = line.lastIndexOf("/*");
            int close = line.lastIndexOf("*/");
            if (open > close) {
                inComment = true;
            } else if (close >= 0) {
                inComment = false;
            }
            i = e + 1;
        }
        List<String> out = new ArrayList<>(stack);
        Collections.reverse(out);
        return out;
    }

    private static void directive(List<String> stack, String d) {
        if (d.startsWith("ifdef") || d.startsWith("ifndef") || d.startsWith("if")) {
            String kw = d.startsWith("ifdef") ? "ifdef" : d.startsWith("ifndef") ? "ifndef" : "if";
            stack.add("#" + kw + " " + squash(d.substring(kw.length())));
        } else if (d.startsWith("elif") && !stack.isEmpty()) {
            stack.set(stack.size() - 1, "#elif " + squash(d.substring(4)));
        } else if (d.startsWith("else") && !stack.isEmpty()) {
            stack.set(stack.size() - 1, "#else of " + stack.get(stack.size() - 1));
        } else if (d.startsWith("endif") && !stack.isEmpty()) {
            stack.remove(stack.size() - 1);
        }
    }

    private static String stripComment(String d) {
        int c = d.indexOf("/*");
        int c2 = d.indexOf("//");
        int cut = c < 0 ? c2 : c2 < 0 ? c : Math.min(c, c2);
        return cut >= 0 ? d.substring(0, cut).trim() : d;
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    /** The condition text that makes a free-threading guard, or null: {@code Py_GIL_DISABLED} checks only. */
    public static String gilDisabledGuard(List<String> conditions) {
        for (String c : conditions) {
            if (c.startsWith("#else") || c.startsWith("#ifndef")) {
                continue;
            }
            if (c.contains("Py_GIL_DISABLED") && !c.contains("!defined") && !c.contains("! defined")) {
                return c;
            }
        }
        return null;
    }

    /** A guard that is right for the {@code Py_mod_gil} slot: Py_GIL_DISABLED, or PY_VERSION_HEX >= 3.13. */
    public static String slotGuard(List<String> conditions) {
        String g = gilDisabledGuard(conditions);
        if (g != null) {
            return g;
        }
        for (String c : conditions) {
            if (c.startsWith("#else") || c.startsWith("#ifndef")) {
                continue;
            }
            // "#ifdef Py_mod_gil": the slot macro itself only exists where the slot does
            if ((c.startsWith("#ifdef ") && c.substring(7).trim().equals("Py_mod_gil"))
                    || (c.contains("defined(Py_mod_gil)") && !c.contains("!defined(Py_mod_gil)"))) {
                return c;
            }
            Matcher m = VERSION_HEX.matcher(c);
            if (m.find()) {
                long v = Long.decode(m.group(1));
                if (v >= 0x030D0000L) {
                    return c;
                }
            }
        }
        return null;
    }

    /** How far past x.y.0's PY_VERSION_HEX a bound may be and still mean "before x.y" (its alphas, betas, rcs). */
    private static final long PRERELEASES = 0xFF;

    /** {@code PY_VERSION_HEX <op> <version>}, the version as a hex literal or {@code Py_PACK_VERSION(x, y)}. */
    private static final Pattern VERSION_TERM = Pattern.compile(
            "^\\(*\\s*PY_VERSION_HEX\\s*(<=|<|>=|>)\\s*(?:(0x[0-9A-Fa-f]{1,15})(?![0-9A-Fa-f])"
                    + "|Py_PACK_VERSION\\s*\\(\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*\\))\\s*\\)*\\s*$");

    /**
     * True when the conditions (as {@link #conditionsAt} returns them) compile the code only for CPython versions
     * below {@code version} ({@code PY_VERSION_HEX} form, e.g. {@code 0x030E0000}): one of them is, or has as a
     * conjunct, {@code PY_VERSION_HEX < V} (or {@code <= V-1}) with V at most {@code version}, or is the
     * {@code #else} of a lone {@code PY_VERSION_HEX >= V}. Such code is the compatibility branch for old versions.
     * A bound inside the release's own x.y.0 pre-releases ({@code < 0x030E00A1}, "before 3.14.0a1") counts as the
     * release: that is how compat headers spell "before 3.14".
     */
    public static boolean compiledOnlyBelow(List<String> conditions, long version) {
        for (String c : conditions) {
            if (c.startsWith("#ifdef") || c.startsWith("#ifndef")) {
                continue;
            }
            boolean elseBranch = c.startsWith("#else of ");
            String expr = (elseBranch ? c.substring("#else of ".length()) : c).replaceFirst("^#(?:el)?if\\s*", "");
            if (expr.contains("||")) {
                continue;
            }
            if (elseBranch) {
                if (expr.contains("&&")) {
                    continue; // not(A && B) restricts nothing on its own
                }
                long[] b = versionBound(expr);
                if (b != null && b[0] == 1 && b[1] <= version + PRERELEASES) {
                    return true;
                }
                continue;
            }
            for (String term : expr.split("&&")) {
                long[] b = versionBound(term);
                if (b != null && b[0] == -1 && b[1] <= version + PRERELEASES) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {-1, V} for {@code PY_VERSION_HEX < V} (an upper bound, exclusive), {1, V} for {@code PY_VERSION_HEX >= V}
     * (a lower bound, inclusive); null for anything else, negations included.
     */
    private static long[] versionBound(String term) {
        Matcher m = VERSION_TERM.matcher(term.trim());
        if (!m.matches()) {
            return null;
        }
        long v = m.group(2) != null ? Long.decode(m.group(2))
                : (Long.parseLong(m.group(3)) << 24) | (Long.parseLong(m.group(4)) << 16);
        return switch (m.group(1)) {
            case "<" -> new long[] {-1, v};
            case "<=" -> new long[] {-1, v + 1};
            case ">=" -> new long[] {1, v};
            default -> new long[] {1, v + 1};
        };
    }
}
