package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Types;
import java.lang.foreign.Arena;

/**
 * pybuffer.h: the buffer protocol. bytes (read-only) and bytearray (writable, export-counted so it cannot be
 * resized while exported) export their storage; extension types export through bf_getbuffer/bf_releasebuffer.
 * Py_buffer is CPython's 80-byte struct (buf 0, obj 8, len 16, itemsize 24, readonly 32, ndim 36, format 40,
 * shape 48, strides 56, suboffsets 64, internal 72).
 */
public final class BufferApi {
    private static final int PyBUF_WRITABLE = 0x1, PyBUF_FORMAT = 0x4, PyBUF_ND = 0x8, PyBUF_STRIDES = 0x18;
    private static final long FORMAT_B = Arena.global().allocateFrom("B").address();

    private BufferApi() {}

    private static long bufferProcs(long o) {
        long bp = Mem.getLong(Heap.type(o) + TP_AS_BUFFER);
        return bp == 0 ? 0 : Mem.getLong(bp);
    }

    /** sizeof(Py_buffer): buf at 0, len at 16. */
    public static final long PY_BUFFER_SIZE = 80;

    /** A copy of the bytes a buffer exporter hands out (PyBUF_SIMPLE); the view is released again. */
    public static byte[] simpleBytes(long obj) {
        long view = Native.memMalloc(PY_BUFFER_SIZE);
        try {
            PyObject_GetBuffer(obj, view, 0);
            try {
                return Mem.bytes(Mem.getLong(view), Mem.getLong(view + 16));
            } finally {
                PyBuffer_Release(view);
            }
        } finally {
            Native.memFree(view);
        }
    }

    @CApi
    public static int PyObject_CheckBuffer(long o) {
        return Bytes.isBytes(o) || Types.isInstance(o, Types.BYTEARRAY)
                || (!Types.typeOf(o).builtin && bufferProcs(o) != 0) ? 1 : 0;
    }

    @CApi
    public static int PyObject_GetBuffer(long o, long view, int flags) {
        if (Bytes.isBytes(o)) {
            return PyBuffer_FillInfo(view, o, o + BYTES_SVAL, Heap.size(o), 1, flags);
        }
        if (Types.isInstance(o, Types.BYTEARRAY)) {
            PyBuffer_FillInfo(view, o, Mem.getLong(o + BYTEARRAY_START), Heap.size(o), 0, flags);
            Mem.putLong(o + BYTEARRAY_EXPORTS, Mem.getLong(o + BYTEARRAY_EXPORTS) + 1);
            return 0;
        }
        long get = Types.typeOf(o).builtin ? 0 : bufferProcs(o);
        if (get == 0) {
            throw PyRaise.typeError("a bytes-like object is required, not '%s'", Types.name(o));
        }
        if (Downcalls.int3(get, o, view, flags) < 0) {
            throw ErrorAlreadySet.INSTANCE;
        }
        return 0;
    }

    @CApi
    public static int PyBuffer_FillInfo(long view, long obj, long buf, long len, int readonly, int flags) {
        if (view == 0) {
            throw PyRaise.badInternalCall();
        }
        if ((flags & PyBUF_WRITABLE) != 0 && readonly != 0) {
            throw new PyRaise(Exceptions.BufferError, "Object is not writable.");
        }
        Mem.putLong(view, buf);
        Mem.putLong(view + 8, obj == 0 ? 0 : Heap.newRef(obj));
        Mem.putLong(view + 16, len);
        Mem.putLong(view + 24, 1);
        Mem.putInt(view + 32, readonly);
        Mem.putInt(view + 36, 1);
        Mem.putLong(view + 40, (flags & PyBUF_FORMAT) != 0 ? FORMAT_B : 0);
        Mem.putLong(view + 48, (flags & PyBUF_ND) == PyBUF_ND ? view + 16 : 0);
        Mem.putLong(view + 56, (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? view + 24 : 0);
        Mem.putLong(view + 64, 0);
        Mem.putLong(view + 72, 0);
        return 0;
    }

    @CApi
    public static void PyBuffer_Release(long view) {
        long obj = Mem.getLong(view + 8);
        if (obj == 0) {
            return;
        }
        if (Types.isInstance(obj, Types.BYTEARRAY)) {
            Mem.putLong(obj + BYTEARRAY_EXPORTS, Math.max(0, Mem.getLong(obj + BYTEARRAY_EXPORTS) - 1));
        } else if (!Types.typeOf(obj).builtin) {
            long bp = Mem.getLong(Heap.type(obj) + TP_AS_BUFFER);
            long release = bp == 0 ? 0 : Mem.getLong(bp + 8);
            if (release != 0) {
                Downcalls.void2(release, obj, view);
            }
        }
        Mem.putLong(view + 8, 0);
        Native.decref(obj);
    }
}
