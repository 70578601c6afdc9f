package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.CFunctions;
import dev.ftcheck.runtime.obj.Codes;
import dev.ftcheck.runtime.obj.Funcs;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ceval.h: the queries about the executing Python frame. The runtime never executes Python code, so they answer
 * what CPython answers when no Python frame is executing (a C thread's call, measured on CPython 3.13t).
 */
public final class CevalApi {
    private CevalApi() {}

    private static final long CALL_DESC = Arena.global().allocateFrom("()").address();
    private static final long OBJECT_DESC = Arena.global().allocateFrom(" object").address();
    /** sys.getrecursionlimit(): 1000 by default; only Python-level recursion (never happening here) uses it. */
    private static final AtomicInteger RECURSION_LIMIT = new AtomicInteger(1000);

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
}
