package dev.ftcheck.scanner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The cheap byte-level test that decides whether a C/C++ file is parsed at all. Each file rule declares trigger
 * tokens ({@code RuleInfo.triggers}); a file is parsed for the rules whose triggers occur in its bytes, and not at
 * all when none occur. One pass over the bytes: a 64 Ki table keyed by the first two bytes of each trigger marks
 * candidate positions, which are then verified.
 *
 * <p>Matching is on raw bytes, so triggers inside comments also count: the prefilter may let a file through, never
 * wrongly skip one a rule would report.
 */
final class Prefilter {
    private final byte[][] tokens;
    /** For each trigger, the indexes of the rules it belongs to. */
    private final int[][] ruleIndexes;
    /** bigram (first two bytes) -> indexes into tokens, or null. */
    private final int[][] byBigram = new int[1 << 16][];
    private final boolean everything;
    private final int ruleCount;

    /** @param triggersPerRule per rule, its triggers; an empty list means "always run this rule" */
    Prefilter(List<List<String>> triggersPerRule) {
        ruleCount = triggersPerRule.size();
        List<byte[]> toks = new ArrayList<>();
        List<int[]> owners = new ArrayList<>();
        boolean all = false;
        for (int r = 0; r < triggersPerRule.size(); r++) {
            List<String> ts = triggersPerRule.get(r);
            if (ts.isEmpty()) {
                all = true;
            }
            for (String t : ts) {
                toks.add(t.getBytes(StandardCharsets.US_ASCII));
                owners.add(new int[] {r});
            }
        }
        everything = all;
        tokens = toks.toArray(new byte[0][]);
        ruleIndexes = owners.toArray(new int[0][]);
        for (int i = 0; i < tokens.length; i++) {
            int key = ((tokens[i][0] & 0xff) << 8) | (tokens[i][1] & 0xff);
            int[] old = byBigram[key];
            int[] grown = old == null ? new int[1] : java.util.Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = i;
            byBigram[key] = grown;
        }
    }

    /**
     * Which rules must run on a file with these bytes: a boolean per rule (indexes as given to the constructor).
     * All false means the file need not be parsed.
     */
    boolean[] rulesFor(byte[] b) {
        boolean[] hit = new boolean[ruleCount];
        if (everything) {
            java.util.Arrays.fill(hit, true);
            return hit;
        }
        int remaining = ruleCount;
        int n = b.length - 1;
        int[][] table = byBigram;
        for (int i = 0; i < n; i++) {
            int[] cands = table[((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)];
            if (cands == null) {
                continue;
            }
            for (int t : cands) {
                if (hit[ruleIndexes[t][0]]) {
                    continue; // this token's rule is already selected: skip the comparison
                }
                if (matchesAt(b, i, tokens[t])) {
                    for (int r : ruleIndexes[t]) {
                        if (!hit[r]) {
                            hit[r] = true;
                            if (--remaining == 0) {
                                return hit;
                            }
                        }
                    }
                }
            }
        }
        return hit;
    }

    private static boolean matchesAt(byte[] b, int at, byte[] tok) {
        if (at + tok.length > b.length) {
            return false;
        }
        for (int k = 2; k < tok.length; k++) {
            if (b[at + k] != tok[k]) {
                return false;
            }
        }
        return true;
    }
}
