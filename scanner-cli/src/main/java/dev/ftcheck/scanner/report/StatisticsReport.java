package dev.ftcheck.scanner.report;

import dev.ftcheck.scanner.ScanResult;
import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.RuleMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --statistics}: how many findings each rule has, most frequent first, instead of the findings. */
public final class StatisticsReport {
    private StatisticsReport() {}

    public static String render(ScanResult result, Style style) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, RuleMetadata> meta = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            counts.merge(f.code(), 1, Integer::sum);
            meta.putIfAbsent(f.code(), f.rule());
        }
        List<String> codes = new ArrayList<>(counts.keySet());
        codes.sort(Comparator.comparing((String c) -> -counts.get(c)).thenComparing(c -> c));
        int width = codes.stream().mapToInt(c -> String.valueOf(counts.get(c)).length()).max().orElse(1);
        StringBuilder sb = new StringBuilder();
        for (String c : codes) {
            RuleMetadata m = meta.get(c);
            sb.append(String.format("%" + width + "d", counts.get(c))).append('\t')
                    .append(style.code(m.severity(), c)).append('\t').append(m.name())
                    .append(" [").append(m.severity()).append("]\n");
        }
        int total = result.findings().size();
        sb.append("Found ").append(total).append(total == 1 ? " finding" : " findings").append(" for ")
                .append(codes.size()).append(codes.size() == 1 ? " rule" : " rules").append(".\n");
        return sb.toString();
    }
}
