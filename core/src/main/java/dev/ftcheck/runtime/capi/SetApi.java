package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Sets;
import dev.ftcheck.runtime.obj.Types;

/** setobject.h: set and frozenset. */
public final class SetApi {
    private SetApi() {}

    // ---- set / frozenset ----

    private static long set(long s) {
        if (s == 0 || !Sets.isAnySet(s)) {
            throw PyRaise.badInternalCall();
        }
        return s;
    }

    private static long fill(long s, long iterable) {
        if (iterable != 0) {
            long[] items = Iteration.toArray(iterable);
            try {
                for (long it : items) {
                    Sets.add(s, it);
                }
            } finally {
                for (long it : items) {
                    Native.decref(it);
                }
            }
        }
        return s;
    }

    @CApi
    public static long PySet_New(long iterable) {
        return fill(Sets.create(Types.SET), iterable);
    }

    @CApi
    public static long PyFrozenSet_New(long iterable) {
        return fill(Sets.create(Types.FROZENSET), iterable);
    }

    @CApi
    public static int PySet_Add(long s, long key) {
        set(s);
        if (Types.isInstance(s, Types.FROZENSET) && Heap.refcnt(s) != 1) {
            throw PyRaise.badInternalCall();
        }
        Protocols.hash(key);
        Sets.add(s, key);
        return 0;
    }

    @CApi
    public static int PySet_Discard(long s, long key) {
        if (s == 0 || !Types.isInstance(s, Types.SET)) {
            throw PyRaise.badInternalCall();
        }
        return Sets.discard(s, key) ? 1 : 0;
    }

    @CApi
    public static int PySet_Contains(long s, long key) {
        return Sets.contains(set(s), key) ? 1 : 0;
    }

    @CApi
    public static long PySet_Pop(long s) {
        long v = Sets.pop(set(s));
        if (v == 0) {
            throw new PyRaise(Exceptions.KeyError, "pop from an empty set");
        }
        return v;
    }

    @CApi
    public static int PySet_Clear(long s) {
        Sets.clear(set(s));
        return 0;
    }

    @CApi
    public static long PySet_Size(long s) {
        return Sets.size(set(s));
    }
}
