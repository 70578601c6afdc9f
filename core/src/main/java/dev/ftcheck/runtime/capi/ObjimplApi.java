package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Weakrefs;

/** objimpl.h: allocating and initializing objects, and the cyclic GC's tracking calls. */
public final class ObjimplApi {
    private ObjimplApi() {}

    @CApi
    public static long PyObject_Init(long op, long type) {
        if (op == 0) {
            throw new PyRaise(dev.ftcheck.runtime.obj.Exceptions.MemoryError, null);
        }
        Native.markObject(op);
        Heap.initHeader(op, type);
        return op;
    }

    @CApi
    public static long PyObject_InitVar(long op, long type, long size) {
        PyObject_Init(op, type);
        Mem.putLong(op + OB_SIZE, size);
        return op;
    }

    @CApi
    public static long _PyObject_New(long type) {
        return Heap.alloc(type, Mem.getLong(type + TP_BASICSIZE));
    }

    @CApi
    public static long _PyObject_NewVar(long type, long nitems) {
        return Heap.allocVar(type, Mem.getLong(type + TP_BASICSIZE), Mem.getLong(type + TP_ITEMSIZE), nitems);
    }

    @CApi
    public static long _PyObject_GC_New(long type) {
        return _PyObject_New(type);
    }

    @CApi
    public static long _PyObject_GC_NewVar(long type, long nitems) {
        return _PyObject_NewVar(type, nitems);
    }

    @CApi
    public static void PyObject_GC_Track(long op) {
        // Reference cycles are not collected (no cyclic GC in the runtime); tracking has no effect.
    }

    @CApi
    public static void PyObject_GC_UnTrack(long op) {
        // See PyObject_GC_Track.
    }

    @CApi
    public static void PyObject_GC_Del(long op) {
        Heap.removeState(op);
        dev.ftcheck.runtime.obj.ManagedDicts.clear(op);
        Native.objectFree(op);
    }

    @CApi
    public static int PyObject_GC_IsTracked(long op) {
        return (Mem.getLong(Heap.type(op) + TP_FLAGS) & TPF_HAVE_GC) != 0 ? 1 : 0;
    }

    @CApi
    public static int PyObject_GC_IsFinalized(long op) {
        return 0;
    }

    @CApi
    public static int PyObject_IS_GC(long op) {
        return (Mem.getLong(Heap.type(op) + TP_FLAGS) & TPF_HAVE_GC) != 0 ? 1 : 0;
    }

    @CApi
    public static long PyGC_Collect() {
        return 0; // nothing is ever found: the runtime has no cycle collector (documented)
    }

    @CApi
    public static int PyType_SUPPORTS_WEAKREFS(long type) {
        return Weakrefs.typeSupports(type) ? 1 : 0;
    }
}
