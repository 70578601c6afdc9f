package dev.ftcheck.scanner.analysis;

import java.util.List;

/**
 * A call or function-like macro use found in the token stream: {@code name(args...)}.
 *
 * @param name the called name ({@code PyList_GetItem}; for C++ {@code obj.method} calls only the method)
 * @param nameToken token index of the name
 * @param open token index of {@code (}
 * @param close token index of the matching {@code )}
 * @param args the top-level arguments
 */
public record CallSite(String name, int nameToken, int open, int close, List<Arg> args) {

    /**
     * One argument: tokens {@code from..to} inclusive ({@code from > to} for an empty argument), its text without
     * whitespace and its normalised form (casts and redundant parentheses removed).
     */
    public record Arg(int from, int to, String text, String normalized) {
        public boolean isEmpty() {
            return from > to;
        }
    }

    public Arg arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    /** The normalised text of argument {@code i}, or "" when absent. */
    public String argNorm(int i) {
        Arg a = arg(i);
        return a == null ? "" : a.normalized();
    }
}
