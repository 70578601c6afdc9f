package dev.ftcheck.scanner;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A file's bytes turned into text. UTF-8 first (with or without BOM); bytes that are not valid UTF-8 are read as
 * Latin-1, which always succeeds, and {@link #note} says so. Files with NUL bytes near the start are binary and are
 * not decoded.
 */
record DecodedSource(String text, String note) {
    /** How far into a file we look for NUL bytes to call it binary (git uses the same heuristic). */
    static final int BINARY_SNIFF = 8000;

    /** True when the leading bytes contain a NUL: no C source or build file does. */
    static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, BINARY_SNIFF);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    static DecodedSource decode(byte[] bytes) {
        int off = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        if (isAscii(bytes, off)) {
            return new DecodedSource(new String(bytes, off, bytes.length - off, StandardCharsets.ISO_8859_1), null);
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, off, bytes.length - off))
                    .toString();
            return new DecodedSource(s, null);
        } catch (CharacterCodingException e) {
            return new DecodedSource(new String(bytes, StandardCharsets.ISO_8859_1),
                    "not valid UTF-8; read as Latin-1");
        }
    }

    private static boolean isAscii(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
