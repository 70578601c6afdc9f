package dev.ftcheck.scanner.analysis;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A set of identifiers that can be tested against a token without allocating the token's text: rules test every
 * identifier of a file against small name sets, and a substring per identifier dominated their cost.
 */
public final class NameSet {
    private final Map<Integer, String[]> byHash = new HashMap<>();
    private final int minLength;
    private final int maxLength;

    public NameSet(Collection<String> names) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (String n : names) {
            byHash.merge(n.hashCode(), new String[] {n}, (a, b) -> {
                String[] c = java.util.Arrays.copyOf(a, a.length + 1);
                c[a.length] = b[0];
                return c;
            });
            min = Math.min(min, n.length());
            max = Math.max(max, n.length());
        }
        this.minLength = min;
        this.maxLength = max;
    }

    public boolean isEmpty() {
        return byHash.isEmpty();
    }

    /** The member equal to token {@code i}'s text, or null. */
    public String match(Tokens t, int i) {
        int len = t.end(i) - t.start(i);
        if (len < minLength || len > maxLength) {
            return null;
        }
        String[] candidates = byHash.get(t.hash(i));
        if (candidates == null) {
            return null;
        }
        for (String c : candidates) {
            if (t.is(i, c)) {
                return c;
            }
        }
        return null;
    }

    public boolean contains(Tokens t, int i) {
        return match(t, i) != null;
    }
}
