package dev.ftcheck.scanner.analysis;

import java.util.Set;

/**
 * File-scope dicts used as insert-only caches: every use in the file is a lookup, an insertion that never replaces
 * ({@code PyDict_SetDefault}), its creation, a NULL test or a reference count on the dict itself, and the file never
 * hands the dict out. Nothing is ever replaced or removed while the module lives, so a value borrowed from such a
 * dict stays alive: the borrowed-lookup rules leave it alone.
 */
public final class InsertOnlyDicts {
    /** Calls that read a dict (first argument) or insert without replacing. */
    private static final Set<String> READ_OR_INSERT = Set.of("PyDict_GetItem", "PyDict_GetItemWithError",
            "PyDict_GetItemString", "_PyDict_GetItem_KnownHash", "_PyDict_GetItemIdWithError",
            "_PyDict_GetItemStringWithError", "PyDict_GetItemRef", "PyDict_GetItemStringRef", "PyDict_Contains",
            "PyDict_ContainsString", "PyDict_Size", "PyDict_GET_SIZE", "PyDict_SetDefault", "PyDict_SetDefaultRef");

    /** Calls on the dict object itself (its reference count, its type), not on its entries. */
    private static final Set<String> ON_THE_OBJECT = Set.of("Py_INCREF", "Py_XINCREF", "Py_DECREF", "Py_XDECREF",
            "Py_CLEAR", "Py_REFCNT", "Py_VISIT", "Py_TYPE", "PyDict_Check", "PyDict_CheckExact");

    private InsertOnlyDicts() {
    }

    /** True when {@code name} is a file-scope variable of this file used only as an insert-only dict. */
    public static boolean isInsertOnly(FileAnalysis fa, String name) {
        if (!fa.globals().containsKey(name)) {
            return false;
        }
        return fa.memo("InsertOnlyDicts:" + name, () -> compute(fa.tokens(), name));
    }

    private static boolean compute(Tokens t, String name) {
        boolean inserts = false;
        for (int i = 0; i < t.size(); i++) {
            if (!t.is(i, name) || t.is(i - 1, ".") || t.is(i - 1, "->")) {
                continue;
            }
            if (t.is(i + 1, "=")) {
                boolean created = t.is(i + 2, "PyDict_New") && t.is(i + 3, "(")
                        || (t.is(i + 2, "NULL") || t.is(i + 2, "0")) && t.is(i + 3, ";");
                if (!created) {
                    return false;
                }
                continue;
            }
            if (BorrowedResultUse.onlyTested(t, i - 1, i + 1)) {
                continue;
            }
            if (t.is(i - 1, "(") && t.isIdent(i - 2)) {
                String callee = t.text(i - 2);
                if (READ_OR_INSERT.contains(callee)) {
                    inserts |= callee.startsWith("PyDict_SetDefault");
                    continue;
                }
                if (ON_THE_OBJECT.contains(callee) && t.is(i + 1, ")")) {
                    continue;
                }
            }
            if (isDeclaration(t, i)) {
                continue;
            }
            return false; // mutated, handed out, copied or returned
        }
        return inserts;
    }

    /** {@code static PyObject *name = NULL;} or {@code static PyObject *name;}: the definition itself. */
    private static boolean isDeclaration(Tokens t, int i) {
        return t.is(i - 1, "*") && (t.is(i + 1, ";") || t.is(i + 1, "="));
    }
}
