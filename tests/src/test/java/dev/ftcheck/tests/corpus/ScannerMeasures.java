package dev.ftcheck.tests.corpus;

import dev.ftcheck.tests.corpus.ScannerCorpus.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Precision from the committed triage of a stratified sample, and recall against committed hazard lists, for the
 * scanner's findings on the real-world corpus.
 */
final class ScannerMeasures {
    /** A verdict on one finding: {@code true}, {@code false} or {@code debatable}. */
    record Verdict(String pkg, String file, int line, String rule, String verdict, String reason) {
        String key() {
            return pkg + "|" + file + "|" + line + "|" + rule;
        }
    }

    /** A hazard a reviewer recorded (the audit) or a later CPython fixed (the evolution set). */
    record Hazard(String pkg, String file, int line, String family, String symbol, String note) {}

    /** Per rule: findings, sample size, verdicts found for present findings, and the figures. */
    record RuleRow(String rule, String severity, int findings, int sampled, int truePos, int falsePos, int debatable,
            int lowConfidence) {
        double precision() {
            return truePos + falsePos == 0 ? Double.NaN : (double) truePos / (truePos + falsePos);
        }
    }

    record Precision(List<RuleRow> rows, List<Finding> untriaged, List<Verdict> gone) {
        int truePos() {
            return rows.stream().mapToInt(RuleRow::truePos).sum();
        }

        int falsePos() {
            return rows.stream().mapToInt(RuleRow::falsePos).sum();
        }
    }

    record Recall(String name, int hazards, int found, Map<String, int[]> byFamily, List<Hazard> missed) {
        double recall() {
            return hazards == 0 ? Double.NaN : (double) found / hazards;
        }
    }

    private ScannerMeasures() {}

    /** Per rule, {@code min(n, max(12, ceil(15% of n)))} findings, the lowest sample keys first. */
    static List<Finding> sample(List<Finding> findings) {
        Map<String, List<Finding>> byRule = findings.stream()
                .collect(Collectors.groupingBy(Finding::rule, TreeMap::new, Collectors.toList()));
        List<Finding> out = new ArrayList<>();
        for (List<Finding> fs : byRule.values()) {
            int k = Math.min(fs.size(), Math.max(12, (int) Math.ceil(0.15 * fs.size())));
            fs.stream().sorted(Comparator.comparing(Finding::sampleKey)).limit(k).forEach(out::add);
        }
        return out;
    }

    /** Precision over confident (high or medium) findings that have a verdict; low-confidence ones are counted apart. */
    static Precision precision(List<Finding> findings, List<Verdict> verdicts) {
        Map<String, Verdict> byKey = new HashMap<>();
        verdicts.forEach(v -> byKey.put(v.key(), v));
        Set<String> present = findings.stream().map(ScannerMeasures::key).collect(Collectors.toSet());
        Set<String> sampled = sample(findings).stream().map(ScannerMeasures::key).collect(Collectors.toSet());
        Map<String, List<Finding>> byRule = findings.stream()
                .collect(Collectors.groupingBy(Finding::rule, TreeMap::new, Collectors.toList()));
        List<RuleRow> rows = new ArrayList<>();
        List<Finding> untriaged = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> e : byRule.entrySet()) {
            int tp = 0;
            int fp = 0;
            int deb = 0;
            int low = 0;
            int nSampled = 0;
            for (Finding f : e.getValue()) {
                boolean inSample = sampled.contains(key(f));
                nSampled += inSample ? 1 : 0;
                Verdict v = byKey.get(key(f));
                if (v == null) {
                    if (inSample) {
                        untriaged.add(f);
                    }
                    continue;
                }
                if (f.confidence().equals("low")) {
                    low++;
                    continue;
                }
                switch (v.verdict()) {
                    case "true" -> tp++;
                    case "false" -> fp++;
                    default -> deb++;
                }
            }
            rows.add(new RuleRow(e.getKey(), e.getValue().get(0).severity(), e.getValue().size(), nSampled, tp, fp, deb,
                    low));
        }
        List<Verdict> gone = verdicts.stream().filter(v -> !present.contains(v.key())).toList();
        return new Precision(rows, untriaged, gone);
    }

    /**
     * A hazard is found when a finding of its family is in the same file at its line, within two lines, or has a
     * related location there; a reviewer's "declaration" row of shared state is found by any finding on that
     * variable. A missing module GIL declaration is found by a module-gil finding in the file, each
     * finding standing for one module (reviewers anchor it at PyInit or at the PyModuleDef).
     */
    static Recall recall(String name, List<Hazard> hazards, List<Finding> findings) {
        Map<String, List<Finding>> byFile = findings.stream()
                .collect(Collectors.groupingBy(f -> f.pkg() + "|" + f.file() + "|" + f.family()));
        Map<String, Integer> modulesUsed = new HashMap<>();
        Map<String, int[]> byFamily = new TreeMap<>();
        List<Hazard> missed = new ArrayList<>();
        int found = 0;
        for (Hazard h : hazards) {
            String file = h.pkg() + "|" + h.file() + "|" + h.family();
            List<Finding> candidates = byFile.getOrDefault(file, List.of());
            boolean hit;
            if (h.family().equals("module-gil")) {
                int used = modulesUsed.getOrDefault(file, 0);
                hit = used < candidates.size();
                modulesUsed.put(file, used + 1);
            } else if (h.family().equals("global-state") && h.note().startsWith("declaration")) {
                hit = candidates.stream().anyMatch(f -> f.api().equals(h.symbol()));
            } else {
                hit = candidates.stream().anyMatch(f -> near(f.line(), h.line())
                        || f.relatedLines().stream().anyMatch(l -> near(l, h.line())));
            }
            int[] c = byFamily.computeIfAbsent(h.family(), k -> new int[2]);
            c[0]++;
            if (hit) {
                c[1]++;
                found++;
            } else {
                missed.add(h);
            }
        }
        return new Recall(name, hazards.size(), found, byFamily, missed);
    }

    private static boolean near(int a, int b) {
        return Math.abs(a - b) <= 2;
    }

    static String key(Finding f) {
        return f.pkg() + "|" + f.file() + "|" + f.line() + "|" + f.rule();
    }

    /** {@code package, version, file, line, rule, verdict, reason}, tab-separated, a header line first. */
    static List<Verdict> readTriage(Path tsv) throws IOException {
        List<Verdict> out = new ArrayList<>();
        for (String[] c : rows(tsv, 7)) {
            if (!Set.of("true", "false", "debatable").contains(c[5])) {
                throw new IOException(tsv + ": verdict must be true, false or debatable: " + String.join("\t", c));
            }
            out.add(new Verdict(c[0], c[2], Integer.parseInt(c[3]), c[4], c[5], c[6]));
        }
        return out;
    }

    /** {@code package, file, line, family, symbol, note}; rows of family {@code none} mark files without hazards. */
    static List<Hazard> readHazards(Path tsv, String defaultPackage) throws IOException {
        List<Hazard> out = new ArrayList<>();
        int width = defaultPackage == null ? 6 : 5;
        for (String[] c : rows(tsv, width)) {
            int o = defaultPackage == null ? 1 : 0;
            String pkg = defaultPackage == null ? c[0] : defaultPackage;
            if (!c[o + 2].equals("none")) {
                out.add(new Hazard(pkg, c[o], Integer.parseInt(c[o + 1]), c[o + 2], c[o + 3], c[o + 4]));
            }
        }
        return out;
    }

    private static List<String[]> rows(Path tsv, int width) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(tsv);
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] c = lines.get(i).split("\t", -1);
            if (c.length != width) {
                throw new IOException(tsv + ":" + (i + 1) + ": expected " + width + " tab-separated fields, got "
                        + c.length);
            }
            out.add(c);
        }
        return out;
    }

    static String table(Precision p, List<Recall> recalls, Map<String, Integer> filesPerPackage) {
        StringBuilder sb = new StringBuilder("## Precision (triaged stratified sample; high and medium confidence)\n\n");
        sb.append("| rule | severity | findings | sampled | true | false | debatable | low conf. | precision | 90% |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (RuleRow r : p.rows()) {
            String met = Double.isNaN(r.precision()) ? "" : r.precision() >= 0.9 ? "yes" : "**no**";
            sb.append(String.format("| %s | %s | %d | %d | %d | %d | %d | %d | %s | %s |%n", r.rule(), r.severity(),
                    r.findings(), r.sampled(), r.truePos(), r.falsePos(), r.debatable(), r.lowConfidence(),
                    percent(r.precision()), met));
        }
        int tp = p.truePos();
        int fp = p.falsePos();
        sb.append(String.format("| all | | %d | %d | %d | %d | %d | %d | %s | |%n",
                p.rows().stream().mapToInt(RuleRow::findings).sum(), p.rows().stream().mapToInt(RuleRow::sampled).sum(),
                tp, fp, p.rows().stream().mapToInt(RuleRow::debatable).sum(),
                p.rows().stream().mapToInt(RuleRow::lowConfidence).sum(), percent(tp + fp == 0 ? Double.NaN
                        : (double) tp / (tp + fp))));
        sb.append("\nPrecision is true / (true + false) over the triaged findings still reported, at high and medium "
                + "confidence; debatable verdicts and low-confidence findings are listed, not counted.\n");
        if (!p.untriaged().isEmpty()) {
            sb.append("\n").append(p.untriaged().size()).append(" sampled findings have no verdict (re-triage them):\n");
            p.untriaged().forEach(f -> sb.append("- ").append(key(f)).append("\n"));
        }
        if (!p.gone().isEmpty()) {
            sb.append("\n").append(p.gone().size()).append(" triaged findings are no longer reported:\n");
            p.gone().forEach(v -> sb.append("- ").append(v.key()).append(" (was ").append(v.verdict()).append(")\n"));
        }
        for (Recall r : recalls) {
            sb.append("\n## Recall: ").append(r.name()).append("\n\n| family | hazards | found | recall |\n|---|---|---|---|\n");
            r.byFamily().forEach((fam, c) -> sb.append(String.format("| %s | %d | %d | %s |%n", fam, c[0], c[1],
                    percent(c[0] == 0 ? Double.NaN : (double) c[1] / c[0]))));
            sb.append(String.format("| all | %d | %d | %s |%n", r.hazards(), r.found(), percent(r.recall())));
            if (!r.missed().isEmpty()) {
                sb.append("\nMissed:\n");
                r.missed().forEach(h -> sb.append("- ").append(h.pkg()).append(' ').append(h.file()).append(':')
                        .append(h.line()).append(' ').append(h.family()).append(' ').append(h.symbol()).append(": ")
                        .append(h.note()).append("\n"));
            }
        }
        Map<String, Integer> sorted = new LinkedHashMap<>(new TreeMap<>(filesPerPackage));
        sb.append("\n## Packages\n\n| package | findings |\n|---|---|\n");
        sorted.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        return sb.toString();
    }

    private static String percent(double d) {
        return Double.isNaN(d) ? "-" : String.format("%.1f%%", 100 * d);
    }
}
