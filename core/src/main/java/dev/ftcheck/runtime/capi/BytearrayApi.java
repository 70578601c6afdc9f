package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Types;

/** bytearrayobject.h: bytearray objects from C. */
public final class BytearrayApi {
    private BytearrayApi() {}

    @CApi
    public static long PyByteArray_FromStringAndSize(long s, long len) {
        if (len < 0) {
            throw PyRaise.systemError("Negative size passed to PyByteArray_FromStringAndSize");
        }
        return Bytes.newByteArray(s, len);
    }

    @CApi
    public static long PyByteArray_Size(long o) {
        if (o == 0 || !Types.isInstance(o, Types.BYTEARRAY)) {
            throw PyRaise.badInternalCall();
        }
        return Heap.size(o);
    }

    @CApi
    public static long PyByteArray_AsString(long o) {
        PyByteArray_Size(o);
        return Mem.getLong(o + dev.ftcheck.runtime.obj.Layout.BYTEARRAY_START);
    }
}
