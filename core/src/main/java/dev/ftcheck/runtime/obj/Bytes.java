package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;

/** bytes (inline ob_sval, NUL-terminated) and bytearray (separately allocated buffer) objects. */
public final class Bytes {
    private Bytes() {}

    /** A new bytes of length n; copies from src when src != 0. */
    public static long create(long src, long n) {
        long p = Heap.allocVar(Types.BYTES, BYTES_SVAL + 1, 1, n);
        Mem.putLong(p + BYTES_HASH, -1);
        if (src != 0 && n > 0) {
            Mem.copy(src, p + BYTES_SVAL, n);
        }
        return p;
    }

    public static long fromJava(byte[] b) {
        long p = create(0, b.length);
        Mem.putBytes(p + BYTES_SVAL, b);
        return p;
    }

    public static boolean isBytes(long obj) {
        return (Mem.getLong(Heap.type(obj) + TP_FLAGS) & TPF_BYTES_SUBCLASS) != 0;
    }

    public static byte[] value(long p) {
        return Mem.bytes(p + BYTES_SVAL, Heap.size(p));
    }

    public static long hash(long p) {
        long h = Mem.getLong(p + BYTES_HASH);
        if (h == -1) {
            h = hashOf(value(p));
            Mem.putLong(p + BYTES_HASH, h);
        }
        return h;
    }

    /** hash() of a bytes object holding these bytes (also Py_HashBuffer's answer). */
    public static long hashOf(byte[] b) {
        return Strs.mixHash(java.util.Arrays.hashCode(b));
    }

    public static long newByteArray(long src, long n) {
        long p = Heap.alloc(Types.BYTEARRAY, BYTEARRAY_SIZE);
        long buf = Native.memMalloc(n + 1);
        if (src != 0 && n > 0) {
            Mem.copy(src, buf, n);
        } else if (n > 0) {
            Mem.fill(buf, n, (byte) 0);
        }
        Mem.putByte(buf + n, (byte) 0);
        Mem.putLong(p + OB_SIZE, n);
        Mem.putLong(p + BYTEARRAY_ALLOC, n + 1);
        Mem.putLong(p + BYTEARRAY_BYTES, buf);
        Mem.putLong(p + BYTEARRAY_START, buf);
        return p;
    }

    /** A new bytearray holding a copy of b. */
    public static long newByteArrayFrom(byte[] b) {
        long p = newByteArray(0, b.length);
        if (b.length > 0) {
            Mem.putBytes(Mem.getLong(p + BYTEARRAY_START), b);
        }
        return p;
    }

    public static byte[] byteArrayValue(long p) {
        return Mem.bytes(Mem.getLong(p + BYTEARRAY_START), Heap.size(p));
    }

    public static void deallocByteArray(long p) {
        Native.memFree(Mem.getLong(p + BYTEARRAY_BYTES));
    }
}
