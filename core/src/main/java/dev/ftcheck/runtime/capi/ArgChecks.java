package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Types;

/**
 * Argument checks the C-API classes share: a NULL or wrongly typed argument is the SystemError CPython raises
 * for a bad internal call.
 */
final class ArgChecks {
    private ArgChecks() {}

    /** o itself; NULL is a SystemError unless an error is already set (then that error propagates). */
    static long nonNull(long o) {
        if (o == 0) {
            if (Errors.current() == 0) {
                throw PyRaise.systemError("null argument to internal routine");
            }
            throw ErrorAlreadySet.INSTANCE;
        }
        return o;
    }

    /** t itself when it is a type object; anything else is a bad internal call. */
    static long type(long t) {
        if (t == 0 || !Types.isType(t)) {
            throw PyRaise.badInternalCall();
        }
        return t;
    }
}
