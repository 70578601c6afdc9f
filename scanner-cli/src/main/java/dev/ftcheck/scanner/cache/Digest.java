package dev.ftcheck.scanner.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over typed, length-prefixed fields, so that two different field sequences never hash the same bytes
 * ({@code "ab","c"} and {@code "a","bc"} differ).
 */
final class Digest {
    private final MessageDigest md;

    Digest() {
        md = newSha256();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    Digest add(String s) {
        if (s == null) {
            return add(-1L);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        add((long) b.length);
        md.update(b);
        return this;
    }

    Digest add(long v) {
        for (int i = 0; i < 8; i++) {
            md.update((byte) (v >>> (8 * i)));
        }
        return this;
    }

    Digest add(boolean b) {
        md.update((byte) (b ? 1 : 0));
        return this;
    }

    Digest add(byte[] b) {
        add((long) b.length);
        md.update(b);
        return this;
    }

    Digest add(Key k) {
        return add(k.bytes());
    }

    Key key() {
        return new Key(md.digest());
    }
}
