package dev.ftcheck.scanner.report;

import java.nio.file.Path;

/** Paths for CI reports, which name files relative to the checkout where the job runs. */
final class ReportPaths {
    private ReportPaths() {}

    /** {@code ./a.c} → {@code a.c}; an absolute path becomes relative to the working directory. */
    static String relativeToWorkingDirectory(String file) {
        Path p = Path.of(file);
        if (p.isAbsolute()) {
            return Path.of("").toAbsolutePath().relativize(p.normalize()).toString().replace('\\', '/');
        }
        String s = file;
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        return s;
    }
}
