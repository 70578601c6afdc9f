package dev.ftcheck.scanner.report;

import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.api.Finding;
import java.io.PrintWriter;

/** One line per finding, {@code file:line:col: CODE message}, then the text format's summary. */
public final class ConciseReport {
    private ConciseReport() {}

    public static void write(ScanResult result, ReportInfo info, Style style, boolean quiet, PrintWriter out) {
        for (Finding f : result.findings()) {
            var loc = f.location();
            out.println(style.bold(loc.file()) + ":" + loc.line() + ":" + loc.column() + ": "
                    + style.code(f.severity(), f.code()) + " " + f.message());
        }
        if (!quiet) {
            TextReport.writeTrailer(result, info, style, out);
        }
    }
}
