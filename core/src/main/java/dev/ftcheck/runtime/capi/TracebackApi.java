package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Frames;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;

/** traceback.h: traceback entries added for C frames and printed in CPython's format. */
public final class TracebackApi {
    private TracebackApi() {}

    /** Puts a new entry for the frame in front of the raised exception's traceback. */
    @CApi
    public static int PyTraceBack_Here(long frame) {
        Frames.check(frame);
        long exc = Errors.take();
        if (exc == 0) {
            // CPython asserts an exception is set (and crashes without one); ftcheck reports the misuse instead.
            throw PyRaise.systemError("PyTraceBack_Here called without an exception set");
        }
        long old = Mem.getLong(exc + Exceptions.TRACEBACK);
        long tb = Frames.newTraceback(old, frame);
        Mem.putLong(exc + Exceptions.TRACEBACK, tb);
        Native.xdecref(old);
        Errors.setObject(Heap.type(exc), exc);
        return 0;
    }

    @CApi
    public static int PyTraceBack_Print(long tb, long file) {
        if (tb == 0) {
            return 0;
        }
        if (!Frames.isTraceback(tb)) {
            throw PyRaise.badInternalCall();
        }
        // One write per piece, as CPython's PyFile_WriteString / WriteObject calls go.
        for (String line : Frames.format(tb)) {
            long text = Strs.fromJava(line);
            try {
                Native.decref(Calls.callMethod(file, "write", new long[] {text}, 0));
            } finally {
                Native.decref(text);
            }
        }
        return 0;
    }
}
