package dev.ftcheck.scanner.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A file entry is keyed by its file's bytes, path and the scanner's configuration: sound only while rules read
 * nothing else. This fails when rule or analysis code starts reading files, the environment, system properties or
 * the clock; such an input must then go into {@link CacheKeys} (as {@code MinimumPython}'s result does) and be
 * listed here.
 */
class CacheSoundnessTest {
    private static final Pattern OUTSIDE_INPUT = Pattern.compile("\\bFiles\\.[a-zA-Z]+\\(|new File(Input|Reader)?\\("
            + "|RandomAccessFile|FileChannel|System\\.(getenv|getProperty|currentTimeMillis|nanoTime)"
            + "|Boolean\\.getBoolean|Integer\\.getInteger|Long\\.getLong|Paths\\.get|new Random\\b|ThreadLocalRandom"
            + "|Instant\\.now|LocalDate");
    /** Files whose outside reads the key covers, and how. */
    private static final List<String> KEYED = List.of("rules/MinimumPython.java"); // CacheKeys.pythonFloor

    @Test
    void rulesReadNothingButTheirFileExceptWhatTheKeyCovers() throws Exception {
        Path base = Path.of("src/main/java/dev/ftcheck/scanner");
        List<String> found = new ArrayList<>();
        int files = 0;
        for (String dir : new String[] {"rules", "analysis", "api"}) {
            try (Stream<Path> s = Files.walk(base.resolve(dir))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                    files++;
                    String rel = base.relativize(p).toString().replace('\\', '/');
                    if (KEYED.contains(rel)) {
                        continue;
                    }
                    Matcher m = OUTSIDE_INPUT.matcher(Files.readString(p));
                    while (m.find()) {
                        found.add(rel + ": " + m.group());
                    }
                }
            }
        }
        assertTrue(files > 50, "the rule sources were not found from " + Path.of("").toAbsolutePath());
        assertEquals(List.of(), found, "rule code reads outside its FileContext: key it in CacheKeys");
    }
}
