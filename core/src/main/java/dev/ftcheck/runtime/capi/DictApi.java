package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.checked.BorrowedResults;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;

/** dictobject.h: dicts, with the 3.13 strong-reference variants' exact return conventions. */
public final class DictApi {
    private DictApi() {}

    static long dict(long d) {
        if (d == 0 || !Dicts.isDict(d)) {
            throw PyRaise.badInternalCall();
        }
        return d;
    }

    /** A str key from a C string, decoded strictly as UTF-8 (UnicodeDecodeError otherwise), as CPython does. */
    private static long key(long k) {
        return Strs.fromUtf8(Mem.bytes(k, Mem.strlen(k)));
    }

    @CApi
    public static long PyDict_New() {
        return Dicts.create("PyDict_New");
    }

    @CApi
    public static long PyDict_GetItem(long d, long key) {
        if (d == 0 || !Dicts.isDict(d)) {
            return 0;
        }
        try {
            return BorrowedResults.noted(Dicts.getBorrowed(d, key), BorrowedResults.Api.DICT_GET_ITEM);
        } catch (RuntimeException e) {
            Errors.clear(); // PyDict_GetItem suppresses errors (historical behaviour)
            return 0;
        }
    }

    @CApi
    public static long PyDict_GetItemWithError(long d, long key) {
        return BorrowedResults.noted(Dicts.getBorrowed(dict(d), key), BorrowedResults.Api.DICT_GET_ITEM_WITH_ERROR);
    }

    /** The lookup with a precomputed hash; the runtime's dicts hash keys themselves, so the hash is not needed. */
    @CApi
    public static long _PyDict_GetItem_KnownHash(long d, long key, long hash) {
        return PyDict_GetItemWithError(d, key);
    }

    /** A dict expected to hold {@code minused} items; the runtime's dicts grow as needed, so this is PyDict_New. */
    @CApi
    public static long _PyDict_NewPresized(long minused) {
        return Dicts.create("_PyDict_NewPresized");
    }

    @CApi
    public static long PyDict_GetItemString(long d, long k) {
        long ks = key(k);
        try {
            return BorrowedResults.noted(PyDict_GetItem(d, ks), BorrowedResults.Api.DICT_GET_ITEM_STRING);
        } finally {
            Native.decref(ks);
        }
    }

    @CApi
    public static int PyDict_GetItemRef(long d, long key, long result) {
        Mem.putLong(result, 0);
        if (d == 0 || !Dicts.isDict(d)) {
            throw PyRaise.systemError("bad argument to internal function");
        }
        long v = Dicts.getRef(d, key);
        Mem.putLong(result, v);
        return v != 0 ? 1 : 0;
    }

    @CApi
    public static int PyDict_GetItemStringRef(long d, long k, long result) {
        Mem.putLong(result, 0);
        long ks = key(k);
        try {
            return PyDict_GetItemRef(d, ks, result);
        } finally {
            Native.decref(ks);
        }
    }

    @CApi
    public static int PyDict_SetItem(long d, long key, long item) {
        if (key == 0 || item == 0) {
            throw PyRaise.badInternalCall();
        }
        Dicts.set(dict(d), key, item);
        return 0;
    }

    @CApi
    public static int PyDict_SetItemString(long d, long k, long item) {
        long ks = key(k);
        try {
            return PyDict_SetItem(d, ks, item);
        } finally {
            Native.decref(ks);
        }
    }

    @CApi
    public static int PyDict_DelItem(long d, long key) {
        long v = Dicts.pop(dict(d), key);
        if (v == 0) {
            throw new PyRaise(Exceptions.KeyError, Repr.repr(key));
        }
        Native.decref(v);
        return 0;
    }

    @CApi
    public static int PyDict_DelItemString(long d, long k) {
        long ks = key(k);
        try {
            return PyDict_DelItem(d, ks);
        } finally {
            Native.decref(ks);
        }
    }

    @CApi
    public static long PyDict_SetDefault(long d, long key, long dflt) {
        long[] r = Dicts.setDefault(dict(d), key, dflt);
        Native.decref(r[1]); // borrowed result
        return BorrowedResults.noted(r[1], BorrowedResults.Api.DICT_SET_DEFAULT);
    }

    @CApi
    public static int PyDict_SetDefaultRef(long d, long key, long dflt, long result) {
        if (d == 0 || !Dicts.isDict(d)) {
            if (result != 0) {
                Mem.putLong(result, 0);
            }
            throw PyRaise.badInternalCall();
        }
        if (result != 0) {
            Mem.putLong(result, 0);
        }
        long[] r = Dicts.setDefault(d, key, dflt);
        if (result != 0) {
            Mem.putLong(result, r[1]);
        } else {
            Native.decref(r[1]);
        }
        return (int) r[0];
    }

    @CApi
    public static int PyDict_Pop(long d, long key, long result) {
        if (result != 0) {
            Mem.putLong(result, 0);
        }
        dict(d);
        if (Dicts.size(d) == 0) {
            return 0; // CPython answers "missing" for an empty dict without hashing the key
        }
        long v = Dicts.pop(d, key);
        if (v == 0) {
            return 0;
        }
        if (result != 0) {
            Mem.putLong(result, v);
        } else {
            Native.decref(v);
        }
        return 1;
    }

    @CApi
    public static int PyDict_PopString(long d, long k, long result) {
        if (result != 0) {
            Mem.putLong(result, 0);
        }
        long ks = key(k);
        try {
            return PyDict_Pop(d, ks, result);
        } finally {
            Native.decref(ks);
        }
    }

    @CApi
    public static void PyDict_Clear(long d) {
        if (d != 0 && Dicts.isDict(d)) {
            Dicts.clear(d);
        }
    }

    @CApi
    public static int PyDict_Next(long d, long ppos, long pkey, long pvalue) {
        if (d == 0 || !Dicts.isDict(d)) {
            return 0;
        }
        long pos = Mem.getLong(ppos);
        long[] out = new long[2];
        int i = Dicts.next(d, pos, out);
        if (i < 0) {
            return 0;
        }
        Mem.putLong(ppos, i + 1L);
        if (pkey != 0) {
            Mem.putLong(pkey, out[0]);
        }
        if (pvalue != 0) {
            Mem.putLong(pvalue, out[1]);
        }
        return 1;
    }

    private static long listOf(long d, int which) {
        long[] kv = Dicts.items(dict(d));
        long l = Lists.create(kv.length / 2);
        for (int i = 0; i < kv.length; i += 2) {
            long item = switch (which) {
                case 0 -> kv[i];
                case 1 -> kv[i + 1];
                default -> Tuples.of(kv[i], kv[i + 1]);
            };
            if (which == 0) {
                Native.decref(kv[i + 1]);
            } else if (which == 1) {
                Native.decref(kv[i]);
            }
            Lists.set(l, i / 2, item);
        }
        return l;
    }

    @CApi
    public static long PyDict_Keys(long d) {
        return listOf(d, 0);
    }

    @CApi
    public static long PyDict_Values(long d) {
        return listOf(d, 1);
    }

    @CApi
    public static long PyDict_Items(long d) {
        return listOf(d, 2);
    }

    @CApi
    public static long PyDict_Size(long d) {
        return Dicts.size(dict(d));
    }

    @CApi
    public static long PyDict_Copy(long d) {
        long[] kv = Dicts.items(dict(d));
        long r = Dicts.create("PyDict_Copy");
        for (int i = 0; i < kv.length; i += 2) {
            Dicts.set(r, kv[i], kv[i + 1]);
            Native.decref(kv[i]);
            Native.decref(kv[i + 1]);
        }
        return r;
    }

    @CApi
    public static int PyDict_Contains(long d, long key) {
        long v = Dicts.getRef(dict(d), key);
        Native.xdecref(v);
        return v != 0 ? 1 : 0;
    }

    @CApi
    public static int PyDict_ContainsString(long d, long k) {
        long ks = key(k);
        try {
            return PyDict_Contains(d, ks);
        } finally {
            Native.decref(ks);
        }
    }

    @CApi
    public static int PyDict_Merge(long d, long other, int override) {
        dict(d);
        if (other == 0 || !Dicts.isDict(other)) {
            throw PyRaise.typeError("'%s' object is not a mapping", other == 0 ? "NULL" : Types.name(other));
        }
        long[] kv = Dicts.items(other);
        for (int i = 0; i < kv.length; i += 2) {
            if (override != 0) {
                Dicts.set(d, kv[i], kv[i + 1]);
            } else {
                Native.decref(Dicts.setDefault(d, kv[i], kv[i + 1])[1]);
            }
            Native.decref(kv[i]);
            Native.decref(kv[i + 1]);
        }
        return 0;
    }

    @CApi
    public static int PyDict_Update(long d, long other) {
        return PyDict_Merge(d, other, 1);
    }

    @CApi
    public static int PyDict_MergeFromSeq2(long d, long seq2, int override) {
        dict(d);
        long[] items = Iteration.toArray(seq2);
        try {
            for (long it : items) {
                long[] pair = Iteration.toArray(it);
                try {
                    if (pair.length != 2) {
                        throw PyRaise.valueError("dictionary update sequence element has length %d; 2 is required",
                                pair.length);
                    }
                    if (override != 0) {
                        Dicts.set(d, pair[0], pair[1]);
                    } else {
                        Native.decref(Dicts.setDefault(d, pair[0], pair[1])[1]);
                    }
                } finally {
                    for (long p : pair) {
                        Native.decref(p);
                    }
                }
            }
        } finally {
            for (long it : items) {
                Native.decref(it);
            }
        }
        return 0;
    }
}
