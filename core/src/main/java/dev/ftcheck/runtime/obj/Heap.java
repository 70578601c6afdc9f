package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.thread.ThreadState;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Native object storage: allocation with CPython's free-threaded header (owned by the creating thread, local count
 * 1), immortalisation, and the Java-side state some objects keep beside their native memory, keyed by address.
 */
public final class Heap {
    private static final ConcurrentHashMap<Long, Object> STATE = new ConcurrentHashMap<>();

    private Heap() {}

    /** A new object of {@code size} bytes (zeroed) with one reference owned by the calling thread. */
    public static long alloc(long type, long size) {
        long p = Native.objectNew(size);
        initHeader(p, type);
        return p;
    }

    public static long allocVar(long type, long basicSize, long itemSize, long n) {
        long p = alloc(type, basicSize + itemSize * n);
        Mem.putLong(p + OB_SIZE, n);
        return p;
    }

    /** Writes a fresh header (PyObject_Init); heap types gain a reference from each instance, as in CPython. */
    public static void initHeader(long p, long type) {
        Mem.putLong(p + OB_TID, ThreadState.current().tid());
        Mem.putShort(p + OB_FLAGS, (short) 0);
        Mem.putByte(p + OB_MUTEX, (byte) 0);
        Mem.putByte(p + OB_GC_BITS, (byte) 0);
        Mem.putInt(p + OB_REF_LOCAL, 1);
        Mem.putLong(p + OB_REF_SHARED, 0);
        Mem.putLong(p + OB_TYPE, type);
        long flags = Mem.getLong(type + TP_FLAGS);
        if ((flags & TPF_MANAGED_DICT) != 0) {
            ManagedDicts.clear(p); // a dict left by an object freed at this address without its dealloc clearing it
        }
        if ((flags & TPF_HEAPTYPE) != 0) {
            Native.incref(type);
        }
    }

    /** Makes an object immortal: reference counting no longer touches it (ob_ref_local = UINT32_MAX). */
    public static void immortalize(long p) {
        Mem.putLong(p + OB_TID, 0);
        Mem.putInt(p + OB_REF_LOCAL, IMMORTAL_LOCAL);
        Mem.putLong(p + OB_REF_SHARED, 0);
    }

    /** Immortalises an object this runtime allocated (interned strings, small ints): it leaves the live count. */
    public static void immortalizeAllocated(long p) {
        immortalize(p);
        Native.immortalized(p);
    }

    public static boolean isImmortal(long p) {
        return Mem.getInt(p + OB_REF_LOCAL) == IMMORTAL_LOCAL;
    }

    public static long type(long p) {
        return Mem.getLong(p + OB_TYPE);
    }

    /** What Py_REFCNT reads, for the process's ABI. */
    public static long refcnt(long p) {
        int rawLocal = Mem.getInt(p + OB_REF_LOCAL);
        if (rawLocal == IMMORTAL_LOCAL) {
            return IMMORTAL_REFCNT_REPORTED;
        }
        long local = Integer.toUnsignedLong(rawLocal);
        return local + (Mem.getLongVolatile(p + OB_REF_SHARED) >> 2);
    }

    public static long size(long p) {
        return Mem.getLong(p + OB_SIZE);
    }

    /** Returns op with a new reference. */
    public static long newRef(long op) {
        Native.incref(op);
        return op;
    }

    public static void putState(long p, Object s) {
        STATE.put(p, s);
    }

    @SuppressWarnings("unchecked")
    public static <T> T state(long p) {
        return (T) STATE.get(p);
    }

    /** Object state holding references, released when its object is deallocated. */
    public interface Owner {
        void release();
    }

    public static Object removeState(long p) {
        return STATE.remove(p);
    }

    /** Frees an object's storage (tp_free for the runtime's own types). */
    public static void free(long p) {
        STATE.remove(p);
        ManagedDicts.clear(p);
        Native.objectFree(p);
    }
}
