package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.checked.CheckedMode;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import java.util.ArrayList;
import java.util.List;

/**
 * list objects: a PyMem item array at ob_item with capacity in allocated, mutated only inside a critical section
 * on the list. The inline PyList_GET_ITEM reads without locking (as in CPython), so an array replaced by growth is
 * retired rather than freed until the list dies: a racing reader never touches freed memory.
 */
public final class Lists {
    private Lists() {}

    private static final class Retired {
        final List<Long> arrays = new ArrayList<>();
    }

    /** A list of n NULL items (PyList_New). */
    public static long create(long n) {
        long p = Heap.alloc(Types.LIST, LIST_SIZE);
        if (n > 0) {
            long items = Native.memMalloc(8 * n);
            Mem.fill(items, 8 * n, (byte) 0);
            Mem.putLong(p + LIST_ITEMS, items);
        }
        Mem.putLong(p + OB_SIZE, n);
        Mem.putLong(p + LIST_ALLOCATED, n);
        return p;
    }

    /** A list owning the given (stolen) references, like {@link Tuples#of}. */
    public static long of(long... items) {
        long l = create(items.length);
        long data = items(l);
        for (int i = 0; i < items.length; i++) {
            Mem.putLong(data + 8L * i, items[i]);
        }
        return l;
    }

    public static boolean isList(long obj) {
        return (Mem.getLong(Heap.type(obj) + TP_FLAGS) & TPF_LIST_SUBCLASS) != 0;
    }

    public static long size(long p) {
        return Mem.getLongVolatile(p + OB_SIZE);
    }

    private static long items(long p) {
        return Mem.getLong(p + LIST_ITEMS);
    }

    /** Borrowed item without bounds check or lock (caller holds the list's section or owns the list). */
    public static long getUnlocked(long p, long i) {
        return Mem.getLong(items(p) + 8 * i);
    }

    /** Appends a new reference to item (the caller keeps its own). */
    public static void append(long p, long item) {
        Native.incref(item);
        long cs = Locks.enter(p);
        try {
            long n = Mem.getLong(p + OB_SIZE);
            ensureCapacity(p, n + 1);
            Mem.putLong(items(p) + 8 * n, item);
            Mem.putLongVolatile(p + OB_SIZE, n + 1);
        } finally {
            Locks.exit(cs);
        }
    }

    /** Inserts a new reference before index i (clamped like list.insert). */
    public static void insert(long p, long i, long item) {
        Native.incref(item);
        long cs = Locks.enter(p);
        try {
            long n = Mem.getLong(p + OB_SIZE);
            if (i < 0) {
                i = Math.max(0, i + n);
            }
            i = Math.min(i, n);
            ensureCapacity(p, n + 1);
            long it = items(p);
            Mem.copy(it + 8 * i, it + 8 * (i + 1), 8 * (n - i));
            Mem.putLong(it + 8 * i, item);
            Mem.putLongVolatile(p + OB_SIZE, n + 1);
        } finally {
            Locks.exit(cs);
        }
    }

    private static void ensureCapacity(long p, long needed) {
        long alloc = Mem.getLong(p + LIST_ALLOCATED);
        if (needed <= alloc) {
            return;
        }
        long cap = needed + (needed >> 1) + 8;
        long old = items(p);
        long fresh = Native.memMalloc(8 * cap);
        long n = Mem.getLong(p + OB_SIZE);
        if (old != 0) {
            Mem.copy(old, fresh, 8 * n);
        }
        Mem.fill(fresh + 8 * n, 8 * (cap - n), (byte) 0);
        Mem.putLongVolatile(p + LIST_ITEMS, fresh);
        Mem.putLong(p + LIST_ALLOCATED, cap);
        if (old != 0) {
            Retired r = Heap.state(p);
            if (r == null) {
                r = new Retired();
                Heap.putState(p, r);
            }
            r.arrays.add(old);
        }
    }

    /** New reference to item i, IndexError when out of range (no negative indices): PyList_GetItemRef. */
    public static long getRef(long p, long i) {
        long cs = Locks.enter(p);
        try {
            long n = Mem.getLong(p + OB_SIZE);
            if (i < 0 || i >= n) {
                throw PyRaise.indexError("list index out of range");
            }
            long it = getUnlocked(p, i);
            Native.incref(it);
            return it;
        } finally {
            Locks.exit(cs);
        }
    }

    /** Borrowed item (PyList_GetItem). */
    public static long getBorrowed(long p, long i) {
        long n = size(p);
        if (i < 0 || i >= n) {
            throw PyRaise.indexError("list index out of range");
        }
        return getUnlocked(p, i);
    }

    private static final CheckedMode.DropNote REPLACED = new CheckedMode.DropNote("replaced it in a list");
    private static final CheckedMode.DropNote REMOVED = new CheckedMode.DropNote("removed it from a list");

    /** Stores a stolen reference at i, releasing the old item (PyList_SetItem). */
    public static void set(long p, long i, long item) {
        long old;
        long cs = Locks.enter(p);
        try {
            long n = Mem.getLong(p + OB_SIZE);
            if (i < 0 || i >= n) {
                Native.xdecref(item);
                throw PyRaise.indexError("list assignment index out of range");
            }
            old = getUnlocked(p, i);
            Mem.putLong(items(p) + 8 * i, item);
        } finally {
            Locks.exit(cs);
        }
        CheckedMode.releaseDropped(old, REPLACED);
    }

    /** A snapshot of the items as new references (for iteration, conversion, tuple()). */
    public static long[] snapshot(long p) {
        long cs = Locks.enter(p);
        try {
            int n = (int) Mem.getLong(p + OB_SIZE);
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                r[i] = getUnlocked(p, i);
                Native.incref(r[i]);
            }
            return r;
        } finally {
            Locks.exit(cs);
        }
    }

    /** Replaces items [lo, hi) with the given new references (PyList_SetSlice; items == null deletes). */
    public static void setSlice(long p, long lo, long hi, long[] items) {
        long[] removed;
        long cs = Locks.enter(p);
        try {
            long n = Mem.getLong(p + OB_SIZE);
            lo = Math.max(0, Math.min(lo < 0 ? lo + n : lo, n));
            hi = Math.max(lo, Math.min(hi < 0 ? hi + n : hi, n));
            int k = items == null ? 0 : items.length;
            removed = new long[(int) (hi - lo)];
            for (long i = lo; i < hi; i++) {
                removed[(int) (i - lo)] = getUnlocked(p, i);
            }
            long newSize = n - (hi - lo) + k;
            ensureCapacity(p, newSize);
            long it = items(p);
            Mem.copy(it + 8 * hi, it + 8 * (lo + k), 8 * (n - hi));
            for (int j = 0; j < k; j++) {
                Mem.putLong(it + 8 * (lo + j), items[j]);
            }
            Mem.putLongVolatile(p + OB_SIZE, newSize);
        } finally {
            Locks.exit(cs);
        }
        for (long r : removed) {
            CheckedMode.releaseDropped(r, items == null ? REMOVED : REPLACED);
        }
    }

    public static void dealloc(long p) {
        long n = Mem.getLong(p + OB_SIZE);
        long it = items(p);
        for (long i = 0; i < n; i++) {
            Native.xdecref(Mem.getLong(it + 8 * i));
        }
        if (it != 0) {
            Native.memFree(it);
        }
        Retired r = (Retired) Heap.removeState(p);
        if (r != null) {
            for (long a : r.arrays) {
                Native.memFree(a);
            }
        }
    }
}
