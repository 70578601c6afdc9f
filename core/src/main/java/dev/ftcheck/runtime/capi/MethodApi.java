package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.obj.CFunctions;

/** methodobject.h: built-in functions and methods (PyCFunction objects). */
public final class MethodApi {
    private MethodApi() {}

    @CApi
    public static long PyCFunction_NewEx(long ml, long self, long module) {
        return CFunctions.create(ml, self, module, 0);
    }

    @CApi
    public static long PyCFunction_New(long ml, long self) {
        return CFunctions.create(ml, self, 0, 0);
    }

    @CApi
    public static long PyCMethod_New(long ml, long self, long module, long cls) {
        return CFunctions.create(ml, self, module, cls);
    }

    @CApi
    public static long PyCFunction_GetFunction(long f) {
        return CFunctions.meth(CFunctions.def(f));
    }

    @CApi
    public static long PyCFunction_GetSelf(long f) {
        return CFunctions.self(f);
    }

    @CApi
    public static int PyCFunction_GetFlags(long f) {
        return CFunctions.flags(CFunctions.def(f));
    }
}
