package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Funcs.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Funcs;
import dev.ftcheck.runtime.obj.Types;

/** classobject.h: bound methods (PyMethod) and instance methods. */
public final class ClassApi {
    private ClassApi() {}

    @CApi
    public static long PyMethod_New(long func, long self) {
        return Funcs.newMethod(func, self);
    }

    @CApi
    public static long PyMethod_Function(long meth) {
        return unwrap(meth, Types.METHOD, IM_FUNC);
    }

    @CApi
    public static long PyMethod_Self(long meth) {
        return unwrap(meth, Types.METHOD, IM_SELF);
    }

    @CApi
    public static long PyMethod_GET_FUNCTION(long meth) {
        return Mem.getLong(meth + IM_FUNC);
    }

    @CApi
    public static long PyMethod_GET_SELF(long meth) {
        return Mem.getLong(meth + IM_SELF);
    }

    @CApi
    public static long PyInstanceMethod_New(long func) {
        return wrap(Types.INSTANCEMETHOD, func, IMETHOD_SIZE);
    }

    @CApi
    public static long PyInstanceMethod_Function(long im) {
        return unwrap(im, Types.INSTANCEMETHOD, IMETHOD_FUNC);
    }

    @CApi
    public static long PyInstanceMethod_GET_FUNCTION(long im) {
        return Mem.getLong(im + IMETHOD_FUNC);
    }
}
