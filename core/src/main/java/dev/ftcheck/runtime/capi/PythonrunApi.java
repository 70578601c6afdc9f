package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.DiagnosticSink;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Types;

/** pythonrun.h: printing an exception as the interpreter's top level does. */
public final class PythonrunApi {
    private PythonrunApi() {}

    @CApi
    public static void PyErr_Print() {
        PyErr_PrintEx(0);
    }

    @CApi
    public static void PyErr_PrintEx(int setVars) {
        long exc = Errors.take();
        if (exc == 0) {
            return;
        }
        DiagnosticSink.diagnose("printed-exception", "PyErr_Print",
                Types.typeOf(exc).fullName() + ": " + Exceptions.message(exc));
        Native.decref(exc);
    }

    // ---- printing and source lines ----

    private static void display(long exc) {
        if (exc == 0 || !Exceptions.isInstance(exc)) {
            DiagnosticSink.diagnose("printed-exception", "PyErr_DisplayException", "TypeError: print_exception(): "
                    + "Exception expected for value, " + (exc == 0 ? "NULL" : Types.name(exc)) + " found");
            return;
        }
        DiagnosticSink.diagnose("printed-exception", "PyErr_DisplayException",
                Types.typeOf(exc).fullName() + ": " + Exceptions.message(exc));
    }

    /** Shown as PyErr_Print shows exceptions here (a printed-exception diagnostic); the indicator is untouched. */
    @CApi
    public static void PyErr_DisplayException(long exc) {
        display(exc);
    }

    @CApi
    public static void PyErr_Display(long type, long value, long tb) {
        display(value);
    }
}
