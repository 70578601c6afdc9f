package dev.ftcheck.scanner.analysis;

import java.util.Set;

/**
 * Struct fields that hold containers frozen after construction: every store into the field (of any struct of this
 * file) puts there a container nobody else holds yet (created on the spot, by a constructor of the file, or a local
 * still private), the only changes made through the field fill a container while it is still private or while the
 * module is being initialised, and every
 * other use only reads it: lookups, iteration, size, reference counts, NULL tests, a read through a local alias
 * that itself only reads. A field the file returns, exposes as a member ({@code offsetof}), passes to any other
 * call or copies anywhere else is not frozen. Items borrowed from a frozen container stay alive as long as its
 * owner does, and iterating it cannot race, so the borrowed-reference and {@code PyDict_Next} rules leave it alone.
 *
 * <p>The analysis is by field name and file-wide, so a name used by several structs must be frozen in all of them.
 */
public final class FrozenFields {
    /** Calls that only read the container passed first. */
    private static final Set<String> READERS = Set.of("PyDict_GetItem", "PyDict_GetItemWithError",
            "PyDict_GetItemString", "_PyDict_GetItem_KnownHash", "_PyDict_GetItemIdWithError",
            "_PyDict_GetItemStringWithError", "PyDict_GetItemRef", "PyDict_GetItemStringRef", "PyDict_Contains",
            "PyDict_ContainsString", "PyDict_Next", "PyDict_Size", "PyDict_GET_SIZE", "PyDict_Copy", "PyDict_Keys",
            "PyDict_Values", "PyDict_Items", "PyList_GetItem", "PyList_GET_ITEM", "PyList_GetItemRef",
            "PyList_Size", "PyList_GET_SIZE", "PyTuple_GetItem", "PyTuple_GET_ITEM", "PyTuple_Size",
            "PyTuple_GET_SIZE", "PySequence_Fast_GET_ITEM", "PySequence_Fast_GET_SIZE", "PyDict_Check",
            "PyDict_CheckExact", "PyList_Check", "PyList_CheckExact", "PyTuple_Check", "PyTuple_CheckExact",
            "Py_TYPE", "Py_SIZE", "Py_INCREF", "Py_XINCREF", "Py_DECREF", "Py_XDECREF", "Py_CLEAR", "Py_VISIT",
            "Py_REFCNT", "assert", "PyTuple_GetSlice", "PyList_GetSlice", "PyList_AsTuple", "PySequence_Tuple",
            "PyObject_GetIter", "PyObject_Length", "PyObject_Size", "PyDictProxy_New");

    /** Calls that change the container passed first: allowed only while it is still private. */
    private static final Set<String> FILLERS = Set.of("PyDict_SetItem", "PyDict_SetItemString", "PyList_Append",
            "PyList_SET_ITEM", "PyList_SetItem", "PyTuple_SET_ITEM", "PyTuple_SetItem", "_PyDict_SetItemId",
            "PyDict_SetDefault", "PyDict_SetDefaultRef", "PyDict_Update", "PyDict_Merge");

    private FrozenFields() {
    }

    /** True when the file treats {@code field} as described above. */
    public static boolean isFrozen(FileAnalysis fa, String field) {
        if (field == null) {
            return false;
        }
        return fa.memo("FrozenFields:" + field, () -> compute(fa, field));
    }

    private static boolean compute(FileAnalysis fa, String field) {
        Tokens t = fa.tokens();
        boolean stored = false;
        for (int i = 0; i < t.size(); i++) {
            if (!t.is(i, field)) {
                continue;
            }
            if (!t.is(i - 1, "->") && !t.is(i - 1, ".")) {
                if (t.is(i + 1, ")") && t.is(i - 1, ",") && inOffsetof(t, i)) {
                    return false; // a member of the type: Python code can reach and change it
                }
                continue;
            }
            FunctionInfo g = fa.functionAt(i);
            if (g == null || g.isPseudo()) {
                // a designated initialiser at file scope: .field = NULL is the only harmless one
                if (t.is(i + 1, "=") && !(t.is(i + 2, "NULL") || t.is(i + 2, "0"))) {
                    return false;
                }
                continue;
            }
            int start = accessStart(t, i);
            if (start < 0) {
                return false;
            }
            if (t.is(i + 1, "=")) {
                if (!storesPrivate(fa, g, t, i + 2)) {
                    return false;
                }
                stored = true;
                continue;
            }
            String access = Expressions.normalize(t.compact(start, i));
            if (!onlyRead(fa, g, t, start, i, access)) {
                return false;
            }
        }
        return stored;
    }

    /** The value stored at token {@code from} ({@code field = value;}) is NULL or a container nobody else holds. */
    private static boolean storesPrivate(FileAnalysis fa, FunctionInfo g, Tokens t, int from) {
        if ((t.is(from, "NULL") || t.is(from, "0") || t.is(from, "nullptr")) && t.is(from + 1, ";")) {
            return true;
        }
        int end = from;
        while (end < g.bodyClose() && !t.is(end, ";")) {
            end++;
        }
        String value = Expressions.normalize(t.compact(from, end - 1));
        ContainerOrigin origins = new ContainerOrigin(fa, g);
        if (Expressions.isIdentifier(value)) {
            return origins.classify(value, from).kind().isPrivate();
        }
        return origins.createdBy(value) != null;
    }

    /**
     * True when the access {@code access} (tokens {@code start..end}) only reads the container: as the first
     * argument of a reader, a filler while the container is still private, a test, a read through it, or a copy
     * into a local whose own uses only read.
     */
    private static boolean onlyRead(FileAnalysis fa, FunctionInfo g, Tokens t, int start, int end, String access) {
        int before = skipCast(t, start - 1);
        int after = end + 1;
        if (before != start - 1 && isOtherObjectType(fa, t.compact(t.match(start - 1) + 1, start - 2))) {
            return true; // the field holds another kind of object here (an item type, a parent), not a container
        }
        if (t.is(after, "->") || t.is(after, ".") || t.is(after, "[")) {
            return true; // reads a member of what the field points at
        }
        if (BorrowedResultUse.onlyTested(t, before, after)) {
            return true;
        }
        if ((t.is(before, "(") || t.is(before, ",")) && (t.is(after, ")") || t.is(after, ","))) {
            CallSite call = CallFinder.innermost(g.calls(), start);
            if (call == null || call.args().isEmpty() || !call.argNorm(0).equals(access)) {
                return false; // passed on as a later argument, or to something we cannot name
            }
            if (READERS.contains(call.name())) {
                return true;
            }
            // filling is fine while nobody else can see the container: it is new, or the module is being built
            return FILLERS.contains(call.name()) && (fa.runsAtInit(g, call.nameToken())
                    || new ContainerOrigin(fa, g).classify(access, call.nameToken()).kind().isPrivate());
        }
        if (t.is(before, "=") && t.isIdent(before - 1) && t.is(after, ";")
                && g.locals().containsKey(t.text(before - 1))) {
            return aliasOnlyReads(fa, g, t, t.text(before - 1), after);
        }
        return false;
    }

    private static final Set<String> CONTAINER_TYPES = Set.of("PyObject", "PyVarObject", "PyDictObject",
            "PyListObject", "PyTupleObject", "PySetObject");

    private static boolean isOtherObjectType(FileAnalysis fa, String type) {
        String base = TypeText.baseName(type);
        return base != null && fa.isObjectType(type) && !CONTAINER_TYPES.contains(base);
    }

    /** Every later use of the local {@code alias} in {@code g} (until it is assigned again) only reads. */
    private static boolean aliasOnlyReads(FileAnalysis fa, FunctionInfo g, Tokens t, String alias, int from) {
        for (int i = from; i < g.bodyClose(); i++) {
            if (!t.is(i, alias) || t.is(i - 1, "->") || t.is(i - 1, ".")) {
                continue;
            }
            if (t.is(i + 1, "=")) {
                return true;
            }
            if (!onlyRead(fa, g, t, i, i, alias) || t.is(skipCast(t, i - 1), "=")) {
                return false;
            }
        }
        return true;
    }

    /** The first token of the member access ending with the field at {@code field}: {@code a->b.c}, {@code f(x)->c}. */
    private static int accessStart(Tokens t, int field) {
        int j = field - 2;
        while (j >= 0) {
            if (t.is(j, ")") || t.is(j, "]")) {
                int open = t.match(j);
                if (open < 0 || open > j) {
                    return -1;
                }
                j = open;
                if (t.is(j, "[") || t.isIdent(j - 1) && t.is(j, "(")) {
                    j--; // an index or a call: keep its base
                    if (t.is(j + 1, "[")) {
                        continue;
                    }
                }
            } else if (!t.isIdent(j)) {
                return -1;
            }
            if (t.is(j - 1, "->") || t.is(j - 1, ".")) {
                j -= 2;
                continue;
            }
            return j;
        }
        return -1;
    }

    /** Skips a cast {@code (T *)} ending at token {@code i}; returns the token before the expression. */
    private static int skipCast(Tokens t, int i) {
        if (t.is(i, ")") && t.is(i - 1, "*")) {
            int open = t.match(i);
            if (open >= 0 && open < i) {
                return open - 1;
            }
        }
        return i;
    }

    /** True when the identifier at {@code i} is the member argument of {@code offsetof(T, member)}. */
    private static boolean inOffsetof(Tokens t, int i) {
        for (int k = i - 2; k >= 0 && k > i - 12; k--) {
            if (t.is(k, "offsetof") && t.is(k + 1, "(")) {
                return true;
            }
            if (t.is(k, ";") || t.is(k, "{") || t.is(k, "}")) {
                return false;
            }
        }
        return false;
    }
}
