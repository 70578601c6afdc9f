package dev.ftcheck.scanner;

import java.util.ArrayList;
import java.util.List;

/**
 * Prepares text for tree-sitter, which cannot parse {@code #if} branches that open or close braces on their own
 * ({@code #ifdef __APPLE__ if (x) { #endif}, a signature with its own brace in each branch), nor directives inside
 * an argument list, around an {@code else} clause or in the middle of a declaration: one such chain turns the rest
 * of the function or file into an error region. Chains of balanced, whole statements stay as they are. Otherwise one branch is kept (a balanced one if there is one, the
 * implicit empty {@code #else} included, else the first) and the others, with the chain's directive lines, become
 * spaces. Offsets and line breaks are unchanged, so positions still point into the original text, from which the
 * rules read directives and conditions.
 */
final class UnbalancedBranches {
    private UnbalancedBranches() {
    }

    private static final class Branch {
        final int start;
        int end;
        int depth;
        int min;
        int parens;
        int parenMin;
        boolean sawCode;
        boolean startsWithElse;
        char last;

        Branch(int start) {
            this.start = start;
        }

        boolean balanced() {
            return depth == 0 && min >= 0 && parens == 0 && parenMin >= 0;
        }
    }

    private static final class Chain {
        final List<Branch> branches = new ArrayList<>();
        final List<int[]> directives = new ArrayList<>();
        final int parensAtStart;
        boolean hasElse;

        Chain(int parensAtStart) {
            this.parensAtStart = parensAtStart;
        }

        Branch current() {
            return branches.get(branches.size() - 1);
        }
    }

    /** {@code text} with the unkept branches of unbalanced chains blanked; the same instance when there are none. */
    static String blank(String text) {
        int n = text.length();
        List<Chain> stack = new ArrayList<>();
        List<int[]> blanks = new ArrayList<>();
        int[] parens = {0};
        boolean lineStart = true;
        Branch cur = null; // the innermost open branch, or null outside every #if
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                lineStart = true;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                i++;
                continue;
            }
            if (c == '#' && lineStart) {
                int end = directiveEnd(text, i);
                directive(text, i, end, stack, blanks, parens);
                cur = stack.isEmpty() ? null : stack.get(stack.size() - 1).current();
                i = end;
                continue;
            }
            lineStart = false;
            boolean comment = c == '/' && i + 1 < n && (text.charAt(i + 1) == '*' || text.charAt(i + 1) == '/');
            if (!comment && cur != null && !cur.sawCode) {
                cur.sawCode = true;
                cur.startsWithElse = text.startsWith("else", i)
                        && (i + 4 >= n || !Character.isJavaIdentifierPart(text.charAt(i + 4)));
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? n : nl;
            } else if (c == '"' || c == '\'') {
                i = quotedEnd(text, i, c);
            } else {
                if (cur != null) {
                    cur.last = c;
                }
                if ((c == '{' || c == '}') && cur != null) {
                    cur.depth += c == '{' ? 1 : -1;
                    cur.min = Math.min(cur.min, cur.depth);
                } else if (c == '(' || c == ')') {
                    parens[0] += c == '(' ? 1 : -1;
                    if (cur != null) {
                        cur.parens += c == '(' ? 1 : -1;
                        cur.parenMin = Math.min(cur.parenMin, cur.parens);
                    }
                }
                i++;
            }
        }
        if (blanks.isEmpty()) {
            return text;
        }
        char[] out = text.toCharArray();
        for (int[] r : blanks) {
            for (int k = r[0]; k < r[1] && k < n; k++) {
                if (out[k] != '\n') {
                    out[k] = ' ';
                }
            }
        }
        return new String(out);
    }

    private static void directive(String text, int at, int end, List<Chain> stack, List<int[]> blanks,
            int[] parens) {
        int k = at + 1;
        while (k < end && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
            k++;
        }
        int w = k;
        while (w < end && Character.isLetter(text.charAt(w))) {
            w++;
        }
        String word = text.substring(k, w);
        switch (word) {
            case "if", "ifdef", "ifndef" -> {
                Chain chain = new Chain(parens[0]);
                chain.directives.add(new int[] {at, end});
                chain.branches.add(new Branch(end));
                stack.add(chain);
            }
            case "elif", "elifdef", "elifndef", "else" -> {
                if (!stack.isEmpty()) {
                    Chain chain = stack.get(stack.size() - 1);
                    chain.current().end = at;
                    chain.directives.add(new int[] {at, end});
                    chain.branches.add(new Branch(end));
                    parens[0] = chain.parensAtStart;
                    chain.hasElse |= word.equals("else");
                }
            }
            case "endif" -> {
                if (!stack.isEmpty()) {
                    Chain chain = stack.remove(stack.size() - 1);
                    chain.current().end = at;
                    chain.directives.add(new int[] {at, end});
                    Branch kept = resolve(chain, blanks);
                    parens[0] = chain.parensAtStart + (kept == null ? 0 : kept.parens);
                    if (!stack.isEmpty() && kept != null) {
                        Branch outer = stack.get(stack.size() - 1).current();
                        outer.min = Math.min(outer.min, outer.depth + kept.min);
                        outer.depth += kept.depth;
                        outer.parenMin = Math.min(outer.parenMin, outer.parens + kept.parenMin);
                        outer.parens += kept.parens;
                    }
                }
            }
            default -> {
                // #define, #include, #pragma, #error ...: no effect on the branches
            }
        }
    }

    /** Picks the branch to keep and records the others as blanks; returns the kept one (null: the empty else). */
    private static Branch resolve(Chain chain, List<int[]> blanks) {
        List<Branch> bs = chain.branches;
        boolean allBalanced = bs.stream().allMatch(Branch::balanced);
        boolean elseClause = bs.stream().anyMatch(b -> b.startsWithElse);
        // Branches that stop inside a declaration or statement (a signature split by #if, an initializer entry)
        boolean midStatement = allBalanced && bs.stream().anyMatch(b -> b.sawCode)
                && bs.stream().filter(b -> b.sawCode).allMatch(b -> b.last != ';' && b.last != '}');
        if (allBalanced && chain.parensAtStart <= 0 && !elseClause && !midStatement) {
            return bs.get(0);
        }
        if (chain.parensAtStart > 0 || elseClause || midStatement) {
            // Inside an argument list, or as an else clause, tree-sitter accepts no directive: keep one branch as
            // plain code.
            Branch keep = bs.stream().filter(Branch::balanced).findFirst().orElse(bs.get(0));
            for (Branch b : bs) {
                if (b != keep) {
                    blanks.add(new int[] {b.start, b.end});
                }
            }
            blanks.addAll(chain.directives);
            return keep;
        }
        boolean sameDepth = bs.stream().allMatch(b -> b.depth == bs.get(0).depth);
        Branch keep;
        if (sameDepth && (chain.hasElse || bs.size() > 1)) {
            keep = bs.get(0);
        } else {
            keep = bs.stream().filter(Branch::balanced).findFirst().orElse(null);
            if (keep == null && chain.hasElse) {
                keep = bs.get(0);
            }
        }
        for (Branch b : bs) {
            if (b != keep) {
                blanks.add(new int[] {b.start, b.end});
            }
        }
        // The kept code must read as plain code: inside a preprocessor node tree-sitter wants whole statements.
        blanks.addAll(chain.directives);
        return keep;
    }

    /** The offset just past a directive's last line (backslash continuations and block comments included). */
    private static int directiveEnd(String text, int at) {
        int n = text.length();
        int i = at;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                if (i > at && text.charAt(i - 1) == '\\' || i > at + 1 && text.charAt(i - 1) == '\r'
                        && text.charAt(i - 2) == '\\') {
                    i++;
                    continue;
                }
                return i;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                continue;
            }
            i++;
        }
        return n;
    }

    private static int quotedEnd(String text, int at, char quote) {
        int n = text.length();
        int i = at + 1;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote || c == '\n') {
                return i + 1;
            } else {
                i++;
            }
        }
        return n;
    }
}
