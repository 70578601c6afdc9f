package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.stdlib.WarningsModule;

/**
 * warnings.h: issuing warnings from C, decided by the warnings filters of the calling context
 * ({@link WarningsModule}): "ignore" drops the warning, "error" raises it (the function returns -1), the others
 * show it once per location, once, per module, or always. A warning from C has no Python frame here; the code
 * that imported or called the extension is the driver (ftcheck run's script and calls, which stand where a
 * program's __main__ does), so the warning is attributed to module "__main__", file "&lt;string&gt;", line 0: as
 * CPython attributes a warning raised during "import mod" in a main script, which its default filters show.
 */
public final class WarningsApi {
    private WarningsApi() {}

    /** A warning of the given category raised from the runtime's own C-API code; "error" filters raise. */
    static void warn(long category, String message) {
        long m = Strs.fromJava(message);
        try {
            WarningsModule.warn(category, m, "<string>", 0, "__main__", 0);
        } finally {
            Native.decref(m);
        }
    }

    @CApi
    public static int PyErr_WarnEx(long category, long message, long stackLevel) {
        warn(category == 0 ? Exceptions.RuntimeWarning : category, Mem.cString(message));
        return 0;
    }

    @CApi
    public static int PyErr_WarnExplicit(long category, long message, long filename, int lineno, long module,
            long registry) {
        long m = Strs.fromJava(Mem.cString(message));
        try {
            WarningsModule.warn(category == 0 ? Exceptions.UserWarning : category, m, Mem.cString(filename), lineno,
                    module == 0 ? null : Mem.cString(module), registry == dev.ftcheck.runtime.obj.Singletons.NONE
                            ? 0 : registry);
        } finally {
            Native.decref(m);
        }
        return 0;
    }

    @CApi
    public static int PyErr_WarnExplicitObject(long category, long message, long filename, int lineno, long module,
            long registry) {
        String file = filename == 0 ? "<sys>" : Strs.check(filename, "filename");
        WarningsModule.warn(category == 0 ? Exceptions.UserWarning : category, message, file, lineno,
                module == 0 || module == dev.ftcheck.runtime.obj.Singletons.NONE ? null : Strs.check(module, "module"),
                registry == dev.ftcheck.runtime.obj.Singletons.NONE ? 0 : registry);
        return 0;
    }
}
