package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.thread.ThreadState;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Thread states: PyGILState_Ensure/Release for threads created in C, PyEval_SaveThread/RestoreThread around
 * blocking work (releasing the GIL when it is on, and suspending the thread's critical sections as CPython does).
 * A PyThreadState* is an opaque token naming the Java-side state of one thread.
 */
public final class ThreadApi {
    private static final ConcurrentHashMap<Long, ThreadState> TOKENS = new ConcurrentHashMap<>();
    private static final ThreadLocal<Long> TOKEN = new ThreadLocal<>();
    private static volatile MethodHandle suspendAll;
    private static volatile MethodHandle resumeTop;
    private static volatile boolean looked;

    private ThreadApi() {}

    private static volatile MethodHandle tstateBlockNew;

    /**
     * This thread's PyThreadState*: a block laid out like CPython 3.13t's struct _ts where real-header binaries
     * look (Py_TRASHCAN_BEGIN/END read c_recursion_remaining and delete_later in it), from the bridge.
     */
    private static long token() {
        Long t = TOKEN.get();
        if (t == null) {
            MethodHandle h = tstateBlockNew;
            if (h == null) {
                h = Bridge.get().fn("ftb_tstate_block_new", FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_LONG),
                        false);
                tstateBlockNew = h;
            }
            try {
                t = (long) h.invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            if (t == 0) {
                throw new OutOfMemoryError("thread state block");
            }
            TOKENS.put(t, ThreadState.current());
            TOKEN.set(t);
        }
        return t;
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
            FtRuntime.diagnose("gilstate-misuse", "PyGILState_Release", e.getMessage());
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
        if (tstate == 0 || TOKENS.get(tstate) != ts) {
            FtRuntime.diagnose("thread-state-mismatch", "PyEval_RestoreThread",
                    "PyEval_RestoreThread was given a thread state that does not belong to this thread");
        }
        if (!ts.isSaved()) {
            FtRuntime.diagnose("thread-state-mismatch", "PyEval_RestoreThread",
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
        ThreadState ts = TOKENS.get(tstate);
        if (ts == null) {
            throw PyRaise.badInternalCall();
        }
        return ts.thread.threadId();
    }
}
