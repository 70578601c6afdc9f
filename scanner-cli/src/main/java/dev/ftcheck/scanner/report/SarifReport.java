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
import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.Rule;
import dev.ftcheck.scanner.api.RuleMetadata;
import dev.ftcheck.scanner.api.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 ({@code --format sarif}) for GitHub code scanning and other SARIF consumers. Every rule is described
 * in {@code tool.driver.rules} with the same Markdown help as {@code ftcheck explain}. Columns count UTF-16 code
 * units, as Java strings do. Skipped paths and notes become tool execution notifications.
 */
public final class SarifReport {
    public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SarifReport() {}

    public static String render(ScanResult result, ReportInfo info, List<Rule> rules) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SCHEMA_URI);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "ftcheck");
        driver.put("version", info.toolVersion());
        driver.put("semanticVersion", info.toolVersion());
        ArrayNode ruleArr = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (Rule r : rules) {
            RuleMetadata m = r.metadata();
            ruleIndex.put(m.code(), ruleIndex.size());
            ObjectNode o = ruleArr.addObject();
            o.put("id", m.code());
            o.put("name", m.name());
            o.putObject("shortDescription").put("text", plain(m.summary()));
            o.putObject("fullDescription").put("text", plain(m.description()));
            ObjectNode help = o.putObject("help");
            help.put("text", plain(m.markdown()));
            help.put("markdown", m.markdown());
            o.putObject("defaultConfiguration").put("level", level(m.severity()));
            ObjectNode props = o.putObject("properties");
            props.putArray("tags").add("free-threading").add(m.family().id());
            props.put("family", m.family().id());
        }
        run.put("columnKind", "utf16CodeUnits");
        ArrayNode results = run.putArray("results");
        List<String> fps = Fingerprints.of(result.findings());
        for (int i = 0; i < result.findings().size(); i++) {
            Finding f = result.findings().get(i);
            ObjectNode o = results.addObject();
            o.put("ruleId", f.code());
            Integer idx = ruleIndex.get(f.code());
            if (idx != null) {
                o.put("ruleIndex", idx);
            }
            o.put("level", level(f.severity()));
            String text = f.message();
            if (f.replacement() != null) {
                text += ". Use " + f.replacement().api() + " (" + f.replacement().returnConvention() + ")";
                if (f.replacement().compat() != null) {
                    text += ". " + f.replacement().compat();
                }
            }
            if (f.fixHint() != null) {
                text += ". Fix: " + f.fixHint();
            }
            o.putObject("message").put("text", text);
            ObjectNode phys = o.putArray("locations").addObject().putObject("physicalLocation");
            phys.putObject("artifactLocation").put("uri", uri(f.location().file()));
            ObjectNode region = phys.putObject("region");
            region.put("startLine", f.location().line());
            region.put("startColumn", f.location().column());
            region.put("endLine", f.location().endLine());
            region.put("endColumn", f.location().endColumn());
            if (f.snippet() != null) {
                region.putObject("snippet").put("text", f.snippet());
            }
            if (!f.related().isEmpty()) {
                ArrayNode rel = o.putArray("relatedLocations");
                int id = 1;
                for (Finding.Related r : f.related()) {
                    ObjectNode ro = rel.addObject();
                    ro.put("id", id++);
                    ObjectNode rp = ro.putObject("physicalLocation");
                    rp.putObject("artifactLocation").put("uri", uri(r.location().file()));
                    ObjectNode rr = rp.putObject("region");
                    rr.put("startLine", r.location().line());
                    rr.put("startColumn", r.location().column());
                    rr.put("endLine", r.location().endLine());
                    rr.put("endColumn", r.location().endColumn());
                    ro.putObject("message").put("text", r.message());
                }
            }
            o.putObject("partialFingerprints").put("ftcheckFingerprint/v1", fps.get(i));
            ObjectNode props = o.putObject("properties");
            props.put("confidence", f.confidence().id());
            props.put("family", f.family().id());
            if (f.api() != null) {
                props.put("api", f.api());
            }
            if (f.replacement() != null) {
                props.put("replacement", f.replacement().api());
                props.put("returnConvention", f.replacement().returnConvention());
            }
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        ArrayNode notes = invocation.putArray("toolExecutionNotifications");
        for (SkippedPath s : result.skipped()) {
            notification(notes, "skipped: " + s.reason(), s.path(), "note");
        }
        for (ScanNote n : result.notes()) {
            notification(notes, n.message(), n.path(), "note");
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the SARIF log", e);
        }
    }

    private static void notification(ArrayNode notes, String message, String path, String level) {
        ObjectNode n = notes.addObject();
        n.putObject("message").put("text", message);
        n.put("level", level);
        if (!path.startsWith("(")) {
            n.putArray("locations").addObject().putObject("physicalLocation").putObject("artifactLocation")
                    .put("uri", uri(path));
        }
    }

    /** A relative URI reference for a display path (spaces and other specials percent-encoded). */
    static String uri(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        String s = sb.toString();
        return path.startsWith("/") ? "file://" + s : s;
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** Markdown to plain text, crudely: drop backticks and fences (SARIF text fields are plain). */
    static String plain(String md) {
        return md.replace("```c\n", "").replace("```\n", "").replace("```", "").replace("`", "");
    }
}
