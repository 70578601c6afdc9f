package dev.ftcheck.scanner;

/**
 * Counters for one scan.
 *
 * @param files inputs read (all kinds)
 * @param parsed C/C++ files parsed with tree-sitter
 * @param prefiltered C/C++ files the byte prefilter cleared without parsing
 * @param bytes bytes read
 * @param lines lines read
 * @param suppressed findings silenced by inline {@code ftcheck: ignore} comments
 * @param millis wall-clock time of the scan
 */
public record ScanStats(int files, int parsed, int prefiltered, long bytes, long lines, int suppressed,
        long millis) {}
