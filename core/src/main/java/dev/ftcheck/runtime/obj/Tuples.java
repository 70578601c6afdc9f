package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;

/**
 * tuple objects: ob_size items inline, from offset 40 (3.13) or 48 (3.14, whose tuples cache their hash at 40,
 * -1 until computed). The empty tuple is an immortal singleton.
 */
public final class Tuples {
    private static long EMPTY;

    private Tuples() {}

    public static synchronized void init() {
        if (EMPTY == 0) {
            EMPTY = Heap.allocVar(Types.TUPLE, TUPLE_ITEMS, 8, 0);
            if (TUPLE_ITEMS != TUPLE_HASH) {
                Mem.putLong(EMPTY + TUPLE_HASH, -1);
            }
            Heap.immortalizeAllocated(EMPTY);
        }
    }

    public static long empty() {
        return EMPTY;
    }

    /** A tuple of n NULL items for the caller to fill. */
    public static long create(long n) {
        if (n == 0) {
            return EMPTY;
        }
        long t = Heap.allocVar(Types.TUPLE, TUPLE_ITEMS, 8, n);
        if (TUPLE_ITEMS != TUPLE_HASH) {
            Mem.putLong(t + TUPLE_HASH, -1);
        }
        return t;
    }

    /** A tuple owning the given (stolen) references. */
    public static long of(long... items) {
        long t = create(items.length);
        for (int i = 0; i < items.length; i++) {
            Mem.putLong(t + TUPLE_ITEMS + 8L * i, items[i]);
        }
        return t;
    }

    public static boolean isTuple(long obj) {
        return (Mem.getLong(Heap.type(obj) + TP_FLAGS) & TPF_TUPLE_SUBCLASS) != 0;
    }

    public static long size(long t) {
        return Heap.size(t);
    }

    /** Borrowed item. */
    public static long get(long t, long i) {
        return Mem.getLong(t + TUPLE_ITEMS + 8 * i);
    }

    public static void set(long t, long i, long item) {
        Mem.putLong(t + TUPLE_ITEMS + 8 * i, item);
    }

    public static void dealloc(long t) {
        long n = size(t);
        for (long i = 0; i < n; i++) {
            long it = get(t, i);
            if (it != 0) {
                Native.decref(it);
            }
        }
    }
}
