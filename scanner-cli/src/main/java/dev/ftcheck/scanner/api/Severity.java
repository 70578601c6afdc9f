package dev.ftcheck.scanner.api;

import java.util.Locale;

/**
 * How bad a finding is.
 * <ul>
 *   <li>{@link #ERROR}: the code is wrong under free threading (a crash or memory corruption is one race away).</li>
 *   <li>{@link #WARNING}: likely wrong, or wrong depending on how the object is shared; review it.</li>
 *   <li>{@link #INFO}: advice about the build or packaging; nothing breaks at run time.</li>
 * </ul>
 * Ordered from most to least severe; {@link #atLeast} compares.
 */
public enum Severity {
    ERROR, WARNING, INFO;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is as severe as {@code threshold} or more. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    public static Severity fromId(String s) {
        for (Severity v : values()) {
            if (v.id().equalsIgnoreCase(s)) {
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id();
    }
}
