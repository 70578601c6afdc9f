package dev.ftcheck.runtime.thread;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The global interpreter lock, present only when some module requires it (or the user forces it). Attached
 * thread states hold it; detaching (PyEval_SaveThread, Py_BEGIN_ALLOW_THREADS, blocking) releases it.
 */
public final class Gil {
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile boolean enabled;

    public Gil(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean on) {
        enabled = on;
    }

    void acquire() {
        lock.lock();
    }

    void release() {
        lock.unlock();
    }

    public boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }
}
