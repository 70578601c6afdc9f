package dev.ftcheck.tests.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftcheck.tests.corpus.CorpusManifest.SourcePackage;
import dev.ftcheck.tests.corpus.ScannerCorpus.Finding;
import dev.ftcheck.tests.corpus.ScannerMeasures.Hazard;
import dev.ftcheck.tests.corpus.ScannerMeasures.Precision;
import dev.ftcheck.tests.corpus.ScannerMeasures.Recall;
import dev.ftcheck.tests.corpus.ScannerMeasures.RuleRow;
import dev.ftcheck.tests.corpus.ScannerMeasures.Verdict;
import dev.ftcheck.tests.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The scanner on real projects (Debian's source packages, see tests/corpus/scanner/): precision from the committed
 * triage of a stratified sample of its findings, recall against an independent audit of 40 files and against the
 * hazards CPython fixed between 3.11 and 3.13. Every sampled finding must have a verdict; figures below the 90% target
 * may not fall below the floors in floors.json. {@code tests/corpus/scanner-corpus} prints the table.
 */
class ScannerCorpusTest {
    private static final double TARGET = 0.90;

    @Test
    void precisionAndRecallOnRealCode() throws Exception {
        Path corpus = Cli.repo().resolve("tests/corpus");
        Path data = corpus.resolve("scanner");
        ScannerCorpus sc = new ScannerCorpus(corpus,
                new ModuleBuilder(DebianArchive.inCache(), CacheDir.root().resolve("corpus")));
        List<Finding> findings = new ArrayList<>();
        Map<String, Integer> perPackage = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        for (SourcePackage pkg : sc.packages()) {
            try {
                List<Finding> fs = ScannerCorpus.scan(sc.project(pkg));
                findings.addAll(fs);
                perPackage.put(pkg.key() + " " + pkg.version(), fs.size());
            } catch (DebianArchive.Unavailable | ModuleBuilder.BuildFailed e) {
                unavailable.add(pkg.key() + ": " + e.getMessage());
            }
        }
        Assumptions.assumeFalse(perPackage.isEmpty(), "Debian's archive served none of the corpus packages here: "
                + unavailable);
        Set<String> scanned = findings.stream().map(Finding::pkg).collect(Collectors.toSet());
        List<Verdict> verdicts = ScannerMeasures.readTriage(data.resolve("triage.tsv")).stream()
                .filter(v -> scanned.contains(v.pkg()) || unavailable.isEmpty()).toList();
        List<Hazard> audit = ScannerMeasures.readHazards(data.resolve("audit.tsv"), null).stream()
                .filter(h -> scanned.contains(h.pkg())).toList();
        List<Hazard> evolution = ScannerMeasures.readHazards(data.resolve("cpython-evolution.tsv"), "python3.11")
                .stream().filter(h -> scanned.contains(h.pkg())).toList();
        Precision p = ScannerMeasures.precision(findings, verdicts);
        Recall auditRecall = ScannerMeasures.recall("independent audit of 40 files", audit, findings);
        Recall evolutionRecall = ScannerMeasures.recall("hazards CPython fixed between 3.11.2 and 3.13.15",
                evolution, findings);
        String table = ScannerMeasures.table(p, List.of(auditRecall, evolutionRecall), perPackage);
        if (!unavailable.isEmpty()) {
            table += "\nNot served here (left out of every figure): " + unavailable + "\n";
        }
        Path out = Files.createDirectories(Cli.repo().resolve("tests/target/scanner-corpus"));
        Files.writeString(out.resolve("table.md"), table);
        writeFindings(out.resolve("untriaged.tsv"), p.untriaged(), Map.of());
        Map<String, String> verdictByKey = new java.util.HashMap<>();
        verdicts.forEach(v -> verdictByKey.put(v.key(), v.verdict()));
        writeFindings(out.resolve("findings.tsv"), findings, verdictByKey);
        System.out.println(table);

        assertTrue(p.untriaged().isEmpty(), "sampled findings without a verdict (listed in "
                + out.resolve("untriaged.tsv") + "; triage them into tests/corpus/scanner/triage.tsv):\n" + table);
        JsonNode floors = new ObjectMapper().readTree(data.resolve("floors.json").toFile());
        for (RuleRow r : p.rows()) {
            if (!r.severity().equals("info") && r.truePos() + r.falsePos() > 0) {
                double floor = floors.at("/precision/" + r.rule()).asDouble(TARGET);
                assertTrue(r.precision() >= floor, r.rule() + " precision fell below " + floor + ":\n" + table);
            }
        }
        double overall = (double) p.truePos() / (p.truePos() + p.falsePos());
        assertTrue(overall >= floors.at("/precision/all").asDouble(TARGET), "overall precision fell:\n" + table);
        assertTrue(auditRecall.recall() >= floors.at("/recall/audit").asDouble(TARGET), "audit recall fell:\n" + table);
        assertTrue(evolutionRecall.recall() >= floors.at("/recall/evolution").asDouble(TARGET),
                "recall on CPython's fixes fell:\n" + table);
    }

    /** Findings as TSV, with their verdict when {@code verdicts} has one (for triage and for reading the table). */
    private static void writeFindings(Path file, List<Finding> findings, Map<String, String> verdicts)
            throws java.io.IOException {
        StringBuilder sb = new StringBuilder("package\tfile\tline\trule\tseverity\tconfidence\tverdict\tmessage\n");
        for (Finding f : findings) {
            sb.append(String.join("\t", f.pkg(), f.file(), Integer.toString(f.line()), f.rule(), f.severity(),
                    f.confidence(), verdicts.getOrDefault(ScannerMeasures.key(f), ""),
                    f.message().replace('\t', ' ').replace('\n', ' '))).append('\n');
        }
        Files.writeString(file, sb.toString());
    }
}
