package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.obj.Singletons;

/** boolobject.h: bool from a C long. */
public final class BoolApi {
    private BoolApi() {}

    @CApi
    public static long PyBool_FromLong(long ok) {
        return Singletons.bool(ok != 0);
    }
}
