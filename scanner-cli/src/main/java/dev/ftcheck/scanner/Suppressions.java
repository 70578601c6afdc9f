package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.Finding;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppressions of one file. {@code ftcheck: ignore[FT101]}, {@code ftcheck: ignore[dict-next, FT301]} in any
 * comment silences those codes or families on the same line and on the line below; numpy's
 * {@code noqa: borrowed-ref} silences the borrowed-reference family the same way.
 */
final class Suppressions {
    private static final Pattern IGNORE = Pattern.compile("ftcheck:\\s*ignore\\[([^\\]]*)\\]");
    private static final Pattern NOQA_BORROWED = Pattern.compile("noqa:\\s*borrowed-ref");
    private static final Suppressions NONE = new Suppressions(Map.of());

    /** line -> codes or family ids suppressed there (markers apply to their own line and the next). */
    private final Map<Integer, Set<String>> byLine;

    private Suppressions(Map<Integer, Set<String>> byLine) {
        this.byLine = byLine;
    }

    static Suppressions parse(String text) {
        if (!text.contains("ftcheck:") && !text.contains("noqa:")) {
            return NONE;
        }
        Map<Integer, Set<String>> map = new HashMap<>();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                String l = text.substring(lineStart, i);
                if (l.contains("ftcheck:") || l.contains("noqa:")) {
                    Set<String> keys = new HashSet<>();
                    Matcher m = IGNORE.matcher(l);
                    while (m.find()) {
                        for (String k : m.group(1).split(",")) {
                            if (!k.isBlank()) {
                                keys.add(k.strip());
                            }
                        }
                    }
                    if (NOQA_BORROWED.matcher(l).find()) {
                        keys.add(Family.BORROWED_REFERENCE.id());
                    }
                    if (!keys.isEmpty()) {
                        map.computeIfAbsent(line, k -> new HashSet<>()).addAll(keys);
                        map.computeIfAbsent(line + 1, k -> new HashSet<>()).addAll(keys);
                    }
                }
                line++;
                lineStart = i + 1;
            }
        }
        return new Suppressions(map);
    }

    boolean suppresses(Finding f) {
        Set<String> keys = byLine.get(f.location().line());
        return keys != null && (keys.contains(f.code()) || keys.contains(f.family().id()));
    }
}
