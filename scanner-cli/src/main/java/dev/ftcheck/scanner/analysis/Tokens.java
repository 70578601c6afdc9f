package dev.ftcheck.scanner.analysis;

import dev.ftcheck.scanner.api.Node;
import dev.ftcheck.scanner.api.SyntaxTree;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The code tokens of a parsed file, in source order, taken from the tree's leaves: comments are dropped, a string or
 * character literal is one token, and preprocessor lines ({@code #if} conditions, {@code #define} bodies, includes)
 * are left out while the code in every {@code #if} branch stays in.
 *
 * <p>Why tokens and not only the tree: extension code is full of statement-like macros ({@code Py_BEGIN_ALLOW_THREADS},
 * {@code Py_BEGIN_CRITICAL_SECTION(d)} without a semicolon) that tree-sitter can only fit as odd declarations, which
 * hides the calls behind them. The token stream is the same whatever the parse, so calls, regions and assignments are
 * found reliably from it.
 */
public final class Tokens {
    public static final byte IDENT = 1;
    public static final byte PUNCT = 2;
    public static final byte NUMBER = 3;
    public static final byte STRING = 4;
    public static final byte KEYWORD = 5;

    private final String source;
    private int count;
    private int[] start = new int[256];
    private int[] end = new int[256];
    private byte[] kind = new byte[256];
    private int[] match;
    private int[] blockDepth;

    private Tokens(String source) {
        this.source = source;
    }

    /** Tokenises the whole tree. */
    public static Tokens of(SyntaxTree tree) {
        Tokens t = new Tokens(tree.source());
        java.util.BitSet directiveLines = directiveLines(tree.source());
        int n = tree.size();
        int skipUntil = -1;
        for (int i = 0; i < n; i++) {
            Node node = tree.node(i);
            int s = node.startOffset();
            if (s < skipUntil) {
                continue;
            }
            String type = node.type();
            if (isSkippedSubtree(node, type)) {
                skipUntil = Math.max(skipUntil, node.endOffset());
                continue;
            }
            if (type.equals("string_literal") || type.equals("char_literal") || type.equals("raw_string_literal")
                    || type.equals("system_lib_string")) {
                t.add(s, node.endOffset(), STRING);
                skipUntil = node.endOffset();
                continue;
            }
            if (node.childCount() > 0 || node.endOffset() <= s) {
                continue;
            }
            if (type.equals("comment") || type.startsWith("#") || directiveLines.get(node.startLine())) {
                continue;
            }
            t.add(s, node.endOffset(), classify(node, type));
        }
        t.computeMatches();
        return t;
    }

    /**
     * 1-based numbers of the lines that belong to a preprocessor directive (continuation lines included). tree-sitter
     * cannot represent a directive inside an initializer list and leaves its words as ERROR leaves; this keeps them
     * out of the code tokens.
     */
    static java.util.BitSet directiveLines(String s) {
        java.util.BitSet out = new java.util.BitSet();
        int line = 1;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int j = i;
            while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
                j++;
            }
            boolean directive = j < n && s.charAt(j) == '#';
            boolean continued;
            do {
                int e = s.indexOf('\n', i);
                if (e < 0) {
                    e = n;
                }
                if (directive) {
                    out.set(line);
                }
                int last = e - 1;
                while (last >= i && (s.charAt(last) == '\r' || s.charAt(last) == ' ')) {
                    last--;
                }
                continued = directive && last >= i && s.charAt(last) == '\\';
                i = e + 1;
                line++;
            } while (continued && i < n);
        }
        return out;
    }

    private static boolean isSkippedSubtree(Node node, String type) {
        switch (type) {
            case "preproc_include", "preproc_def", "preproc_function_def", "preproc_call", "preproc_arg",
                    "preproc_directive", "comment" -> {
                return true;
            }
            default -> {
            }
        }
        String f = node.fieldName();
        if ("condition".equals(f)) {
            Node p = node.parent();
            return p != null && p.type().startsWith("preproc_");
        }
        if ("name".equals(f)) {
            Node p = node.parent();
            return p != null && (p.is("preproc_ifdef") || p.is("preproc_elifdef"));
        }
        return false;
    }

    private static byte classify(Node node, String type) {
        if (node.isNamed()) {
            return switch (type) {
                case "number_literal" -> NUMBER;
                case "identifier", "field_identifier", "type_identifier", "namespace_identifier",
                        "statement_identifier" -> IDENT;
                case "primitive_type", "true", "false", "null", "nullptr", "this" -> KEYWORD;
                default -> IDENT;
            };
        }
        char c = type.isEmpty() ? ' ' : type.charAt(0);
        return Character.isLetter(c) || c == '_' ? KEYWORD : PUNCT;
    }

    private void add(int s, int e, byte k) {
        if (count == start.length) {
            start = Arrays.copyOf(start, count * 2);
            end = Arrays.copyOf(end, count * 2);
            kind = Arrays.copyOf(kind, count * 2);
        }
        start[count] = s;
        end[count] = e;
        kind[count] = k;
        count++;
    }

    /** Pairs brackets; an unbalanced bracket (unterminated macro soup) matches nothing (-1). */
    private void computeMatches() {
        match = new int[count];
        Arrays.fill(match, -1);
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        for (int i = 0; i < count; i++) {
            if (kind[i] != PUNCT) {
                continue;
            }
            char c = source.charAt(start[i]);
            if (end[i] - start[i] != 1) {
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                stack.push(i);
            } else if (c == ')' || c == ']' || c == '}') {
                char open = c == ')' ? '(' : c == ']' ? '[' : '{';
                // Pop to the nearest matching opener; mismatches come from #if branches that each open a brace.
                while (!stack.isEmpty() && source.charAt(start[stack.peek()]) != open) {
                    stack.pop();
                }
                if (!stack.isEmpty()) {
                    int o = stack.pop();
                    match[o] = i;
                    match[i] = o;
                }
            }
        }
    }

    public String source() {
        return source;
    }

    public int size() {
        return count;
    }

    public int start(int i) {
        return start[i];
    }

    public int end(int i) {
        return end[i];
    }

    /** The token's kind; 0 outside the token range (callers probe a few tokens ahead). */
    public byte kind(int i) {
        return i >= 0 && i < count ? kind[i] : 0;
    }

    public String text(int i) {
        return source.substring(start[i], end[i]);
    }

    public boolean is(int i, String s) {
        return i >= 0 && i < count && end[i] - start[i] == s.length() && source.startsWith(s, start[i]);
    }

    public boolean isIdent(int i) {
        return i >= 0 && i < count && kind[i] == IDENT;
    }

    /** The index of the bracket matching the one at {@code i}, or -1. */
    public int match(int i) {
        return i >= 0 && i < count ? match[i] : -1;
    }

    /**
     * How many code blocks ({@code {...}} of functions, structs, statements) enclose {@code offset}; namespace and
     * {@code extern "C"} blocks do not count. Read from the tokens, so it holds where the tree has an error region.
     */
    public int blockDepthAt(int offset) {
        if (blockDepth == null) {
            computeBlockDepths();
        }
        int i = firstAtOrAfter(offset);
        return i < count ? blockDepth[i] : 0;
    }

    private void computeBlockDepths() {
        int[] depth = new int[count];
        boolean[] counted = new boolean[count];
        int d = 0;
        for (int i = 0; i < count; i++) {
            depth[i] = d;
            if (is(i, "{")) {
                counted[i] = !opensNamespace(i);
                d += counted[i] ? 1 : 0;
            } else if (is(i, "}")) {
                int o = match[i];
                if ((o < 0 || counted[o]) && d > 0) {
                    d--;
                }
            }
        }
        blockDepth = depth;
    }

    /** Whether the brace opens a {@code namespace} or {@code extern "C"} block. */
    private boolean opensNamespace(int brace) {
        int j = brace - 1;
        if (kind(j) == STRING && is(j - 1, "extern")) {
            return true;
        }
        while (j >= 0 && (isIdent(j) || is(j, "::")) && !is(j, "namespace")) {
            j--;
        }
        return is(j, "namespace");
    }

    /** The first token starting at or after {@code offset} (size() if none). */
    public int firstAtOrAfter(int offset) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The token's text hash, equal to {@code text(i).hashCode()}, computed without allocating. */
    public int hash(int i) {
        int h = 0;
        for (int k = start[i], e = end[i]; k < e; k++) {
            h = 31 * h + source.charAt(k);
        }
        return h;
    }

    /** Source text from token {@code from} to token {@code to} inclusive, whitespace and comments removed. */
    public String compact(int from, int to) {
        StringBuilder sb = new StringBuilder();
        from = Math.max(0, from);
        for (int i = from; i <= to && i < count; i++) {
            if (i > from && needsSpace(i - 1, i)) {
                sb.append(' ');
            }
            sb.append(source, start[i], end[i]);
        }
        return sb.toString();
    }

    private boolean needsSpace(int a, int b) {
        return kind[a] != PUNCT && kind[b] != PUNCT;
    }
}
