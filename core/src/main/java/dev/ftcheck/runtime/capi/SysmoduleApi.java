package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.checked.BorrowedResults;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.stdlib.StandInModules;

/** sysmodule.h: the sys module's attributes from C. */
public final class SysmoduleApi {
    private SysmoduleApi() {}

    /** Borrowed sys.NAME, or NULL with no exception set when sys has no such attribute. */
    @CApi
    public static long PySys_GetObject(long name) {
        long key = Strs.intern(Mem.cString(name));
        return BorrowedResults.noted(Dicts.getBorrowed(sysDict(), key), BorrowedResults.Api.SYS_GET_OBJECT);
    }

    /** sys.NAME = v; a NULL v deletes the attribute (no error when it is absent). */
    @CApi
    public static int PySys_SetObject(long name, long v) {
        long key = Strs.intern(Mem.cString(name));
        if (v == 0) {
            long old = Dicts.pop(sysDict(), key);
            if (old != 0) {
                Native.decref(old);
            }
        } else {
            Dicts.set(sysDict(), key, v);
        }
        return 0;
    }

    private static long sysDict() {
        long sys = StandInModules.load("sys");
        long dict = Modules.dict(sys);
        Native.decref(sys); // sys.modules keeps the module, and with it the dict
        return dict;
    }
}
