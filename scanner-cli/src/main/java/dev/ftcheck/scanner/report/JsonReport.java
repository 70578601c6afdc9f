package dev.ftcheck.scanner.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ftcheck.scanner.Fingerprints;
import dev.ftcheck.scanner.ScanNote;
import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.SkippedPath;
import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.ModuleInfo;
import dev.ftcheck.scanner.api.Severity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versioned porting report ({@code --format json}); its JSON Schema is
 * {@code docs/schema/porting-report-v1.schema.json}. Bump {@link #SCHEMA_VERSION} on any incompatible change.
 */
public final class JsonReport {
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static String render(ScanResult result, ReportInfo info) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode tool = root.putObject("tool");
        tool.put("name", "ftcheck");
        tool.put("version", info.toolVersion());
        ArrayNode roots = root.putArray("roots");
        result.roots().forEach(roots::add);

        ObjectNode summary = root.putObject("summary");
        summary.put("findings", result.findings().size());
        ObjectNode byFamily = summary.putObject("byFamily");
        for (Family f : Family.values()) {
            byFamily.put(f.id(), result.findings().stream().filter(x -> x.family() == f).count());
        }
        Map<String, Integer> byRuleCounts = new TreeMap<>();
        result.findings().forEach(f -> byRuleCounts.merge(f.code(), 1, Integer::sum));
        ObjectNode byRule = summary.putObject("byRule");
        byRuleCounts.forEach(byRule::put);
        ObjectNode bySeverity = summary.putObject("bySeverity");
        for (Severity s : Severity.values()) {
            bySeverity.put(s.id(), result.findings().stream().filter(x -> x.severity() == s).count());
        }
        var st = result.stats();
        summary.put("suppressed", st.suppressed());
        summary.put("baselined", info.baselined());
        summary.put("filesScanned", st.files());
        summary.put("filesParsed", st.parsed());
        summary.put("filesPrefiltered", st.prefiltered());
        summary.put("filesSkipped", result.skipped().size());
        summary.put("bytes", st.bytes());
        summary.put("lines", st.lines());
        summary.put("modules", result.modules().size());

        ArrayNode modules = root.putArray("modules");
        for (ModuleInfo m : result.modules()) {
            ObjectNode o = modules.addObject();
            o.put("name", m.name());
            o.put("file", m.file());
            o.put("line", m.line());
            o.put("initStyle", m.initStyle().id());
            o.put("declaration", m.declaration().id());
            if (m.guard() == null) {
                o.putNull("guard");
            } else {
                o.put("guard", m.guard());
            }
        }

        ArrayNode findings = root.putArray("findings");
        List<String> fps = Fingerprints.of(result.findings());
        for (int i = 0; i < result.findings().size(); i++) {
            Finding f = result.findings().get(i);
            ObjectNode o = findings.addObject();
            o.put("rule", f.code());
            o.put("name", f.rule().name());
            o.put("family", f.family().id());
            o.put("severity", f.severity().id());
            o.put("confidence", f.confidence().id());
            ObjectNode loc = o.putObject("location");
            loc.put("file", f.location().file());
            loc.put("line", f.location().line());
            loc.put("column", f.location().column());
            loc.put("endLine", f.location().endLine());
            loc.put("endColumn", f.location().endColumn());
            putNullable(o, "api", f.api());
            if (f.replacement() == null) {
                o.putNull("replacement");
            } else {
                ObjectNode r = o.putObject("replacement");
                r.put("api", f.replacement().api());
                r.put("returnConvention", f.replacement().returnConvention());
                if (f.replacement().compat() != null) {
                    r.put("compat", f.replacement().compat());
                }
            }
            o.put("message", f.message());
            putNullable(o, "snippet", f.snippet());
            putNullable(o, "fixHint", f.fixHint());
            o.put("fingerprint", fps.get(i));
            if (!f.related().isEmpty()) {
                ArrayNode rel = o.putArray("related");
                for (Finding.Related r : f.related()) {
                    ObjectNode ro = rel.addObject();
                    ro.put("file", r.location().file());
                    ro.put("line", r.location().line());
                    ro.put("column", r.location().column());
                    ro.put("message", r.message());
                }
            }
        }
        if (!info.evidence().isEmpty()) {
            ArrayNode ev = root.putArray("runtimeEvidence");
            for (RuntimeEvidence.Match m : info.evidence()) {
                RuntimeEvidence e = m.evidence();
                ObjectNode o = ev.addObject();
                o.put("rule", e.rule());
                o.put("kind", e.kind());
                putNullable(o, "cFunction", e.cFunction());
                putNullable(o, "file", e.file());
                if (e.file() != null && e.line() > 0) {
                    o.put("line", e.line());
                } else {
                    o.putNull("line");
                }
                o.put("occurrences", e.occurrences());
                o.put("message", e.message());
                o.put("report", e.report());
                int at = m.finding() == null ? -1 : result.findings().indexOf(m.finding());
                putNullable(o, "finding", at < 0 ? null : fps.get(at));
            }
        }
        ArrayNode skipped = root.putArray("skipped");
        for (SkippedPath s : result.skipped()) {
            ObjectNode o = skipped.addObject();
            o.put("path", s.path());
            o.put("reason", s.reason());
        }
        ArrayNode notes = root.putArray("notes");
        for (ScanNote n : result.notes()) {
            ObjectNode o = notes.addObject();
            o.put("path", n.path());
            o.put("message", n.message());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report", e);
        }
    }

    private static void putNullable(ObjectNode o, String key, String value) {
        if (value == null) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }
}
