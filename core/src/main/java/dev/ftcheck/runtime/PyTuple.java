package dev.ftcheck.runtime;

import java.util.List;

/** A Python tuple on the Java side (lists map to {@link List}; tuples need their own marker to round-trip). */
public record PyTuple(List<Object> items) {
    public static PyTuple of(Object... items) {
        return new PyTuple(java.util.Arrays.asList(items));
    }
}
