package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.Language;
import dev.ftcheck.scanner.api.SyntaxTree;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterC;
import org.treesitter.TreeSitterCpp;

/**
 * Parses C/C++ with tree-sitter and copies the result into a {@link SyntaxTree}. Not thread-safe: the engine keeps one
 * per worker thread.
 *
 * <p>tree-sitter reports byte offsets of its UTF-8 input. We feed it an ASCII-only copy of the text (every non-ASCII
 * char becomes {@code x}, NUL becomes a space) so that byte offsets and columns equal Java char indexes into the
 * original text; non-ASCII only occurs in comments, strings and the odd identifier, where the substitution does not
 * change the parse.
 */
final class TreeSitterParser implements AutoCloseable {
    private final TSParser cParser = new TSParser();
    private final TSParser cppParser = new TSParser();
    private final Map<Integer, String> cTypes = new HashMap<>();
    private final Map<Integer, String> cppTypes = new HashMap<>();
    private final Map<Integer, String> cFields = new HashMap<>();
    private final Map<Integer, String> cppFields = new HashMap<>();

    TreeSitterParser() {
        TSLanguage c = new TreeSitterC();
        TSLanguage cpp = new TreeSitterCpp();
        if (!cParser.setLanguage(c) || !cppParser.setLanguage(cpp)) {
            throw new IllegalStateException("tree-sitter rejected the C or C++ grammar (ABI version mismatch)");
        }
    }

    /** Parses {@code text} and returns the copied tree. */
    SyntaxTree parse(String text, Language language) {
        TSParser parser = language == Language.CPP ? cppParser : cParser;
        TSTree tree = parser.parseString(null, asciiOnly(text));
        try {
            return copy(tree, text, language);
        } finally {
            tree.close();
        }
    }

    static String asciiOnly(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char ch = text.charAt(i);
            if (ch == 0 || ch > 127) {
                break;
            }
            i++;
        }
        if (i == n) {
            return text;
        }
        char[] out = text.toCharArray();
        for (; i < n; i++) {
            char ch = out[i];
            if (ch == 0) {
                out[i] = ' ';
            } else if (ch > 127) {
                out[i] = 'x';
            }
        }
        return new String(out);
    }

    private SyntaxTree copy(TSTree tsTree, String text, Language language) {
        Map<Integer, String> typeCache = language == Language.CPP ? cppTypes : cTypes;
        Map<Integer, String> fieldCache = language == Language.CPP ? cppFields : cFields;
        TreeArrays a = new TreeArrays(Math.max(16, text.length() / 3));
        Map<String, Integer> typeIds = new HashMap<>();
        Map<String, Integer> fieldIds = new HashMap<>();
        String[] typeNames = new String[16];
        String[] fieldNames = new String[8];
        fieldNames[0] = null;
        int typeCount = 0;
        int fieldCount = 1;
        int[] lastChildOf = new int[64];
        int depth = 0;
        int[] stack = new int[64];
        stack[0] = -1;
        try (TSTreeCursor cursor = new TSTreeCursor(tsTree.getRootNode())) {
            outer:
            for (;;) {
                TSNode n = cursor.currentNode();
                int sym = n.getSymbol();
                String typeName = typeCache.get(sym);
                if (typeName == null) {
                    typeName = n.getType();
                    typeCache.put(sym, typeName);
                }
                Integer tid = typeIds.get(typeName);
                if (tid == null) {
                    if (typeCount == typeNames.length) {
                        typeNames = Arrays.copyOf(typeNames, typeCount * 2);
                    }
                    typeNames[typeCount] = typeName;
                    tid = typeCount++;
                    typeIds.put(typeName, tid);
                }
                int fid = 0;
                int tsField = cursor.currentFieldId();
                if (tsField > 0) {
                    String fname = fieldCache.get(tsField);
                    if (fname == null) {
                        fname = cursor.currentFieldName();
                        fieldCache.put(tsField, fname);
                    }
                    Integer known = fieldIds.get(fname);
                    if (known == null) {
                        if (fieldCount == fieldNames.length) {
                            fieldNames = Arrays.copyOf(fieldNames, fieldCount * 2);
                        }
                        fieldNames[fieldCount] = fname;
                        known = fieldCount++;
                        fieldIds.put(fname, known);
                    }
                    fid = known;
                }
                TSPoint sp = n.getStartPoint();
                TSPoint ep = n.getEndPoint();
                int parent = stack[depth];
                int idx = a.add(tid, SyntaxTree.flags(n.isNamed(), n.isError(), n.isMissing()), n.getStartByte(),
                        n.getEndByte(), sp.getRow() + 1, sp.getColumn() + 1, ep.getRow() + 1, ep.getColumn() + 1,
                        parent, fid);
                if (parent >= 0) {
                    int prev = lastChildOf[depth];
                    if (prev < 0) {
                        a.firstChild[parent] = idx;
                    } else {
                        a.nextSibling[prev] = idx;
                    }
                    lastChildOf[depth] = idx;
                    a.childCount[parent]++;
                }
                if (cursor.gotoFirstChild()) {
                    depth++;
                    if (depth + 1 >= stack.length) {
                        stack = Arrays.copyOf(stack, stack.length * 2);
                        lastChildOf = Arrays.copyOf(lastChildOf, lastChildOf.length * 2);
                    }
                    stack[depth] = idx;
                    lastChildOf[depth] = -1;
                    continue;
                }
                while (!cursor.gotoNextSibling()) {
                    if (!cursor.gotoParent()) {
                        break outer;
                    }
                    depth--;
                }
            }
        }
        return a.toTree(text, language, Arrays.copyOf(typeNames, typeCount), Arrays.copyOf(fieldNames, fieldCount));
    }

    @Override
    public void close() {
        cParser.close();
        cppParser.close();
    }
}
