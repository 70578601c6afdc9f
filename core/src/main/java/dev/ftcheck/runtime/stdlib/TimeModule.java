package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code time} module's clocks, sleep, gmtime/localtime/mktime and struct_time, the time zone constants, from
 * Java's clocks and java.time (the process's default zone stands for the C library's TZ). Not here: strftime,
 * strptime, asctime, ctime, get_clock_info and the clock_* functions (AttributeError).
 */
final class TimeModule {
    private static final List<String> STRUCT_TIME = List.of("tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min",
            "tm_sec", "tm_wday", "tm_yday", "tm_isdst", "tm_zone", "tm_gmtoff");
    /** The JVM's start, so that monotonic and perf_counter count from something fixed. */
    private static final long NANO_ORIGIN = System.nanoTime();

    private final long structTime;

    private TimeModule() {
        structTime = StructSeqTypes.newType("time.struct_time", STRUCT_TIME, 9);
    }

    static long create() {
        TimeModule t = new TimeModule();
        long m = Modules.create("time");
        Modules.setAttr(m, "struct_time", t.structTime);
        ZoneId zone = ZoneId.systemDefault();
        int year = LocalDateTime.now(zone).getYear();
        int january = offsetAt(zone, year, 1);
        int july = offsetAt(zone, year, 7);
        // as CPython: timezone is the west-of-UTC offset of standard time, altzone of summer time
        int standard = Math.min(january, july);
        int summer = Math.max(january, july);
        Modules.setNewAttr(m, "timezone", Ints.fromLong(-standard));
        Modules.setNewAttr(m, "altzone", Ints.fromLong(-summer));
        Modules.setNewAttr(m, "daylight", Ints.fromLong(january != july ? 1 : 0));
        Modules.setNewAttr(m, "tzname", Tuples.of(Strs.fromJava(zoneName(zone, false)), Strs.fromJava(zoneName(zone, true))));
        Modules.setNewAttr(m, "_STRUCT_TM_ITEMS", Ints.fromLong(11));
        t.functions().installFunctions(m);
        return m;
    }


    private static int offsetAt(ZoneId zone, int year, int month) {
        return zone.getRules().getOffset(LocalDateTime.of(year, month, 1, 0, 0)).getTotalSeconds();
    }

    private static String zoneName(ZoneId zone, boolean daylight) {
        return java.util.TimeZone.getTimeZone(zone).getDisplayName(daylight, java.util.TimeZone.SHORT, Locale.ROOT);
    }

    private BuiltinTable functions() {
        BuiltinTable t = new BuiltinTable();
        t.method("time", (self, args, kw) -> noArgs("time", args, kw, () -> Floats.fromDouble(nowNanos() / 1e9)));
        t.method("time_ns", (self, args, kw) -> noArgs("time_ns", args, kw, () -> Ints.fromLong(nowNanos())));
        t.method("monotonic", (self, args, kw) -> noArgs("monotonic", args, kw, () -> Floats.fromDouble(monotonic() / 1e9)));
        t.method("monotonic_ns", (self, args, kw) -> noArgs("monotonic_ns", args, kw, () -> Ints.fromLong(monotonic())));
        t.method("perf_counter", (self, args, kw) ->
                noArgs("perf_counter", args, kw, () -> Floats.fromDouble(monotonic() / 1e9)));
        t.method("perf_counter_ns", (self, args, kw) -> noArgs("perf_counter_ns", args, kw, () -> Ints.fromLong(monotonic())));
        t.method("process_time", (self, args, kw) ->
                noArgs("process_time", args, kw, () -> Floats.fromDouble(processNanos() / 1e9)));
        t.method("process_time_ns", (self, args, kw) ->
                noArgs("process_time_ns", args, kw, () -> Ints.fromLong(processNanos())));
        t.method("thread_time", (self, args, kw) ->
                noArgs("thread_time", args, kw, () -> Floats.fromDouble(threadNanos() / 1e9)));
        t.method("thread_time_ns", (self, args, kw) -> noArgs("thread_time_ns", args, kw, () -> Ints.fromLong(threadNanos())));
        t.method("sleep", (self, args, kw) -> {
            sleep(Args.one("time.sleep", args, kw));
            return Heap.newRef(Singletons.NONE);
        });
        t.method("gmtime", (self, args, kw) -> {
            atMostOne("gmtime", args, kw);
            return structTime(Instant.ofEpochSecond(seconds(args)).atZone(ZoneOffset.UTC), "GMT");
        });
        t.method("localtime", (self, args, kw) -> {
            atMostOne("localtime", args, kw);
            ZonedDateTime z = Instant.ofEpochSecond(seconds(args)).atZone(ZoneId.systemDefault());
            return structTime(z, zoneName(z.getZone(), z.getZone().getRules().isDaylightSavings(z.toInstant())));
        });
        t.method("mktime", (self, args, kw) -> Floats.fromDouble(mktime(Args.one("time.mktime", args, kw))));
        return t;
    }

    /** A no-argument function's result, computed after CPython's argument check. */
    private static long noArgs(String name, long[] args, long kw, java.util.function.LongSupplier result) {
        Args.none("time." + name, args, kw);
        return result.getAsLong();
    }

    /** PyArg_ParseTuple's "|O:name" check. */
    private static void atMostOne(String name, long[] args, long kw) {
        Args.noKeywords(name, kw);
        if (args.length > 1) {
            throw PyRaise.typeError("%s() takes at most 1 argument (%d given)", name, args.length);
        }
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static long monotonic() {
        return System.nanoTime() - NANO_ORIGIN;
    }

    private static long processNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static long threadNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** time.sleep(secs): a float or an integer (via __index__), non-negative, within PyTime_t's range. */
    private static void sleep(long secs) {
        double s;
        if (Floats.isFloat(secs)) {
            s = Floats.value(secs);
            if (Double.isNaN(s)) {
                throw PyRaise.valueError("Invalid value NaN (not a number)");
            }
        } else {
            BigInteger i = index(secs);
            if (i.abs().multiply(BigInteger.valueOf(1_000_000_000L)).bitLength() > 63) {
                throw PyRaise.overflow("timestamp too large to convert to C PyTime_t");
            }
            s = i.doubleValue();
        }
        if (Math.abs(s) * 1e9 >= 0x1p63) {
            throw PyRaise.overflow("timestamp out of range for C PyTime_t");
        }
        if (s < 0) {
            throw PyRaise.valueError("sleep length must be non-negative");
        }
        long deadline = System.nanoTime() + (long) (s * 1e9);
        for (long left = (long) (s * 1e9); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static BigInteger index(long o) {
        long i = AbstractApi.PyNumber_Index(o);
        try {
            return Ints.value(i);
        } finally {
            Native.decref(i);
        }
    }

    /** A time_t from the optional argument (None or absent: now), rounded towards minus infinity as CPython does. */
    private static long seconds(long[] args) {
        if (args.length == 0 || args[0] == Singletons.NONE) {
            return Math.floorDiv(nowNanos(), 1_000_000_000L);
        }
        long o = args[0];
        if (Floats.isFloat(o)) {
            double d = Floats.value(o);
            if (Double.isNaN(d)) {
                throw PyRaise.valueError("Invalid value NaN (not a number)");
            }
            double f = Math.floor(d);
            if (!(f >= -0x1p63 && f < 0x1p63)) {
                throw PyRaise.overflow("timestamp out of range for platform time_t");
            }
            return (long) f;
        }
        BigInteger i = index(o);
        if (i.bitLength() > 63) {
            throw PyRaise.overflow("timestamp out of range for platform time_t");
        }
        return i.longValue();
    }

    private long structTime(ZonedDateTime z, String zoneName) {
        try {
            return StructSeqTypes.instance(structTime, Ints.fromLong(z.getYear()), Ints.fromLong(z.getMonthValue()),
                    Ints.fromLong(z.getDayOfMonth()), Ints.fromLong(z.getHour()), Ints.fromLong(z.getMinute()),
                    Ints.fromLong(z.getSecond()), Ints.fromLong(z.getDayOfWeek().getValue() - 1),
                    Ints.fromLong(z.getDayOfYear()),
                    Ints.fromLong(z.getZone().getRules().isDaylightSavings(z.toInstant()) ? 1 : 0),
                    Strs.fromJava(zoneName), Ints.fromLong(z.getOffset().getTotalSeconds()));
        } catch (DateTimeException e) {
            throw new PyRaise(Exceptions.byName("OverflowError"), "timestamp out of range for platform time_t");
        }
    }

    /** mktime(t): the local time t (9 fields, normalised as C's mktime does) as seconds since the epoch. */
    private static double mktime(long t) {
        if (!Tuples.isTuple(t)) {
            throw PyRaise.typeError("Tuple or struct_time argument required");
        }
        long[] f = Iteration.toArray(t);
        try {
            if (f.length != 9) {
                throw PyRaise.typeError("mktime(): illegal time tuple argument");
            }
            long[] v = new long[6];
            for (int i = 0; i < 6; i++) {
                v[i] = index(f[i]).longValueExact();
            }
            LocalDateTime local = LocalDateTime.of((int) v[0], 1, 1, 0, 0).plusMonths(v[1] - 1).plusDays(v[2] - 1)
                    .plusHours(v[3]).plusMinutes(v[4]).plusSeconds(v[5]);
            return local.atZone(ZoneId.systemDefault()).toEpochSecond();
        } catch (DateTimeException | ArithmeticException e) {
            throw PyRaise.overflow("mktime argument out of range");
        } finally {
            for (long r : f) {
                Native.decref(r);
            }
        }
    }
}
