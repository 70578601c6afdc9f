package dev.ftcheck.scanner.cache;

import java.util.Arrays;
import java.util.HexFormat;

/** A cache key: a SHA-256 digest of everything an entry depends on. */
public final class Key {
    static final int LENGTH = 32;
    private final byte[] bytes;
    private final int hash;

    Key(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a key has " + LENGTH + " bytes, not " + bytes.length);
        }
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
