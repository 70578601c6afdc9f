package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Objects.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;

/** pycapsule.h: capsules, C pointers carried in a Python object under a name. */
public final class CapsuleApi {
    private CapsuleApi() {}

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
                        object = ImportApi.PyImport_Import(key);
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
