package dev.ftcheck.runtime.script;

import dev.ftcheck.runtime.nat.Native;

/**
 * A Python exception propagating through the interpreter: owns one reference to the exception object, and knows
 * the script line where it was raised. Control flow, so no Java stack trace.
 */
final class ScriptRaise extends RuntimeException {
    final long exc;
    final int line;

    ScriptRaise(long exc, int line) {
        super(null, null, false, false);
        this.exc = exc;
        this.line = line;
    }

    /** Drops the exception (handled, or replaced by another). */
    void release() {
        Native.decref(exc);
    }
}
