package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import java.lang.foreign.Arena;

/**
 * Classes made at run time by type(name, bases, dict) (what a class statement compiled by Cython calls), and the
 * super objects such classes use (property is obj.builtins.PropertyType). A class's attributes are its dict's entries; instances get a
 * managed __dict__; __init__ in the class (or a Python base) is its tp_init.
 */
public final class PyClasses {
    /** super: the starting class, the object, and the type whose MRO is searched. */
    public static final long S_TYPE = HEAD, S_OBJ = HEAD + 8, S_OBJ_TYPE = HEAD + 16, SUPER_SIZE = HEAD + 24;

    private static volatile long initSlot;

    private PyClasses() {}

    public static void init(long initStub) {
        initSlot = initStub;
    }

    /** type(name, bases, dict) with metatype meta: a new heap type (new reference). */
    public static long create(long meta, long name, long bases, long ns) {
        if (!Strs.isStr(name)) {
            throw PyRaise.typeError("type.__new__() argument 1 must be str, not %s", Types.name(name));
        }
        if (!Tuples.isTuple(bases)) {
            throw PyRaise.typeError("type.__new__() argument 2 must be tuple, not %s", Types.name(bases));
        }
        if (!Dicts.isDict(ns)) {
            throw PyRaise.typeError("type.__new__() argument 3 must be dict, not %s", Types.name(ns));
        }
        long n = Tuples.size(bases);
        if (n > 1) {
            throw new PyRaise(Exceptions.byName("NotImplementedError"),
                    "ftcheck: a class with several bases (" + Strs.value(name) + ") is not supported yet");
        }
        long base = n == 0 ? Types.OBJECT : Tuples.get(bases, 0);
        if (!Types.isType(base)) {
            throw PyRaise.typeError("bases must be types");
        }
        if ((Mem.getLong(base + TP_FLAGS) & TPF_BASETYPE) == 0) {
            throw PyRaise.typeError("type '%s' is not an acceptable base type", Types.of(base).fullName());
        }
        String shortName = Strs.value(name);
        long type = Heap.alloc(meta, HEAPTYPE_SIZE);
        Mem.putLong(type + TP_NAME, Arena.global().allocateFrom(shortName).address());
        long baseDictOffset = Mem.getLong(base + TP_DICTOFFSET);
        boolean managed = baseDictOffset == 0;
        Mem.putLong(type + TP_FLAGS, TPF_HEAPTYPE | TPF_BASETYPE | (Mem.getLong(base + TP_FLAGS) & TPF_HAVE_GC)
                | (managed ? TPF_MANAGED_DICT : 0) | (Mem.getLong(base + TP_FLAGS) & TPF_MANAGED_DICT));
        Mem.putLong(type + TP_BASE, Heap.newRef(base));
        Mem.putLong(type + TP_BASES, Heap.newRef(bases));
        Mem.putLong(type + TP_BASICSIZE, Mem.getLong(base + TP_BASICSIZE));
        Mem.putLong(type + TP_ITEMSIZE, Mem.getLong(base + TP_ITEMSIZE));
        Mem.putLong(type + TP_INIT, initSlot);
        Mem.putLong(type + HT_NAME, Heap.newRef(name));
        long qualname = Dicts.getRef(ns, Strs.intern("__qualname__"));
        if (qualname != 0 && !Strs.isStr(qualname)) {
            String t = Types.name(qualname);
            Native.decref(qualname);
            Native.decref(type);
            throw PyRaise.typeError("type __qualname__ must be a str, not %s", t);
        }
        Mem.putLong(type + HT_QUALNAME, qualname != 0 ? qualname : Heap.newRef(name));
        PyType t = TypeReady.ready(type);
        long[] kv = Dicts.items(ns);
        try {
            for (int i = 0; i < kv.length; i += 2) {
                String key = Strs.value(kv[i]);
                if (!key.equals("__qualname__")) {
                    t.put(key, Heap.newRef(kv[i + 1]));
                }
            }
            if (!t.dict.containsKey("__doc__")) {
                t.put("__doc__", Singletons.NONE);
            }
            // __set_name__ of each attribute, then the base's __init_subclass__, as type.__new__ does
            for (int i = 0; i < kv.length; i += 2) {
                long setName = Attributes.lookupInType(Heap.type(kv[i + 1]), "__set_name__");
                if (setName != 0) {
                    long bound = Descriptors.bind(setName, kv[i + 1]);
                    try {
                        Native.decref(Calls.call(bound, new long[] {type, kv[i]}, 0));
                    } finally {
                        Native.decref(bound);
                    }
                }
            }
        } catch (RuntimeException e) {
            Native.decref(type);
            throw e;
        } finally {
            for (long r : kv) {
                Native.decref(r);
            }
        }
        return type;
    }

    /** tp_init of run-time classes: the __init__ found along the MRO (object's takes no arguments). */
    static int initSlot(long self, long args, long kwds) {
        try {
            long type = Heap.type(self);
            long init = Attributes.lookupInType(type, "__init__");
            if (init == 0 || Types.of(Heap.type(init)).builtin && Heap.type(init) != Types.FUNCTION
                    && Types.kindOf(init) == TypeKind.METHOD_DESCR) {
                // the nearest __init__ is a built-in one: run the built-in base's tp_init
                long base = Mem.getLong(type + TP_BASE);
                while (base != 0 && Mem.getLong(base + TP_INIT) == initSlot) {
                    base = Mem.getLong(base + TP_BASE);
                }
                long baseInit = base == 0 ? 0 : Mem.getLong(base + TP_INIT);
                return baseInit == 0 ? 0 : Downcalls.int3(baseInit, self, args, kwds);
            }
            long bound = Descriptors.bind(init, self);
            long[] a = new long[(int) Tuples.size(args)];
            for (int i = 0; i < a.length; i++) {
                a[i] = Tuples.get(args, i);
            }
            long r;
            try {
                r = Calls.call(bound, a, kwds);
            } finally {
                Native.decref(bound);
            }
            Calls.releaseInitResult(r);
            return 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__init__");
            return -1;
        }
    }

    // ---- super ----

    /** super(type, obj): obj an instance of type, or a subclass of it. */
    public static long newSuper(long type, long obj) {
        if (!Types.isType(type)) {
            throw PyRaise.typeError("super() argument 1 must be a type, not %s", Types.name(type));
        }
        long objType;
        if (Types.isType(obj) && Types.isSubtype(obj, type)) {
            objType = obj;
        } else if (Types.isInstance(obj, type)) {
            objType = Heap.type(obj);
        } else {
            throw PyRaise.typeError("super(type, obj): obj must be an instance or subtype of type");
        }
        long s = Heap.alloc(Types.SUPER, SUPER_SIZE);
        Mem.putLong(s + S_TYPE, Heap.newRef(type));
        Mem.putLong(s + S_OBJ, Heap.newRef(obj));
        Mem.putLong(s + S_OBJ_TYPE, Heap.newRef(objType));
        return s;
    }

    /** super's attribute lookup: the MRO of obj's type after the starting class, bound to obj; else super's own. */
    static long superAttribute(long s, String name) {
        long start = Mem.getLong(s + S_TYPE);
        long obj = Mem.getLong(s + S_OBJ);
        long objType = Mem.getLong(s + S_OBJ_TYPE);
        if (!name.equals("__class__")) {
            long[] mro = Types.mro(objType);
            int i = 0;
            while (i < mro.length && mro[i] != start) {
                i++;
            }
            for (i++; i < mro.length; i++) {
                Long v = Types.of(mro[i]).dict.get(name);
                if (v != null) {
                    return obj == objType ? Attributes.bindToClass(v, objType) : Descriptors.bind(v, obj);
                }
            }
        }
        return Attributes.instanceAttribute(s, name);
    }

    static void dealloc(long o) {
        for (long off = S_TYPE; off <= S_OBJ_TYPE; off += 8) {
            Native.xdecref(Mem.getLong(o + off));
        }
    }
}
