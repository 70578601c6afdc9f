package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.DiagnosticSink;
import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.thread.ThreadState;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/**
 * Thread states: PyGILState_Ensure/Release for threads created in C, PyEval_SaveThread/RestoreThread around
 * blocking work (releasing the GIL when it is on, and suspending the thread's critical sections as CPython does).
 * A PyThreadState* is an opaque token naming the Java-side state of one thread.
 */
public final class ThreadApi {
    private static volatile MethodHandle suspendAll;
    private static volatile MethodHandle resumeTop;
    private static volatile boolean looked;

    private ThreadApi() {}

    /**
     * This thread's PyThreadState*: a block laid out like CPython 3.13t's struct _ts where real-header binaries
     * look (Py_TRASHCAN_BEGIN/END read c_recursion_remaining and delete_later in it), from the bridge.
     */
    static long token() {
        ThreadState ts = ThreadState.current();
        long t = ts.tstateBlock;
        if (t == 0) {
            t = ThreadStates.create(ts, false).block;
            ts.tstateBlock = t;
        }
        return t;
    }

    static void resumeCriticalSections() {
        criticalSections(false);
    }

    private static void criticalSections(boolean suspend) {
        if (!looked) {
            Bridge b = Bridge.get();
            if (b.symbol("ftb_cs_suspend_all") != 0 && b.symbol("ftb_cs_resume_top") != 0) {
                suspendAll = b.fn("ftb_cs_suspend_all", FunctionDescriptor.ofVoid(), false);
                resumeTop = b.fn("ftb_cs_resume_top", FunctionDescriptor.ofVoid(), false);
            }
            looked = true;
        }
        MethodHandle h = suspend ? suspendAll : resumeTop;
        if (h != null) {
            try {
                h.invokeExact();
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
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
        return ThreadState.current().everAttached() ? token() : 0;
    }

    @CApi
    public static long PyThreadState_Get() {
        return token();
    }

    @CApi(needsThreadState = false)
    public static long PyThreadState_GetUnchecked() {
        return ThreadState.current().attached() ? token() : 0;
    }

    @CApi
    public static long PyEval_SaveThread() {
        ThreadState ts = ThreadState.current();
        long tok = token();
        criticalSections(true);
        ts.save();
        return tok;
    }

    @CApi(needsThreadState = false)
    public static void PyEval_RestoreThread(long tstate) {
        ThreadState ts = ThreadState.current();
        ThreadStates.Entry e = ThreadStates.get(tstate);
        boolean mine = e != null && e.owner == ts;
        if (e != null && e.explicit && !mine && (ts.isSaved() || !ts.everAttached())) {
            // A thread state from PyThreadState_New, taken on by this thread.
            e.owner = ts;
            mine = true;
        }
        if (!mine) {
            DiagnosticSink.diagnose("thread-state-mismatch", "PyEval_RestoreThread",
                    "PyEval_RestoreThread was given a thread state that does not belong to this thread");
        } else {
            ts.tstateBlock = tstate;
            if (!ts.everAttached()) {
                ts.attach(); // a thread made in C attaching for the first time
                return;
            }
        }
        if (!ts.isSaved()) {
            DiagnosticSink.diagnose("thread-state-mismatch", "PyEval_RestoreThread",
                    "PyEval_RestoreThread without a preceding PyEval_SaveThread on this thread");
            return;
        }
        ts.restore();
        criticalSections(false);
    }

    @CApi(needsThreadState = false)
    public static void PyEval_AcquireThread(long tstate) {
        PyEval_RestoreThread(tstate);
    }

    @CApi
    public static void PyEval_ReleaseThread(long tstate) {
        PyEval_SaveThread();
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
