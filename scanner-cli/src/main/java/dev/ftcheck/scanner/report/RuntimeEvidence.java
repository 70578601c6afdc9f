package dev.ftcheck.scanner.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.scanner.api.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ftcheck run} or {@code ftcheck stress} saw, read from their reports ({@code scan --evidence}): each
 * diagnostic that carries a scanner rule and a source line, joined to the scan finding it confirms, so a porting
 * report shows the static and the dynamic evidence of a hazard side by side.
 */
public record RuntimeEvidence(String rule, String kind, String cFunction, String file, int line, long occurrences,
        String message, String report) {

    /** An evidence item and the finding it confirms (null: no finding of that rule in that file). */
    public record Match(RuntimeEvidence evidence, Finding finding) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("global variable '([A-Za-z_][A-Za-z0-9_]*)'");
    /** What follows the variable's name in the message: {@code (module.cpython-313t-...so+0x4150)}. */
    private static final Pattern OBJECT = Pattern.compile(" \\(([A-Za-z_][A-Za-z0-9_]*)[.][^ ]*\\+0x");

    /** The diagnostics of a run or stress report that name a rule; IOException for an unreadable or foreign file. */
    public static List<RuntimeEvidence> load(Path reportFile) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(reportFile));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("not a JSON report: " + e.getOriginalMessage());
        }
        if (root == null || !root.has("diagnostics") || !root.has("outcome")) {
            throw new IOException("not an ftcheck run or stress report (no outcome and diagnostics)");
        }
        List<RuntimeEvidence> out = new ArrayList<>();
        for (JsonNode d : root.path("diagnostics")) {
            String rule = d.path("rule").asText(null);
            if (rule == null || d.path("rule").isNull()) {
                continue;
            }
            out.add(new RuntimeEvidence(rule, d.path("kind").asText(), d.path("cFunction").asText(null),
                    d.path("file").isNull() ? null : d.path("file").asText(null), d.path("line").asInt(0),
                    d.path("occurrences").asLong(1), d.path("message").asText(), reportFile.toString()));
        }
        return out;
    }

    /**
     * Joins each item to a finding of the same rule in the same source file: for a global variable, the finding
     * that names it; otherwise the closest finding at or above the line the runtime saw (the borrowing call comes
     * before the use that went wrong), else the closest below.
     */
    public static List<Match> match(List<RuntimeEvidence> evidence, List<Finding> findings, Path root) {
        List<Match> out = new ArrayList<>();
        for (RuntimeEvidence e : merged(evidence)) {
            out.add(new Match(e, best(e, findings, root)));
        }
        return out;
    }

    /** One item per rule, kind, function, line and report (the runtime keeps variants that differ in detail). */
    private static List<RuntimeEvidence> merged(List<RuntimeEvidence> evidence) {
        java.util.Map<List<Object>, RuntimeEvidence> byPlace = new java.util.LinkedHashMap<>();
        for (RuntimeEvidence e : evidence) {
            byPlace.merge(java.util.Arrays.asList(e.rule(), e.kind(), e.cFunction(), e.file(), e.line(), e.report()),
                    e, (a, b) -> new RuntimeEvidence(a.rule(), a.kind(), a.cFunction(), a.file(), a.line(),
                            a.occurrences() + b.occurrences(), a.message(), a.report()));
        }
        return new ArrayList<>(byPlace.values());
    }

    private static Finding best(RuntimeEvidence e, List<Finding> findings, Path root) {
        Matcher v = VARIABLE.matcher(e.message());
        String variable = v.find() ? v.group(1) : null;
        if (e.file() == null) {
            // no C caller to place it (a release by the driver), but a global is named: that finding, in the
            // source file named like the extension the variable lives in
            Matcher so = variable == null ? null : OBJECT.matcher(e.message().substring(v.end()));
            if (so == null || !so.lookingAt()) {
                return null;
            }
            for (Finding f : findings) {
                String name = Path.of(f.location().file()).getFileName().toString();
                if (f.code().equals(e.rule()) && f.message().startsWith("`" + variable + "`")
                        && name.substring(0, Math.max(0, name.lastIndexOf('.'))).equals(so.group(1))) {
                    return f;
                }
            }
            return null;
        }
        Finding above = null;
        Finding below = null;
        for (Finding f : findings) {
            if (!f.code().equals(e.rule()) || !sameFile(f.location().file(), e.file(), root)) {
                continue;
            }
            if (variable != null) {
                if (f.message().startsWith("`" + variable + "`")) {
                    return f;
                }
                continue;
            }
            int line = f.location().line();
            if (line <= e.line() && (above == null || line > above.location().line())) {
                above = f;
            } else if (line > e.line() && (below == null || line < below.location().line())) {
                below = f;
            }
        }
        return above != null ? above : below;
    }

    private static boolean sameFile(String findingFile, String evidenceFile, Path root) {
        Path a = root.resolve(findingFile).toAbsolutePath().normalize();
        Path b = Path.of(evidenceFile).toAbsolutePath().normalize();
        try {
            return Files.isSameFile(a, b);
        } catch (IOException ex) {
            return a.getFileName().equals(b.getFileName()); // built elsewhere: the file name is what is left
        }
    }
}
