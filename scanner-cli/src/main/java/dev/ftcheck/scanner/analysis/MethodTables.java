package dev.ftcheck.scanner.analysis;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the file's method tables and type slots say about its functions: which ones receive a keyword-arguments dict
 * ({@code METH_KEYWORDS} entries, {@code tp_init}, {@code tp_new}, {@code tp_call}), and which names are used as
 * values (function pointers in tables) rather than only called.
 */
public final class MethodTables {
    private static final Pattern KW_NAME = Pattern.compile("(?i)kw|kws|kwds|kwargs|kw_args|keywds|kwdict|keywords|kwd");
    private static final Set<String> KW_SLOTS = Set.of("tp_init", "tp_new", "tp_call", "Py_tp_init", "Py_tp_new",
            "Py_tp_call");

    private final Set<String> keywordFunctions = new HashSet<>();
    private final Set<String> referencedAsValue = new HashSet<>();

    private MethodTables() {
    }

    static MethodTables of(FileAnalysis file) {
        MethodTables m = new MethodTables();
        Tokens t = file.tokens();
        NameSet functionNames = new NameSet(file.functions().stream().map(FunctionInfo::name).toList());
        NameSet kwSlots = new NameSet(KW_SLOTS);
        for (int i = 0; i < t.size(); i++) {
            if (t.is(i, "{") && t.kind(i + 1) == Tokens.STRING) {
                m.methodEntry(t, i);
            } else if (t.isIdent(i) && kwSlots.contains(t, i)) {
                m.slotEntry(t, i);
            }
            if (t.isIdent(i) && !t.is(i + 1, "(") && functionNames.contains(t, i)) {
                // a function name not followed by "(" is a function pointer: a table entry, a callback
                m.referencedAsValue.add(t.text(i));
            }
        }
        return m;
    }

    private void methodEntry(Tokens t, int open) {
        int close = t.match(open);
        if (close < 0 || close - open > 200) {
            return;
        }
        List<CallSite.Arg> fields = CallFinder.args(t, open, close);
        if (fields.size() < 3) {
            return;
        }
        String flags = fields.get(2).text();
        if (!flags.contains("METH_KEYWORDS")) {
            return;
        }
        String fn = lastIdent(t, fields.get(1));
        if (fn != null) {
            keywordFunctions.add(fn);
        }
    }

    private void slotEntry(Tokens t, int i) {
        // ".tp_init = (initproc)f," or "{Py_tp_init, (void *)f}"
        int j = i + 1;
        if (!t.is(j, "=") && !t.is(j, ",")) {
            return;
        }
        int last = -1;
        for (int k = j + 1; k < t.size() && k < j + 20; k++) {
            if (t.is(k, ",") || t.is(k, "}") || t.is(k, ";")) {
                break;
            }
            if (t.isIdent(k)) {
                last = k;
            }
        }
        if (last >= 0) {
            keywordFunctions.add(t.text(last));
        }
    }

    private static String lastIdent(Tokens t, CallSite.Arg a) {
        String last = null;
        for (int k = a.from(); k <= a.to(); k++) {
            if (t.isIdent(k)) {
                last = t.text(k);
            }
        }
        return last;
    }

    /** The name of {@code f}'s keyword-arguments dict parameter, or null when it has none. */
    public String kwargsParam(FunctionInfo f) {
        List<FunctionInfo.Param> ps = f.params();
        if (ps.size() < 3) {
            return null;
        }
        FunctionInfo.Param third = ps.get(2);
        if (third.name() == null || !third.type().replace(" ", "").equals("PyObject*")) {
            return null;
        }
        if (keywordFunctions.contains(f.name())) {
            return ps.size() == 3 ? third.name() : null;
        }
        // Tables may live in another file: a three-object signature whose last parameter is named like kwargs.
        return ps.size() == 3 && KW_NAME.matcher(third.name()).matches() ? third.name() : null;
    }

    /** True when the function name appears somewhere other than in a call (a table, a callback argument). */
    public boolean isReferencedAsValue(String functionName) {
        return referencedAsValue.contains(functionName);
    }
}
