package dev.ftcheck.scanner.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * A node of a {@link SyntaxTree}: a cheap value view (tree plus index), so create and drop them freely. Types and
 * field names are tree-sitter's ({@code call_expression}, {@code function}, {@code preproc_if} ...). All
 * {@code #if}/{@code #elif}/{@code #else} branches are in the tree as {@code preproc_if}/{@code preproc_ifdef} with
 * {@code preproc_elif}/{@code preproc_else} alternatives, so walking the tree visits every branch.
 *
 * <p>Traversals here are iterative: deep trees cannot overflow the stack through this class.
 */
public record Node(SyntaxTree tree, int index) {

    public String type() {
        return tree.typeNames[tree.type[index]];
    }

    public boolean is(String nodeType) {
        return type().equals(nodeType);
    }

    /** False for punctuation and keywords tree-sitter keeps as anonymous nodes ({@code "("}, {@code "static"}). */
    public boolean isNamed() {
        return (tree.flags[index] & SyntaxTree.NAMED) != 0;
    }

    /** An {@code ERROR} node: text tree-sitter could not fit into the grammar. */
    public boolean isError() {
        return (tree.flags[index] & SyntaxTree.ERROR) != 0;
    }

    /** A zero-width node tree-sitter inserted to recover from an error (e.g. a missing {@code ;}). */
    public boolean isMissing() {
        return (tree.flags[index] & SyntaxTree.MISSING) != 0;
    }

    /** Start character offset in the source. */
    public int startOffset() {
        return tree.start[index];
    }

    /** End character offset (exclusive). */
    public int endOffset() {
        return tree.end[index];
    }

    /** 1-based start line. */
    public int startLine() {
        return tree.startLine[index];
    }

    /** 1-based start column, in characters. */
    public int startColumn() {
        return tree.startCol[index];
    }

    /** 1-based end line. */
    public int endLine() {
        return tree.endLine[index];
    }

    /** 1-based end column, exclusive. */
    public int endColumn() {
        return tree.endCol[index];
    }

    /** The node's source text. */
    public String text() {
        return tree.source().substring(tree.start[index], tree.end[index]);
    }

    /** True when the node's text equals {@code s}, without allocating the text. */
    public boolean textEquals(String s) {
        int len = tree.end[index] - tree.start[index];
        return len == s.length() && tree.source().startsWith(s, tree.start[index]);
    }

    /** The parent, or null for the root. */
    public Node parent() {
        int p = tree.parent[index];
        return p < 0 ? null : new Node(tree, p);
    }

    public int childCount() {
        return tree.childCount[index];
    }

    /** All children, named and anonymous, in order. */
    public List<Node> children() {
        List<Node> out = new ArrayList<>(tree.childCount[index]);
        for (int c = tree.firstChild[index]; c >= 0; c = tree.nextSibling[c]) {
            out.add(new Node(tree, c));
        }
        return out;
    }

    /** Named children only, in order. */
    public List<Node> namedChildren() {
        List<Node> out = new ArrayList<>();
        for (int c = tree.firstChild[index]; c >= 0; c = tree.nextSibling[c]) {
            if ((tree.flags[c] & SyntaxTree.NAMED) != 0) {
                out.add(new Node(tree, c));
            }
        }
        return out;
    }

    /** The i-th child (named or anonymous), or null. */
    public Node child(int i) {
        int k = 0;
        for (int c = tree.firstChild[index]; c >= 0; c = tree.nextSibling[c], k++) {
            if (k == i) {
                return new Node(tree, c);
            }
        }
        return null;
    }

    /** The first child in the grammar field {@code name} (e.g. {@code function}, {@code arguments}), or null. */
    public Node field(String name) {
        for (int c = tree.firstChild[index]; c >= 0; c = tree.nextSibling[c]) {
            int f = tree.field[c];
            if (f > 0 && tree.fieldNames[f].equals(name)) {
                return new Node(tree, c);
            }
        }
        return null;
    }

    /** Every child in grammar field {@code name}. */
    public List<Node> fields(String name) {
        List<Node> out = new ArrayList<>();
        for (int c = tree.firstChild[index]; c >= 0; c = tree.nextSibling[c]) {
            int f = tree.field[c];
            if (f > 0 && tree.fieldNames[f].equals(name)) {
                out.add(new Node(tree, c));
            }
        }
        return out;
    }

    /** The field name this node has in its parent, or null. */
    public String fieldName() {
        int f = tree.field[index];
        return f > 0 ? tree.fieldNames[f] : null;
    }

    public Node nextSibling() {
        int s = tree.nextSibling[index];
        return s < 0 ? null : new Node(tree, s);
    }

    public Node nextNamedSibling() {
        for (int s = tree.nextSibling[index]; s >= 0; s = tree.nextSibling[s]) {
            if ((tree.flags[s] & SyntaxTree.NAMED) != 0) {
                return new Node(tree, s);
            }
        }
        return null;
    }

    /** The closest ancestor (not this node) of the given type, or null. */
    public Node ancestor(String nodeType) {
        for (int p = tree.parent[index]; p >= 0; p = tree.parent[p]) {
            if (tree.typeNames[tree.type[p]].equals(nodeType)) {
                return new Node(tree, p);
            }
        }
        return null;
    }

    /** The closest ancestor (not this node) matching {@code test}, or null. */
    public Node ancestor(Predicate<Node> test) {
        for (int p = tree.parent[index]; p >= 0; p = tree.parent[p]) {
            Node n = new Node(tree, p);
            if (test.test(n)) {
                return n;
            }
        }
        return null;
    }

    /** True when {@code other} is this node or inside it. */
    public boolean contains(Node other) {
        return other.tree == tree && other.index >= index && other.index <= lastDescendant();
    }

    /** Index of the last node in this subtree (nodes are in preorder, so a subtree is a contiguous range). */
    private int lastDescendant() {
        int i = index;
        for (;;) {
            int last = -1;
            for (int c = tree.firstChild[i]; c >= 0; c = tree.nextSibling[c]) {
                last = c;
            }
            if (last < 0) {
                return i;
            }
            i = last;
        }
    }

    /** This node and every node below it, in document order (preorder), iteratively. */
    public Iterable<Node> descendants() {
        final int first = index;
        final int stop = lastDescendant() + 1;
        return () -> new Iterator<>() {
            int next = first;

            @Override
            public boolean hasNext() {
                return next < stop;
            }

            @Override
            public Node next() {
                if (next >= stop) {
                    throw new NoSuchElementException();
                }
                return new Node(tree, next++);
            }
        };
    }

    /** Every node in this subtree (including this one) of the given type, in document order. */
    public List<Node> descendantsOfType(String nodeType) {
        List<Node> out = new ArrayList<>();
        int stop = lastDescendant() + 1;
        for (int i = index; i < stop; i++) {
            if (tree.typeNames[tree.type[i]].equals(nodeType)) {
                out.add(new Node(tree, i));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return type() + "@" + startLine() + ":" + startColumn();
    }
}
