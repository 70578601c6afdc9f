package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Contexts;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;

/** context.h: contexts and context variables. */
public final class ContextApi {
    private ContextApi() {}

    private static long context(long ctx) {
        if (!Contexts.isContext(ctx)) {
            throw PyRaise.typeError("an instance of Context was expected");
        }
        return ctx;
    }

    private static long var(long v) {
        if (!Contexts.isVar(v)) {
            throw PyRaise.typeError("an instance of ContextVar was expected");
        }
        return v;
    }

    @CApi
    public static long PyContext_New() {
        return Contexts.newContext();
    }

    @CApi
    public static long PyContext_Copy(long ctx) {
        return Contexts.copy(context(ctx));
    }

    @CApi
    public static long PyContext_CopyCurrent() {
        return Contexts.copy(Contexts.current());
    }

    @CApi
    public static int PyContext_Enter(long ctx) {
        Contexts.enter(context(ctx));
        return 0;
    }

    @CApi
    public static int PyContext_Exit(long ctx) {
        Contexts.exit(context(ctx));
        return 0;
    }

    @CApi
    public static long PyContextVar_New(long name, long defaultValue) {
        if (name == 0) {
            throw PyRaise.badInternalCall();
        }
        long n = Strs.fromJava(Mem.cString(name));
        try {
            return Contexts.newVar(n, defaultValue);
        } finally {
            dev.ftcheck.runtime.nat.Native.decref(n);
        }
    }

    /** *value gets a new reference, or NULL when the variable has no value and no default; 0, or -1 on error. */
    @CApi
    public static int PyContextVar_Get(long var, long defaultValue, long value) {
        Mem.putLong(value, 0);
        Mem.putLong(value, Contexts.get(var(var), defaultValue));
        return 0;
    }

    @CApi
    public static long PyContextVar_Set(long var, long value) {
        return Contexts.set(var(var), value);
    }

    @CApi
    public static int PyContextVar_Reset(long var, long token) {
        if (!Contexts.isToken(token)) {
            throw PyRaise.typeError("an instance of Token was expected");
        }
        Contexts.reset(var(var), token);
        return 0;
    }
}
