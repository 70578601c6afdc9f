package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;

/** The rest of the sequence and mapping protocols, tuple resizing, recursion guards and imports. */
public final class SequenceApi {
    private static final int RECURSION_LIMIT = 10_000; // CPython 3.13's C recursion limit on Linux x86-64
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private SequenceApi() {}

    private static long norm(long i, long n) {
        return i < 0 ? i + n : i;
    }

    @CApi
    public static long PySequence_GetSlice(long o, long i1, long i2) {
        TypeKind k = Types.kindOf(o);
        if (k == TypeKind.LIST) {
            long n = Lists.size(o);
            return ListApi.PyList_GetSlice(o, Math.max(0, norm(i1, n)), Math.max(0, norm(i2, n)));
        }
        if (k == TypeKind.TUPLE || (Tuples.isTuple(o) && mpSubscript(o) == 0)) { // a subclass slices to a tuple
            long n = Tuples.size(o);
            return ListApi.PyTuple_GetSlice(o, Math.max(0, norm(i1, n)), Math.max(0, norm(i2, n)));
        }
        if (k == TypeKind.STR) {
            long n = Strs.length(o);
            return UnicodeApi.PyUnicode_Substring(o, Math.max(0, norm(i1, n)), Math.max(0, norm(i2, n)));
        }
        throw PyRaise.typeError("'%s' object is unsliceable", Types.name(o));
    }

    @CApi
    public static int PySequence_SetItem(long o, long i, long v) {
        if (Types.kindOf(o) == TypeKind.LIST) {
            long n = Lists.size(o);
            Lists.set(o, norm(i, n), Heap.newRef(v));
            return 0;
        }
        long assItem = sqAssItem(o);
        if (assItem != 0) {
            if (dev.ftcheck.runtime.nat.Downcalls.int3(assItem, o, i, v) < 0) {
                throw dev.ftcheck.runtime.obj.ErrorAlreadySet.INSTANCE;
            }
            return 0;
        }
        throw PyRaise.typeError("'%s' object does not support item assignment", Types.name(o));
    }

    /** The type's mp_subscript, 0 if none. */
    private static long mpSubscript(long o) {
        long mp = dev.ftcheck.runtime.nat.Mem.getLong(dev.ftcheck.runtime.obj.Heap.type(o)
                + dev.ftcheck.runtime.obj.Layout.TP_AS_MAPPING);
        return mp == 0 ? 0 : dev.ftcheck.runtime.nat.Mem.getLong(mp + dev.ftcheck.runtime.obj.Layout.MP_SUBSCRIPT);
    }

    /** The type's sq_ass_item, 0 if none. */
    private static long sqAssItem(long o) {
        long sq = dev.ftcheck.runtime.nat.Mem.getLong(dev.ftcheck.runtime.obj.Heap.type(o)
                + dev.ftcheck.runtime.obj.Layout.TP_AS_SEQUENCE);
        return sq == 0 ? 0 : dev.ftcheck.runtime.nat.Mem.getLong(sq + 40);
    }

    @CApi
    public static int PySequence_DelItem(long o, long i) {
        if (Types.kindOf(o) == TypeKind.LIST) {
            long n = Lists.size(o);
            long j = norm(i, n);
            if (j < 0 || j >= n) {
                throw PyRaise.indexError("list assignment index out of range");
            }
            Lists.setSlice(o, j, j + 1, null);
            return 0;
        }
        long assItem = sqAssItem(o);
        if (assItem != 0) {
            if (dev.ftcheck.runtime.nat.Downcalls.int3(assItem, o, i, 0) < 0) {
                throw dev.ftcheck.runtime.obj.ErrorAlreadySet.INSTANCE;
            }
            return 0;
        }
        throw PyRaise.typeError("'%s' object doesn't support item deletion", Types.name(o));
    }

    @CApi
    public static int PySequence_SetSlice(long o, long i1, long i2, long v) {
        if (Types.kindOf(o) != TypeKind.LIST) {
            throw PyRaise.typeError("'%s' object doesn't support slice assignment", Types.name(o));
        }
        long n = Lists.size(o);
        Lists.setSlice(o, Math.max(0, norm(i1, n)), Math.max(0, norm(i2, n)), v == 0 ? null : Iteration.toArray(v));
        return 0;
    }

    @CApi
    public static int PySequence_DelSlice(long o, long i1, long i2) {
        return PySequence_SetSlice(o, i1, i2, 0);
    }

    private static long[] items(long o) {
        return Iteration.toArray(o);
    }

    @CApi
    public static long PySequence_Count(long o, long value) {
        long[] it = items(o);
        try {
            long c = 0;
            for (long x : it) {
                if (Protocols.equal(x, value)) {
                    c++;
                }
            }
            return c;
        } finally {
            for (long x : it) {
                Native.decref(x);
            }
        }
    }

    @CApi
    public static long PySequence_Index(long o, long value) {
        long[] it = items(o);
        try {
            for (int i = 0; i < it.length; i++) {
                if (Protocols.equal(it[i], value)) {
                    return i;
                }
            }
            throw PyRaise.valueError("sequence.index(x): x not in sequence");
        } finally {
            for (long x : it) {
                Native.decref(x);
            }
        }
    }

    @CApi
    public static int PySequence_In(long o, long value) {
        return ObjectApi.PySequence_Contains(o, value);
    }

    @CApi
    public static long PySequence_Concat(long a, long b) {
        TypeKind ka = Types.kindOf(a);
        if (ka == TypeKind.BYTES || ka == TypeKind.BYTEARRAY) {
            return NumberProtocolApi.PyNumber_Add(a, b);
        }
        if (ka != Types.kindOf(b) || (ka != TypeKind.LIST && ka != TypeKind.TUPLE && ka != TypeKind.STR)) {
            throw PyRaise.typeError("'%s' object can't be concatenated", Types.name(a));
        }
        return NumberProtocolApi.PyNumber_Add(a, b);
    }

    @CApi
    public static long PySequence_Repeat(long o, long count) {
        long n = Ints.fromLong(count);
        try {
            return NumberProtocolApi.PyNumber_Multiply(o, n);
        } finally {
            Native.decref(n);
        }
    }

    @CApi
    public static long PySequence_InPlaceConcat(long a, long b) {
        return NumberProtocolApi.PyNumber_InPlaceAdd(a, b);
    }

    @CApi
    public static long PyMapping_Length(long o) {
        return Protocols.length(o);
    }

    @CApi
    public static long PyMapping_Keys(long o) {
        if (Dicts.isDict(o)) {
            return DictApi.PyDict_Keys(o);
        }
        return callToList(o, "keys");
    }

    @CApi
    public static long PyMapping_Values(long o) {
        if (Dicts.isDict(o)) {
            return DictApi.PyDict_Values(o);
        }
        return callToList(o, "values");
    }

    @CApi
    public static long PyMapping_Items(long o) {
        if (Dicts.isDict(o)) {
            return DictApi.PyDict_Items(o);
        }
        return callToList(o, "items");
    }

    private static long callToList(long o, String method) {
        long r = dev.ftcheck.runtime.obj.Calls.callMethod(o, method, new long[0], 0);
        try {
            return ObjectApi.PySequence_List(r);
        } finally {
            Native.decref(r);
        }
    }

    @CApi
    public static long PyMapping_GetItemString(long o, long key) {
        long k = Strs.fromUtf8(Mem.bytes(key, Mem.strlen(key)));
        try {
            return ObjectApi.PyObject_GetItem(o, k);
        } finally {
            Native.decref(k);
        }
    }

    @CApi
    public static int PyMapping_SetItemString(long o, long key, long value) {
        long k = Strs.fromUtf8(Mem.bytes(key, Mem.strlen(key)));
        try {
            return ObjectApi.PyObject_SetItem(o, k, value);
        } finally {
            Native.decref(k);
        }
    }

    @CApi
    public static int PyMapping_GetOptionalItem(long o, long key, long result) {
        Mem.putLong(result, 0);
        if (Dicts.isDict(o)) {
            long v = Dicts.getRef(o, key);
            Mem.putLong(result, v);
            return v != 0 ? 1 : 0;
        }
        return Errors.optionalLookup(result, Exceptions.KeyError, () -> ObjectApi.PyObject_GetItem(o, key));
    }

    @CApi
    public static int PyMapping_GetOptionalItemString(long o, long key, long result) {
        Mem.putLong(result, 0);
        long k = Strs.fromUtf8(Mem.bytes(key, Mem.strlen(key)));
        try {
            return PyMapping_GetOptionalItem(o, k, result);
        } finally {
            Native.decref(k);
        }
    }

    @CApi
    public static int PyMapping_HasKeyWithError(long o, long key) {
        return Errors.presenceOf(slot -> PyMapping_GetOptionalItem(o, key, slot));
    }

    @CApi
    public static int PyMapping_HasKeyStringWithError(long o, long key) {
        long k = Strs.fromUtf8(Mem.bytes(key, Mem.strlen(key)));
        try {
            return PyMapping_HasKeyWithError(o, k);
        } finally {
            Native.decref(k);
        }
    }

    @CApi
    public static int PyMapping_HasKey(long o, long key) {
        return Errors.zeroOnError(() -> PyMapping_HasKeyWithError(o, key));
    }

    @CApi
    public static int PyMapping_HasKeyString(long o, long key) {
        return Errors.zeroOnError(() -> PyMapping_HasKeyStringWithError(o, key));
    }

    @CApi
    public static int PyObject_DelItemString(long o, long key) {
        long k = Strs.fromUtf8(Mem.bytes(key, Mem.strlen(key)));
        try {
            return ObjectApi.PyObject_DelItem(o, k);
        } finally {
            Native.decref(k);
        }
    }

    /** Resizes a tuple nobody else references yet (the only legal use), replacing *p. */
    @CApi
    public static int _PyTuple_Resize(long p, long newsize) {
        long old = Mem.getLong(p);
        if (old == 0 || !Tuples.isTuple(old) || newsize < 0 || (Heap.refcnt(old) != 1 && old != Tuples.empty())) {
            Mem.putLong(p, 0);
            Native.xdecref(old);
            throw PyRaise.badInternalCall();
        }
        long n = Tuples.size(old);
        long fresh = Tuples.create(newsize);
        for (long i = 0; i < Math.min(n, newsize); i++) {
            Tuples.set(fresh, i, Tuples.get(old, i));
            Tuples.set(old, i, 0); // moved, not copied
        }
        Mem.putLong(p, fresh);
        Native.decref(old);
        return 0;
    }

    @CApi
    public static int Py_EnterRecursiveCall(long where) {
        int[] d = DEPTH.get();
        if (++d[0] > RECURSION_LIMIT) {
            d[0]--;
            throw new PyRaise(Exceptions.byName("RecursionError"),
                    "maximum recursion depth exceeded" + (where == 0 ? "" : Mem.cString(where)));
        }
        return 0;
    }

    @CApi
    public static void Py_LeaveRecursiveCall() {
        int[] d = DEPTH.get();
        if (d[0] > 0) {
            d[0]--;
        }
    }

    /** Imports find modules already in sys.modules and the runtime's stand-in modules: there is no Python importer. */
    @CApi
    public static long PyImport_ImportModule(long name) {
        long key = Strs.fromUtf8(Mem.bytes(name, Mem.strlen(name)));
        try {
            return PyImport_Import(key);
        } finally {
            Native.decref(key);
        }
    }

    @CApi
    public static long PyImport_Import(long name) {
        long m = Dicts.getRef(ModuleApi.PyImport_GetModuleDict(), name);
        if (m != 0) {
            return m;
        }
        m = Strs.isStr(name) ? dev.ftcheck.runtime.stdlib.StandInModules.load(Strs.value(name)) : 0;
        if (m != 0) {
            return m;
        }
        throw new PyRaise(Exceptions.byName("ModuleNotFoundError"), "No module named " + dev.ftcheck.runtime.obj.Repr.repr(name)
                + " (the ftcheck runtime has no Python importer; only extension modules it loaded are importable)");
    }

    @CApi
    public static long PyImport_GetModule(long name) {
        return Dicts.getRef(ModuleApi.PyImport_GetModuleDict(), name);
    }
}
