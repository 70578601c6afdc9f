package dev.ftcheck.runtime;

/**
 * The user's GIL override, as CPython reads it from {@code PYTHON_GIL} / {@code -X gil}.
 * Only {@link #DEFAULT} lets module imports decide; the forced settings never warn.
 */
public enum GilSetting {
    DEFAULT,
    FORCE_OFF,
    FORCE_ON;

    /** Parses a {@code PYTHON_GIL} value; null or empty means unset. */
    public static GilSetting parse(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT;
        }
        return switch (value) {
            case "0" -> FORCE_OFF;
            case "1" -> FORCE_ON;
            default -> throw new IllegalArgumentException(
                    "PYTHON_GIL must be \"0\", \"1\" or unset, not \"" + value + "\"");
        };
    }

    public static GilSetting fromEnvironment() {
        return parse(System.getenv("PYTHON_GIL"));
    }

    /** Whether the GIL is on before any module has been imported. */
    public boolean enabledAtStart() {
        return this == FORCE_ON;
    }
}
