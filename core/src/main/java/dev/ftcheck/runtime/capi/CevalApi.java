package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.DiagnosticSink;
import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.CFunctions;
import dev.ftcheck.runtime.obj.Codes;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Funcs;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.thread.ThreadState;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ceval.h: the queries about the executing Python frame, recursion guards, and releasing and re-attaching the
 * thread state. The runtime never executes Python code, so the frame queries answer what CPython answers when no
 * Python frame is executing (a C thread's call, measured on CPython 3.13t). PyEval_SaveThread/RestoreThread
 * release the GIL when it is on and suspend the thread's critical sections, as CPython does.
 */
public final class CevalApi {
    private static final long CALL_DESC = Arena.global().allocateFrom("()").address();
    private static final long OBJECT_DESC = Arena.global().allocateFrom(" object").address();
    /** sys.getrecursionlimit(): 1000 by default; only Python-level recursion (never happening here) uses it. */
    private static final AtomicInteger RECURSION_LIMIT = new AtomicInteger(1000);

    private static final int C_RECURSION_LIMIT = 10_000; // CPython 3.13's C recursion limit on Linux x86-64
    private static final ThreadLocal<int[]> C_RECURSION_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private static volatile MethodHandle suspendAll;
    private static volatile MethodHandle resumeTop;
    private static volatile boolean looked;

    private CevalApi() {}

    /** With no Python frame running, CPython answers the interpreter's builtins: here the builtins module's dict (borrowed). */
    @CApi
    public static long PyEval_GetBuiltins() {
        long m = dev.ftcheck.runtime.stdlib.StandInModules.load("builtins");
        dev.ftcheck.runtime.nat.Native.decref(m); // sys.modules keeps it
        return dev.ftcheck.runtime.obj.Modules.dict(m);
    }

    @CApi
    public static long PyEval_GetFrameBuiltins() {
        return dev.ftcheck.runtime.obj.Heap.newRef(PyEval_GetBuiltins());
    }

    @CApi
    public static long PyEval_GetGlobals() {
        return 0;
    }

    @CApi
    public static long PyEval_GetLocals() {
        throw PyRaise.systemError("frame does not exist");
    }

    @CApi
    public static long PyEval_GetFrameGlobals() {
        return 0;
    }

    @CApi
    public static long PyEval_GetFrameLocals() {
        throw PyRaise.systemError("frame does not exist");
    }

    /** Without a frame there are no code flags to merge: the answer is whether the caller's flags are non-zero. */
    @CApi
    public static int PyEval_MergeCompilerFlags(long cf) {
        return Mem.getInt(cf) != 0 ? 1 : 0;
    }

    /** A callable's name for messages: functions and methods by name, built-ins by ml_name, else the type name. */
    @CApi
    public static long PyEval_GetFuncName(long func) {
        if (Heap.type(func) == Types.METHOD) {
            return PyEval_GetFuncName(Mem.getLong(func + Funcs.IM_FUNC));
        }
        if (Heap.type(func) == Types.FUNCTION) {
            return Strs.utf8(Mem.getLong(func + Funcs.FUNC_NAME));
        }
        TypeKind kind = Types.kindOf(func);
        if (kind == TypeKind.CFUNCTION) {
            return Mem.getLong(CFunctions.def(func));   // ml_name
        }
        return Mem.getLong(Heap.type(func) + TP_NAME);
    }

    @CApi
    public static long PyEval_GetFuncDesc(long func) {
        long t = Heap.type(func);
        return t == Types.METHOD || t == Types.FUNCTION || Types.kindOf(func) == TypeKind.CFUNCTION ? CALL_DESC
                : OBJECT_DESC;
    }

    @CApi
    public static long PyUnstable_Eval_RequestCodeExtraIndex(long free) {
        return Codes.requestExtraIndex(free);
    }

    @CApi
    public static int Py_GetRecursionLimit() {
        return RECURSION_LIMIT.get();
    }

    @CApi
    public static void Py_SetRecursionLimit(int limit) {
        RECURSION_LIMIT.set(limit);
    }

    @CApi
    public static long PyEval_GetFrame() {
        return 0;
    }

    @CApi
    public static int Py_EnterRecursiveCall(long where) {
        int[] d = C_RECURSION_DEPTH.get();
        if (++d[0] > C_RECURSION_LIMIT) {
            d[0]--;
            throw new PyRaise(Exceptions.byName("RecursionError"),
                    "maximum recursion depth exceeded" + (where == 0 ? "" : Mem.cString(where)));
        }
        return 0;
    }

    @CApi
    public static void Py_LeaveRecursiveCall() {
        int[] d = C_RECURSION_DEPTH.get();
        if (d[0] > 0) {
            d[0]--;
        }
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

    @CApi
    public static long PyEval_SaveThread() {
        ThreadState ts = ThreadState.current();
        long tok = ThreadStates.token();
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
}
