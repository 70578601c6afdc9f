package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.Finding;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code per-file-ignores} from {@code [tool.ftcheck]}: findings of the listed rules are dropped in files matching a
 * glob. As with {@code exclude}, a glob with {@code /} matches the path relative to the configuration file's folder,
 * one without matches the file name anywhere.
 */
public final class PerFileIgnores {
    private record Entry(String glob, PathMatcher matcher, List<String> selectors) {}

    private final Path base;
    private final List<Entry> entries = new ArrayList<>();

    public PerFileIgnores(Path configFile, Map<String, List<String>> table) {
        this.base = configFile == null ? null : configFile.toAbsolutePath().normalize().getParent();
        table.forEach((glob, selectors) -> entries.add(new Entry(glob,
                FileSystems.getDefault().getPathMatcher("glob:" + glob), List.copyOf(selectors))));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Every selector of the table, for validation against the known rules. */
    public List<String> selectors() {
        return entries.stream().flatMap(e -> e.selectors.stream()).toList();
    }

    /** The findings no entry ignores, in the same order. */
    public List<Finding> apply(List<Finding> findings) {
        if (entries.isEmpty()) {
            return findings;
        }
        List<Finding> kept = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (!ignored(f)) {
                kept.add(f);
            }
        }
        return kept;
    }

    private boolean ignored(Finding f) {
        Path abs = Path.of(f.location().file()).toAbsolutePath().normalize();
        Path rel = base != null && abs.startsWith(base) ? base.relativize(abs) : null;
        for (Entry e : entries) {
            Path target = e.glob.contains("/") ? rel : abs.getFileName();
            if (target != null && e.matcher.matches(target)
                    && e.selectors.stream().anyMatch(s -> RuleSelection.covers(s, f.rule()))) {
                return true;
            }
        }
        return false;
    }
}
