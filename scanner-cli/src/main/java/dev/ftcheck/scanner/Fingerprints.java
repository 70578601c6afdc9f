package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Line-independent identities for findings, used by baselines and SARIF {@code partialFingerprints}: a hash of the
 * file, the rule code, the source line with whitespace collapsed, and the occurrence number among findings that
 * share those three. Moving code up or down keeps the fingerprint; editing the flagged line changes it.
 */
public final class Fingerprints {
    private Fingerprints() {}

    /** Fingerprints for {@code findings}, in the same order; findings must be in report order. */
    public static List<String> of(List<Finding> findings) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            String key = f.location().file() + "\n" + f.code() + "\n" + normalise(f.snippet());
            int n = seen.merge(key, 1, Integer::sum);
            out.add(sha256(key + "\n" + n));
        }
        return out;
    }

    static String normalise(String snippet) {
        return snippet == null ? "" : snippet.strip().replaceAll("\\s+", " ");
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
