package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.nat.Native;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Insertion-ordered hash table of native object references with Python equality, the Java-side storage of dict
 * and set objects. Not thread-safe by itself: callers hold the owning object's critical section. Positions are
 * stable indexes into the entry arrays (deleted entries leave holes), which is what PyDict_Next walks.
 */
final class HashTable {
    private static final class Key {
        final long obj;
        final long hash;

        Key(long obj, long hash) {
            this.obj = obj;
            this.hash = hash;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(hash);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && (k.obj == obj || Protocols.equal(k.obj, obj));
        }
    }

    private final HashMap<Key, Integer> index = new HashMap<>();
    long[] keys = new long[8];
    long[] values = new long[8];
    long[] hashes = new long[8];
    int end;
    int used;
    long version;
    String lastMutator;
    int activeIterations;
    final List<Long> deferred = new ArrayList<>();

    int find(long key, long hash) {
        Integer i = index.get(new Key(key, hash));
        return i == null ? -1 : i;
    }

    /** Sets key → value with stolen references; returns the replaced value (a reference the caller drops) or 0. */
    long put(long key, long hash, long value) {
        int i = find(key, hash);
        mutated();
        if (i >= 0) {
            long old = values[i];
            values[i] = value;
            Native.decref(key); // the table keeps its original key object
            return old;
        }
        if (end == keys.length) {
            grow();
        }
        keys[end] = key;
        values[end] = value;
        hashes[end] = hash;
        index.put(new Key(key, hash), end);
        end++;
        used++;
        return 0;
    }

    /** Removes the entry at position i; returns {key, value} references now owned by the caller. */
    long[] removeAt(int i) {
        mutated();
        long[] kv = {keys[i], values[i]};
        index.remove(new Key(keys[i], hashes[i]));
        keys[i] = 0;
        values[i] = 0;
        used--;
        return kv;
    }

    private void mutated() {
        version++;
        lastMutator = Thread.currentThread().getName();
    }

    private void grow() {
        if (used < end / 2 && activeIterations == 0) {
            compact();
            if (end < keys.length) {
                return;
            }
        }
        int cap = keys.length * 2;
        keys = java.util.Arrays.copyOf(keys, cap);
        values = java.util.Arrays.copyOf(values, cap);
        hashes = java.util.Arrays.copyOf(hashes, cap);
    }

    private void compact() {
        int j = 0;
        index.clear();
        for (int i = 0; i < end; i++) {
            if (keys[i] != 0) {
                keys[j] = keys[i];
                values[j] = values[i];
                hashes[j] = hashes[i];
                index.put(new Key(keys[j], hashes[j]), j);
                j++;
            }
        }
        java.util.Arrays.fill(keys, j, end, 0);
        java.util.Arrays.fill(values, j, end, 0);
        end = j;
    }

    /**
     * Decides what happens to references removed from the table: kept until the iteration ends when an unlocked
     * PyDict_Next may still hold them borrowed, otherwise added to {@code drop} for the caller to release after
     * leaving the critical section.
     */
    void release(List<Long> drop, long... refs) {
        for (long r : refs) {
            if (r != 0) {
                (activeIterations > 0 ? deferred : drop).add(r);
            }
        }
    }

    List<Long> takeDeferred() {
        if (deferred.isEmpty()) {
            return List.of();
        }
        List<Long> d = new ArrayList<>(deferred);
        deferred.clear();
        return d;
    }

    /** All references held (for dealloc). */
    List<Long> allRefs() {
        List<Long> r = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            if (keys[i] != 0) {
                r.add(keys[i]);
                if (values[i] != 0) {
                    r.add(values[i]);
                }
            }
        }
        r.addAll(deferred);
        return r;
    }
}
