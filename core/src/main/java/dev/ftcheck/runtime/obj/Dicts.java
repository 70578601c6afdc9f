package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.thread.ThreadState;
import java.util.ArrayList;
import java.util.List;

/**
 * dict objects: entries in a Java {@link HashTable} guarded by a critical section on the dict, with ma_used kept
 * current in native memory for the inline PyDict_GET_SIZE. PyDict_Next is checked: a mutation by another thread
 * between two steps of one iteration is reported, and removed entries stay alive until the iteration ends so
 * the borrowed references it handed out remain valid memory.
 */
public final class Dicts {
    private Dicts() {}

    static final class State {
        final HashTable table = new HashTable();
        final String origin;

        State(String origin) {
            this.origin = origin;
        }
    }

    public static long create(String creator) {
        long d = Heap.alloc(Types.DICT, DICT_SIZE);
        ThreadState ts = ThreadState.current();
        String origin = "dict created by " + creator + (ts.context != null ? " in " + ts.context : "")
                + " on thread '" + Thread.currentThread().getName() + "'";
        Heap.putState(d, new State(origin));
        return d;
    }

    /** Gives storage to a dict-subclass instance allocated by tp_alloc (dict's tp_new). */
    public static void initStorage(long d, String creator) {
        if (Heap.state(d) == null) {
            Heap.putState(d, new State("dict created by " + creator + " on thread '"
                    + Thread.currentThread().getName() + "'"));
        }
    }

    public static boolean isDict(long obj) {
        return (Mem.getLong(Heap.type(obj) + TP_FLAGS) & TPF_DICT_SUBCLASS) != 0;
    }

    static State state(long d) {
        State s = Heap.state(d);
        if (s == null) {
            throw PyRaise.systemError("dict at 0x%x has no storage (not created by the runtime)", d);
        }
        return s;
    }

    public static long size(long d) {
        return Mem.getLongVolatile(d + DICT_MA_USED);
    }

    private static void syncUsed(long d, HashTable t) {
        Mem.putLongVolatile(d + DICT_MA_USED, t.used);
    }

    /** d[key] = value; the caller keeps its references. */
    public static void set(long d, long key, long value) {
        long h = Protocols.hash(key);
        State s = state(d);
        Native.incref(key);
        Native.incref(value);
        List<Long> drop = new ArrayList<>(1);
        long cs = Locks.enter(d);
        try {
            long old = s.table.put(key, h, value);
            s.table.release(drop, old);
            syncUsed(d, s.table);
        } finally {
            Locks.exit(cs);
        }
        drop.forEach(Native::decref);
    }

    /** New reference to d[key], or 0 when missing (no exception). */
    public static long getRef(long d, long key) {
        long h = Protocols.hash(key);
        State s = state(d);
        long cs = Locks.enter(d);
        try {
            int i = s.table.find(key, h);
            if (i < 0) {
                return 0;
            }
            long v = s.table.values[i];
            Native.incref(v);
            return v;
        } finally {
            Locks.exit(cs);
        }
    }

    /** Borrowed d[key] or 0 (the hazardous PyDict_GetItem family). */
    public static long getBorrowed(long d, long key) {
        long v = getRef(d, key);
        if (v != 0) {
            Native.decref(v); // the dict still holds it
        }
        return v;
    }

    /** Removes key; returns the value as a new reference, or 0 when absent. */
    public static long pop(long d, long key) {
        long h = Protocols.hash(key);
        State s = state(d);
        List<Long> drop = new ArrayList<>(1);
        long result = 0;
        long cs = Locks.enter(d);
        try {
            int i = s.table.find(key, h);
            if (i >= 0) {
                long[] kv = s.table.removeAt(i);
                result = kv[1];
                Native.incref(result);
                s.table.release(drop, kv[0], kv[1]);
                syncUsed(d, s.table);
            }
        } finally {
            Locks.exit(cs);
        }
        drop.forEach(Native::decref);
        return result;
    }

    /** setdefault: returns {present(1/0), value new reference}. */
    public static long[] setDefault(long d, long key, long dflt) {
        long h = Protocols.hash(key);
        State s = state(d);
        long cs = Locks.enter(d);
        try {
            int i = s.table.find(key, h);
            if (i >= 0) {
                long v = s.table.values[i];
                Native.incref(v);
                return new long[] {1, v};
            }
            Native.incref(key);
            Native.incref(dflt);
            s.table.put(key, h, dflt);
            syncUsed(d, s.table);
            Native.incref(dflt);
            return new long[] {0, dflt};
        } finally {
            Locks.exit(cs);
        }
    }

    public static void clear(long d) {
        State s = state(d);
        List<Long> drop = new ArrayList<>();
        long cs = Locks.enter(d);
        try {
            for (int i = 0; i < s.table.end; i++) {
                if (s.table.keys[i] != 0) {
                    long[] kv = s.table.removeAt(i);
                    s.table.release(drop, kv[0], kv[1]);
                }
            }
            syncUsed(d, s.table);
        } finally {
            Locks.exit(cs);
        }
        drop.forEach(Native::decref);
    }

    /** Snapshot of entries as new references: [k0, v0, k1, v1, ...]. */
    public static long[] items(long d) {
        State s = state(d);
        long cs = Locks.enter(d);
        try {
            long[] r = new long[2 * s.table.used];
            int j = 0;
            for (int i = 0; i < s.table.end; i++) {
                if (s.table.keys[i] != 0) {
                    r[j++] = Heap.newRef(s.table.keys[i]);
                    r[j++] = Heap.newRef(s.table.values[i]);
                }
            }
            return r;
        } finally {
            Locks.exit(cs);
        }
    }

    /**
     * PyDict_Next: advances *pos past holes and returns the entry index found, or -1 at the end. Borrowed key and
     * value are written to out[0], out[1].
     */
    public static int next(long d, long pos, long[] out) {
        State s = state(d);
        ThreadState ts = ThreadState.current();
        String report = null;
        List<Long> drop = List.of();
        int found = -1;
        long cs = Locks.enter(d);
        try {
            HashTable t = s.table;
            Long seen = ts.dictIterations.get(d);
            if (pos == 0) {
                if (seen == null) {
                    t.activeIterations++;
                }
            } else if (seen != null && seen != t.version && t.lastMutator != null
                    && !t.lastMutator.equals(Thread.currentThread().getName())) {
                report = "PyDict_Next iterates a dict that thread '" + t.lastMutator + "' mutated during the"
                        + " iteration, outside a critical section on the dict (" + s.origin + "); iterating thread '"
                        + Thread.currentThread().getName() + "'. Wrap the loop in Py_BEGIN_CRITICAL_SECTION(dict).";
            }
            for (long i = Math.max(0, pos); i < t.end; i++) {
                if (t.keys[(int) i] != 0) {
                    found = (int) i;
                    out[0] = t.keys[found];
                    out[1] = t.values[found];
                    break;
                }
            }
            if (found < 0) {
                if (ts.dictIterations.remove(d) != null || pos == 0) {
                    t.activeIterations = Math.max(0, t.activeIterations - 1);
                }
                if (t.activeIterations == 0) {
                    drop = t.takeDeferred();
                }
            } else {
                ts.dictIterations.put(d, t.version);
            }
        } finally {
            Locks.exit(cs);
        }
        drop.forEach(Native::decref);
        if (report != null) {
            dev.ftcheck.runtime.checked.CheckedMode.report("dict-iteration-race", "FT201", "PyDict_Next", report);
        }
        return found;
    }

    public static void dealloc(long d) {
        State s = (State) Heap.removeState(d);
        if (s != null) {
            for (long r : s.table.allRefs()) {
                Native.decref(r);
            }
        }
    }
}
