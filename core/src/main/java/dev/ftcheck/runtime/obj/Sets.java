package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import java.util.ArrayList;
import java.util.List;

/** set and frozenset: a {@link HashTable} of keys under the set's critical section; used count at offset 40. */
public final class Sets {
    private static final long USED = 40;

    private Sets() {}

    public static long create(long type) {
        long s = Heap.alloc(type, 216);
        Heap.putState(s, new HashTable());
        return s;
    }

    public static boolean isAnySet(long obj) {
        return Types.isInstance(obj, Types.SET) || Types.isInstance(obj, Types.FROZENSET);
    }

    private static HashTable table(long s) {
        HashTable t = Heap.state(s);
        if (t == null) {
            throw PyRaise.systemError("set at 0x%x has no storage", s);
        }
        return t;
    }

    public static long size(long s) {
        return Mem.getLongVolatile(s + USED);
    }

    /** Adds key (caller keeps its reference); returns true when it was new. */
    public static boolean add(long s, long key) {
        long h = Protocols.hash(key);
        HashTable t = table(s);
        long cs = Locks.enter(s);
        try {
            if (t.find(key, h) >= 0) {
                return false;
            }
            Native.incref(key);
            t.put(key, h, 0);
            Mem.putLongVolatile(s + USED, t.used);
            return true;
        } finally {
            Locks.exit(cs);
        }
    }

    public static boolean contains(long s, long key) {
        long h = Protocols.hash(key);
        HashTable t = table(s);
        long cs = Locks.enter(s);
        try {
            return t.find(key, h) >= 0;
        } finally {
            Locks.exit(cs);
        }
    }

    public static boolean discard(long s, long key) {
        long h = Protocols.hash(key);
        HashTable t = table(s);
        List<Long> drop = new ArrayList<>(1);
        long cs = Locks.enter(s);
        try {
            int i = t.find(key, h);
            if (i < 0) {
                return false;
            }
            long[] kv = t.removeAt(i);
            t.release(drop, kv[0]);
            Mem.putLongVolatile(s + USED, t.used);
        } finally {
            Locks.exit(cs);
        }
        drop.forEach(Native::decref);
        return true;
    }

    /** Removes and returns an arbitrary element (new reference), or 0 when empty. */
    public static long pop(long s) {
        HashTable t = table(s);
        long cs = Locks.enter(s);
        try {
            for (int i = 0; i < t.end; i++) {
                if (t.keys[i] != 0) {
                    long[] kv = t.removeAt(i);
                    Mem.putLongVolatile(s + USED, t.used);
                    return kv[0];
                }
            }
            return 0;
        } finally {
            Locks.exit(cs);
        }
    }

    /** Snapshot of the elements as new references. */
    public static long[] elements(long s) {
        HashTable t = table(s);
        long cs = Locks.enter(s);
        try {
            long[] r = new long[t.used];
            int j = 0;
            for (int i = 0; i < t.end; i++) {
                if (t.keys[i] != 0) {
                    r[j++] = Heap.newRef(t.keys[i]);
                }
            }
            return r;
        } finally {
            Locks.exit(cs);
        }
    }

    public static void clear(long s) {
        for (long k : elements(s)) {
            discard(s, k);
            Native.decref(k);
        }
    }

    public static void dealloc(long s) {
        HashTable t = (HashTable) Heap.removeState(s);
        if (t != null) {
            for (long r : t.allRefs()) {
                Native.decref(r);
            }
        }
    }
}
