package dev.ftcheck.runtime.thread;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Singletons;

/**
 * Per-thread runtime state: whether the thread has an attached thread state (required for most API calls),
 * its error indicator, the GIL if enabled, and scratch space for the critical sections the runtime itself opens.
 * Threads created in C get one through PyGILState_Ensure; Java threads through {@link #attach}.
 */
public final class ThreadState {
    private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::new);
    private static final int CS_SLOTS = 64;
    private static final long CS_BYTES = 24; // room for the two-object form
    private static volatile Gil gil = new Gil(false);

    public final Thread thread = Thread.currentThread();
    private long tid;
    private int attachDepth;
    private boolean holdsGil;
    private int gilStateDepth;
    private long csScratch;
    private int csDepth;
    /** What the thread is running, for diagnostics ("module.function"). */
    public String context;
    /** PyThreadState_GetDict's dictionary (strong reference), 0 until first asked for. */
    public long threadDict;
    /** Set while the thread is detached because it waits on a contended PyMutex. */
    public boolean blockedDetach;
    /** Set while the thread is detached by PyEval_SaveThread. */
    private boolean saved;
    /**
     * The PyThreadState* block this thread is using (0 until it needs one; {@link #block()} makes it); see
     * capi.ThreadStates. The thread's error indicator and handled exception live in it.
     */
    public volatile long tstateBlock;
    /** Iteration bookkeeping for PyDict_Next checks: dict address → version seen by this thread. */
    public final java.util.HashMap<Long, Long> dictIterations = new java.util.HashMap<>();

    public static ThreadState current() {
        return CURRENT.get();
    }

    /** Makes a thread's first block (installed by capi.ThreadStates, which owns the blocks). */
    public interface BlockMaker {
        long make(ThreadState ts);
    }

    private static volatile BlockMaker blockMaker;

    public static void installBlockMaker(BlockMaker m) {
        blockMaker = m;
    }

    /**
     * Offsets in a thread-state block, from the bridge (offsetof on pystate.h's struct _ts, the one source). A
     * holder class: it is initialised on the first error-indicator access, when the bridge is loaded.
     */
    private static final class Off {
        static final long CURRENT_EXCEPTION = Native.tstateOffset(1);
        static final long EXC_INFO = Native.tstateOffset(2);
    }

    /** The thread's PyThreadState* block, made on first use. */
    public long block() {
        long b = tstateBlock;
        if (b == 0) {
            BlockMaker m = blockMaker;
            if (m == null) {
                try {
                    // Its static initialiser installs the maker.
                    Class.forName("dev.ftcheck.runtime.capi.ThreadStates", true, ThreadState.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
                m = blockMaker;
            }
            b = m.make(this);
        }
        return b;
    }

    /** The raised exception (tstate->current_exception; strong reference owned by the block), 0 when none. */
    public long exception() {
        return Mem.getLong(block() + Off.CURRENT_EXCEPTION);
    }

    /** Stores the raised exception (the block takes the reference); the caller handles the old one. */
    public void exception(long exc) {
        Mem.putLong(block() + Off.CURRENT_EXCEPTION, exc);
    }

    /**
     * The exception being handled (sys.exception()): the value of the innermost level of tstate->exc_info's chain
     * that has one (NULL and None count as none at a level), as CPython finds it; may be None or 0. Borrowed.
     */
    public long handledException() {
        long item = Mem.getLong(block() + Off.EXC_INFO);
        while (true) {
            long v = Mem.getLong(item);
            long prev = Mem.getLong(item + 8);
            if ((v == 0 || v == Singletons.NONE) && prev != 0) {
                item = prev;
                continue;
            }
            return v;
        }
    }

    /** Replaces tstate->exc_info->exc_value (the reference is stolen) and returns the old one (owned by the caller). */
    public long swapHandledException(long exc) {
        long item = Mem.getLong(block() + Off.EXC_INFO);
        long old = Mem.getLong(item);
        Mem.putLong(item, exc);
        return old;
    }

    public static void installGil(Gil g) {
        gil = g;
    }

    public static Gil gil() {
        return gil;
    }

    /** _Py_ThreadId of this thread (the thread pointer), used as ob_tid of objects it creates. */
    public long tid() {
        long t = tid;
        if (t == 0) {
            t = Native.threadId();
            tid = t;
            OWNERS.put(t, thread.getName());
        }
        return t;
    }

    /** Thread names by {@link #tid()}, for reports about which thread allocated or freed an object. */
    private static final java.util.concurrent.ConcurrentHashMap<Long, String> OWNERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** "thread NAME" for a {@link #tid()} value (ob_tid), or "another thread" when none of ours had it. */
    public static String describeOwner(long tid) {
        String name = OWNERS.get(tid);
        return name != null ? "thread " + name : "a thread outside the runtime";
    }

    public boolean attached() {
        return attachDepth > 0 && !saved;
    }

    public boolean everAttached() {
        return attachDepth > 0;
    }

    /** Attaches (nestable): takes the GIL when it is enabled. */
    public void attach() {
        if (attachDepth++ == 0) {
            takeGil();
            Native.setAttached(true);
        }
    }

    public void detach() {
        if (attachDepth <= 0) {
            throw new IllegalStateException("detach without attach");
        }
        if (--attachDepth == 0) {
            Native.mergePending();
            Native.setAttached(false);
            dropGil();
        }
    }

    /** PyEval_SaveThread: releases the GIL and marks the thread detached. */
    public void save() {
        saved = true;
        Native.setAttached(false);
        dropGil();
    }

    public void restore() {
        takeGil();
        saved = false;
        Native.setAttached(true);
    }

    public boolean isSaved() {
        return saved;
    }

    /** The saved thread state was deleted (PyThreadState_Delete after PyEval_SaveThread): the thread is detached. */
    public void forgetSaved() {
        if (saved) {
            saved = false;
            if (--attachDepth == 0) {
                Native.mergePending();
            }
        }
    }

    public int enterGilState() {
        boolean wasAttached = attached();
        // A thread between PyEval_SaveThread and RestoreThread (Cython's `with gil:` inside `with nogil:`)
        // re-attaches its own saved state, and Release detaches it again, as CPython does.
        boolean resumed = saved;
        resumedSaved.push(resumed);
        gilStateDepth++;
        if (resumed) {
            restore();
        } else {
            attach();
        }
        return wasAttached ? 1 : 0; // PyGILState_LOCKED = 0, UNLOCKED = 1 in CPython's enum order
    }

    public void leaveGilState() {
        if (gilStateDepth <= 0) {
            throw new IllegalStateException("PyGILState_Release without a matching PyGILState_Ensure");
        }
        gilStateDepth--;
        if (resumedSaved.isEmpty() ? false : resumedSaved.pop()) {
            save();
        } else {
            detach();
        }
    }

    /** For each open PyGILState_Ensure, whether it resumed a saved thread state. */
    private final java.util.ArrayDeque<Boolean> resumedSaved = new java.util.ArrayDeque<>();

    private void takeGil() {
        Gil g = gil;
        if (g.enabled() && !holdsGil) {
            g.acquire();
            holdsGil = true;
        }
    }

    private void dropGil() {
        if (holdsGil) {
            holdsGil = false;
            gil.release();
        }
    }

    /** Scratch PyCriticalSection storage for the runtime's own sections, strictly nested. */
    public long pushCriticalSlot() {
        if (csScratch == 0) {
            csScratch = Native.memMalloc(CS_SLOTS * CS_BYTES);
        }
        if (csDepth >= CS_SLOTS) {
            throw new IllegalStateException("critical sections nested deeper than " + CS_SLOTS);
        }
        return csScratch + CS_BYTES * csDepth++;
    }

    public void popCriticalSlot() {
        csDepth--;
    }

}
