package dev.ftcheck.tests.corpus;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code tests/corpus/status.json}: per mode label, the modules known to pass (one listed that fails is a
 * regression); and under {@code abiGaps}, per 3.14 mode, the modules known to pass in the 3.13 counterpart but not in
 * that mode, each with its reason: gaps of the 3.14 runtime, to be closed. A module that fails in a 3.14 mode only and
 * is not listed there fails the test.
 */
final class CorpusStatus {
    static final String GAPS = "abiGaps";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, List<String>> passing = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> gaps = new LinkedHashMap<>();

    List<String> passing(Mode m) {
        return passing.getOrDefault(m.label, List.of());
    }

    void setPassing(Mode m, List<String> modules) {
        passing.put(m.label, List.copyOf(modules));
    }

    /** Mode m's known gaps: module label to reason. */
    Map<String, String> gaps(Mode m) {
        return gaps.getOrDefault(m.label, Map.of());
    }

    void setGaps(Mode m, Map<String, String> g) {
        if (g.isEmpty()) {
            gaps.remove(m.label);
        } else {
            gaps.put(m.label, new TreeMap<>(g));
        }
    }

    static CorpusStatus load(Path file) throws IOException {
        CorpusStatus s = new CorpusStatus();
        JsonNode root = JSON.readTree(file.toFile());
        root.fields().forEachRemaining(e -> {
            if (e.getKey().equals(GAPS)) {
                e.getValue().fields().forEachRemaining(g -> s.gaps.put(g.getKey(),
                        JSON.convertValue(g.getValue(), new TypeReference<TreeMap<String, String>>() {})));
            } else {
                s.passing.put(e.getKey(), JSON.convertValue(e.getValue(), new TypeReference<List<String>>() {}));
            }
        });
        return s;
    }

    /** The modes in their declared order, then {@code abiGaps}. */
    void write(Path file) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Mode m : Mode.values()) {
            if (passing.containsKey(m.label)) {
                out.put(m.label, passing.get(m.label));
            }
        }
        passing.forEach(out::putIfAbsent);
        Map<String, Map<String, String>> g = new LinkedHashMap<>();
        for (Mode m : Mode.values()) {
            if (gaps.containsKey(m.label)) {
                g.put(m.label, gaps.get(m.label));
            }
        }
        if (!g.isEmpty()) {
            out.put(GAPS, g);
        }
        JSON.writeValue(file.toFile(), out);
    }
}
