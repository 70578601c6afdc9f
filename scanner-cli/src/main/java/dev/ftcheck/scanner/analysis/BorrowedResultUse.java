package dev.ftcheck.scanner.analysis;

/**
 * Whether a borrowed result is ever used as an object. A lookup whose result is only tested ({@code == NULL},
 * {@code !x}, {@code if (x)}) or compared by identity never touches the object, so it cannot touch a freed one:
 * {@code if (PyDict_GetItem(d, k) == NULL)}, or {@code x = PyDict_GetItem(d, k);} followed only by such tests for
 * the rest of the function.
 */
public final class BorrowedResultUse {
    private BorrowedResultUse() {
    }

    /** True when the result of {@code call} (in {@code f}) is only tested or compared, never used. */
    public static boolean onlyCompared(Tokens t, FunctionInfo f, CallSite call) {
        int before = call.nameToken() - 1;
        if (onlyTested(t, before, call.close() + 1)) {
            return true;
        }
        if (!t.is(before, "=") || !t.isIdent(before - 1) || !t.is(call.close() + 1, ";")) {
            return false;
        }
        String v = t.text(before - 1);
        boolean seen = false;
        for (int i = call.close() + 2; i < f.bodyClose(); i++) {
            if (!t.is(i, v) || t.is(i - 1, ".") || t.is(i - 1, "->")) {
                continue;
            }
            if (t.is(i + 1, "=")) {
                continue; // reassigned, perhaps only on one branch: later uses still count
            }
            if (!onlyTested(t, i - 1, i + 1)) {
                return false;
            }
            seen = true;
        }
        return seen;
    }

    /**
     * True when the operand between tokens {@code before} and {@code after} is only compared or tested for truth:
     * {@code x == y}, {@code x != NULL}, {@code !x}, {@code x && ...}, {@code x ? a : b}, {@code if (x)},
     * {@code while (x)}. Such a use never touches the object the pointer points at.
     */
    public static boolean onlyTested(Tokens t, int before, int after) {
        return t.is(after, "==") || t.is(after, "!=") || t.is(before, "==") || t.is(before, "!=")
                || t.is(before, "!") || t.is(after, "&&") || t.is(after, "||") || t.is(before, "&&")
                || t.is(before, "||") || t.is(after, "?")
                || t.is(before, "(") && t.is(after, ")") && (t.is(before - 1, "if") || t.is(before - 1, "while"));
    }
}
