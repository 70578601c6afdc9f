package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Objects.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;

/** sliceobject.h: slice objects and index arithmetic. */
public final class SliceApi {
    private SliceApi() {}

    @CApi
    public static long PySlice_New(long start, long stop, long step) {
        return Objects.newSlice(start, stop, step);
    }

    private static long sliceField(long v, long dflt) {
        if (v == Singletons.NONE) {
            return dflt;
        }
        java.math.BigInteger b = Ints.index(v);
        if (b.bitLength() >= 64) {
            return b.signum() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        }
        return b.longValue();
    }

    @CApi
    public static int PySlice_Unpack(long slice, long pstart, long pstop, long pstep) {
        long step = sliceField(Mem.getLong(slice + SL_STEP), 1);
        if (step == 0) {
            throw PyRaise.valueError("slice step cannot be zero");
        }
        long start = sliceField(Mem.getLong(slice + SL_START), step < 0 ? Long.MAX_VALUE : 0);
        long stop = sliceField(Mem.getLong(slice + SL_STOP), step < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
        Mem.putLong(pstart, start);
        Mem.putLong(pstop, stop);
        Mem.putLong(pstep, step);
        return 0;
    }

    @CApi
    public static long PySlice_AdjustIndices(long length, long pstart, long pstop, long step) {
        long start = Mem.getLong(pstart);
        long stop = Mem.getLong(pstop);
        if (start < 0) {
            start = Math.max(start + length, step < 0 ? -1 : 0);
        } else if (start >= length) {
            start = step < 0 ? length - 1 : length;
        }
        if (stop < 0) {
            stop = Math.max(stop + length, step < 0 ? -1 : 0);
        } else if (stop >= length) {
            stop = step < 0 ? length - 1 : length;
        }
        Mem.putLong(pstart, start);
        Mem.putLong(pstop, stop);
        if (step < 0) {
            return stop < start ? (start - stop - 1) / (-step) + 1 : 0;
        }
        return start < stop ? (stop - start - 1) / step + 1 : 0;
    }

    @CApi
    public static int PySlice_GetIndicesEx(long slice, long length, long pstart, long pstop, long pstep, long plen) {
        PySlice_Unpack(slice, pstart, pstop, pstep);
        Mem.putLong(plen, PySlice_AdjustIndices(length, pstart, pstop, Mem.getLong(pstep)));
        return 0;
    }
}
