package dev.ftcheck.scanner.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ftcheck.scanner.Fingerprints;
import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.api.Finding;
import java.util.List;

/**
 * GitLab's Code Quality report (the {@code artifacts:reports:codequality} file): a JSON array of issues with
 * description, check_name, fingerprint, severity and location. The fingerprint is the baseline's, so it is unique
 * per finding and survives code moving up or down. Checked against docs/schema/gitlab-code-quality.schema.json.
 */
public final class GitlabReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GitlabReport() {}

    public static String render(ScanResult result) {
        ArrayNode issues = MAPPER.createArrayNode();
        List<String> fps = Fingerprints.of(result.findings());
        for (int i = 0; i < result.findings().size(); i++) {
            Finding f = result.findings().get(i);
            ObjectNode o = issues.addObject();
            o.put("description", f.code() + " " + f.message());
            o.put("check_name", f.code() + " " + f.rule().name());
            o.put("fingerprint", fps.get(i));
            // GitLab ranks info < minor < major < critical < blocker.
            o.put("severity", switch (f.severity()) {
                case ERROR -> "critical";
                case WARNING -> "major";
                case INFO -> "info";
            });
            o.putArray("categories").add("Bug Risk");
            ObjectNode loc = o.putObject("location");
            loc.put("path", ReportPaths.relativeToWorkingDirectory(f.location().file()));
            ObjectNode lines = loc.putObject("lines");
            lines.put("begin", f.location().line());
            lines.put("end", f.location().endLine());
        }
        try {
            return MAPPER.writeValueAsString(issues) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report", e);
        }
    }
}
