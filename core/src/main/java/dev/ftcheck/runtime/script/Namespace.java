package dev.ftcheck.runtime.script;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Heap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Variables of a scope, each holding a strong reference. Reads hand out a new reference taken under the lock, so a
 * thread that rebinds a shared global cannot free the object another thread is about to use.
 */
final class Namespace {
    private final Map<String, Long> vars = new HashMap<>();

    /** New reference to the value, or 0 when unbound. */
    synchronized long getRef(String name) {
        Long v = vars.get(name);
        return v == null ? 0 : Heap.newRef(v);
    }

    synchronized boolean has(String name) {
        return vars.containsKey(name);
    }

    /** Binds name to value (reference stolen); the old value is released. */
    void set(String name, long value) {
        Long old;
        synchronized (this) {
            old = vars.put(name, value);
        }
        if (old != null) {
            Native.decref(old);
        }
    }

    /** Unbinds name; false if it was not bound. */
    boolean delete(String name) {
        Long old;
        synchronized (this) {
            old = vars.remove(name);
        }
        if (old != null) {
            Native.decref(old);
        }
        return old != null;
    }

    /** Releases every value (a frame ending, a session closing). */
    void clear() {
        List<Long> values;
        synchronized (this) {
            values = new ArrayList<>(vars.values());
            vars.clear();
        }
        values.forEach(Native::decref);
    }
}
