package dev.ftcheck.scanner.report;

import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.api.Rule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** The report formats of {@code ftcheck scan --output-format}. Colour and quiet apply to the human ones only. */
public enum OutputFormat {
    text, concise, json, sarif, github, gitlab, junit, html;

    /** True for the formats a person reads, where colour and {@code --quiet} mean something. */
    public boolean human() {
        return this == text || this == concise;
    }

    public String render(ScanResult result, ReportInfo info, List<Rule> rules, Style style, boolean quiet) {
        return switch (this) {
            case text -> written(out -> TextReport.write(result, info, style, quiet, out));
            case concise -> written(out -> ConciseReport.write(result, info, style, quiet, out));
            case json -> JsonReport.render(result, info);
            case sarif -> SarifReport.render(result, info, rules);
            case github -> GithubReport.render(result);
            case gitlab -> GitlabReport.render(result);
            case junit -> JunitReport.render(result, rules);
            case html -> HtmlReport.render(result, info);
        };
    }

    private static String written(java.util.function.Consumer<PrintWriter> body) {
        StringWriter sw = new StringWriter();
        try (PrintWriter pw = new PrintWriter(sw)) {
            body.accept(pw);
        }
        return sw.toString();
    }
}
