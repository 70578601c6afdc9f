package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.ModuleInfo;
import dev.ftcheck.scanner.api.ScanSink;
import java.util.ArrayList;
import java.util.List;

/**
 * What the per-file phase (or the linked-code pass) produced for one file once it was read and decoded: counters,
 * skipped entries, notes, findings, modules and published facts. Rules report into it; the engine then replays it
 * into the scan in input order, so an outcome read back from the cache goes through exactly the same steps as a
 * fresh one. Filled by one worker thread.
 */
public final class FileOutcome implements ScanSink {
    /** A fact as published: the type it was published under and the value. */
    public record Fact(Class<?> type, Object value) {}

    private int parsed;
    private int prefiltered;
    private final List<SkippedPath> skipped;
    private final List<ScanNote> notes;
    private final List<Finding> findings;
    private final List<ModuleInfo> modules;
    private final List<Fact> facts;

    public FileOutcome() {
        this(0, 0, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    /** An outcome read back (the lists are used as given). */
    public FileOutcome(int parsed, int prefiltered, List<SkippedPath> skipped, List<ScanNote> notes,
            List<Finding> findings, List<ModuleInfo> modules, List<Fact> facts) {
        this.parsed = parsed;
        this.prefiltered = prefiltered;
        this.skipped = skipped;
        this.notes = notes;
        this.findings = findings;
        this.modules = modules;
        this.facts = facts;
    }

    /** Files parsed: 1 when this file was, 0 otherwise. */
    public int parsed() {
        return parsed;
    }

    /**
     * Change to the prefiltered count: 1 when the prefilter cleared the file, -1 when the linked-code pass parsed
     * a file the prefilter had cleared, else 0.
     */
    public int prefiltered() {
        return prefiltered;
    }

    public List<SkippedPath> skipped() {
        return skipped;
    }

    public List<ScanNote> notes() {
        return notes;
    }

    public List<Finding> findings() {
        return findings;
    }

    public List<ModuleInfo> modules() {
        return modules;
    }

    public List<Fact> facts() {
        return facts;
    }

    /** True when the scanner itself failed on this file: such an outcome is never cached. */
    public boolean hasInternalError() {
        return notes.stream().anyMatch(ScanNote::isInternalError);
    }

    void countParsed() {
        parsed++;
    }

    void countPrefiltered(int delta) {
        prefiltered += delta;
    }

    void skip(SkippedPath s) {
        skipped.add(s);
    }

    void note(ScanNote n) {
        notes.add(n);
    }

    @Override
    public void finding(Finding finding) {
        findings.add(finding);
    }

    @Override
    public void module(ModuleInfo module) {
        modules.add(module);
    }

    @Override
    public <T> void publish(Class<T> type, T fact) {
        facts.add(new Fact(type, fact));
    }
}
