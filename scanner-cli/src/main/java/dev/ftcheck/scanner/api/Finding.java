package dev.ftcheck.scanner.api;

import java.util.List;

/**
 * One reported hazard. {@code api} is the C-API name or build setting involved; {@code replacement} may be null
 * when there is no drop-in replacement (the {@code fixHint} then says what to do). {@code snippet} is the source
 * line the finding starts on. {@code fix} is the mechanical rewrite {@code --fix} applies, or null.
 */
public record Finding(
        RuleMetadata rule,
        Location location,
        String api,
        Replacement replacement,
        String message,
        Confidence confidence,
        String snippet,
        String fixHint,
        List<Related> related,
        Fix fix) {

    /** Another place that belongs to the finding: the declaration of a written variable, or one of its writes. */
    public record Related(Location location, String message) {}

    public Finding {
        related = related == null ? List.of() : List.copyOf(related);
    }

    public Finding(RuleMetadata rule, Location location, String api, Replacement replacement, String message,
            Confidence confidence, String snippet, String fixHint, List<Related> related) {
        this(rule, location, api, replacement, message, confidence, snippet, fixHint, related, null);
    }

    public Finding(RuleMetadata rule, Location location, String api, Replacement replacement, String message,
            Confidence confidence, String snippet, String fixHint) {
        this(rule, location, api, replacement, message, confidence, snippet, fixHint, List.of());
    }

    public String code() {
        return rule.code();
    }

    public Family family() {
        return rule.family();
    }

    public Severity severity() {
        return rule.severity();
    }
}
