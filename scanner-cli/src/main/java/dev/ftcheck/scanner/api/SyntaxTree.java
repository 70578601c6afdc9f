package dev.ftcheck.scanner.api;

import java.util.Arrays;

/**
 * A parsed C/C++ file as a compact, immutable Java-side tree. tree-sitter's tree is copied once into flat arrays so
 * that rules walk it without native calls, from any thread, and without recursion depth limits (a 10,000-deep
 * nesting is just a long parent chain). Nodes are views: {@link Node} is (tree, index).
 *
 * <p>Offsets are character indexes into {@link #source()}; lines and columns are 1-based, columns count characters,
 * end positions are exclusive (the SARIF convention).
 */
public final class SyntaxTree {
    private final String source;
    private final Language language;
    final String[] typeNames;
    final String[] fieldNames;
    final int count;
    final int[] type;
    final int[] flags;
    final int[] start;
    final int[] end;
    final int[] startLine;
    final int[] startCol;
    final int[] endLine;
    final int[] endCol;
    final int[] parent;
    final int[] firstChild;
    final int[] nextSibling;
    final int[] childCount;
    final int[] field;
    final int[] lineStarts;
    /** Analyses computed from this tree, living as long as it does (a static cache keyed by the tree leaks). */
    private final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> attachments =
            new java.util.concurrent.ConcurrentHashMap<>(4);

    static final int NAMED = 1;
    static final int ERROR = 2;
    static final int MISSING = 4;

    /** Built by the engine's tree copier; rules never construct trees. */
    public SyntaxTree(String source, Language language, String[] typeNames, String[] fieldNames, int count,
            int[] type, int[] flags, int[] start, int[] end, int[] startLine, int[] startCol, int[] endLine,
            int[] endCol, int[] parent, int[] firstChild, int[] nextSibling, int[] childCount, int[] field) {
        this(source, language, typeNames, fieldNames, count, type, flags, start, end, startLine, startCol, endLine,
                endCol, parent, firstChild, nextSibling, childCount, field, lineStarts(source));
    }

    /** As above, with the line starts of {@code source} already computed ({@link #lineStarts(String)}). */
    public SyntaxTree(String source, Language language, String[] typeNames, String[] fieldNames, int count,
            int[] type, int[] flags, int[] start, int[] end, int[] startLine, int[] startCol, int[] endLine,
            int[] endCol, int[] parent, int[] firstChild, int[] nextSibling, int[] childCount, int[] field,
            int[] lineStarts) {
        this.source = source;
        this.language = language;
        this.typeNames = typeNames;
        this.fieldNames = fieldNames;
        this.count = count;
        this.type = type;
        this.flags = flags;
        this.start = start;
        this.end = end;
        this.startLine = startLine;
        this.startCol = startCol;
        this.endLine = endLine;
        this.endCol = endCol;
        this.parent = parent;
        this.firstChild = firstChild;
        this.nextSibling = nextSibling;
        this.childCount = childCount;
        this.field = field;
        this.lineStarts = lineStarts;
    }

    /** Flag bits for the builder. */
    public static int flags(boolean named, boolean error, boolean missing) {
        return (named ? NAMED : 0) | (error ? ERROR : 0) | (missing ? MISSING : 0);
    }

    public String source() {
        return source;
    }

    public Language language() {
        return language;
    }

    public Node root() {
        return new Node(this, 0);
    }

    /** Number of nodes, named and anonymous. */
    public int size() {
        return count;
    }

    /** The node at a preorder index (0 is the root); nodes are numbered in document order. */
    public Node node(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(index);
        }
        return new Node(this, index);
    }

    /** Number of lines in the source. */
    public int lineCount() {
        return lineStarts.length;
    }

    /** The text of a 1-based line, without its line terminator. */
    public String lineText(int line) {
        return lineText(source, lineStarts, line);
    }

    static String lineText(String source, int[] lineStarts, int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int s = lineStarts[line - 1];
        int e = line < lineStarts.length ? lineStarts[line] : source.length();
        while (e > s && (source.charAt(e - 1) == '\n' || source.charAt(e - 1) == '\r')) {
            e--;
        }
        return source.substring(s, e);
    }

    /** The 1-based line containing character offset {@code offset}. */
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** Character offsets at which each line starts. */
    public static int[] lineStarts(String s) {
        int n = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        int[] starts = new int[n];
        int k = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }

    /** The {@code type} computed from this tree by {@code compute}, once; it lives as long as the tree. */
    public <T> T attachment(Class<T> type, java.util.function.Function<SyntaxTree, T> compute) {
        Object v = attachments.get(type);
        if (v == null) {
            v = compute.apply(this); // outside computeIfAbsent: computing one analysis may attach another
            Object raced = attachments.putIfAbsent(type, v);
            v = raced != null ? raced : v;
        }
        return type.cast(v);
    }
}
