package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.TPF_MANAGED_DICT;
import static dev.ftcheck.runtime.obj.Layout.TP_FLAGS;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instance dicts of objects whose type has {@code Py_TPFLAGS_MANAGED_DICT}. CPython keeps such a dict (or inline
 * values) in a pre-header before the object; this runtime allocates no pre-header, so the runtime keeps the dict in
 * a table keyed by the object's address. An entry holds one reference to its dict. It is released by
 * {@code PyObject_ClearManagedDict} (what such types' tp_clear/tp_dealloc call), by the runtime's own dealloc and
 * free paths, and, should an object be freed past them, when a new object of a managed-dict type is allocated at
 * the same address.
 */
public final class ManagedDicts {
    private static final ConcurrentHashMap<Long, Long> DICTS = new ConcurrentHashMap<>();

    private ManagedDicts() {}

    /** Whether instances of the type have a managed dict. */
    public static boolean managed(long type) {
        return (Mem.getLong(type + TP_FLAGS) & TPF_MANAGED_DICT) != 0;
    }

    /** The object's managed dict (borrowed), or 0 when it has none yet. */
    public static long get(long obj) {
        Long d = DICTS.get(obj);
        return d == null ? 0 : d;
    }

    /** The object's managed dict (borrowed), created empty on first use. */
    public static long getOrCreate(long obj) {
        return DICTS.computeIfAbsent(obj, k -> Dicts.create("instance __dict__"));
    }

    /** Replaces the object's managed dict with {@code dict} (a new reference is taken); the old one is released. */
    public static void set(long obj, long dict) {
        Native.incref(dict);
        Long old = DICTS.put(obj, dict);
        if (old != null) {
            Native.decref(old);
        }
    }

    /** Drops the object's managed dict, releasing the reference the table held; nothing when it has none. */
    public static void clear(long obj) {
        if (DICTS.isEmpty()) {
            return;
        }
        Long old = DICTS.remove(obj);
        if (old != null) {
            Native.decref(old);
        }
    }
}
