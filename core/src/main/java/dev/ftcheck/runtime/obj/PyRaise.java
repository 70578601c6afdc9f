package dev.ftcheck.runtime.obj;

/**
 * Thrown by Java implementations of the C-API to raise a Python exception: the upcall wrapper sets it as the
 * thread's error indicator and returns the function's error value. No stack trace: it is control flow.
 */
public final class PyRaise extends RuntimeException {
    public final long type;

    public PyRaise(long type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public static PyRaise typeError(String fmt, Object... args) {
        return new PyRaise(Exceptions.TypeError, String.format(fmt, args));
    }

    public static PyRaise valueError(String fmt, Object... args) {
        return new PyRaise(Exceptions.ValueError, String.format(fmt, args));
    }

    public static PyRaise systemError(String fmt, Object... args) {
        return new PyRaise(Exceptions.SystemError, String.format(fmt, args));
    }

    public static PyRaise indexError(String msg) {
        return new PyRaise(Exceptions.IndexError, msg);
    }

    public static PyRaise overflow(String msg) {
        return new PyRaise(Exceptions.OverflowError, msg);
    }

    /** PyErr_BadInternalCall's exception. */
    public static PyRaise badInternalCall() {
        return new PyRaise(Exceptions.SystemError, "bad argument to internal function");
    }
}
