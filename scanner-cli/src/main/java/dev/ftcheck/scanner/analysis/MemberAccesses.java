package dev.ftcheck.scanner.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds {@code base->field} / {@code base.field} uses of CPython object internals, and the {@code Py_TYPE(o) = t}
 * style of writing through an accessor macro, with what is known about the base's type.
 */
public final class MemberAccesses {

    /**
     * Functions that implement the accessors themselves (compatibility shims): their bodies are not reported. Any
     * function whose name starts with {@code Py} or {@code _Py} is treated the same way.
     */
    private static final Set<String> ACCESSOR_IMPLEMENTATIONS = Set.of("Py_REFCNT", "_Py_REFCNT", "Py_SET_REFCNT",
            "_Py_SET_REFCNT", "Py_TYPE", "_Py_TYPE", "Py_SET_TYPE", "_Py_SET_TYPE", "Py_SIZE", "_Py_SIZE",
            "Py_SET_SIZE", "_Py_SET_SIZE", "Py_INCREF", "_Py_INCREF", "Py_DECREF", "_Py_DECREF", "Py_XINCREF",
            "Py_XDECREF", "_Py_IsImmortal", "Py_IS_TYPE", "_Py_IS_TYPE", "Py_NewRef", "_Py_NewRef", "Py_XNewRef",
            "_Py_XNewRef", "_Py_Dealloc", "Py_IncRef", "Py_DecRef", "_Py_NewReference", "PyDict_GET_SIZE",
            "PyList_GET_ITEM", "PyList_SET_ITEM", "PyList_GET_SIZE", "PyTuple_GET_ITEM", "PyTuple_SET_ITEM",
            "PyTuple_GET_SIZE", "_PyObject_Init", "_PyObject_InitVar");

    /**
     * One access.
     *
     * @param field the member name, or the accessor macro name for {@code Py_TYPE(o) = t}
     * @param fieldToken token index of the member (or of the macro)
     * @param write true when the access is the target of an assignment or increment
     * @param baseType the declared or cast type of the base object when known (e.g. {@code PyListObject *}), else null
     * @param baseText the base expression as written
     * @param viaMacro true for {@code Py_TYPE(o) = t}, {@code Py_SIZE(o) = n}, {@code Py_REFCNT(o) = n}
     */
    public record Access(String field, int fieldToken, boolean write, String baseType, String baseText,
            boolean viaMacro) {}

    private MemberAccesses() {
    }

    /** Accesses to any of {@code fields} (and writes through {@code macros}) in function bodies of the file. */
    public static List<Access> find(FileAnalysis fa, Set<String> fields, Set<String> macros) {
        Tokens t = fa.tokens();
        NameSet fieldNames = new NameSet(fields);
        NameSet macroNames = new NameSet(macros);
        List<Access> out = new ArrayList<>();
        for (FunctionInfo f : fa.functions()) {
            if (ACCESSOR_IMPLEMENTATIONS.contains(f.name()) || f.name().startsWith("Py")
                    || f.name().startsWith("_Py")) {
                continue; // a function named like the C-API implements it (CPython itself, or a compat shim)
            }
            for (int i = f.bodyOpen() + 1; i < f.bodyClose(); i++) {
                if (!t.isIdent(i)) {
                    continue;
                }
                String w = fieldNames.match(t, i);
                if (w == null) {
                    w = macroNames.match(t, i);
                }
                if (w == null) {
                    continue;
                }
                if (fields.contains(w) && (t.is(i - 1, "->") || t.is(i - 1, "."))) {
                    int baseEnd = i - 2;
                    int baseStart = baseStart(t, baseEnd, f);
                    String baseText = baseStart <= baseEnd ? t.compact(baseStart, baseEnd) : "";
                    out.add(new Access(w, i, isWrite(t, i + 1), baseType(fa, f, t, baseStart, baseEnd), baseText,
                            false));
                } else if (macros.contains(w) && t.is(i + 1, "(") && !t.is(i - 1, ".") && !t.is(i - 1, "->")) {
                    int close = t.match(i + 1);
                    if (close > 0 && isAssignment(t, close + 1)) {
                        out.add(new Access(w, i, true, null, t.compact(i + 2, close - 1), true));
                    }
                }
            }
        }
        return out;
    }

    /** The first token of the base expression ending at {@code end} (an identifier, a call, a parenthesised cast). */
    private static int baseStart(Tokens t, int end, FunctionInfo f) {
        int i = end;
        while (i > f.bodyOpen()) {
            if (t.is(i, ")") || t.is(i, "]")) {
                int m = t.match(i);
                if (m < 0) {
                    return i;
                }
                i = m;
                if (t.isIdent(i - 1) && t.is(i, "(")) {
                    i--; // a call: f(x)->field
                }
                if (t.is(i - 1, "->") || t.is(i - 1, ".")) {
                    i -= 2;
                    continue;
                }
                if (t.isIdent(i - 1) && t.is(i, "[")) {
                    i--;
                }
                return i;
            }
            if (t.isIdent(i)) {
                if (t.is(i - 1, "->") || t.is(i - 1, ".")) {
                    i -= 2;
                    continue;
                }
                return i;
            }
            return i + 1;
        }
        return i;
    }

    private static boolean isWrite(Tokens t, int after) {
        int i = after;
        while (t.is(i, "[")) {
            int m = t.match(i);
            if (m < 0) {
                return false;
            }
            i = m + 1;
        }
        return isAssignment(t, i) || t.is(i, "++") || t.is(i, "--") || t.is(after - 2, "++")
                || t.is(after - 2, "--");
    }

    private static boolean isAssignment(Tokens t, int i) {
        return t.is(i, "=") || t.is(i, "+=") || t.is(i, "-=") || t.is(i, "++") || t.is(i, "--")
                || t.is(i, "|=") || t.is(i, "&=");
    }

    /** The type of the base: a cast inside its parentheses, or the declared type of its variable. */
    private static String baseType(FileAnalysis fa, FunctionInfo f, Tokens t, int from, int to) {
        if (from > to) {
            return null;
        }
        // ((PyListObject *)seq)->ob_item : look for a cast
        for (int i = from; i <= to; i++) {
            if (t.is(i, "(") && t.isIdent(i + 1)) {
                int m = t.match(i);
                if (m > i + 1 && t.is(m - 1, "*")) {
                    return t.compact(i + 1, m - 1);
                }
            }
        }
        if (from == to && t.isIdent(from)) {
            String v = t.text(from);
            if (f.locals().containsKey(v)) {
                return f.locals().get(v);
            }
            FunctionInfo.Param p = f.param(v);
            if (p != null) {
                return p.type();
            }
            FileAnalysis.GlobalVar g = fa.globals().get(v);
            if (g != null) {
                return g.type();
            }
        }
        return null;
    }
}
