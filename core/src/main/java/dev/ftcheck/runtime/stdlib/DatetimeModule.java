package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Modules;

/**
 * The {@code datetime} module (CPython's _datetime): date, time, datetime, timedelta, tzinfo, timezone, MINYEAR,
 * MAXYEAR, UTC and the {@code datetime_CAPI} capsule that PyDateTime_IMPORT reads. The types are C, in the bridge
 * (native-bridge/src/bridge_datetime.c), laid out as datetime.h says so that its macros read them; this class
 * makes the module and has the bridge fill it.
 */
final class DatetimeModule {
    private DatetimeModule() {}

    static long create() {
        long m = Modules.create("datetime");
        if (Downcalls.int1(Bridge.get().require("ftb_datetime_fill"), m) < 0) {
            Native.decref(m);
            throw ErrorAlreadySet.INSTANCE;
        }
        return m;
    }
}
