package dev.ftcheck.scanner;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.ftcheck.scanner.api.Language;
import dev.ftcheck.scanner.api.SyntaxTree;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses C/C++ with tree-sitter (through {@link NativeTreeSitter}) and copies the result into a {@link SyntaxTree}.
 * Not thread-safe: the engine keeps one per worker thread, and must close it on the thread that created it.
 *
 * <p>tree-sitter reports byte offsets of its input. We feed it an ASCII-only copy of the text (every non-ASCII char
 * becomes {@code x}, NUL becomes a space) so that byte offsets and columns equal Java char indexes into the original
 * text; non-ASCII only occurs in comments, strings and the odd identifier, where the substitution does not change
 * the parse.
 */
final class TreeSitterParser implements AutoCloseable {
    private static final int ERROR_SYMBOL = 0xFFFF;
    /** Cumulative nanoseconds in tree-sitter's parse and in copying trees (for benchmarks: -Dftcheck.timing). */
    static final java.util.concurrent.atomic.AtomicLong PARSE_NANOS = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong COPY_NANOS = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong NODES = new java.util.concurrent.atomic.AtomicLong();
    private static final int SYMBOL_TYPE_REGULAR = 0;

    /** Per-language caches of symbol and field names, indexed by id (idempotent, so racy fills are harmless). */
    private static final String[][] SYMBOL_NAMES = new String[2][65536];
    private static final byte[][] SYMBOL_NAMED = new byte[2][65536];
    private static final String[][] FIELD_NAMES = new String[2][65536];

    private final Arena arena = Arena.ofShared();
    private final MemorySegment cParser;
    private final MemorySegment cppParser;
    private final MemorySegment nodeBuf = arena.allocate(NativeTreeSitter.NODE);
    private final MemorySegment rootBuf = arena.allocate(NativeTreeSitter.NODE);
    private final MemorySegment cursorBuf = arena.allocate(NativeTreeSitter.CURSOR);
    private final SegmentAllocator nodeAlloc = SegmentAllocator.prefixAllocator(nodeBuf);
    private final SegmentAllocator rootAlloc = SegmentAllocator.prefixAllocator(rootBuf);
    private final SegmentAllocator cursorAlloc = SegmentAllocator.prefixAllocator(cursorBuf);
    private MemorySegment input = MemorySegment.NULL;
    private Arena inputArena;
    private MemorySegment copyBuf = MemorySegment.NULL;
    private Arena copyArena;

    TreeSitterParser() {
        try {
            cParser = (MemorySegment) NativeTreeSitter.PARSER_NEW.invokeExact();
            cppParser = (MemorySegment) NativeTreeSitter.PARSER_NEW.invokeExact();
            boolean ok = (boolean) NativeTreeSitter.PARSER_SET_LANGUAGE.invokeExact(cParser,
                    NativeTreeSitter.LANGUAGE_C);
            ok &= (boolean) NativeTreeSitter.PARSER_SET_LANGUAGE.invokeExact(cppParser,
                    NativeTreeSitter.LANGUAGE_CPP);
            if (!ok) {
                throw new IllegalStateException("tree-sitter rejected the C or C++ grammar (ABI version mismatch)");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Parses {@code text} and returns the copied tree. */
    SyntaxTree parse(String text, Language language) {
        try {
            return parseOrThrow(text, language);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("tree-sitter call failed: " + t, t);
        }
    }

    private SyntaxTree parseOrThrow(String text, Language language) throws Throwable {
        byte[] bytes = UnbalancedBranches.blank(asciiOnly(text)).getBytes(StandardCharsets.ISO_8859_1);
        if (input.byteSize() < bytes.length + 1L) {
            if (inputArena != null) {
                inputArena.close();
            }
            inputArena = Arena.ofShared();
            input = inputArena.allocate(Math.max(64 * 1024, bytes.length + 1L + bytes.length / 4));
        }
        MemorySegment.copy(bytes, 0, input, JAVA_BYTE, 0, bytes.length);
        MemorySegment parser = language == Language.CPP ? cppParser : cParser;
        long t0 = Scanner.cpuNanos();
        MemorySegment tree = (MemorySegment) NativeTreeSitter.PARSER_PARSE_STRING.invokeExact(parser,
                MemorySegment.NULL, input, bytes.length);
        long t1 = Scanner.cpuNanos();
        PARSE_NANOS.addAndGet(t1 - t0);
        if (tree.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("tree-sitter returned no tree");
        }
        try {
            SyntaxTree copied = NativeTreeSitter.COPY_TREE != null
                    ? copyNative(tree, text, language) : copy(tree, text, language);
            COPY_NANOS.addAndGet(Scanner.cpuNanos() - t1);
            NODES.addAndGet(copied.size());
            return copied;
        } finally {
            NativeTreeSitter.TREE_DELETE.invokeExact(tree);
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

    /** Flattens the tree with one native call ({@code ftts_copy_tree}) and links it up in Java. */
    private SyntaxTree copyNative(MemorySegment tsTree, String text, Language language) throws Throwable {
        int fields = NativeTreeSitter.COPY_FIELDS;
        int cap = Math.max(1024, text.length() / 2);
        int n;
        for (;;) {
            long bytes = (long) cap * fields * Integer.BYTES;
            if (copyBuf.byteSize() < bytes) {
                if (copyArena != null) {
                    copyArena.close();
                }
                copyArena = Arena.ofShared();
                copyBuf = copyArena.allocate(bytes, Integer.BYTES);
            }
            n = (int) NativeTreeSitter.COPY_TREE.invokeExact(tsTree, copyBuf, cap);
            if (n < 0) {
                throw new OutOfMemoryError("tree-sitter tree copy could not allocate its stack");
            }
            if (n <= cap) {
                break;
            }
            cap = n;
        }
        int[] raw = copyBuf.asSlice(0, (long) n * fields * Integer.BYTES).toArray(JAVA_INT);
        int li = language == Language.CPP ? 1 : 0;
        MemorySegment lang = language == Language.CPP ? NativeTreeSitter.LANGUAGE_CPP : NativeTreeSitter.LANGUAGE_C;
        String[] symNames = SYMBOL_NAMES[li];
        String[] fieldNames = FIELD_NAMES[li];
        int[] lineStarts = SyntaxTree.lineStarts(text);
        TreeArrays a = new TreeArrays(n);
        int[] lastChild = new int[n];
        for (int i = 0, o = 0; i < n; i++, o += fields) {
            int sym = raw[o] & 0xFFFF;
            if (symNames[sym] == null) {
                MemorySegment name = (MemorySegment) NativeTreeSitter.LANGUAGE_SYMBOL_NAME.invokeExact(lang,
                        (short) sym);
                symNames[sym] = name.equals(MemorySegment.NULL) ? "?"
                        : name.reinterpret(Integer.MAX_VALUE).getString(0);
            }
            int field = raw[o + 7] & 0xFFFF;
            if (field > 0 && fieldNames[field] == null) {
                MemorySegment fn = (MemorySegment) NativeTreeSitter.LANGUAGE_FIELD_NAME.invokeExact(lang,
                        (short) field);
                fieldNames[field] = fn.equals(MemorySegment.NULL) ? "?" : fn.reinterpret(Integer.MAX_VALUE).getString(0);
            }
            int f = raw[o + 1];
            int parent = raw[o + 6];
            a.add(sym, SyntaxTree.flags((f & 1) != 0, (f & 4) != 0, (f & 2) != 0), raw[o + 2], raw[o + 3],
                    raw[o + 4] + 1, raw[o + 5] + 1, raw[o + 8] + 1, raw[o + 9] + 1, parent, field);
            lastChild[i] = -1;
            if (parent >= 0) {
                int prev = lastChild[parent];
                if (prev < 0) {
                    a.firstChild[parent] = i;
                } else {
                    a.nextSibling[prev] = i;
                }
                lastChild[parent] = i;
                a.childCount[parent]++;
            }
        }
        return a.toTree(text, language, symNames, fieldNames, lineStarts);
    }

    /** The fallback: walks the tree with one downcall per cursor step and node property. */
    private SyntaxTree copy(MemorySegment tsTree, String text, Language language) throws Throwable {
        int li = language == Language.CPP ? 1 : 0;
        MemorySegment lang = language == Language.CPP ? NativeTreeSitter.LANGUAGE_CPP : NativeTreeSitter.LANGUAGE_C;
        String[] symNames = SYMBOL_NAMES[li];
        byte[] symNamed = SYMBOL_NAMED[li];
        String[] fieldNamesGlobal = FIELD_NAMES[li];
        int[] lineStarts = SyntaxTree.lineStarts(text);

        TreeArrays a = new TreeArrays(Math.max(16, text.length() / 4));
        int[] lastChildOf = new int[64];
        int[] stack = new int[64];
        stack[0] = -1;
        int depth = 0;

        MemorySegment root = (MemorySegment) NativeTreeSitter.TREE_ROOT_NODE.invokeExact(rootAlloc, tsTree);
        MemorySegment unusedCursorCopy = (MemorySegment) NativeTreeSitter.CURSOR_NEW.invokeExact(cursorAlloc, root);
        try {
            outer:
            for (;;) {
                MemorySegment n = (MemorySegment) NativeTreeSitter.CURSOR_CURRENT_NODE.invokeExact(nodeAlloc,
                        cursorBuf);
                int sym = ((short) NativeTreeSitter.NODE_SYMBOL.invokeExact(n)) & 0xFFFF;
                int start = n.get(JAVA_INT, 0); // context[0] is the start byte (ts_node_start_byte reads it)
                int startRow = n.get(JAVA_INT, 4); // context[1..2] the start point
                int startCol = n.get(JAVA_INT, 8);
                int end = (int) NativeTreeSitter.NODE_END_BYTE.invokeExact(n);
                boolean missing = start == end && (boolean) NativeTreeSitter.NODE_IS_MISSING.invokeExact(n);
                if (symNames[sym] == null) {
                    MemorySegment name = (MemorySegment) NativeTreeSitter.LANGUAGE_SYMBOL_NAME.invokeExact(lang,
                            (short) sym);
                    int type = (int) NativeTreeSitter.LANGUAGE_SYMBOL_TYPE.invokeExact(lang, (short) sym);
                    symNamed[sym] = (byte) (type == SYMBOL_TYPE_REGULAR || sym == ERROR_SYMBOL ? 1 : 0);
                    symNames[sym] = name.equals(MemorySegment.NULL) ? "?"
                            : name.reinterpret(Integer.MAX_VALUE).getString(0);
                }
                int tsField = ((short) NativeTreeSitter.CURSOR_FIELD_ID.invokeExact(cursorBuf)) & 0xFFFF;
                if (tsField > 0 && fieldNamesGlobal[tsField] == null) {
                    MemorySegment fn = (MemorySegment) NativeTreeSitter.LANGUAGE_FIELD_NAME.invokeExact(lang,
                            (short) tsField);
                    fieldNamesGlobal[tsField] = fn.equals(MemorySegment.NULL) ? "?"
                            : fn.reinterpret(Integer.MAX_VALUE).getString(0);
                }
                int endLine = lineOf(lineStarts, end);
                int parent = stack[depth];
                int idx = a.add(sym, SyntaxTree.flags(symNamed[sym] != 0, sym == ERROR_SYMBOL, missing), start, end,
                        startRow + 1, startCol + 1, endLine, end - lineStarts[endLine - 1] + 1, parent, tsField);
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
                if ((boolean) NativeTreeSitter.CURSOR_FIRST_CHILD.invokeExact(cursorBuf)) {
                    depth++;
                    if (depth + 1 >= stack.length) {
                        stack = Arrays.copyOf(stack, stack.length * 2);
                        lastChildOf = Arrays.copyOf(lastChildOf, lastChildOf.length * 2);
                    }
                    stack[depth] = idx;
                    lastChildOf[depth] = -1;
                    continue;
                }
                while (!(boolean) NativeTreeSitter.CURSOR_NEXT_SIBLING.invokeExact(cursorBuf)) {
                    if (!(boolean) NativeTreeSitter.CURSOR_PARENT.invokeExact(cursorBuf)) {
                        break outer;
                    }
                    depth--;
                }
            }
        } finally {
            NativeTreeSitter.CURSOR_DELETE.invokeExact(cursorBuf);
        }
        // Type and field ids are tree-sitter's own; the name tables are shared per language and filled above for
        // every id this tree uses.
        return a.toTree(text, language, symNames, fieldNamesGlobal, lineStarts);
    }

    /** 1-based line containing offset. */
    private static int lineOf(int[] lineStarts, int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    @Override
    public void close() {
        try {
            NativeTreeSitter.PARSER_DELETE.invokeExact(cParser);
            NativeTreeSitter.PARSER_DELETE.invokeExact(cppParser);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            if (inputArena != null) {
                inputArena.close();
            }
            if (copyArena != null) {
                copyArena.close();
            }
            arena.close();
        }
    }
}
