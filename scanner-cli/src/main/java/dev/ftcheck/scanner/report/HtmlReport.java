package dev.ftcheck.scanner.report;

import dev.ftcheck.scanner.ScanNote;
import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.SkippedPath;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.ModuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page (inline style and script, nothing fetched): first the modules and whether importing
 * each one re-enables the GIL, then counts per family and severity, filters, and the findings grouped by file with
 * their source line, replacement and fix. Elements carry {@code data-} attributes (counts, family, severity) so the
 * page can be checked by machine as well as read.
 */
public final class HtmlReport {
    private HtmlReport() {}

    public static String render(ScanResult result, ReportInfo info) {
        StringBuilder h = new StringBuilder(64 * 1024);
        List<Finding> findings = result.findings();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>ftcheck report: ").append(esc(String.join(", ", result.roots()))).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>Free-threading report</h1><p class=\"meta\">ftcheck ").append(esc(info.toolVersion()))
                .append(" &middot; ").append(esc(String.join(", ", result.roots()))).append(" &middot; ")
                .append(result.stats().files()).append(" files scanned")
                .append(info.baselined() > 0 ? " &middot; " + info.baselined() + " in baseline" : "")
                .append(result.stats().suppressed() > 0 ? " &middot; " + result.stats().suppressed()
                        + " suppressed inline" : "")
                .append("</p></header>\n<main>\n");
        modules(h, result.modules());
        counts(h, findings);
        findingsByFile(h, findings);
        trailer(h, result);
        h.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void modules(StringBuilder h, List<ModuleInfo> modules) {
        long reenabling = modules.stream().filter(m -> m.declaration() != ModuleInfo.GilDeclaration.NOT_USED)
                .count();
        h.append("<section id=\"modules\"><h2>Modules</h2>");
        if (modules.isEmpty()) {
            h.append("<p>No extension module init function was found.</p></section>\n");
            return;
        }
        h.append("<p class=\"verdict ").append(reenabling == 0 ? "ok" : "bad").append("\" data-reenabling=\"")
                .append(reenabling).append("\">").append(reenabling == 0
                        ? "Importing these modules keeps the GIL disabled on a free-threaded CPython."
                        : reenabling + " of " + modules.size() + (modules.size() == 1 ? " module" : " modules")
                                + " would re-enable the GIL when imported on a free-threaded CPython.")
                .append("</p>\n<table><thead><tr><th>module</th><th>defined at</th><th>init style</th>")
                .append("<th>GIL declaration</th><th>guard</th><th>on import</th></tr></thead><tbody>\n");
        for (ModuleInfo m : modules) {
            boolean keepsOff = m.declaration() == ModuleInfo.GilDeclaration.NOT_USED;
            h.append("<tr class=\"module\" data-declaration=\"").append(m.declaration().id()).append("\"><td><code>")
                    .append(esc(m.name())).append("</code></td><td>").append(esc(m.file())).append(':')
                    .append(m.line()).append("</td><td>").append(m.initStyle().id()).append("</td><td>")
                    .append(m.declaration().id()).append("</td><td>")
                    .append(m.guard() == null ? "&mdash;" : "<code>" + esc(m.guard()) + "</code>")
                    .append("</td><td class=\"").append(keepsOff ? "ok\">GIL stays off" : "bad\">re-enables the GIL")
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void counts(StringBuilder h, List<Finding> findings) {
        h.append("<section id=\"summary\"><h2>Findings</h2><p><span id=\"shown\" data-shown=\"")
                .append(findings.size()).append("\">").append(findings.size()).append("</span> of <span id=\"total\"")
                .append(" data-total=\"").append(findings.size()).append("\">").append(findings.size())
                .append("</span> findings shown</p>\n<div class=\"filters\"><fieldset><legend>Severity</legend>");
        for (Severity s : Severity.values()) {
            long n = findings.stream().filter(f -> f.severity() == s).count();
            h.append("<label class=\"sev-").append(s.id()).append("\"><input type=\"checkbox\" checked")
                    .append(" data-filter=\"severity\" value=\"").append(s.id()).append("\"> ").append(s.id())
                    .append(" <span class=\"count\" data-severity-count=\"").append(s.id()).append("\">").append(n)
                    .append("</span></label>");
        }
        h.append("</fieldset><fieldset><legend>Family</legend>");
        for (Family fam : Family.values()) {
            long n = findings.stream().filter(f -> f.family() == fam).count();
            h.append("<label><input type=\"checkbox\" checked data-filter=\"family\" value=\"").append(fam.id())
                    .append("\"").append(n == 0 ? " disabled" : "").append("> ").append(fam.id())
                    .append(" <span class=\"count\" data-family-count=\"").append(fam.id()).append("\">").append(n)
                    .append("</span></label>");
        }
        h.append("</fieldset></div></section>\n");
    }

    private static void findingsByFile(StringBuilder h, List<Finding> findings) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding f : findings) {
            byFile.computeIfAbsent(f.location().file(), k -> new java.util.ArrayList<>()).add(f);
        }
        h.append("<section id=\"files\">\n");
        for (var e : byFile.entrySet()) {
            h.append("<section class=\"file\"><h3>").append(esc(e.getKey())).append("</h3>\n");
            for (Finding f : e.getValue()) {
                var loc = f.location();
                h.append("<article class=\"finding sev-").append(f.severity().id()).append("\" data-rule=\"")
                        .append(f.code()).append("\" data-family=\"").append(f.family().id())
                        .append("\" data-severity=\"").append(f.severity().id()).append("\">")
                        .append("<p class=\"head\"><span class=\"badge\">").append(f.severity().id())
                        .append("</span> <strong>").append(f.code()).append("</strong> <span class=\"name\">")
                        .append(esc(f.rule().name())).append("</span> <span class=\"loc\">line ").append(loc.line())
                        .append(", column ").append(loc.column()).append(" &middot; confidence ")
                        .append(f.confidence()).append("</span></p>\n<p class=\"message\">").append(esc(f.message()))
                        .append("</p>\n");
                if (f.snippet() != null) {
                    int to = loc.endLine() == loc.line() ? loc.endColumn() : f.snippet().length() + 1;
                    h.append("<pre class=\"snippet\"><span class=\"ln\">").append(loc.line()).append("</span>")
                            .append(esc(f.snippet())).append('\n').append("<span class=\"ln\"></span>")
                            .append("<span class=\"caret\">").append(esc(TextReport.caret(f.snippet(), loc.column(),
                                    to))).append("</span></pre>\n");
                }
                if (f.replacement() != null) {
                    h.append("<p class=\"use\"><b>Use</b> <code>").append(esc(f.replacement().api()))
                            .append("</code>: ").append(esc(f.replacement().returnConvention())).append("</p>\n");
                    if (f.replacement().compat() != null) {
                        h.append("<p class=\"compat\"><b>Older CPythons</b> ").append(esc(f.replacement().compat()))
                                .append("</p>\n");
                    }
                }
                if (f.fixHint() != null) {
                    h.append("<p class=\"fix\"><b>Fix</b> ").append(esc(f.fixHint())).append("</p>\n");
                }
                h.append("</article>\n");
            }
            h.append("</section>\n");
        }
        h.append("</section>\n");
    }

    private static void trailer(StringBuilder h, ScanResult result) {
        if (result.skipped().isEmpty() && result.notes().isEmpty()) {
            return;
        }
        h.append("<section id=\"skipped\"><h2>Skipped and notes</h2><ul>\n");
        for (SkippedPath s : result.skipped()) {
            h.append("<li class=\"skipped\">").append(esc(s.path())).append(": ").append(esc(s.reason()))
                    .append("</li>\n");
        }
        for (ScanNote n : result.notes()) {
            h.append("<li class=\"note\">").append(esc(n.path())).append(": ").append(esc(n.message()))
                    .append("</li>\n");
        }
        h.append("</ul></section>\n");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String STYLE = """
            :root{--err:#b3261e;--warn:#9a6700;--info:#1f5fa8;--ok:#1a7f37;--line:#d0d7de;font-family:system-ui,\
            sans-serif}
            body{margin:0 auto;max-width:1100px;padding:0 1.2rem 3rem;color:#1f2328;line-height:1.45}
            header{border-bottom:1px solid var(--line);margin-bottom:1rem}h1{margin:.8rem 0 .2rem}
            .meta{color:#59636e;margin-top:0}table{border-collapse:collapse;width:100%}
            th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
            .ok{color:var(--ok);font-weight:600}.bad{color:var(--err);font-weight:600}td.ok,td.bad{white-space:nowrap}
            .verdict{padding:.5rem .8rem;border-radius:6px;background:#f6f8fa}
            .filters{display:flex;gap:1rem;flex-wrap:wrap}fieldset{border:1px solid var(--line);border-radius:6px}
            fieldset label{display:inline-block;margin:.15rem .6rem .15rem 0;white-space:nowrap}
            .count{color:#59636e}.file h3{font-family:ui-monospace,monospace;font-size:1rem;margin:1.4rem 0 .4rem}
            .finding{border:1px solid var(--line);border-left:4px solid var(--info);border-radius:6px;\
            padding:.4rem .8rem;margin:.5rem 0}
            .finding.sev-error{border-left-color:var(--err)}.finding.sev-warning{border-left-color:var(--warn)}
            .finding[hidden],.file[hidden]{display:none}.head{margin:.2rem 0}.loc,.name{color:#59636e}
            .badge{font-size:.75rem;text-transform:uppercase;font-weight:700;color:var(--info)}
            .sev-error .badge{color:var(--err)}.sev-warning .badge{color:var(--warn)}
            pre.snippet{background:#f6f8fa;padding:.4rem .6rem;overflow-x:auto;border-radius:4px}
            .ln{display:inline-block;min-width:3.5em;color:#8c959f;user-select:none}.caret{color:var(--err)}
            .use,.compat,.fix{margin:.25rem 0}code{font-family:ui-monospace,monospace}
            """;

    private static final String SCRIPT = """
            (function () {
              var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
              function wanted(kind) {
                return boxes.filter(function (b) { return b.dataset.filter === kind && b.checked; })
                    .map(function (b) { return b.value; });
              }
              function apply() {
                var sev = wanted('severity'), fam = wanted('family'), shown = 0;
                document.querySelectorAll('.finding').forEach(function (f) {
                  var on = sev.indexOf(f.dataset.severity) >= 0 && fam.indexOf(f.dataset.family) >= 0;
                  f.hidden = !on;
                  if (on) { shown++; }
                });
                document.querySelectorAll('section.file').forEach(function (s) {
                  s.hidden = s.querySelector('.finding:not([hidden])') === null;
                });
                var out = document.getElementById('shown');
                out.textContent = String(shown);
                out.dataset.shown = String(shown);
              }
              boxes.forEach(function (b) { b.addEventListener('change', apply); });
              apply();
            })();
            """;
}
