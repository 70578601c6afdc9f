package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.PyRaise;

/** pyhash.h (3.14's Py_HashBuffer; the pointer hashes are native in the bridge). */
public final class HashApi {
    private HashApi() {}

    /** The hash of len bytes at ptr: what hash() of a bytes object with those bytes gives. */
    @CApi
    public static long Py_HashBuffer(long ptr, long len) {
        if (len < 0 || (ptr == 0 && len > 0)) {
            throw PyRaise.badInternalCall();
        }
        return Bytes.hashOf(len == 0 ? new byte[0] : Mem.bytes(ptr, len));
    }
}
