package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Codes;
import dev.ftcheck.runtime.obj.Frames;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;

/**
 * pyframe.h / frameobject.h: frame objects. No Python frame ever executes here, so the only frames are the ones
 * extensions create with PyFrame_New (Cython does, for tracebacks), and the thread's current frame is always NULL.
 */
public final class FrameApi {
    private FrameApi() {}

    @CApi
    public static long PyFrame_New(long tstate, long code, long globals, long locals) {
        return Frames.create(code, globals, locals);
    }

    @CApi
    public static long PyFrame_GetCode(long frame) {
        return Heap.newRef(Frames.code(Frames.check(frame)));
    }

    /** A frame made by PyFrame_New has no caller unless f_back was set. */
    @CApi
    public static long PyFrame_GetBack(long frame) {
        long back = Mem.getLong(Frames.check(frame) + Frames.F_BACK);
        return back == 0 ? 0 : Heap.newRef(back);
    }

    @CApi
    public static int PyFrame_GetLineNumber(long frame) {
        return Frames.lineNumber(Frames.check(frame));
    }

    @CApi
    public static int PyFrame_GetLasti(long frame) {
        return Frames.lasti(Frames.check(frame));
    }

    @CApi
    public static long PyFrame_GetGlobals(long frame) {
        return Heap.newRef(Frames.globals(Frames.check(frame)));
    }

    @CApi
    public static long PyFrame_GetBuiltins(long frame) {
        long b = Frames.builtins(Frames.check(frame));
        if (b == 0) {
            throw PyRaise.systemError("ftcheck: this frame's globals have no __builtins__ and ftcheck has no "
                    + "builtins module to fall back on");
        }
        return Heap.newRef(b);
    }

    @CApi
    public static long PyFrame_GetLocals(long frame) {
        return Frames.locals(Frames.check(frame));
    }

    /** Frames from PyFrame_New never belong to a generator or coroutine. */
    @CApi
    public static long PyFrame_GetGenerator(long frame) {
        Frames.check(frame);
        return 0;
    }

    @CApi
    public static long PyFrame_GetVar(long frame, long name) {
        return Frames.var(Frames.check(frame), name);
    }

    @CApi
    public static long PyFrame_GetVarString(long frame, long name) {
        long n = Strs.fromJava(Mem.cString(name));
        try {
            return Frames.var(Frames.check(frame), n);
        } finally {
            Native.decref(n);
        }
    }

    /*
     * The interpreter-frame accessors. The only _PyInterpreterFrame structures in this runtime are the ones inside
     * frame objects from PyFrame_New (f->f_frame, CPython's layout), so these read those.
     */

    @CApi
    public static long PyUnstable_InterpreterFrame_GetCode(long iframe) {
        return Heap.newRef(Frames.interpreterFrameCode(iframe));
    }

    @CApi
    public static int PyUnstable_InterpreterFrame_GetLasti(long iframe) {
        return Frames.interpreterFrameLastiUnits(iframe) * 2;
    }

    @CApi
    public static int PyUnstable_InterpreterFrame_GetLine(long iframe) {
        return Codes.addr2line(Frames.interpreterFrameCode(iframe),
                Frames.interpreterFrameLastiUnits(iframe) * 2);
    }
}
