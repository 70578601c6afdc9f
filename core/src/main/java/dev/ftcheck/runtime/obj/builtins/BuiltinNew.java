package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;

/**
 * The C tp_new and tp_init of list and dict. Calling the types themselves still constructs in Java
 * ({@link Constructors}); these entries are what a subclass defined in C reaches ({@code PyList_Type.tp_new(t, a, k)}
 * in Cython's {@code cdef class C(list)}), so its instances are real lists and dicts.
 */
final class BuiltinNew {
    private BuiltinNew() {}

    static void install() {
        Mem.putLong(Types.LIST + TP_NEW, NativeSlots.stub(BuiltinNew.class, "listNew"));
        Mem.putLong(Types.LIST + TP_INIT, NativeSlots.stub(BuiltinNew.class, "listInit"));
        Mem.putLong(Types.DICT + TP_NEW, NativeSlots.stub(BuiltinNew.class, "dictNew"));
        Mem.putLong(Types.DICT + TP_INIT, NativeSlots.stub(BuiltinNew.class, "dictInit"));
    }

    /** The (borrowed) items of an args tuple; NULL args is no arguments. */
    private static long[] items(long args) {
        long n = args == 0 ? 0 : Tuples.size(args);
        long[] a = new long[(int) n];
        for (int i = 0; i < n; i++) {
            a[i] = Tuples.get(args, i);
        }
        return a;
    }

    /** An empty instance of type through its tp_alloc (zeroed: no items, nothing allocated). */
    private static long alloc(long type) {
        long tpAlloc = Mem.getLong(type + TP_ALLOC);
        long o = tpAlloc == 0 ? ObjectApi.PyType_GenericAlloc(type, 0)
                : Calls.checkResult(Downcalls.call2(tpAlloc, type, 0), "tp_alloc");
        return o;
    }

    private static long listNew(long type, long args, long kwds) {
        try {
            return alloc(type);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "list.__new__");
            return 0;
        }
    }

    private static int listInit(long self, long args, long kwds) {
        try {
            long[] a = items(args);
            // list's keyword check applies only to list itself, as in CPython (a subclass may take keywords)
            if (Mem.getLong(self + OB_TYPE) == Types.LIST) {
                Args.noKeywords("list", kwds);
            }
            if (a.length > 1) {
                throw PyRaise.typeError("list expected at most 1 argument, got %d", a.length);
            }
            Lists.setSlice(self, 0, Lists.size(self), a.length == 0 ? null : Iteration.toArray(a[0]));
            return 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "list.__init__");
            return -1;
        }
    }

    private static long dictNew(long type, long args, long kwds) {
        try {
            long d = alloc(type);
            Dicts.initStorage(d, Types.of(type).name() + "()");
            return d;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "dict.__new__");
            return 0;
        }
    }

    private static int dictInit(long self, long args, long kwds) {
        try {
            long[] a = items(args);
            if (a.length > 1) {
                throw PyRaise.typeError("dict expected at most 1 argument, got %d", a.length);
            }
            long update = Attributes.lookupInType(Types.DICT, "update");
            long[] call = a.length > 0 ? new long[] {self, a[0]} : new long[] {self};
            Native.decref(Calls.call(update, call, kwds != 0 && Dicts.size(kwds) > 0 ? kwds : 0));
            return 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "dict.__init__");
            return -1;
        }
    }
}
