package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Tuples;

/** tupleobject.h: tuples. */
public final class TupleApi {
    private TupleApi() {}

    @CApi
    public static long PyTuple_New(long size) {
        if (size < 0) {
            throw PyRaise.badInternalCall();
        }
        return Tuples.create(size);
    }

    @CApi
    public static int PyTuple_SetItem(long t, long pos, long o) {
        if (t == 0 || !Tuples.isTuple(t) || Heap.refcnt(t) != 1) {
            Native.xdecref(o);
            throw PyRaise.badInternalCall();
        }
        if (pos < 0 || pos >= Tuples.size(t)) {
            Native.xdecref(o);
            throw PyRaise.indexError("tuple assignment index out of range");
        }
        long old = Tuples.get(t, pos);
        Tuples.set(t, pos, o);
        Native.xdecref(old);
        return 0;
    }

    @CApi
    public static long PyTuple_GetSlice(long t, long low, long high) {
        if (t == 0 || !Tuples.isTuple(t)) {
            throw PyRaise.badInternalCall();
        }
        long n = Tuples.size(t);
        long lo = Math.max(0, Math.min(low, n));
        long hi = Math.max(lo, Math.min(high, n));
        long r = Tuples.create(hi - lo);
        for (long i = lo; i < hi; i++) {
            Tuples.set(r, i - lo, Heap.newRef(Tuples.get(t, i)));
        }
        return r;
    }

    /** Resizes a tuple nobody else references yet (the only legal use), replacing *p. */
    @CApi
    public static int _PyTuple_Resize(long p, long newsize) {
        long old = Mem.getLong(p);
        if (old == 0 || !Tuples.isTuple(old) || newsize < 0 || (Heap.refcnt(old) != 1 && old != Tuples.empty())) {
            Mem.putLong(p, 0);
            Native.xdecref(old);
            throw PyRaise.badInternalCall();
        }
        long n = Tuples.size(old);
        long fresh = Tuples.create(newsize);
        for (long i = 0; i < Math.min(n, newsize); i++) {
            Tuples.set(fresh, i, Tuples.get(old, i));
            Tuples.set(old, i, 0); // moved, not copied
        }
        Mem.putLong(p, fresh);
        Native.decref(old);
        return 0;
    }
}
