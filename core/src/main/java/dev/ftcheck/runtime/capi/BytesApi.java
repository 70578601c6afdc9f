package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;

/** bytesobject.h: bytes objects from C: creation, size and buffer access, repr, resizing a fresh object. */
public final class BytesApi {
    private BytesApi() {}

    // ---- bytes / bytearray ----

    @CApi
    public static long PyBytes_FromStringAndSize(long v, long len) {
        if (len < 0) {
            throw PyRaise.systemError("Negative size passed to PyBytes_FromStringAndSize");
        }
        return Bytes.create(v, len);
    }

    @CApi
    public static long PyBytes_FromString(long v) {
        return Bytes.create(v, Mem.strlen(v));
    }

    @CApi
    public static long PyBytes_Size(long o) {
        if (o == 0 || !Bytes.isBytes(o)) {
            throw PyRaise.typeError("expected bytes, %s found", o == 0 ? "NULL" : Types.name(o));
        }
        return Heap.size(o);
    }

    @CApi
    public static long PyBytes_AsString(long o) {
        PyBytes_Size(o);
        return o + dev.ftcheck.runtime.obj.Layout.BYTES_SVAL;
    }

    @CApi
    public static int PyBytes_AsStringAndSize(long o, long buffer, long length) {
        long n = PyBytes_Size(o);
        long data = o + dev.ftcheck.runtime.obj.Layout.BYTES_SVAL;
        Mem.putLong(buffer, data);
        if (length != 0) {
            Mem.putLong(length, n);
        } else if (Mem.strlen(data) != n) {
            throw PyRaise.valueError("embedded null byte");
        }
        return 0;
    }

    @CApi
    public static long PyBytes_Repr(long o, int smartquotes) {
        return Strs.fromJava(Repr.bytesRepr(Bytes.value(o)));
    }

    @CApi
    public static int _PyBytes_Resize(long pbytes, long newsize) {
        long old = Mem.getLong(pbytes);
        if (old == 0 || !Bytes.isBytes(old) || newsize < 0) {
            Mem.putLong(pbytes, 0);
            Native.xdecref(old);
            throw PyRaise.badInternalCall();
        }
        long n = Math.min(newsize, Heap.size(old));
        long fresh = Bytes.create(old + dev.ftcheck.runtime.obj.Layout.BYTES_SVAL, n);
        if (newsize > n) {
            Native.decref(fresh);
            fresh = Bytes.create(0, newsize);
            Mem.copy(old + dev.ftcheck.runtime.obj.Layout.BYTES_SVAL, fresh + dev.ftcheck.runtime.obj.Layout.BYTES_SVAL, n);
        }
        Mem.putLong(pbytes, fresh);
        Native.decref(old);
        return 0;
    }

    /** 3.14: bytes.join(sep, iterable) for a bytes sep (bytes' own join, whatever a subclass defines). */
    @CApi
    public static long PyBytes_Join(long sep, long iterable) {
        if (sep == 0 || iterable == 0) {
            throw PyRaise.badInternalCall();
        }
        if (!Bytes.isBytes(sep)) {
            throw PyRaise.typeError("sep: expected bytes, got %s", Types.typeOf(sep).qualifiedName());
        }
        long join = dev.ftcheck.runtime.obj.Attributes.lookupInType(Types.BYTES, "join");
        if (join == 0) {
            throw PyRaise.systemError("bytes has no join method");
        }
        return dev.ftcheck.runtime.obj.Calls.call(join, new long[] {sep, iterable}, 0);
    }
}
