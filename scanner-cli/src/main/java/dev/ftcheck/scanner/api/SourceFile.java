package dev.ftcheck.scanner.api;

import java.nio.file.Path;

/**
 * A scanned input as project rules see it: its kind, display path and decoded text. C/C++ files are included
 * (text only; their trees are released after the per-file pass).
 */
public record SourceFile(Path path, String displayPath, FileKind kind, String text) {

    /** 1-based line of a character offset. */
    public int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column of a character offset. */
    public int columnOf(int offset) {
        int i = Math.min(offset, text.length());
        int col = 1;
        while (i > 0 && text.charAt(i - 1) != '\n') {
            i--;
            col++;
        }
        return col;
    }

    /** The text of a 1-based line without its terminator ("" when out of range). */
    public String lineText(int line) {
        return SyntaxTree.lineText(text, SyntaxTree.lineStarts(text), line);
    }
}
