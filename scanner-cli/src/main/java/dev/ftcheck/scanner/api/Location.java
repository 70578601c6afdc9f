package dev.ftcheck.scanner.api;

/**
 * Where a finding is: {@code file} as displayed (relative to the scan root when under it, with forward slashes),
 * 1-based line and column, exclusive 1-based end (SARIF convention).
 */
public record Location(String file, int line, int column, int endLine, int endColumn) {
    public Location {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("lines and columns are 1-based: " + line + ":" + column);
        }
        if (endLine < line || (endLine == line && endColumn < column)) {
            endLine = line;
            endColumn = column;
        }
    }
}
