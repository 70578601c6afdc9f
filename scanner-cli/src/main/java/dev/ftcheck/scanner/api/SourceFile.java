package dev.ftcheck.scanner.api;

import java.nio.file.Path;

/**
 * A scanned input as project rules see it: its kind, display path and decoded text. C/C++ files are included
 * (text only; their trees are released after the per-file pass). Line lookups are binary searches over line starts
 * computed once per file.
 */
public final class SourceFile {
    private final Path path;
    private final String displayPath;
    private final FileKind kind;
    private final String text;
    private volatile int[] lineStarts;

    public SourceFile(Path path, String displayPath, FileKind kind, String text) {
        this.path = path;
        this.displayPath = displayPath;
        this.kind = kind;
        this.text = text;
    }

    public Path path() {
        return path;
    }

    /** The path as reports show it. */
    public String displayPath() {
        return displayPath;
    }

    public FileKind kind() {
        return kind;
    }

    public String text() {
        return text;
    }

    private int[] starts() {
        int[] s = lineStarts;
        if (s == null) {
            s = SyntaxTree.lineStarts(text);
            lineStarts = s;
        }
        return s;
    }

    /** 1-based line of a character offset. */
    public int lineOf(int offset) {
        int[] s = starts();
        int lo = 0;
        int hi = s.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (s[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** 1-based column of a character offset. */
    public int columnOf(int offset) {
        int o = Math.max(0, Math.min(offset, text.length()));
        return o - starts()[lineOf(o) - 1] + 1;
    }

    /** The text of a 1-based line without its terminator ("" when out of range). */
    public String lineText(int line) {
        return SyntaxTree.lineText(text, starts(), line);
    }

    @Override
    public String toString() {
        return displayPath + " (" + kind + ")";
    }
}
