package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;

/**
 * module objects (md_dict 32, md_def 40, md_state 48, md_name 64): attributes live in a real dict so
 * PyModule_GetDict works; per-module state is a zeroed PyMem block of m_size bytes.
 */
public final class Modules {
    public static final long MD_DICT = 32, MD_DEF = 40, MD_STATE = 48, MD_NAME = 64, MD_GIL = 72;

    private Modules() {}

    public static long create(String name) {
        long m = Heap.alloc(Types.MODULE, 96);
        long dict = Dicts.create("PyModule_New");
        Mem.putLong(m + MD_DICT, dict);
        long n = Strs.fromJava(name);
        Mem.putLong(m + MD_NAME, n);
        Dicts.set(dict, Strs.intern("__name__"), n);
        Dicts.set(dict, Strs.intern("__doc__"), Singletons.NONE);
        for (String attr : new String[] {"__package__", "__loader__", "__spec__"}) {
            Dicts.set(dict, Strs.intern(attr), Singletons.NONE); // what PyModule_New puts there too
        }
        return m;
    }

    public static boolean isModule(long o) {
        return Types.isInstance(o, Types.MODULE);
    }

    public static long check(long m) {
        if (m == 0 || !isModule(m)) {
            throw PyRaise.badInternalCall();
        }
        return m;
    }

    public static String name(long m) {
        long n = Mem.getLong(m + MD_NAME);
        return n == 0 ? "?" : Strs.value(n);
    }

    public static long dict(long m) {
        return Mem.getLong(m + MD_DICT);
    }

    public static long def(long m) {
        return Mem.getLong(m + MD_DEF);
    }

    public static long state(long m) {
        return Mem.getLong(m + MD_STATE);
    }

    /** Binds a module to its definition: state of m_size bytes, m_methods as functions, m_doc. */
    public static void attachDef(long m, long def) {
        Mem.putLong(m + MD_DEF, def);
        long size = Mem.getLong(def + MD_SIZE);
        if (size > 0 && state(m) == 0) {
            long st = Native.memMalloc(size);
            Mem.fill(st, size, (byte) 0);
            Mem.putLong(m + MD_STATE, st);
        }
        long doc = Mem.getLong(def + MD_DOC);
        if (doc != 0) {
            long d = Strs.fromJava(Mem.cString(doc));
            Dicts.set(dict(m), Strs.intern("__doc__"), d);
            Native.decref(d);
        }
        long methods = Mem.getLong(def + MD_METHODS);
        if (methods != 0) {
            addFunctions(m, methods);
        }
    }

    public static void addFunctions(long m, long methods) {
        for (long ml = methods; Mem.getLong(ml) != 0; ml += METHODDEF_SIZE) {
            int flags = CFunctions.flags(ml);
            if ((flags & (CFunctions.METH_CLASS | CFunctions.METH_STATIC)) != 0) {
                throw new PyRaise(Exceptions.ValueError, "module functions cannot set METH_CLASS or METH_STATIC");
            }
            long f = CFunctions.create(ml, m, m, 0);
            setAttr(m, CFunctions.name(ml), f);
            Native.decref(f);
        }
    }

    public static void setAttr(long m, String name, long value) {
        Dicts.set(dict(m), Strs.intern(name), value);
    }

    /** m.name = value, taking over the caller's (new) reference to value. */
    public static void setNewAttr(long m, String name, long newRef) {
        setAttr(m, name, newRef);
        dev.ftcheck.runtime.nat.Native.decref(newRef);
    }

    /** New reference to an attribute, or 0 when missing. */
    public static long getAttr(long m, String name) {
        return Dicts.getRef(dict(m), Strs.intern(name));
    }

    public static void dealloc(long m) {
        long def = def(m);
        if (def != 0) {
            long free = Mem.getLong(def + MD_FREE);
            if (free != 0) {
                Downcalls.void1(free, m);
            }
        }
        long st = state(m);
        if (st != 0) {
            Native.memFree(st);
        }
        Native.xdecref(Mem.getLong(m + MD_NAME));
        Native.xdecref(dict(m));
    }
}
