package dev.ftcheck.scanner.api;

import java.util.Locale;

/**
 * The hazard families. Every rule belongs to exactly one; the family fixes the hundreds digit of the rule code
 * ({@code FT1xx} is borrowed-reference, ..., {@code FT0xx} is build-config).
 */
public enum Family {
    BUILD_CONFIG("build-config", 0),
    BORROWED_REFERENCE("borrowed-reference", 1),
    DICT_NEXT("dict-next", 2),
    UNSAFE_SET_ITEM("unsafe-set-item", 3),
    MODULE_GIL("module-gil", 4),
    OBJECT_MALLOC("object-malloc", 5),
    GLOBAL_STATE("global-state", 6),
    LIMITED_API("limited-api", 7),
    STRUCT_ACCESS("struct-access", 8),
    THREAD_STATE("thread-state", 9);

    private final String id;
    private final int hundreds;

    Family(String id, int hundreds) {
        this.id = id;
        this.hundreds = hundreds;
    }

    /** The stable string id used in reports, suppressions and configuration, e.g. {@code borrowed-reference}. */
    public String id() {
        return id;
    }

    /** The hundreds digit every code of this family carries: {@code FT<digit>xx}. */
    public int codeDigit() {
        return hundreds;
    }

    /** The family with this id, or null. Accepts the enum name too (case-insensitive). */
    public static Family fromId(String s) {
        for (Family f : values()) {
            if (f.id.equals(s) || f.name().equalsIgnoreCase(s.replace('-', '_').toUpperCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id;
    }
}
