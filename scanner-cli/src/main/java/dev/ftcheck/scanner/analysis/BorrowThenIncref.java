package dev.ftcheck.scanner.analysis;

import dev.ftcheck.scanner.api.Fix;
import java.util.ArrayList;
import java.util.List;

/**
 * The one borrowed-reference shape a fix can rewrite without judgement: the result stored into a variable by an
 * expression statement, {@code x = Api(args);}, and the very next statement taking a reference to it,
 * {@code Py_INCREF(x);} or {@code Py_XINCREF(x);}. The pair already owns a new reference, so a strong-reference
 * API can replace both with the same ownership for the rest of the function.
 *
 * @param variable the assigned variable's text
 * @param declaration true for {@code PyObject *x = Api(...);}, false for a plain assignment
 * @param assignToken index of the {@code =} token
 * @param increfStart char offset where the incref statement's line (or statement) starts
 * @param increfEnd char offset just after it (its line end when it stands alone on its line)
 */
public record BorrowThenIncref(String variable, boolean declaration, int assignToken, int increfStart,
        int increfEnd) {

    /** The shape around {@code call}, or null when the code is anything else. */
    public static BorrowThenIncref find(Tokens t, CallSite call) {
        int eq = call.nameToken() - 1;
        int var = eq - 1;
        if (!t.is(eq, "=") || !t.isIdent(var) || !t.is(call.close() + 1, ";")) {
            return null;
        }
        boolean declaration = t.is(var - 1, "*") && t.isIdent(var - 2);
        boolean statementStart = var == 0 || t.is(var - 1, ";") || t.is(var - 1, "{") || t.is(var - 1, "}");
        if (!declaration && !statementStart) {
            return null; // part of a larger expression or an initialiser list
        }
        int inc = call.close() + 2;
        String name = t.text(var);
        if (!(t.is(inc, "Py_INCREF") || t.is(inc, "Py_XINCREF")) || !t.is(inc + 1, "(") || !t.is(inc + 2, name)
                || !t.is(inc + 3, ")") || !t.is(inc + 4, ";")) {
            return null;
        }
        String src = t.source();
        int from = t.start(inc);
        int to = t.end(inc + 4);
        int lineStart = from;
        while (lineStart > 0 && (src.charAt(lineStart - 1) == ' ' || src.charAt(lineStart - 1) == '\t')) {
            lineStart--;
        }
        int lineEnd = to;
        while (lineEnd < src.length() && (src.charAt(lineEnd) == ' ' || src.charAt(lineEnd) == '\t')) {
            lineEnd++;
        }
        boolean alone = (lineStart == 0 || src.charAt(lineStart - 1) == '\n')
                && (lineEnd == src.length() || src.charAt(lineEnd) == '\n' || src.charAt(lineEnd) == '\r');
        if (alone) {
            from = lineStart;
            to = lineEnd;
            if (to < src.length() && src.charAt(to) == '\r') {
                to++;
            }
            if (to < src.length() && src.charAt(to) == '\n') {
                to++;
            }
        }
        return new BorrowThenIncref(name, declaration, eq, from, to);
    }

    /** The edit that deletes the incref statement. */
    public Fix.Edit deleteIncref(String source) {
        return new Fix.Edit(increfStart, increfEnd, source.substring(increfStart, increfEnd), "");
    }

    /**
     * An edit adding {@code #include "ftcompat.h"} after the file's Python.h include, so the 3.13 replacement also
     * builds on CPython 3.8 to 3.12; none when the file already includes ftcompat.h or pythoncapi_compat.h (which
     * provides the same functions) or has no Python.h include to anchor on.
     */
    public static List<Fix.Edit> compatInclude(String source) {
        List<Fix.Edit> out = new ArrayList<>();
        if (source.contains("ftcompat.h") || source.contains("pythoncapi_compat.h")) {
            return out;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^[ \\t]*#[ \\t]*include[ \\t]*[<\"]Python\\.h[>\"][^\\n]*\\n").matcher(source);
        if (m.find()) {
            out.add(new Fix.Edit(m.end(), m.end(), "", "#include \"ftcompat.h\"\n"));
        }
        return out;
    }
}
