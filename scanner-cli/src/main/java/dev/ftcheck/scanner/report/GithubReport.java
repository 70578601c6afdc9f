package dev.ftcheck.scanner.report;

import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.api.Finding;

/**
 * GitHub Actions workflow commands, one per finding, which the runner turns into annotations on the pull request:
 * {@code ::warning file=F,line=L,col=C,endLine=L2,endColumn=C2,title=FT101::message}. Error findings use
 * {@code ::error}, info ones {@code ::notice}. End columns are inclusive here (ours are exclusive).
 */
public final class GithubReport {
    private GithubReport() {}

    public static String render(ScanResult result) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : result.findings()) {
            var loc = f.location();
            String level = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            int endColumn = Math.max(loc.endLine() == loc.line() ? loc.column() : 1, loc.endColumn() - 1);
            sb.append("::").append(level)
                    .append(" file=").append(property(ReportPaths.relativeToWorkingDirectory(loc.file())))
                    .append(",line=").append(loc.line())
                    .append(",col=").append(loc.column())
                    .append(",endLine=").append(loc.endLine())
                    .append(",endColumn=").append(endColumn)
                    .append(",title=").append(property(f.code() + " " + f.rule().name()))
                    .append("::").append(data(f.message())).append('\n');
        }
        return sb.toString();
    }

    /** The message part: percent, CR and LF are escaped so a message stays one command. */
    public static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Property values additionally escape the separators ':' and ','. */
    public static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
