package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.util.Set;

/**
 * {@code copy}: copy and deepcopy with CPython's protocol order (atomic types as they are, the built-in
 * containers by their own copy, then {@code __copy__}/{@code __deepcopy__(memo)}, then {@code __reduce_ex__(4)}
 * and the reconstruction copy.py does from it), and the {@code Error} exception.
 */
final class CopyModule {
    private CopyModule() {}

    /** copy.Error, kept alive by the module (and sys.modules) once made. */
    private static volatile long error;

    /** Types whose instances copy and deepcopy return unchanged (copy.py's atomic dispatch). */
    private static final Set<String> ATOMIC_NAMES = Set.of("complex", "range", "builtin_function_or_method",
            "function", "property", "code", "weakref.ReferenceType", "types.EllipsisType", "types.NotImplementedType");

    static long create() {
        long m = Modules.create("copy");
        error = dev.ftcheck.runtime.obj.Exceptions.newModuleClass("copy.Error",
                dev.ftcheck.runtime.obj.Exceptions.Exception);
        Modules.setAttr(m, "Error", error);
        BuiltinTable t = new BuiltinTable();
        t.method("copy", (self, args, kw) -> shallow(Args.clinic("copy", args, kw, 1, "x")[0]));
        t.method("deepcopy", (self, args, kw) -> {
            long[] a = Args.clinic("deepcopy", args, kw, 1, "x", "memo", "_nil");
            long memo = a[1] == 0 || Args.isNone(a[1]) ? Dicts.create("copy.deepcopy memo") : Heap.newRef(a[1]);
            try {
                return deep(a[0], memo);
            } finally {
                Native.decref(memo);
            }
        });
        t.installFunctions(m);
        return m;
    }

    private static boolean atomic(long x) {
        long t = Heap.type(x);
        return t == Types.NONE_TYPE || t == Types.INT || t == Types.FLOAT || t == Types.BOOL || t == Types.STR
                || t == Types.BYTES || t == Types.FROZENSET || t == Types.SLICE || t == Types.CFUNCTION
                || Types.isSubtype(t, Types.TYPE)
                || ATOMIC_NAMES.contains(Types.typeOf(x).fullName());
    }

    static long shallow(long x) {
        long t = Heap.type(x);
        if (atomic(x) || t == Types.TUPLE) {
            return Heap.newRef(x);
        }
        if (t == Types.LIST || t == Types.DICT || t == Types.SET || t == Types.BYTEARRAY) {
            return Calls.callMethod(x, "copy", new long[0], 0);
        }
        long hook = Lookups.optionalAttr(t, "__copy__");
        if (hook != 0) {
            try {
                return Calls.call(hook, new long[] {x}, 0);
            } finally {
                Native.decref(hook);
            }
        }
        return fromReduce(x, 0);
    }

    static long deep(long x, long memo) {
        long id = Ints.fromLong(x);
        try {
            long seen = Dicts.getRef(memo, id);
            if (seen != 0) {
                return seen;
            }
            long y = deepUnmemoized(x, memo);
            if (y != x) {
                Dicts.set(memo, id, y);
            }
            return y;
        } finally {
            Native.decref(id);
        }
    }

    private static long deepUnmemoized(long x, long memo) {
        long t = Heap.type(x);
        if (atomic(x)) {
            return Heap.newRef(x);
        }
        if (t == Types.LIST) {
            long y = Lists.create(0);
            remember(memo, x, y);
            for (long item : Lists.snapshot(x)) {
                try {
                    long c = deep(item, memo);
                    Lists.append(y, c);
                    Native.decref(c);
                } finally {
                    Native.decref(item);
                }
            }
            return y;
        }
        if (t == Types.TUPLE) {
            long n = Tuples.size(x);
            long[] items = new long[(int) n];
            boolean same = true;
            for (int i = 0; i < n; i++) {
                items[i] = deep(Tuples.get(x, i), memo);
                same &= items[i] == Tuples.get(x, i);
            }
            if (same) {
                for (long item : items) {
                    Native.decref(item);
                }
                return Heap.newRef(x);
            }
            return Tuples.of(items);
        }
        if (t == Types.DICT) {
            long y = Dicts.create("copy.deepcopy");
            remember(memo, x, y);
            long[] kv = Dicts.items(x);
            try {
                for (int i = 0; i < kv.length; i += 2) {
                    long k = deep(kv[i], memo);
                    long v = deep(kv[i + 1], memo);
                    Dicts.set(y, k, v);
                    Native.decref(k);
                    Native.decref(v);
                }
            } finally {
                for (long o : kv) {
                    Native.decref(o);
                }
            }
            return y;
        }
        long hook = Lookups.optionalAttr(x, "__deepcopy__");
        if (hook != 0) {
            try {
                return Calls.call(hook, new long[] {memo}, 0);
            } finally {
                Native.decref(hook);
            }
        }
        return fromReduce(x, memo);
    }

    /** Enters y as x's copy before its items are copied, so a cycle back to x finds it. */
    private static void remember(long memo, long x, long y) {
        long id = Ints.fromLong(x);
        Dicts.set(memo, id, y);
        Native.decref(id);
    }

    /** The copy made from x.__reduce_ex__(4); memo 0 means shallow. */
    private static long fromReduce(long x, long memo) {
        long four = Ints.fromLong(4);
        long rv;
        try {
            rv = Calls.callMethod(x, "__reduce_ex__", new long[] {four}, 0);
        } finally {
            Native.decref(four);
        }
        try {
            if (Strs.isStr(rv)) {
                return Heap.newRef(x);
            }
            if (!Tuples.isTuple(rv) || Tuples.size(rv) < 2) {
                throw new PyRaise(error, "un(" + (memo == 0 ? "shallow" : "deep")
                        + ")copyable object of type " + Types.typeOf(x).fullName());
            }
            return reconstruct(x, rv, memo);
        } finally {
            Native.decref(rv);
        }
    }

    private static long item(long rv, int i) {
        return Tuples.size(rv) > i && !Args.isNone(Tuples.get(rv, i)) ? Tuples.get(rv, i) : 0;
    }

    private static long reconstruct(long x, long rv, long memo) {
        long callable = Tuples.get(rv, 0);
        long args = memo == 0 ? Heap.newRef(Tuples.get(rv, 1)) : deep(Tuples.get(rv, 1), memo);
        long y;
        try {
            y = AbstractApi.PyObject_CallObject(callable, args);
        } finally {
            Native.decref(args);
        }
        try {
            if (memo != 0) {
                remember(memo, x, y);
            }
            long state = item(rv, 2);
            if (state != 0) {
                long s = memo == 0 ? Heap.newRef(state) : deep(state, memo);
                try {
                    setState(y, s);
                } finally {
                    Native.decref(s);
                }
            }
            long listItems = item(rv, 3);
            if (listItems != 0) {
                for (long v : Iteration.toArray(listItems)) {
                    try {
                        long c = memo == 0 ? Heap.newRef(v) : deep(v, memo);
                        try {
                            Native.decref(Calls.callMethod(y, "append", new long[] {c}, 0));
                        } finally {
                            Native.decref(c);
                        }
                    } finally {
                        Native.decref(v);
                    }
                }
            }
            long dictItems = item(rv, 4);
            if (dictItems != 0) {
                for (long pair : Iteration.toArray(dictItems)) {
                    try {
                        long k = Tuples.get(pair, 0), v = Tuples.get(pair, 1);
                        long ck = memo == 0 ? Heap.newRef(k) : deep(k, memo);
                        long cv = memo == 0 ? Heap.newRef(v) : deep(v, memo);
                        try {
                            AbstractApi.PyObject_SetItem(y, ck, cv);
                        } finally {
                            Native.decref(ck);
                            Native.decref(cv);
                        }
                    } finally {
                        Native.decref(pair);
                    }
                }
            }
            return y;
        } catch (RuntimeException e) {
            Native.decref(y);
            throw e;
        }
    }

    /** __setstate__(state) when y has it; otherwise state is a dict, or (dict, slot values), set as attributes. */
    private static void setState(long y, long state) {
        long setter = Lookups.optionalAttr(y, "__setstate__");
        if (setter != 0) {
            try {
                Native.decref(Calls.call(setter, new long[] {state}, 0));
            } finally {
                Native.decref(setter);
            }
            return;
        }
        long dictState = state, slotState = 0;
        if (Tuples.isTuple(state) && Tuples.size(state) == 2) {
            dictState = Tuples.get(state, 0);
            slotState = Tuples.get(state, 1);
        }
        if (dictState != 0 && !Args.isNone(dictState)) {
            long dict = ObjectApi.PyObject_GetAttr(y, Strs.intern("__dict__"));
            try {
                Native.decref(Calls.callMethod(dict, "update", new long[] {dictState}, 0));
            } finally {
                Native.decref(dict);
            }
        }
        if (slotState != 0 && !Args.isNone(slotState)) {
            long[] kv = Dicts.items(slotState);
            try {
                for (int i = 0; i < kv.length; i += 2) {
                    ObjectApi.PyObject_SetAttr(y, kv[i], kv[i + 1]);
                }
            } finally {
                for (long o : kv) {
                    Native.decref(o);
                }
            }
        }
    }
}
