package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.DiagnosticSink;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.thread.ThreadState;

/**
 * pystate.h: the one interpreter and its thread states. A PyThreadState* is an opaque token naming the Java-side
 * state of one thread; PyGILState_Ensure/Release attach threads created in C. PyThreadState_New makes a thread
 * state that a thread created in C takes on with PyEval_RestoreThread / PyEval_AcquireThread /
 * PyThreadState_Swap, and gives up with PyThreadState_Clear + PyThreadState_DeleteCurrent (or
 * PyEval_ReleaseThread + PyThreadState_Delete). PyState_FindModule/AddModule look up single-phase modules by
 * their definition.
 */
public final class StateApi {
    private static volatile long interpDict;

    /** Single-phase modules by their definition: PyModule_Create2 records them, PyState_FindModule reads them. */
    static final java.util.concurrent.ConcurrentHashMap<Long, Long> BY_DEF = new java.util.concurrent.ConcurrentHashMap<>();

    private StateApi() {}

    @CApi
    public static long PyInterpreterState_Get() {
        return ThreadStates.interpreter();
    }

    @CApi(needsThreadState = false)
    public static long PyInterpreterState_Main() {
        return ThreadStates.interpreter();
    }

    @CApi(needsThreadState = false)
    public static long PyInterpreterState_Head() {
        return ThreadStates.interpreter();
    }

    @CApi(needsThreadState = false)
    public static long PyInterpreterState_Next(long interp) {
        return 0;
    }

    /** The main interpreter's id is 0. */
    @CApi
    public static long PyInterpreterState_GetID(long interp) {
        if (interp == 0) {
            throw new PyRaise(Exceptions.byName("RuntimeError"), "no interpreter provided");
        }
        return 0;
    }

    /** A dict where extensions keep per-interpreter data (borrowed reference), as CPython's interp->dict. */
    @CApi
    public static long PyInterpreterState_GetDict(long interp) {
        long d = interpDict;
        if (d == 0) {
            synchronized (StateApi.class) {
                d = interpDict;
                if (d == 0) {
                    d = Dicts.create("the runtime (the interpreter dict)");
                    interpDict = d;
                }
            }
        }
        return d;
    }

    /** The newest thread state of the interpreter that is still alive. */
    @CApi(needsThreadState = false)
    public static long PyInterpreterState_ThreadHead(long interp) {
        return ThreadStates.olderThan(Long.MAX_VALUE);
    }

    @CApi(needsThreadState = false)
    public static long PyThreadState_Next(long tstate) {
        ThreadStates.Entry e = ThreadStates.get(tstate);
        return e == null ? 0 : ThreadStates.olderThan(e.seq);
    }

    @CApi(needsThreadState = false)
    public static long PyThreadState_GetInterpreter(long tstate) {
        return ThreadStates.interpreter();
    }

    /** A new thread state of the interpreter, not attached to any thread yet. */
    @CApi(needsThreadState = false)
    public static long PyThreadState_New(long interp) {
        return ThreadStates.create(ThreadState.current(), true).block;
    }

    /** Drops what the thread state holds: its dict and its pending exception. */
    @CApi(needsThreadState = false)
    public static void PyThreadState_Clear(long tstate) {
        ThreadStates.Entry e = ThreadStates.get(tstate);
        if (e == null) {
            return;
        }
        ThreadStates.clear(tstate);
        ThreadState owner = e.owner;
        if (owner != ThreadState.current() || owner.tstateBlock != tstate) {
            return;
        }
        long dict = owner.threadDict;
        owner.threadDict = 0;
        Native.xdecref(dict);
    }

    /** Deletes a thread state that is not the current one (CPython aborts when it is). */
    @CApi(needsThreadState = false)
    public static void PyThreadState_Delete(long tstate) {
        ThreadStates.Entry e = ThreadStates.get(tstate);
        if (e == null) {
            DiagnosticSink.diagnose("thread-state-mismatch", "PyThreadState_Delete",
                    "PyThreadState_Delete was given a pointer that is not a thread state");
            return;
        }
        ThreadState me = ThreadState.current();
        if (me.tstateBlock == tstate) {
            if (me.attached()) {
                DiagnosticSink.diagnose("thread-state-mismatch", "PyThreadState_Delete",
                        "PyThreadState_Delete: tstate is still current");
                return;
            }
            me.forgetSaved();
            me.tstateBlock = 0;
        }
        ThreadStates.delete(e);
    }

    /** Detaches the calling thread and deletes its thread state. */
    @CApi(needsThreadState = false)
    public static void PyThreadState_DeleteCurrent() {
        ThreadState me = ThreadState.current();
        ThreadStates.Entry e = ThreadStates.get(me.tstateBlock);
        if (!me.attached() || e == null) {
            DiagnosticSink.diagnose("thread-state-mismatch", "PyThreadState_DeleteCurrent",
                    "PyThreadState_DeleteCurrent: the function must be called with an attached thread state");
            return;
        }
        me.tstateBlock = 0;
        me.detach();
        ThreadStates.delete(e);
    }

    /**
     * Makes {@code tstate} the calling thread's current thread state (NULL: none) and returns the previous one
     * (NULL if the thread had none attached).
     */
    @CApi(needsThreadState = false)
    public static long PyThreadState_Swap(long tstate) {
        ThreadState me = ThreadState.current();
        long old = me.attached() ? me.tstateBlock : 0;
        if (tstate == 0) {
            if (old != 0) {
                CevalApi.PyEval_SaveThread();
            }
            return old;
        }
        ThreadStates.Entry e = ThreadStates.get(tstate);
        if (e == null) {
            DiagnosticSink.diagnose("thread-state-mismatch", "PyThreadState_Swap",
                    "PyThreadState_Swap was given a pointer that is not a thread state");
            return old;
        }
        if (old != 0) {
            // Already attached: only which thread state is current changes.
            e.owner = me;
            me.tstateBlock = tstate;
            return old;
        }
        CevalApi.PyEval_RestoreThread(tstate);
        return 0;
    }

    /** No Python code is running on any thread, so no thread has a current frame (NULL, no exception). */
    @CApi
    public static long PyThreadState_GetFrame(long tstate) {
        return 0;
    }

    @CApi
    public static long PyState_FindModule(long def) {
        Long m = BY_DEF.get(def);
        return m == null ? 0 : m;
    }

    @CApi
    public static int PyState_AddModule(long module, long def) {
        BY_DEF.put(def, Modules.check(module));
        return 0;
    }

    @CApi(needsThreadState = false)
    public static int PyGILState_Ensure() {
        return ThreadState.current().enterGilState();
    }

    @CApi(needsThreadState = false)
    public static void PyGILState_Release(int state) {
        ThreadState ts = ThreadState.current();
        try {
            ts.leaveGilState();
        } catch (IllegalStateException e) {
            DiagnosticSink.diagnose("gilstate-misuse", "PyGILState_Release", e.getMessage());
        }
    }

    @CApi(needsThreadState = false)
    public static int PyGILState_Check() {
        return ThreadState.current().attached() ? 1 : 0;
    }

    @CApi(needsThreadState = false)
    public static long PyGILState_GetThisThreadState() {
        return ThreadState.current().everAttached() ? ThreadStates.token() : 0;
    }

    @CApi
    public static long PyThreadState_Get() {
        return ThreadStates.token();
    }

    @CApi(needsThreadState = false)
    public static long PyThreadState_GetUnchecked() {
        return ThreadState.current().attached() ? ThreadStates.token() : 0;
    }

    @CApi
    public static long PyThreadState_GetDict() {
        ThreadState ts = ThreadState.current();
        if (ts.threadDict == 0) {
            ts.threadDict = Dicts.create("PyThreadState_GetDict");
        }
        return ts.threadDict;
    }

    @CApi
    public static long PyThreadState_GetID(long tstate) {
        ThreadStates.Entry e = ThreadStates.get(tstate);
        if (e == null) {
            throw PyRaise.badInternalCall();
        }
        return e.seq;
    }
}
