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
 * @param configFile the {@code pyproject.toml} whose {@code [tool.ftcheck]} gave {@code configExcludes}, or null
 * @param configExcludes exclude globs from that file: with a {@code /}, relative to its folder
 * @param respectGitignore skip what git ignores below a root inside a git work tree
 */
public record ScanOptions(int jobs, List<String> excludes, boolean defaultExcludes, long maxParseBytes,
        PrintWriter progress, java.nio.file.Path configFile, List<String> configExcludes, boolean respectGitignore) {

    public ScanOptions(int jobs, List<String> excludes, boolean defaultExcludes, long maxParseBytes,
            PrintWriter progress) {
        this(jobs, excludes, defaultExcludes, maxParseBytes, progress, null, List.of(), true);
    }

    public ScanOptions withRespectGitignore(boolean respect) {
        return new ScanOptions(jobs, excludes, defaultExcludes, maxParseBytes, progress, configFile, configExcludes,
                respect);
    }

    /** Files larger than this are not read at all (memory per file stays bounded); the parse limit is lower. */
    public long maxReadBytes() {
        return Math.max(256L * 1024 * 1024, 4 * maxParseBytes);
    }

    public ScanOptions withConfigExcludes(java.nio.file.Path file, List<String> globs) {
        return new ScanOptions(jobs, excludes, defaultExcludes, maxParseBytes, progress, file, List.copyOf(globs),
                respectGitignore);
    }

    public ScanOptions withoutDefaultExcludes() {
        return new ScanOptions(jobs, excludes, false, maxParseBytes, progress, configFile,
                configExcludes, respectGitignore);
    }

    /** The default ceiling for parsing one file: larger files are skipped with a reason. */
    public static final long DEFAULT_MAX_PARSE_BYTES = 16L * 1024 * 1024;

    public static ScanOptions defaults() {
        return new ScanOptions(Runtime.getRuntime().availableProcessors(), List.of(), true, DEFAULT_MAX_PARSE_BYTES,
                null);
    }

    public ScanOptions withJobs(int n) {
        return new ScanOptions(n, excludes, defaultExcludes, maxParseBytes, progress, configFile,
                configExcludes, respectGitignore);
    }

    public ScanOptions withExcludes(List<String> globs) {
        return new ScanOptions(jobs, List.copyOf(globs), defaultExcludes, maxParseBytes, progress, configFile,
                configExcludes, respectGitignore);
    }

    public ScanOptions withMaxParseBytes(long n) {
        return new ScanOptions(jobs, excludes, defaultExcludes, n, progress, configFile,
                configExcludes, respectGitignore);
    }

    public ScanOptions withProgress(PrintWriter p) {
        return new ScanOptions(jobs, excludes, defaultExcludes, maxParseBytes, p, configFile,
                configExcludes, respectGitignore);
    }
}
