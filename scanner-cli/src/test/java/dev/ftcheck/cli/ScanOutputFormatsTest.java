package dev.ftcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.ftcheck.scanner.report.GithubReport;
import dev.ftcheck.scanner.report.Style;
import dev.ftcheck.scanner.rules.RuleRegistry;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The CI formats (github, gitlab, junit), concise, --statistics, --quiet and --color, each checked against the
 * JSON porting report of the same scan of samples/: same findings, same counts, valid syntax or schema.
 */
class ScanOutputFormatsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static String samples;
    private static JsonNode json;

    @BeforeAll
    static void scanSamplesAsJson() throws Exception {
        samples = Schemas.repo().resolve("samples").toString();
        CliRun r = CliRun.of("scan", "--output-format", "json", samples);
        assertEquals(1, r.exit(), r.toString());
        json = MAPPER.readTree(r.out());
        assertTrue(json.at("/summary/findings").asInt() > 20, "samples have findings to compare");
    }

    private static CliRun scan(String... args) {
        List<String> all = new ArrayList<>(List.of("scan"));
        all.addAll(List.of(args));
        all.add(samples);
        return CliRun.of(all.toArray(String[]::new));
    }

    /** A workflow command: ::level key=value,key=value::data, with GitHub's percent escapes. */
    private static final Pattern COMMAND = Pattern.compile("::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\\r\\n]*)"
            + "(?:,[a-zA-Z]+=[^,:\\r\\n]*)*)::([^\\r\\n]*)");

    private static String unescape(String s) {
        return s.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%");
    }

    @Test
    void githubPrintsOneParsableWorkflowCommandPerFinding() {
        CliRun r = scan("--output-format", "github");
        assertEquals(1, r.exit(), r.toString());
        String[] lines = r.out().split("\n");
        JsonNode findings = json.get("findings");
        assertEquals(findings.size(), lines.length, r.out());
        for (int i = 0; i < lines.length; i++) {
            Matcher m = COMMAND.matcher(lines[i]);
            assertTrue(m.matches(), "not a workflow command: " + lines[i]);
            Map<String, String> props = new HashMap<>();
            for (String kv : m.group(2).split(",")) {
                props.put(kv.substring(0, kv.indexOf('=')), unescape(kv.substring(kv.indexOf('=') + 1)));
            }
            JsonNode f = findings.get(i);
            String level = switch (f.get("severity").asText()) {
                case "error" -> "error";
                case "warning" -> "warning";
                default -> "notice";
            };
            assertEquals(level, m.group(1));
            assertEquals(Path.of("").toAbsolutePath().relativize(Path.of(f.at("/location/file").asText())).toString(),
                    props.get("file"));
            assertEquals(f.at("/location/line").asText(), props.get("line"));
            assertEquals(f.at("/location/column").asText(), props.get("col"));
            assertEquals(f.get("rule").asText() + " " + f.get("name").asText(), props.get("title"));
            assertEquals(f.get("message").asText(), unescape(m.group(3)));
        }
    }

    @Test
    void githubEscapesSeparatorsAndNewlines() {
        assertEquals("a%25b%0Ac%0Dd:e,f", GithubReport.data("a%b\nc\rd:e,f"));
        assertEquals("a%3Ab%2Cc%25", GithubReport.property("a:b,c%"));
    }

    @Test
    void gitlabValidatesAndMatchesTheJsonReport() throws Exception {
        CliRun r = scan("--output-format", "gitlab");
        assertEquals(1, r.exit(), r.toString());
        try (InputStream in = Files.newInputStream(
                Schemas.repo().resolve("docs/schema/gitlab-code-quality.schema.json"))) {
            var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            assertEquals("", Schemas.errors(schema, r.out()));
        }
        JsonNode issues = MAPPER.readTree(r.out());
        JsonNode findings = json.get("findings");
        assertEquals(findings.size(), issues.size());
        var fingerprints = new HashSet<String>();
        for (int i = 0; i < issues.size(); i++) {
            JsonNode is = issues.get(i);
            JsonNode f = findings.get(i);
            assertTrue(fingerprints.add(is.get("fingerprint").asText()), "fingerprints are unique");
            assertEquals(f.get("fingerprint").asText(), is.get("fingerprint").asText());
            assertEquals(Path.of("").toAbsolutePath().relativize(Path.of(f.at("/location/file").asText())).toString(),
                    is.at("/location/path").asText());
            assertEquals(f.at("/location/line").asInt(), is.at("/location/lines/begin").asInt());
            String expected = switch (f.get("severity").asText()) {
                case "error" -> "critical";
                case "warning" -> "major";
                default -> "info";
            };
            assertEquals(expected, is.get("severity").asText());
        }
    }

    @Test
    void junitValidatesWithOneTestCasePerRule() throws Exception {
        CliRun r = scan("--output-format", "junit");
        assertEquals(1, r.exit(), r.toString());
        var xsd = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Schemas.repo().resolve("docs/schema/junit.xsd").toFile());
        xsd.newValidator().validate(new StreamSource(new StringReader(r.out())));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(r.out())));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(RuleRegistry.all().size(), cases.getLength());
        int failing = 0;
        int findingLines = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String code = c.getAttribute("name").split(" ")[0];
            NodeList failures = c.getElementsByTagName("failure");
            int expected = json.at("/summary/byRule/" + code).asInt(0);
            assertEquals(expected > 0 ? 1 : 0, failures.getLength(), code);
            if (expected > 0) {
                failing++;
                long lines = failures.item(0).getTextContent().strip().lines().count();
                assertEquals(expected, lines, code);
                findingLines += (int) lines;
            }
        }
        assertEquals(json.at("/summary/byRule").size(), failing);
        assertEquals(json.at("/summary/findings").asInt(), findingLines);
        Element suites = doc.getDocumentElement();
        assertEquals(String.valueOf(failing), suites.getAttribute("failures"));
    }

    @Test
    void conciseIsOneLinePerFindingAndQuietDropsTheSummary() {
        CliRun r = scan("--output-format", "concise");
        assertEquals(1, r.exit(), r.toString());
        int n = json.at("/summary/findings").asInt();
        List<String> lines = r.out().lines().toList();
        JsonNode f0 = json.at("/findings/0");
        assertEquals(f0.at("/location/file").asText() + ":" + f0.at("/location/line").asText() + ":"
                + f0.at("/location/column").asText() + ": " + f0.get("rule").asText() + " "
                + f0.get("message").asText(), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).startsWith(n + " findings"), r.out());
        CliRun q = scan("--output-format", "concise", "--quiet");
        assertEquals(1, q.exit(), q.toString());
        assertEquals(n, q.out().lines().count(), q.out());
        CliRun text = scan("-q");
        assertFalse(text.out().contains(" findings ("), text.out());
    }

    @Test
    void statisticsCountEveryRuleAsTheJsonReportDoes() {
        CliRun r = scan("--statistics");
        assertEquals(1, r.exit(), r.toString());
        Map<String, Integer> counts = new HashMap<>();
        for (String line : r.out().lines().toList()) {
            String[] cols = line.split("\t");
            if (cols.length == 3) {
                counts.put(cols[1], Integer.parseInt(cols[0].strip()));
            }
        }
        Map<String, Integer> expected = new HashMap<>();
        json.at("/summary/byRule").properties().forEach(e -> expected.put(e.getKey(), e.getValue().asInt()));
        assertEquals(expected, counts);
        assertTrue(r.out().strip().endsWith("Found " + json.at("/summary/findings").asInt() + " findings for "
                + expected.size() + " rules."), r.out());
        CliRun bad = scan("--statistics", "--output-format", "sarif");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--statistics"), bad.err());
    }

    @Test
    void colourOnlyWhenAskedOrOnATerminalWithoutNoColor() {
        assertTrue(scan("--color", "always").out().contains("\u001b["));
        assertFalse(scan("--color", "never").out().contains("\u001b["));
        assertFalse(scan().out().contains("\u001b["), "tests do not run on a terminal");
        assertTrue(Style.decide(Style.When.auto, true, null).colour());
        assertTrue(Style.decide(Style.When.auto, true, "").colour());
        assertFalse(Style.decide(Style.When.auto, true, "1").colour());
        assertFalse(Style.decide(Style.When.auto, false, null).colour());
        assertTrue(Style.decide(Style.When.always, false, "1").colour());
    }

    @Test
    void formatStaysAnAliasOfOutputFormat() {
        assertEquals(scan("--output-format", "sarif").out(), scan("--format", "sarif").out());
    }
}
