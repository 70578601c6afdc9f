package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;

/** format(obj, spec): the object's own __format__ (str, int, float have CPython's mini-language). */
public final class FormatApi {
    private FormatApi() {}

    @CApi
    public static long PyObject_Format(long obj, long spec) {
        if (obj == 0) {
            throw PyRaise.badInternalCall();
        }
        if (spec != 0 && !Strs.isStr(spec)) {
            throw PyRaise.systemError("Format specifier must be a string, not %s", Types.name(spec));
        }
        if (spec == 0 || Strs.length(spec) == 0) {
            if (Heap.type(obj) == Types.STR) {
                return Heap.newRef(obj);
            }
            if (Heap.type(obj) == Types.INT && Ints.isInt(obj)) {
                return ObjectApi.PyObject_Str(obj);
            }
        }
        long empty = spec == 0 ? Strs.fromJava("") : 0;
        try {
            if (dev.ftcheck.runtime.obj.Attributes.lookupInType(Heap.type(obj), "__format__") == 0) {
                throw PyRaise.typeError("Type %s doesn't define __format__", Types.name(obj));
            }
            long r = Calls.callMethod(obj, "__format__", new long[] {spec == 0 ? empty : spec}, 0);
            if (!Strs.isStr(r)) {
                String name = Types.name(r);
                Native.decref(r);
                throw PyRaise.typeError("__format__ must return a str, not %s", name);
            }
            return r;
        } finally {
            if (empty != 0) {
                Native.decref(empty);
            }
        }
    }
}
