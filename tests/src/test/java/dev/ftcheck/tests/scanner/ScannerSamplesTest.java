package dev.ftcheck.tests.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code samples/scanner/} (see samples/README.md) holds, per hazard family, a hazard source and its fixed twin. The
 * README's main command scans it; this test pins what that scan must show: every hazard file (or hazard directory)
 * has findings of its own family, and no fixed twin has any finding at all.
 */
class ScannerSamplesTest {
    private static final Set<String> FAMILIES = Set.of("borrowed-reference", "dict-next", "unsafe-set-item",
            "module-gil", "object-malloc", "global-state", "limited-api", "struct-access", "thread-state",
            "build-config");
    private static final Path SAMPLES = Path.of(System.getProperty("ftcheck.repo", ".."), "samples", "scanner")
            .toAbsolutePath().normalize();

    private static JsonNode report;
    private static int exitCode;

    @BeforeAll
    static void scan() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        exitCode = Main.run(new String[] {"scan", "--format", "json", SAMPLES.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        report = new ObjectMapper().readTree(out.toString());
    }

    /** Sample files relative to samples/scanner, with forward slashes. */
    private static List<String> sampleFiles() throws IOException {
        try (Stream<Path> s = Files.walk(SAMPLES)) {
            return s.filter(Files::isRegularFile).map(p -> SAMPLES.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("README.md")).sorted().toList();
        }
    }

    /** "hazard" or "fixed" from the file name or a directory named so; null for anything else. */
    private static String role(String rel) {
        for (String part : rel.split("/")) {
            if (part.equals("hazard") || part.startsWith("hazard.") || part.startsWith("hazard_")) {
                return "hazard";
            }
            if (part.equals("fixed") || part.startsWith("fixed.") || part.startsWith("fixed_")) {
                return "fixed";
            }
        }
        return null;
    }

    /** The hazard unit a file belongs to: a hazard directory as a whole, else the file. */
    private static String unit(String rel) {
        int i = rel.indexOf("/hazard/");
        return i >= 0 ? rel.substring(0, i + "/hazard".length()) : rel;
    }

    private static Map<String, List<JsonNode>> findingsBySampleFile() {
        Map<String, List<JsonNode>> out = new TreeMap<>();
        String root = SAMPLES.toString().replace('\\', '/') + "/";
        for (JsonNode f : report.get("findings")) {
            String file = f.at("/location/file").asText().replace('\\', '/');
            String rel = file.startsWith(root) ? file.substring(root.length()) : file;
            out.computeIfAbsent(rel, k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    @Test
    void everyFamilyHasAHazardAndAFixedTwin() throws IOException {
        for (String family : FAMILIES) {
            List<String> files = sampleFiles().stream().filter(p -> p.startsWith(family + "/")).toList();
            assertTrue(files.stream().anyMatch(p -> "hazard".equals(role(p))), family + " has no hazard sample");
            assertTrue(files.stream().anyMatch(p -> "fixed".equals(role(p))), family + " has no fixed twin");
        }
        for (String p : sampleFiles()) {
            assertTrue(role(p) != null, p + " is neither a hazard nor a fixed sample (see samples/README.md)");
            assertTrue(FAMILIES.contains(p.substring(0, p.indexOf('/'))), p + " is not under a family directory");
        }
    }

    @Test
    void fixedTwinsHaveNoFindings() throws IOException {
        Map<String, List<JsonNode>> byFile = findingsBySampleFile();
        List<String> noisy = new ArrayList<>();
        for (String p : sampleFiles()) {
            if ("fixed".equals(role(p)) && byFile.containsKey(p)) {
                byFile.get(p).forEach(f -> noisy.add(p + ":" + f.at("/location/line").asInt() + " "
                        + f.get("rule").asText() + " " + f.get("message").asText()));
            }
        }
        assertTrue(noisy.isEmpty(), "fixed twins must scan clean:\n" + String.join("\n", noisy));
    }

    @Test
    void everyHazardIsReportedInItsOwnFamily() throws IOException {
        Map<String, List<JsonNode>> byFile = findingsBySampleFile();
        Map<String, Boolean> units = new TreeMap<>();
        for (String p : sampleFiles()) {
            if (!"hazard".equals(role(p))) {
                continue;
            }
            String family = p.substring(0, p.indexOf('/'));
            boolean own = byFile.getOrDefault(p, List.of()).stream()
                    .anyMatch(f -> f.get("family").asText().equals(family));
            units.merge(unit(p), own, Boolean::logicalOr);
        }
        List<String> silent = units.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        assertTrue(silent.isEmpty(), "hazard samples without a finding of their family: " + silent);
        assertEquals(1, exitCode, "findings at warning or above make the scan exit 1");
    }

    @Test
    void modulesAreListedWithTheirDeclarationStatus() {
        Map<String, String> status = new TreeMap<>();
        String root = SAMPLES.toString().replace('\\', '/') + "/";
        for (JsonNode m : report.get("modules")) {
            String file = m.get("file").asText().replace('\\', '/');
            status.put((file.startsWith(root) ? file.substring(root.length()) : file) + "#" + m.get("name").asText(),
                    m.get("declaration").asText());
        }
        assertEquals("missing", status.get("module-gil/hazard.c#_crc32c"), status.toString());
        assertEquals("gil-not-used", status.get("module-gil/fixed.c#_crc32c"), status.toString());
        assertEquals("missing", status.get("module-gil/hazard_pybind11.cpp#geometry"), status.toString());
        assertEquals("gil-not-used", status.get("module-gil/fixed_pybind11.cpp#geometry"), status.toString());
        assertEquals("missing", status.get("module-gil/hazard_cython.pyx#hazard_cython"), status.toString());
        assertEquals("gil-not-used", status.get("module-gil/fixed_cython.pyx#fixed_cython"), status.toString());
        assertEquals("gil-not-used", status.get("global-state/fixed.c#_fastjson"), status.toString());
    }
}
