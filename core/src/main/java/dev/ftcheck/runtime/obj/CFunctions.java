package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;

/**
 * Built-in function objects (PyCFunctionObject / PyCMethodObject layout: m_ml 32, m_self 40, m_module 48,
 * vectorcall 64, mm_class 72) wrapping a PyMethodDef, and the call conventions that dispatch to its ml_meth.
 */
public final class CFunctions {
    public static final int METH_VARARGS = 0x1;
    public static final int METH_KEYWORDS = 0x2;
    public static final int METH_NOARGS = 0x4;
    public static final int METH_O = 0x8;
    public static final int METH_CLASS = 0x10;
    public static final int METH_STATIC = 0x20;
    public static final int METH_COEXIST = 0x40;
    public static final int METH_FASTCALL = 0x80;
    public static final int METH_METHOD = 0x200;

    private static final long ML = 32, SELF = 40, MODULE = 48, CLASS = 72;

    private CFunctions() {}

    /** A function object for the PyMethodDef at ml; self and module are borrowed (new references taken). */
    public static long create(long ml, long self, long module, long cls) {
        int flags = flags(ml);
        if ((flags & METH_METHOD) != 0 && cls == 0) {
            throw PyRaise.systemError("attempting to create PyCMethod with a METH_METHOD flag but no class");
        }
        long f = Heap.alloc(cls != 0 ? Types.CMETHOD : Types.CFUNCTION, cls != 0 ? 80 : 72);
        Mem.putLong(f + ML, ml);
        if (self != 0) {
            Mem.putLong(f + SELF, Heap.newRef(self));
        }
        if (module != 0) {
            Mem.putLong(f + MODULE, Heap.newRef(module));
        }
        if (cls != 0) {
            Mem.putLong(f + CLASS, Heap.newRef(cls));
        }
        return f;
    }

    /** A method-wrapper: a slot wrapper bound to self (same layout as a built-in function). */
    public static long createWrapper(long ml, long self) {
        long f = Heap.alloc(Types.METHOD_WRAPPER, 72);
        Mem.putLong(f + ML, ml);
        Mem.putLong(f + SELF, Heap.newRef(self));
        return f;
    }

    public static long def(long f) {
        return Mem.getLong(f + ML);
    }

    public static long self(long f) {
        return Mem.getLong(f + SELF);
    }

    public static long definingClass(long f) {
        return Types.typeOf(f).addr == Types.CMETHOD ? Mem.getLong(f + CLASS) : 0;
    }

    public static String name(long ml) {
        return Mem.cString(Mem.getLong(ml));
    }

    public static long meth(long ml) {
        return Mem.getLong(ml + 8);
    }

    public static int flags(long ml) {
        return Mem.getInt(ml + 16);
    }

    public static String repr(long f) {
        long self = self(f);
        String n = name(def(f));
        if (Heap.type(f) == Types.METHOD_WRAPPER) {
            return "<method-wrapper '" + n + "' of " + Types.typeOf(self).fullName() + " object at 0x"
                    + Long.toHexString(self) + ">";
        }
        if (self == 0 || Types.kindOf(self) == TypeKind.MODULE) {
            return "<built-in function " + n + ">";
        }
        return "<built-in method " + n + " of " + Types.typeOf(self).fullName() + " object at 0x"
                + Long.toHexString(self) + ">";
    }

    public static void dealloc(long f) {
        for (long off : new long[] {SELF, MODULE}) {
            Native.xdecref(Mem.getLong(f + off));
        }
        if (Types.typeOf(f).addr == Types.CMETHOD) {
            Native.xdecref(Mem.getLong(f + CLASS));
        }
    }
}
