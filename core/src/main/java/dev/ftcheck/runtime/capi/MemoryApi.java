package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.builtins.MemoryViews;

/** memoryobject.h: memoryviews of exporters, raw memory and filled Py_buffers (MemoryViews does the work). */
public final class MemoryApi {
    private MemoryApi() {}

    @CApi
    public static long PyMemoryView_FromObject(long base) {
        if (base == 0) {
            throw PyRaise.badInternalCall();
        }
        return MemoryViews.fromObject(base);
    }

    @CApi
    public static long PyMemoryView_FromMemory(long mem, long size, int flags) {
        return MemoryViews.fromMemory(mem, size, flags);
    }

    @CApi
    public static long PyMemoryView_FromBuffer(long info) {
        return MemoryViews.fromBuffer(info);
    }

    @CApi
    public static long PyMemoryView_GetContiguous(long base, int bufferType, int order) {
        return MemoryViews.getContiguous(base, bufferType, (char) order);
    }

    @CApi
    public static long PyMemoryView_GET_BUFFER(long op) {
        return MemoryViews.viewOf(op);
    }

    @CApi
    public static long PyMemoryView_GET_BASE(long op) {
        return MemoryViews.baseOf(op);
    }
}
