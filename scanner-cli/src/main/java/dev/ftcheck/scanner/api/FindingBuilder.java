package dev.ftcheck.scanner.api;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fluent construction of a {@link Finding}; obtained from {@link FileContext#report} or
 * {@link ProjectContext#report}, finished with {@link #report()}. A message is required; confidence defaults to
 * {@link Confidence#HIGH}.
 */
public final class FindingBuilder {
    private final RuleMetadata rule;
    private final Location location;
    private final String snippet;
    private final Consumer<Finding> sink;
    private String api;
    private Replacement replacement;
    private String message;
    private Confidence confidence = Confidence.HIGH;
    private String fixHint;
    private Fix fix;
    private final java.util.List<Finding.Related> related = new java.util.ArrayList<>();

    public FindingBuilder(RuleMetadata rule, Location location, String snippet, Consumer<Finding> sink) {
        this.rule = rule;
        this.location = location;
        this.snippet = snippet;
        this.sink = sink;
    }

    /** The C-API function, macro, field or build setting involved, e.g. {@code PyList_GetItem}. */
    public FindingBuilder api(String api) {
        this.api = api;
        return this;
    }

    /** What to use instead and its return convention. */
    public FindingBuilder replacement(String replacementApi, String returnConvention) {
        this.replacement = Replacement.of(replacementApi, returnConvention);
        return this;
    }

    /** The user-facing message; say what is wrong here and, for lowered confidence, why it is uncertain. */
    public FindingBuilder message(String message) {
        this.message = message;
        return this;
    }

    public FindingBuilder confidence(Confidence confidence) {
        this.confidence = Objects.requireNonNull(confidence);
        return this;
    }

    /** A concrete next step, e.g. the replacement call with this site's arguments. */
    public FindingBuilder fixHint(String fixHint) {
        this.fixHint = fixHint;
        return this;
    }

    /** The safe mechanical rewrite for {@code --fix}; null when the change needs judgement. */
    public FindingBuilder fix(Fix fix) {
        this.fix = fix;
        return this;
    }

    /** Adds a related place (SARIF {@code relatedLocations}, JSON {@code related}). */
    public FindingBuilder related(Location location, String message) {
        related.add(new Finding.Related(location, message));
        return this;
    }

    /** Delivers the finding. */
    public void report() {
        if (message == null || message.isBlank()) {
            throw new IllegalStateException("rule " + rule.code() + " reported a finding without a message");
        }
        sink.accept(new Finding(rule, location, api, replacement, message, confidence, snippet, fixHint, related,
                fix));
    }
}
