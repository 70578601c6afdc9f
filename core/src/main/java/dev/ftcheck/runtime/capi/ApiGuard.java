package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.DiagnosticSink;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.thread.ThreadState;

/** Prologue and error conversion shared by every bound C-API upcall. */
final class ApiGuard {
    private ApiGuard() {}

    /** Reports an API call from a thread without an attached thread state; the call still proceeds. */
    static void requireThreadState(String cFunction) {
        ThreadState ts = ThreadState.current();
        if (!ts.attached()) {
            DiagnosticSink.diagnose("no-thread-state", "FT901", cFunction, cFunction
                    + " was called without an attached thread state (from a thread that did not call PyGILState_Ensure, or between Py_BEGIN_ALLOW_THREADS"
                    + " and Py_END_ALLOW_THREADS). CPython would crash or corrupt memory here.");
        }
    }

    private static void convert(Throwable t, String cFunction) {
        try {
            Errors.fromThrowable(t, cFunction);
        } catch (Throwable inner) {
            // Converting failed too (e.g. before the exception types exist): never let it escape into C.
            try {
                DiagnosticSink.internalError(cFunction, inner);
            } catch (Throwable ignored) {
                // Nothing else is safe to do at the C boundary.
            }
        }
    }

    static long failPointer(Throwable t, String cFunction) {
        convert(t, cFunction);
        return 0;
    }

    static long failLong(Throwable t, String cFunction) {
        convert(t, cFunction);
        return -1;
    }

    static int failInt(Throwable t, String cFunction) {
        convert(t, cFunction);
        return -1;
    }

    static double failDouble(Throwable t, String cFunction) {
        convert(t, cFunction);
        return -1.0;
    }

    static float failFloat(Throwable t, String cFunction) {
        convert(t, cFunction);
        return -1.0f;
    }

    static short failShort(Throwable t, String cFunction) {
        convert(t, cFunction);
        return -1;
    }

    static byte failByte(Throwable t, String cFunction) {
        convert(t, cFunction);
        return -1;
    }

    static void failVoid(Throwable t, String cFunction) {
        convert(t, cFunction);
    }
}
