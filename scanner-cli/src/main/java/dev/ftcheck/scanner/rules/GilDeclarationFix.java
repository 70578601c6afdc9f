package dev.ftcheck.scanner.rules;

import dev.ftcheck.scanner.analysis.CallSite;
import dev.ftcheck.scanner.analysis.FileAnalysis;
import dev.ftcheck.scanner.analysis.ModuleDiscovery;
import dev.ftcheck.scanner.analysis.Tokens;
import dev.ftcheck.scanner.api.Fix;
import dev.ftcheck.scanner.api.ModuleInfo;
import java.util.List;
import java.util.Set;

/**
 * The GIL declaration FT401 asks for, as an unsafe fix (it claims the module is thread-safe, which only its
 * author can know): the guarded {@code {Py_mod_gil, Py_MOD_GIL_NOT_USED}} slot before the slot array's
 * {@code {0, NULL}} sentinel, or, for single-phase init, the guarded {@code PyUnstable_Module_SetGIL} call right
 * after the {@code if (m == NULL) ...} check that follows {@code m = PyModule_Create(...)}. A file that includes
 * ftcompat.h gets ftcompat's forms instead, which need no guard: {@code FTCOMPAT_MOD_GIL_NOT_USED_SLOT} and
 * {@code ftcompat_Module_SetGILNotUsed(m)}.
 */
final class GilDeclarationFix {
    private GilDeclarationFix() {}

    static Fix of(FileAnalysis fa, ModuleDiscovery.ExtensionModule m) {
        return m.style() == ModuleInfo.InitStyle.MULTI_PHASE ? slot(fa.tokens(), m) : setGil(fa, m);
    }

    private static Fix slot(Tokens t, ModuleDiscovery.ExtensionModule m) {
        if (m.slotsStart() < 0) {
            return null;
        }
        int i = t.firstAtOrAfter(m.slotsStart());
        while (i < t.size() && !t.is(i, "=") && !t.is(i, ";")) {
            i++;
        }
        if (!t.is(i, "=") || !t.is(i + 1, "{")) {
            return null;
        }
        int close = t.match(i + 1);
        if (close < 0) {
            return null;
        }
        // The sentinel: the last brace group inside the initialiser whose first element is 0.
        int sentinel = -1;
        for (int k = i + 2; k < close; k++) {
            if (t.is(k, "{") && t.is(k + 1, "0") && (t.is(k + 2, ",") || t.is(k + 2, "}"))) {
                sentinel = k;
            }
        }
        if (sentinel < 0) {
            return null;
        }
        String src = t.source();
        int at = lineStart(src, t.start(sentinel));
        if (at < 0) {
            return null; // the sentinel shares its line with other entries: leave the layout to a person
        }
        String indent = src.substring(at, t.start(sentinel));
        if (includesFtcompat(src)) {
            return new Fix("declare the module free of the GIL with ftcompat's slot macro (audit it first)",
                    List.of(new Fix.Edit(at, at, "", indent + "FTCOMPAT_MOD_GIL_NOT_USED_SLOT\n")), false);
        }
        String text = "#ifdef Py_GIL_DISABLED\n" + indent + "{Py_mod_gil, Py_MOD_GIL_NOT_USED},\n#endif\n";
        return new Fix("declare the module free of the GIL with a guarded Py_mod_gil slot (audit it first)",
                List.of(new Fix.Edit(at, at, "", text)), false);
    }

    private static Fix setGil(FileAnalysis fa, ModuleDiscovery.ExtensionModule m) {
        Tokens t = fa.tokens();
        List<CallSite> creates = fa.callsNamed(m.init(), Set.of("PyModule_Create", "PyModule_Create2"));
        if (creates.size() != 1) {
            return null;
        }
        CallSite c = creates.get(0);
        int eq = c.nameToken() - 1;
        if (!t.is(eq, "=") || !t.isIdent(eq - 1) || !t.is(c.close() + 1, ";")) {
            return null;
        }
        String var = t.text(eq - 1);
        int ifTok = c.close() + 2;
        if (!t.is(ifTok, "if") || !t.is(ifTok + 1, "(")) {
            return null;
        }
        int condEnd = t.match(ifTok + 1);
        String cond = t.compact(ifTok + 2, condEnd - 1);
        if (!(cond.equals(var + "==NULL") || cond.equals("NULL==" + var) || cond.equals("!" + var))) {
            return null; // only the plain failure check: anything else needs reading
        }
        int end;
        if (t.is(condEnd + 1, "{")) {
            end = t.match(condEnd + 1);
        } else {
            end = condEnd + 1;
            while (end < t.size() && !t.is(end, ";")) {
                end++;
            }
        }
        if (end < 0 || end >= t.size()) {
            return null;
        }
        String src = t.source();
        int ifLine = lineStart(src, t.start(ifTok));
        int nl = src.indexOf('\n', t.end(end));
        if (ifLine < 0 || nl < 0 || !src.substring(t.end(end), nl).isBlank()) {
            return null;
        }
        String indent = src.substring(ifLine, t.start(ifTok));
        if (includesFtcompat(src)) {
            return new Fix("declare the module free of the GIL with ftcompat_Module_SetGILNotUsed (audit it first)",
                    List.of(new Fix.Edit(nl + 1, nl + 1, "",
                            indent + "(void)ftcompat_Module_SetGILNotUsed(" + var + ");\n")), false);
        }
        String text = "#ifdef Py_GIL_DISABLED\n" + indent + "PyUnstable_Module_SetGIL(" + var
                + ", Py_MOD_GIL_NOT_USED);\n#endif\n";
        return new Fix("declare the module free of the GIL with a guarded PyUnstable_Module_SetGIL call (audit it"
                + " first)", List.of(new Fix.Edit(nl + 1, nl + 1, "", text)), false);
    }

    /** The project's copy of ftcompat.h is included: its macros already carry the version and build guards. */
    private static boolean includesFtcompat(String src) {
        return FTCOMPAT_INCLUDE.matcher(src).find();
    }

    private static final java.util.regex.Pattern FTCOMPAT_INCLUDE = java.util.regex.Pattern.compile(
            "(?m)^[ \\t]*#[ \\t]*include[ \\t]*[<\"](?:[^>\"]*/)?ftcompat\\.h[>\"]");

    /** The offset where the line holding {@code offset} starts, if only blanks precede it there; else -1. */
    static int lineStart(String src, int offset) {
        int k = offset;
        while (k > 0 && (src.charAt(k - 1) == ' ' || src.charAt(k - 1) == '\t')) {
            k--;
        }
        return k == 0 || src.charAt(k - 1) == '\n' ? k : -1;
    }
}
