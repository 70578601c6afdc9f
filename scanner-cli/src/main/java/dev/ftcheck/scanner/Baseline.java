package dev.ftcheck.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ftcheck.scanner.api.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded set of accepted findings, so CI fails only on new ones ({@code --baseline}, {@code --write-baseline}).
 * Findings are matched by {@link Fingerprints}, not by line, so the baseline survives code moving around; a
 * fingerprint recorded n times absorbs at most n findings.
 */
public final class Baseline {
    public static final int FORMAT_VERSION = 1;
    private final Map<String, Integer> counts;

    private Baseline(Map<String, Integer> counts) {
        this.counts = counts;
    }

    /** Thrown for a missing, unreadable or malformed baseline file (a usage error). */
    public static final class BaselineException extends Exception {
        public BaselineException(String message) {
            super(message);
        }
    }

    public static Baseline read(Path file) throws BaselineException {
        if (Files.isDirectory(file)) {
            throw new BaselineException("baseline " + file + " is a directory, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BaselineException("baseline " + file + " does not exist (create it with --write-baseline)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BaselineException("baseline " + file + " is not valid JSON: " + (e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("")));
        }
        if (root == null || root.path("baselineVersion").asInt(-1) != FORMAT_VERSION
                || !root.path("findings").isArray()) {
            throw new BaselineException("baseline " + file + " is not an ftcheck baseline (version "
                    + FORMAT_VERSION + ")");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode f : root.path("findings")) {
            String fp = f.path("fingerprint").asText("");
            if (!fp.isEmpty()) {
                counts.merge(fp, 1, Integer::sum);
            }
        }
        return new Baseline(counts);
    }

    /** Findings not covered by this baseline, in their original order. */
    public List<Finding> newFindings(List<Finding> findings) {
        Map<String, Integer> left = new HashMap<>(counts);
        List<String> fps = Fingerprints.of(findings);
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            Integer n = left.get(fps.get(i));
            if (n != null && n > 0) {
                left.put(fps.get(i), n - 1);
            } else {
                out.add(findings.get(i));
            }
        }
        return out;
    }

    /** Writes every finding as accepted. Lines and messages are kept for humans reading the file. */
    public static void write(Path file, List<Finding> findings) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("baselineVersion", FORMAT_VERSION);
        root.put("tool", "ftcheck");
        ArrayNode arr = root.putArray("findings");
        List<String> fps = Fingerprints.of(findings);
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            ObjectNode o = arr.addObject();
            o.put("fingerprint", fps.get(i));
            o.put("rule", f.code());
            o.put("file", f.location().file());
            o.put("line", f.location().line());
            o.put("message", f.message());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, m.writeValueAsString(root) + "\n");
    }
}
