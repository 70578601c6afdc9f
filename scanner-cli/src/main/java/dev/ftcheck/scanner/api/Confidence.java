package dev.ftcheck.scanner.api;

import java.util.Locale;

/**
 * How sure a rule is that a finding is a real hazard. {@link #HIGH}: the pattern is wrong wherever it appears, or the
 * container is proven shared. {@link #MEDIUM}: the origin of the object is unknown (a parameter, a field of
 * {@code self}) so it may or may not be shared. {@link #LOW}: a heuristic match worth a look.
 */
public enum Confidence {
    HIGH, MEDIUM, LOW;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
