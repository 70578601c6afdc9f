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
}
