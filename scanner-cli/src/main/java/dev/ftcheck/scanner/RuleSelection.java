package dev.ftcheck.scanner;

import dev.ftcheck.scanner.api.Family;
import dev.ftcheck.scanner.api.Rule;
import dev.ftcheck.scanner.api.RuleMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses rules from {@code select}/{@code ignore} entries. An entry is a code ({@code FT101}), a code prefix
 * ({@code FT1} for the whole FT1xx family), a family id ({@code dict-next}) or {@code ALL}. No select entries means
 * all rules; ignore wins over select.
 */
public final class RuleSelection {
    private RuleSelection() {}

    /** Thrown for an entry that names no rule. */
    public static final class SelectionException extends Exception {
        public SelectionException(String message) {
            super(message);
        }
    }

    public static List<Rule> apply(List<Rule> all, List<String> select, List<String> ignore)
            throws SelectionException {
        for (String e : select) {
            check(all, e, "select");
        }
        for (String e : ignore) {
            check(all, e, "ignore");
        }
        List<Rule> out = new ArrayList<>();
        for (Rule r : all) {
            RuleMetadata m = r.metadata();
            boolean selected = select.isEmpty() || select.stream().anyMatch(e -> matches(m, e));
            boolean ignored = ignore.stream().anyMatch(e -> matches(m, e));
            if (selected && !ignored) {
                out.add(r);
            }
        }
        return out;
    }

    /** Fails for the first entry that names no rule; {@code what} names where the entries came from. */
    public static void validate(List<Rule> all, List<String> entries, String what) throws SelectionException {
        for (String e : entries) {
            check(all, e, what);
        }
    }

    /** True when the selector entry (code, prefix, family or ALL) covers the rule. */
    public static boolean covers(String entry, RuleMetadata m) {
        return matches(m, entry);
    }

    private static void check(List<Rule> all, String entry, String what) throws SelectionException {
        if (all.stream().noneMatch(r -> matches(r.metadata(), entry))) {
            throw new SelectionException(what + " entry '" + entry + "' matches no rule (use a code such as FT101,"
                    + " a prefix such as FT1, a family such as dict-next, or ALL; `ftcheck rules` lists them)");
        }
    }

    static boolean matches(RuleMetadata m, String entry) {
        String e = entry.strip();
        if (e.equalsIgnoreCase("ALL")) {
            return true;
        }
        Family f = Family.fromId(e);
        if (f != null) {
            return m.family() == f;
        }
        String up = e.toUpperCase(Locale.ROOT);
        return up.startsWith("FT") && up.length() >= 3 && m.code().startsWith(up);
    }
}
