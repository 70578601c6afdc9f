package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.Finding;
import dev.ftcheck.scanner.api.ModuleInfo;
import java.util.List;

/** Everything a scan produced, in deterministic order (by file, then position, then code). */
public record ScanResult(List<String> roots, List<Finding> findings, List<ModuleInfo> modules,
        List<SkippedPath> skipped, List<ScanNote> notes, ScanStats stats) {

    public ScanResult withFindings(List<Finding> newFindings) {
        return new ScanResult(roots, newFindings, modules, skipped, notes, stats);
    }
}
