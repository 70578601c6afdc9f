package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Types;

/** warnings.h: issuing warnings from C. */
public final class WarningsApi {
    private WarningsApi() {}

    /** A warning of the given category raised from the runtime's own C-API code (stack level 1). */
    static void warn(long category, String message) {
        FtRuntime.active().warn(Types.get(category).name(), message);
    }

    @CApi
    public static int PyErr_WarnEx(long category, long message, long stackLevel) {
        long cat = category == 0 ? Exceptions.RuntimeWarning : category;
        FtRuntime.active().warn(Types.get(cat) != null ? Types.get(cat).name() : "Warning", Mem.cString(message));
        return 0;
    }

    @CApi
    public static int PyErr_WarnExplicit(long category, long message, long filename, int lineno, long module,
            long registry) {
        return PyErr_WarnEx(category, message, 1);
    }

    @CApi
    public static int PyErr_WarnExplicitObject(long category, long message, long filename, int lineno, long module,
            long registry) {
        long cat = category == 0 ? Exceptions.UserWarning : category;
        FtRuntime.active().warn(Types.get(cat) != null ? Types.get(cat).name() : "Warning", Repr.str(message));
        return 0;
    }
}
