package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Objects.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.Weakrefs;

/** Capsules, slices and weak references. */
public final class MiscApi {
    private MiscApi() {}

    private static long capsule(long c, String fn) {
        if (c == 0 || !Types.isInstance(c, Types.CAPSULE) || Mem.getLong(c + CAP_POINTER) == 0) {
            throw PyRaise.valueError("%s called with invalid PyCapsule object", fn);
        }
        return c;
    }

    private static boolean nameMatches(long a, long b) {
        if (a == 0 || b == 0) {
            return a == b;
        }
        return Mem.cString(a).equals(Mem.cString(b));
    }

    @CApi
    public static long PyCapsule_New(long pointer, long name, long destructor) {
        return Objects.newCapsule(pointer, name, destructor);
    }

    @CApi
    public static long PyCapsule_GetPointer(long c, long name) {
        capsule(c, "PyCapsule_GetPointer");
        if (!nameMatches(Mem.getLong(c + CAP_NAME), name)) {
            throw PyRaise.valueError("PyCapsule_GetPointer called with incorrect name");
        }
        return Mem.getLong(c + CAP_POINTER);
    }

    @CApi
    public static long PyCapsule_GetName(long c) {
        return Mem.getLong(capsule(c, "PyCapsule_GetName") + CAP_NAME);
    }

    @CApi
    public static long PyCapsule_GetContext(long c) {
        return Mem.getLong(capsule(c, "PyCapsule_GetContext") + CAP_CONTEXT);
    }

    @CApi
    public static long PyCapsule_GetDestructor(long c) {
        return Mem.getLong(capsule(c, "PyCapsule_GetDestructor") + CAP_DESTRUCTOR);
    }

    @CApi
    public static int PyCapsule_IsValid(long c, long name) {
        return c != 0 && Types.isInstance(c, Types.CAPSULE) && Mem.getLong(c + CAP_POINTER) != 0
                && nameMatches(Mem.getLong(c + CAP_NAME), name) ? 1 : 0;
    }

    @CApi
    public static int PyCapsule_SetPointer(long c, long pointer) {
        if (pointer == 0) {
            throw PyRaise.valueError("PyCapsule_SetPointer called with null pointer");
        }
        Mem.putLong(capsule(c, "PyCapsule_SetPointer") + CAP_POINTER, pointer);
        return 0;
    }

    @CApi
    public static int PyCapsule_SetName(long c, long name) {
        Mem.putLong(capsule(c, "PyCapsule_SetName") + CAP_NAME, name);
        return 0;
    }

    @CApi
    public static int PyCapsule_SetContext(long c, long context) {
        Mem.putLong(capsule(c, "PyCapsule_SetContext") + CAP_CONTEXT, context);
        return 0;
    }

    @CApi
    public static int PyCapsule_SetDestructor(long c, long d) {
        Mem.putLong(capsule(c, "PyCapsule_SetDestructor") + CAP_DESTRUCTOR, d);
        return 0;
    }

    @CApi
    public static long PySlice_New(long start, long stop, long step) {
        return Objects.newSlice(start, stop, step);
    }

    private static long sliceField(long v, long dflt) {
        if (v == Singletons.NONE) {
            return dflt;
        }
        java.math.BigInteger b = Ints.index(v);
        if (b.bitLength() >= 64) {
            return b.signum() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        }
        return b.longValue();
    }

    @CApi
    public static int PySlice_Unpack(long slice, long pstart, long pstop, long pstep) {
        long step = sliceField(Mem.getLong(slice + SL_STEP), 1);
        if (step == 0) {
            throw PyRaise.valueError("slice step cannot be zero");
        }
        long start = sliceField(Mem.getLong(slice + SL_START), step < 0 ? Long.MAX_VALUE : 0);
        long stop = sliceField(Mem.getLong(slice + SL_STOP), step < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
        Mem.putLong(pstart, start);
        Mem.putLong(pstop, stop);
        Mem.putLong(pstep, step);
        return 0;
    }

    @CApi
    public static long PySlice_AdjustIndices(long length, long pstart, long pstop, long step) {
        long start = Mem.getLong(pstart);
        long stop = Mem.getLong(pstop);
        if (start < 0) {
            start = Math.max(start + length, step < 0 ? -1 : 0);
        } else if (start >= length) {
            start = step < 0 ? length - 1 : length;
        }
        if (stop < 0) {
            stop = Math.max(stop + length, step < 0 ? -1 : 0);
        } else if (stop >= length) {
            stop = step < 0 ? length - 1 : length;
        }
        Mem.putLong(pstart, start);
        Mem.putLong(pstop, stop);
        if (step < 0) {
            return stop < start ? (start - stop - 1) / (-step) + 1 : 0;
        }
        return start < stop ? (stop - start - 1) / step + 1 : 0;
    }

    @CApi
    public static int PySlice_GetIndicesEx(long slice, long length, long pstart, long pstop, long pstep, long plen) {
        PySlice_Unpack(slice, pstart, pstop, pstep);
        Mem.putLong(plen, PySlice_AdjustIndices(length, pstart, pstop, Mem.getLong(pstep)));
        return 0;
    }

    @CApi
    public static long PyWeakref_NewRef(long ob, long callback) {
        return Weakrefs.newRef(ob, callback);
    }

    /** Proxies are weak references that yield their referent; the runtime gives them the reference type. */
    @CApi
    public static long PyWeakref_NewProxy(long ob, long callback) {
        return Weakrefs.newRef(ob, callback);
    }

    @CApi
    public static int PyWeakref_GetRef(long ref, long pobj) {
        if (ref == 0 || !Weakrefs.isWeakref(ref)) {
            Mem.putLong(pobj, 0);
            throw PyRaise.typeError("expected a weakref, got %s", ref == 0 ? "NULL" : Types.name(ref));
        }
        long o = Weakrefs.get(ref);
        Mem.putLong(pobj, o);
        return o != 0 ? 1 : 0;
    }

    @CApi
    public static long PyWeakref_GetObject(long ref) {
        if (ref == 0 || !Weakrefs.isWeakref(ref)) {
            throw PyRaise.badInternalCall();
        }
        long o = Weakrefs.get(ref);
        if (o == 0) {
            return Singletons.NONE;
        }
        dev.ftcheck.runtime.nat.Native.decref(o); // borrowed, as the hazardous original returns it
        return o;
    }

    /** Imports the module named by the first component, walks the rest as attributes, and checks the capsule. */
    @CApi
    public static long PyCapsule_Import(long name, int noBlock) {
        String full = Mem.cString(name);
        String[] parts = full.split("\\.", -1);
        long object = 0;
        try {
            for (String part : parts) {
                if (object == 0) {
                    long key = Strs.fromJava(part);
                    try {
                        object = SequenceApi.PyImport_Import(key);
                    } catch (RuntimeException e) {
                        Errors.clear(); // replaced by the ImportError below, as PyErr_Format replaces it
                        throw new PyRaise(Exceptions.ImportError,
                                "PyCapsule_Import could not import module \"" + part + "\"");
                    } finally {
                        Native.decref(key);
                    }
                } else {
                    long next = Attributes.get(object, Strs.intern(part));
                    Native.decref(object);
                    object = next;
                }
            }
            if (!Types.isInstance(object, Types.CAPSULE) || Mem.getLong(object + CAP_POINTER) == 0
                    || !nameMatches(Mem.getLong(object + CAP_NAME), name)) {
                throw new PyRaise(Exceptions.AttributeError, "PyCapsule_Import \"" + full + "\" is not valid");
            }
            return Mem.getLong(object + CAP_POINTER);
        } finally {
            if (object != 0) {
                Native.decref(object);
            }
        }
    }
}
