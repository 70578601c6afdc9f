package dev.ftcheck.scanner.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Finds {@code name(args)} uses in a token range: real calls and function-like macros alike. */
public final class CallFinder {
    private static final Set<String> NOT_CALLS = Set.of("if", "while", "for", "switch", "return", "sizeof",
            "defined", "alignof", "_Alignof", "__typeof__", "typeof", "decltype", "static_assert", "_Static_assert",
            "__attribute__", "__declspec", "catch", "alignas");

    private CallFinder() {
    }

    /** Calls whose name token lies in {@code [from, to]}. */
    public static List<CallSite> calls(Tokens t, int from, int to) {
        List<CallSite> out = new ArrayList<>();
        for (int i = Math.max(0, from); i < to && i + 1 < t.size(); i++) {
            if (!t.isIdent(i) || !t.is(i + 1, "(")) {
                continue;
            }
            String name = t.text(i);
            if (NOT_CALLS.contains(name)) {
                continue;
            }
            int close = t.match(i + 1);
            if (close < 0) {
                continue;
            }
            out.add(new CallSite(name, i, i + 1, close, args(t, i + 1, close)));
        }
        return out;
    }

    /** The innermost call whose parentheses enclose {@code token}; {@code calls} must be in source order. */
    public static CallSite innermost(List<CallSite> calls, int token) {
        int lo = 0;
        int hi = calls.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (calls.get(mid).open() < token) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // the last call opening before the token that also closes after it is the innermost
        for (int k = lo - 1; k >= 0; k--) {
            CallSite c = calls.get(k);
            if (c.close() > token) {
                return c;
            }
        }
        return null;
    }

    /** Splits the tokens between {@code open} and {@code close} at top-level commas. */
    public static List<CallSite.Arg> args(Tokens t, int open, int close) {
        List<CallSite.Arg> args = new ArrayList<>();
        if (close == open + 1) {
            return args;
        }
        int s = open + 1;
        for (int i = open + 1; i <= close; i++) {
            if (i == close || t.is(i, ",")) {
                String text = s <= i - 1 ? t.compact(s, i - 1) : "";
                args.add(new CallSite.Arg(s, i - 1, text, Expressions.normalize(text)));
                s = i + 1;
                continue;
            }
            if (t.is(i, "(") || t.is(i, "[") || t.is(i, "{")) {
                int m = t.match(i);
                if (m > i && m < close) {
                    i = m;
                }
            }
        }
        return args;
    }
}
