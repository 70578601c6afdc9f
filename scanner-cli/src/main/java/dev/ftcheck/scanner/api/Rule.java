package dev.ftcheck.scanner.api;

/**
 * A scanner rule: one small class, annotated with {@link RuleInfo}. Implement {@link FileRule} (runs on each parsed
 * C/C++ file) or {@link ProjectRule} (runs once, after the per-file pass, over every scanned file). Rules must be
 * stateless or confine their state to one call: the engine calls file rules concurrently from several threads.
 */
public sealed interface Rule permits FileRule, ProjectRule {
    /** This rule's metadata, read from its {@link RuleInfo} annotation. */
    default RuleMetadata metadata() {
        return RuleMetadata.of(getClass());
    }
}
