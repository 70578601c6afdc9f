package dev.ftcheck.scanner.report;

import dev.ftcheck.scanner.ScanNote;
import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.SkippedPath;
import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.Severity;
import java.io.PrintWriter;

/**
 * The human format: {@code file:line:col: CODE [severity] message}, the source line with a caret under the span,
 * the replacement with its return convention, the fix hint; then skipped paths, notes and a summary.
 */
public final class TextReport {
    private TextReport() {}

    public static void write(ScanResult result, ReportInfo info, PrintWriter out) {
        write(result, info, Style.PLAIN, false, out);
    }

    /** With {@code quiet}, only the findings: no skipped paths, notes or summary. */
    public static void write(ScanResult result, ReportInfo info, Style style, boolean quiet, PrintWriter out) {
        for (Finding f : result.findings()) {
            var loc = f.location();
            out.println(style.bold(loc.file() + ":" + loc.line() + ":" + loc.column() + ":") + " "
                    + style.code(f.severity(), f.code()) + " [" + f.severity() + "] " + f.message() + " "
                    + style.dim("(" + f.rule().name() + ", confidence " + f.confidence() + ")"));
            String snippet = f.snippet() == null ? "" : f.snippet();
            String gutter = String.valueOf(loc.line());
            out.println("  " + gutter + " | " + snippet);
            out.println("  " + " ".repeat(gutter.length()) + " | " + style.code(f.severity(), caret(snippet,
                    loc.column(), loc.endLine() == loc.line() ? loc.endColumn() : snippet.length() + 1)));
            if (f.replacement() != null) {
                out.println("  " + style.cyan("= use:") + " " + f.replacement().api() + " ("
                        + f.replacement().returnConvention() + ")");
                if (f.replacement().compat() != null) {
                    out.println("  " + style.cyan("= compat:") + " " + f.replacement().compat());
                }
            }
            if (f.fixHint() != null) {
                out.println("  " + style.cyan("= hint:") + " " + f.fixHint());
            }
            if (f.fix() != null) {
                out.println("  " + style.cyan("= fix:") + " " + f.fix().description() + (f.fix().safe()
                        ? " (--fix applies it)" : " (--fix --unsafe-fixes applies it)"));
            }
            for (RuntimeEvidence.Match m : info.evidence()) {
                if (m.finding() == f) {
                    out.println("  " + style.cyan("= runtime:") + " " + describe(m.evidence()));
                }
            }
            out.println();
        }
        if (!quiet) {
            writeTrailer(result, info, style, out);
        }
    }

    /** Skipped paths, notes and the one-line summary that end the human formats. */
    /** One line for what the runtime saw: kind, where, how often, from which report. */
    static String describe(RuntimeEvidence e) {
        return e.kind() + " in " + (e.cFunction() != null ? e.cFunction() : "?")
                + (e.file() != null ? " at " + java.nio.file.Path.of(e.file()).getFileName() + ":" + e.line() : "")
                + ", " + e.occurrences() + (e.occurrences() == 1 ? " time" : " times") + " (" + e.report() + ")";
    }

    static void writeTrailer(ScanResult result, ReportInfo info, Style style, PrintWriter out) {
        for (RuntimeEvidence.Match m : info.evidence()) {
            if (m.finding() == null) {
                out.println("runtime evidence without a finding: " + m.evidence().rule() + " "
                        + describe(m.evidence()));
            }
        }
        for (SkippedPath s : result.skipped()) {
            out.println("skipped: " + s.path() + ": " + s.reason());
        }
        for (ScanNote n : result.notes()) {
            out.println("note: " + n.path() + ": " + n.message());
        }
        long errors = result.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = result.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
        long infos = result.findings().stream().filter(f -> f.severity() == Severity.INFO).count();
        var st = result.stats();
        StringBuilder sb = new StringBuilder();
        sb.append(result.findings().size()).append(result.findings().size() == 1 ? " finding" : " findings")
                .append(" (").append(errors).append(" error, ").append(warnings).append(" warning, ")
                .append(infos).append(" info) in ").append(st.files()).append(st.files() == 1 ? " file" : " files");
        if (!result.skipped().isEmpty()) {
            sb.append(", ").append(result.skipped().size()).append(" skipped");
        }
        if (st.suppressed() > 0) {
            sb.append(", ").append(st.suppressed()).append(" suppressed inline");
        }
        if (info.baselined() > 0) {
            sb.append(", ").append(info.baselined()).append(" in baseline");
        }
        out.println(style.bold(sb.toString()));
    }

    /** A caret line under columns [from, to): keeps tabs from the source so the caret lines up in a terminal. */
    static String caret(String line, int from, int to) {
        StringBuilder sb = new StringBuilder();
        int start = Math.max(1, from);
        for (int i = 1; i < start; i++) {
            char c = i - 1 < line.length() ? line.charAt(i - 1) : ' ';
            sb.append(c == '\t' ? '\t' : ' ');
        }
        sb.append('^');
        int width = Math.max(1, Math.min(to, line.length() + 1) - start);
        sb.append("~".repeat(width - 1));
        return sb.toString();
    }
}
