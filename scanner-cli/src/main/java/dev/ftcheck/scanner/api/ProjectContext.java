package dev.ftcheck.scanner.api;

import java.util.List;
import java.util.Set;

/**
 * What a {@link ProjectRule} receives: every scanned input (build files, Cython sources, C/C++ text), the modules
 * and facts file rules reported, and the means to report.
 */
public final class ProjectContext {
    private final List<SourceFile> files;
    private final List<ModuleInfo> modules;
    private final FactLookup facts;
    private final RuleMetadata rule;
    private final ScanSink sink;

    /** Read access to facts published during the per-file pass. */
    public interface FactLookup {
        <T> List<T> published(Class<T> type);
    }

    public ProjectContext(List<SourceFile> files, List<ModuleInfo> modules, FactLookup facts, RuleMetadata rule,
            ScanSink sink) {
        this.files = files;
        this.modules = modules;
        this.facts = facts;
        this.rule = rule;
        this.sink = sink;
    }

    /** Every scanned input, in path order. */
    public List<SourceFile> files() {
        return files;
    }

    /** The inputs of the given kinds, in path order. */
    public List<SourceFile> files(FileKind... kinds) {
        Set<FileKind> want = Set.of(kinds);
        return files.stream().filter(f -> want.contains(f.kind())).toList();
    }

    /** Modules reported by file rules so far. */
    public List<ModuleInfo> modules() {
        return modules;
    }

    /** Facts of one type published by file rules (see {@link FileContext#publish}). */
    public <T> List<T> published(Class<T> type) {
        return facts.published(type);
    }

    public RuleMetadata rule() {
        return rule;
    }

    /** Starts a finding in {@code file} spanning character offsets {@code [start, end)}. */
    public FindingBuilder report(SourceFile file, int start, int end) {
        int line = file.lineOf(start);
        int endOff = Math.max(start, end);
        Location loc = new Location(file.displayPath(), line, file.columnOf(start), file.lineOf(endOff),
                file.columnOf(endOff));
        return new FindingBuilder(rule, loc, file.lineText(line), sink::finding);
    }

    /** Starts a finding on a whole 1-based line of {@code file} (for findings about a file as a whole, line 1). */
    public FindingBuilder reportLine(SourceFile file, int line) {
        String text = file.lineText(line);
        Location loc = new Location(file.displayPath(), Math.max(1, line), 1, Math.max(1, line), text.length() + 1);
        return new FindingBuilder(rule, loc, text, sink::finding);
    }

    public void reportModule(ModuleInfo module) {
        sink.module(module);
    }
}
