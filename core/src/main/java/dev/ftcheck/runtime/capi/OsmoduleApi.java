package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;

/** osmodule.h: os.fspath from C. */
public final class OsmoduleApi {
    private OsmoduleApi() {}

    /** os.fspath(): str and bytes as they are, otherwise the result of type(path).__fspath__(path). */
    @CApi
    public static long PyOS_FSPath(long path) {
        if (Strs.isStr(path) || Bytes.isBytes(path)) {
            Native.incref(path);
            return path;
        }
        long fspath = dev.ftcheck.runtime.obj.Attributes.lookupInType(Heap.type(path), "__fspath__");
        if (fspath == 0) {
            throw PyRaise.typeError("expected str, bytes or os.PathLike object, not %s", Types.name(path));
        }
        long r = dev.ftcheck.runtime.obj.Calls.callMethod(path, "__fspath__", new long[0], 0);
        if (!Strs.isStr(r) && !Bytes.isBytes(r)) {
            String got = Types.name(r);
            Native.decref(r);
            throw PyRaise.typeError("expected %s.__fspath__() to return str or bytes, not %s", Types.name(path), got);
        }
        return r;
    }
}
