package dev.ftcheck.runtime.checked;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Checked mode's watch on iterators: one advanced by two threads in turn (A, then B, then A again) is shared
 * between them, which free-threaded CPython does not make safe (items skipped or seen twice, or a crash in an
 * extension's tp_iternext). Reported once per iterator as {@code shared-iterator}. A hand-over (A's steps, then
 * only B's) is not reported. Entries go when the iterator is exhausted; the table is bounded.
 */
public final class SharedIterators {
    private static final int MAX_TRACKED = 1 << 16;
    private static final ConcurrentHashMap<Long, Steps> STEPS = new ConcurrentHashMap<>();

    private SharedIterators() {}

    private static final class Steps {
        final java.util.List<Thread> seen = new java.util.ArrayList<>(2);
        Thread last;
        boolean reported;
    }

    /** Thread t is advancing iterator it (of the named type). */
    public static void advancing(long it, String typeName) {
        if (!CheckedMode.on()) {
            return;
        }
        if (STEPS.size() >= MAX_TRACKED) {
            STEPS.clear();
        }
        Thread t = Thread.currentThread();
        Steps s = STEPS.computeIfAbsent(it, k -> new Steps());
        String other = null;
        synchronized (s) {
            if (s.last != null && s.last != t && !s.reported && s.seen.contains(t)) {
                other = s.last.getName(); // t stepped it before, another thread since: interleaved steps
                s.reported = true;
            }
            if (!s.seen.contains(t) && s.seen.size() < 8) {
                s.seen.add(t);
            }
            s.last = t;
        }
        if (other != null) {
            CheckedMode.report("shared-iterator", null, "PyIter_Next", "a " + typeName
                    + " object at 0x" + Long.toHexString(it) + " is advanced by thread " + t.getName()
                    + " and thread " + other + " in turn: iterators are not thread-safe in the free-threaded build"
                    + " (items can be skipped or repeated); give each thread its own iterator, or lock around"
                    + " the iteration");
        }
    }

    /** The iterator is exhausted (or gone): forget it. */
    public static void finished(long it) {
        if (CheckedMode.on()) {
            STEPS.remove(it);
        }
    }
}
