package dev.ftcheck.scanner;

import java.io.PrintWriter;
import java.util.List;

/**
 * How to scan.
 *
 * @param jobs worker threads for reading, parsing and file rules
 * @param excludes glob patterns (see {@code docs/scanner.md}) for paths to skip
 * @param defaultExcludes skip {@code .git}, {@code build}, virtualenvs ... (see {@link FileDiscovery})
 * @param maxParseBytes C/C++ files larger than this are listed as skipped instead of parsed
 * @param progress where to draw a progress line, or null for none
 */
public record ScanOptions(int jobs, List<String> excludes, boolean defaultExcludes, long maxParseBytes,
        PrintWriter progress) {

    /** The default ceiling for parsing one file: larger files are skipped with a reason. */
    public static final long DEFAULT_MAX_PARSE_BYTES = 16L * 1024 * 1024;

    public static ScanOptions defaults() {
        return new ScanOptions(Runtime.getRuntime().availableProcessors(), List.of(), true, DEFAULT_MAX_PARSE_BYTES,
                null);
    }

    public ScanOptions withJobs(int n) {
        return new ScanOptions(n, excludes, defaultExcludes, maxParseBytes, progress);
    }

    public ScanOptions withExcludes(List<String> globs) {
        return new ScanOptions(jobs, List.copyOf(globs), defaultExcludes, maxParseBytes, progress);
    }

    public ScanOptions withMaxParseBytes(long n) {
        return new ScanOptions(jobs, excludes, defaultExcludes, n, progress);
    }

    public ScanOptions withProgress(PrintWriter p) {
        return new ScanOptions(jobs, excludes, defaultExcludes, maxParseBytes, p);
    }
}
