package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.Language;
import dev.ftcheck.scanner.api.SyntaxTree;
import java.util.Arrays;

/** Growable column arrays a {@link SyntaxTree} is assembled from, one slot per node in preorder. */
final class TreeArrays {
    int count;
    int[] type;
    int[] flags;
    int[] start;
    int[] end;
    int[] startLine;
    int[] startCol;
    int[] endLine;
    int[] endCol;
    int[] parent;
    int[] firstChild;
    int[] nextSibling;
    int[] childCount;
    int[] field;

    TreeArrays(int capacity) {
        type = new int[capacity];
        flags = new int[capacity];
        start = new int[capacity];
        end = new int[capacity];
        startLine = new int[capacity];
        startCol = new int[capacity];
        endLine = new int[capacity];
        endCol = new int[capacity];
        parent = new int[capacity];
        firstChild = new int[capacity];
        nextSibling = new int[capacity];
        childCount = new int[capacity];
        field = new int[capacity];
    }

    int add(int t, int fl, int s, int e, int sl, int sc, int el, int ec, int p, int f) {
        if (count == type.length) {
            grow();
        }
        int i = count++;
        type[i] = t;
        flags[i] = fl;
        start[i] = s;
        end[i] = e;
        startLine[i] = sl;
        startCol[i] = sc;
        endLine[i] = el;
        endCol[i] = ec;
        parent[i] = p;
        firstChild[i] = -1;
        nextSibling[i] = -1;
        childCount[i] = 0;
        field[i] = f;
        return i;
    }

    private void grow() {
        int n = type.length * 2;
        type = Arrays.copyOf(type, n);
        flags = Arrays.copyOf(flags, n);
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        startLine = Arrays.copyOf(startLine, n);
        startCol = Arrays.copyOf(startCol, n);
        endLine = Arrays.copyOf(endLine, n);
        endCol = Arrays.copyOf(endCol, n);
        parent = Arrays.copyOf(parent, n);
        firstChild = Arrays.copyOf(firstChild, n);
        nextSibling = Arrays.copyOf(nextSibling, n);
        childCount = Arrays.copyOf(childCount, n);
        field = Arrays.copyOf(field, n);
    }

    SyntaxTree toTree(String text, Language language, String[] typeNames, String[] fieldNames, int[] lineStarts) {
        return new SyntaxTree(text, language, typeNames, fieldNames, count, type, flags, start, end, startLine,
                startCol, endLine, endCol, parent, firstChild, nextSibling, childCount, field, lineStarts);
    }
}
