package dev.ftcheck.runtime.obj;

/**
 * Thrown when C code (or a nested call) already set the error indicator and Java only has to unwind to the
 * C-API error return. Carries nothing: the exception is in the thread state.
 */
public final class ErrorAlreadySet extends RuntimeException {
    public static final ErrorAlreadySet INSTANCE = new ErrorAlreadySet();

    private ErrorAlreadySet() {
        super("error indicator set", null, false, false);
    }
}
