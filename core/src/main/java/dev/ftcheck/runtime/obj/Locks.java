package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.thread.ThreadState;

/**
 * Per-object locking for the built-in containers, exactly as CPython does it: a critical section on the object's
 * {@code ob_mutex}. Using the critical-section machinery (not a bare lock) means a C caller already inside
 * {@code Py_BEGIN_CRITICAL_SECTION(obj)} can call list/dict APIs on obj without deadlocking.
 */
public final class Locks {
    private Locks() {}

    /** Opens a critical section on op; pass the result to {@link #exit}. Strictly nested per thread. */
    public static long enter(long op) {
        long cs = ThreadState.current().pushCriticalSlot();
        Native.criticalBegin(cs, op);
        return cs;
    }

    public static void exit(long cs) {
        Native.criticalEnd(cs);
        ThreadState.current().popCriticalSlot();
    }
}
