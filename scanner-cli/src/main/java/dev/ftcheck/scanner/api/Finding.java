package dev.ftcheck.scanner.api;

/**
 * One reported hazard. {@code api} is the C-API name or build setting involved; {@code replacement} may be null
 * when there is no drop-in replacement (the {@code fixHint} then says what to do). {@code snippet} is the source
 * line the finding starts on.
 */
public record Finding(
        RuleMetadata rule,
        Location location,
        String api,
        Replacement replacement,
        String message,
        Confidence confidence,
        String snippet,
        String fixHint) {

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
