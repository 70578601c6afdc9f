package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dealloc;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;

/**
 * builtins.property with CPython's propertyobject layout (fget, fset, fdel, doc, name, getter_doc after the
 * header). Its behaviour lives in real C slots (tp_descr_get/tp_descr_set/tp_init) because extensions subclass it
 * and call {@code PyProperty_Type.tp_descr_get} directly (pybind11's static properties do).
 */
public final class PropertyType {
    public static long PROPERTY;
    static final long FGET = HEAD, FSET = HEAD + 8, FDEL = HEAD + 16, DOC = HEAD + 24, NAME = HEAD + 32,
            GETTER_DOC = HEAD + 40, SIZE = HEAD + 48;

    private PropertyType() {}

    static void init() {
        long t = NativeSlots.type("PyProperty_Type", "property", SIZE, TPF_HAVE_GC | TPF_BASETYPE);
        PROPERTY = t;
        Mem.putLong(t + TP_NEW, NativeSlots.stub(PropertyType.class, "newSlot"));
        Mem.putLong(t + TP_INIT, NativeSlots.stub(PropertyType.class, "initSlot"));
        Mem.putLong(t + TP_DESCR_GET, NativeSlots.stub(PropertyType.class, "getSlot"));
        Mem.putLong(t + TP_DESCR_SET, NativeSlots.stub(PropertyType.class, "setSlot"));
        Mem.putLong(t + TP_DEALLOC, NativeSlots.stub(PropertyType.class, "dealloc"));
        Mem.putLong(t + TP_ALLOC, dev.ftcheck.runtime.nat.Bridge.get().require("PyType_GenericAlloc"));
        BuiltinTable table = new BuiltinTable();
        table.member("fget", BuiltinTable.T_OBJECT, FGET);
        table.member("fset", BuiltinTable.T_OBJECT, FSET);
        table.member("fdel", BuiltinTable.T_OBJECT, FDEL);
        table.member("__doc__", BuiltinTable.T_OBJECT, DOC, false);
        table.getset("__name__", self -> {
            long n = Mem.getLong(self + NAME);
            if (n == 0) {
                throw new PyRaise(Exceptions.AttributeError,
                        "'property' object has no attribute '__name__'");
            }
            return Heap.newRef(n);
        }, (self, v) -> replace(self, NAME, v));
        table.getter("__isabstractmethod__", self -> {
            for (long off : new long[] {FGET, FSET, FDEL}) {
                long f = Mem.getLong(self + off);
                if (f != 0 && abstract_(f)) {
                    return Singletons.TRUE;
                }
            }
            return Singletons.FALSE;
        });
        table.method("getter", (self, args, kw) -> copyWith(self, FGET, Args.one("getter", args, kw)));
        table.method("setter", (self, args, kw) -> copyWith(self, FSET, Args.one("setter", args, kw)));
        table.method("deleter", (self, args, kw) -> copyWith(self, FDEL, Args.one("deleter", args, kw)));
        table.method("__set_name__", (self, args, kw) -> {
            Args.unpack("__set_name__", args, kw, 2, 2);
            replace(self, NAME, args[1]);
            return Singletons.NONE;
        });
        table.slot("__get__", (self, args, kw) -> {
            Args.unpack("__get__", args, kw, 1, 2);
            return get(self, args[0] == Singletons.NONE ? 0 : args[0]);
        });
        table.slot("__set__", (self, args, kw) -> {
            Args.unpack("__set__", args, kw, 2, 2);
            set(self, args[0], args[1]);
            return Singletons.NONE;
        });
        table.slot("__delete__", (self, args, kw) -> {
            Args.unpack("__delete__", args, kw, 1, 1);
            set(self, args[0], 0);
            return Singletons.NONE;
        });
        table.install(t);
        BuiltinTypes.newMethod(t);
    }

    private static boolean abstract_(long f) {
        long v = 0;
        try {
            v = Attributes.get(f, Strs.intern("__isabstractmethod__"));
            return dev.ftcheck.runtime.capi.ObjectApi.PyObject_IsTrue(v) > 0;
        } catch (PyRaise e) {
            return false;
        } finally {
            Native.xdecref(v);
        }
    }

    private static void replace(long self, long off, long v) {
        long old = Mem.getLong(self + off);
        Mem.putLong(self + off, v == 0 || v == Singletons.NONE ? 0 : Heap.newRef(v));
        Native.xdecref(old);
    }

    /** property.__get__: the property itself on the class, else fget(obj). */
    static long get(long self, long obj) {
        if (obj == 0 || obj == Singletons.NONE) {
            return Heap.newRef(self);
        }
        long fget = Mem.getLong(self + FGET);
        if (fget == 0) {
            throw missing(self, obj, "getter");
        }
        return Calls.call(fget, new long[] {obj}, 0);
    }

    /** property.__set__ (value 0: __delete__) through fset or fdel. */
    static void set(long self, long obj, long value) {
        long f = Mem.getLong(self + (value == 0 ? FDEL : FSET));
        if (f == 0) {
            throw missing(self, obj, value == 0 ? "deleter" : "setter");
        }
        Native.decref(Calls.call(f, value == 0 ? new long[] {obj} : new long[] {obj, value}, 0));
    }

    private static PyRaise missing(long self, long obj, String what) {
        long name = Mem.getLong(self + NAME);
        String owner = obj != 0 ? Repr.repr(Strs.fromJava(Types.name(obj))) : null;
        String msg;
        if (name != 0 && owner != null) {
            msg = "property " + Repr.repr(name) + " of " + owner + " object has no " + what;
        } else if (owner != null) {
            msg = "property of " + owner + " object has no " + what;
        } else {
            msg = "property has no " + what;
        }
        return new PyRaise(Exceptions.AttributeError, msg);
    }

    /** getter()/setter()/deleter(): a copy of the property (same type) with one accessor replaced. */
    private static long copyWith(long self, long off, long func) {
        long[] parts = {Mem.getLong(self + FGET), Mem.getLong(self + FSET), Mem.getLong(self + FDEL)};
        parts[(int) ((off - FGET) / 8)] = func;
        long doc = Mem.getInt(self + GETTER_DOC) != 0 && off == FGET ? 0 : Mem.getLong(self + DOC);
        long[] args = new long[4];
        for (int i = 0; i < 3; i++) {
            args[i] = parts[i] == 0 ? Singletons.NONE : parts[i];
        }
        args[3] = doc == 0 ? Singletons.NONE : doc;
        long copy = Calls.call(Heap.type(self), args, 0);
        long name = Mem.getLong(self + NAME);
        if (name != 0 && Types.isInstance(copy, PROPERTY)) {
            replace(copy, NAME, name);
        }
        return copy;
    }

    /** property(fget=None, fset=None, fdel=None, doc=None) on an allocated instance. */
    static void initialise(long self, long[] args, long kwargs) {
        long[] a = Args.clinic("property", args, kwargs, 0, "fget", "fset", "fdel", "doc");
        replace(self, FGET, a[0]);
        replace(self, FSET, a[1]);
        replace(self, FDEL, a[2]);
        long name = 0;
        long doc = a[3] == Singletons.NONE ? 0 : a[3];
        boolean getterDoc = false;
        if (a[0] != 0 && a[0] != Singletons.NONE) {
            name = optionalAttr(a[0], "__name__");
            if (doc == 0) {
                long fdoc = optionalAttr(a[0], "__doc__");
                if (fdoc != 0 && fdoc != Singletons.NONE) {
                    doc = fdoc;
                    getterDoc = true;
                } else {
                    Native.xdecref(fdoc);
                }
            }
        }
        Native.xdecref(Mem.getLong(self + NAME));
        Mem.putLong(self + NAME, name == Singletons.NONE ? 0 : name);
        if (getterDoc) {
            Native.xdecref(Mem.getLong(self + DOC));
            Mem.putLong(self + DOC, doc);
        } else {
            replace(self, DOC, doc);
        }
        Mem.putInt(self + GETTER_DOC, getterDoc ? 1 : 0);
        // A subclass keeps the doc in its instance dict, where its own __doc__ lookups find it (CPython 3.12+).
        if (Heap.type(self) != PROPERTY && doc != 0) {
            long dictOffset = Mem.getLong(Heap.type(self) + TP_DICTOFFSET);
            boolean managed = dev.ftcheck.runtime.obj.ManagedDicts.managed(Heap.type(self));
            if (dictOffset == 0 && !managed) {
                throw new PyRaise(Exceptions.AttributeError, "'" + Types.name(self)
                        + "' object attribute '__doc__' is read-only");
            }
            long dict = dictOffset > 0 ? Mem.getLong(self + dictOffset) : dev.ftcheck.runtime.obj.ManagedDicts.getOrCreate(self);
            if (dict == 0) {
                dict = dev.ftcheck.runtime.obj.Dicts.create("instance __dict__");
                Mem.putLong(self + dictOffset, dict);
            }
            dev.ftcheck.runtime.obj.Dicts.set(dict, Strs.intern("__doc__"), doc);
        }
    }

    private static long optionalAttr(long o, String name) {
        try {
            return Attributes.get(o, Strs.intern(name));
        } catch (PyRaise e) {
            if (Types.isSubtype(e.type, Exceptions.AttributeError)) {
                return 0;
            }
            throw e;
        } catch (dev.ftcheck.runtime.obj.ErrorAlreadySet e) {
            if (Errors.matches(Exceptions.AttributeError)) {
                Errors.clear();
                return 0;
            }
            throw e;
        }
    }

    private static long newSlot(long type, long args, long kwargs) {
        try {
            return NativeSlots.alloc(type, PROPERTY, SIZE);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "property.__new__");
            return 0;
        }
    }

    private static int initSlot(long self, long args, long kwargs) {
        try {
            initialise(self, NativeSlots.tupleArgs(args), NativeSlots.kwargs(kwargs));
            return 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "property.__init__");
            return -1;
        }
    }

    private static long getSlot(long self, long obj, long type) {
        try {
            return get(self, obj);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "property.__get__");
            return 0;
        }
    }

    private static int setSlot(long self, long obj, long value) {
        try {
            set(self, obj, value);
            return 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "property.__set__");
            return -1;
        }
    }

    private static void dealloc(long self) {
        for (long off = FGET; off <= NAME; off += 8) {
            Native.xdecref(Mem.getLong(self + off));
            Mem.putLong(self + off, 0);
        }
        Dealloc.dealloc(self);
    }
}
