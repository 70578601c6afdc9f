package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;

/** getattr/setattr: modules by their dict, types and instances through type dictionaries and descriptors. */
public final class Attributes {
    private static volatile long genericGetAttr;
    private static volatile long genericSetAttr;

    private Attributes() {}

    public static void init(long genericGet, long genericSet) {
        genericGetAttr = genericGet;
        genericSetAttr = genericSet;
    }

    /** Looks a name up along the type's base chain; borrowed or 0. */
    public static long lookupInType(long type, String name) {
        for (long t : Types.mro(type)) {
            PyType pt = Types.of(t);
            Long v = pt.dict.get(name);
            if (v != null) {
                return v;
            }
        }
        return 0;
    }

    /** getattr(obj, name) as a new reference; AttributeError when missing. */
    public static long get(long obj, long nameStr) {
        String name = Strs.check(nameStr, "attribute name");
        long type = Heap.type(obj);
        long getattro = Mem.getLong(type + TP_GETATTRO);
        if (getattro != 0 && getattro != genericGetAttr && !Types.of(type).builtin) {
            return Calls.checkResult(Downcalls.call2(getattro, obj, nameStr), "__getattribute__");
        }
        return generic(obj, name);
    }

    public static long generic(long obj, String name) {
        TypeKind kind = Types.kindOf(obj);
        if (kind == TypeKind.MODULE) {
            // the generic order: the type's data descriptors, the module's dict, then the type's other attributes
            long d = lookupInType(Heap.type(obj), name);
            if (d != 0 && Descriptors.isData(d)) {
                return Descriptors.bind(d, obj);
            }
            long v = Modules.getAttr(obj, name);
            if (v != 0) {
                return v;
            }
            if (d != 0) {
                return Descriptors.bind(d, obj);
            }
            long moduleGetattr = Modules.getAttr(obj, "__getattr__"); // PEP 562
            if (moduleGetattr != 0) {
                long key = Strs.fromJava(name);
                try {
                    return Calls.call(moduleGetattr, new long[] {key}, 0);
                } finally {
                    Native.decref(key);
                    Native.decref(moduleGetattr);
                }
            }
            throw new PyRaise(Exceptions.AttributeError,
                    "module '" + Modules.name(obj) + "' has no attribute '" + name + "'");
        }
        if (Types.isType(obj)) {
            return typeAttribute(obj, name);
        }
        if (Heap.type(obj) == Types.SUPER) {
            return PyClasses.superAttribute(obj, name);
        }
        return instanceAttribute(obj, name);
    }

    /** The generic instance lookup: data descriptors, the instance dict, then the type's other attributes. */
    static long instanceAttribute(long obj, String name) {
        long type = Heap.type(obj);
        if ((type == Types.METHOD || type == Types.INSTANCEMETHOD) && name.equals("__doc__")) {
            // their __doc__ is a getset reading the function's
            return get(Mem.getLong(obj + (type == Types.METHOD ? Funcs.IM_FUNC : Funcs.IMETHOD_FUNC)),
                    Strs.intern(name));
        }
        long d = lookupInType(type, name);
        if (d != 0 && Descriptors.isData(d)) {
            return Descriptors.bind(d, obj);
        }
        long dictOffset = Mem.getLong(type + TP_DICTOFFSET);
        long dict = dictOffset > 0 ? Mem.getLong(obj + dictOffset)
                : ManagedDicts.managed(type) ? ManagedDicts.get(obj) : 0;
        if (dict != 0) {
            long v = Dicts.getRef(dict, Strs.intern(name));
            if (v != 0) {
                return v;
            }
        }
        if (d != 0) {
            return Descriptors.bind(d, obj);
        }
        if (Heap.type(obj) == Types.METHOD) {   // a bound method answers for its function, as in CPython
            return generic(Mem.getLong(obj + Funcs.IM_FUNC), name);
        }
        if (Heap.type(obj) == Types.INSTANCEMETHOD) {   // so does an instancemethod (instancemethod_getattro)
            return get(Mem.getLong(obj + Funcs.IMETHOD_FUNC), Strs.intern(name));
        }
        // CPython names the type by tp_name here ('mod.Name' for types made from a spec or by pybind11)
        throw new PyRaise(Exceptions.AttributeError,
                "'" + Mem.cString(Mem.getLong(type + TP_NAME)) + "' object has no attribute '" + name + "'");
    }

    /**
     * An attribute of a type object, in CPython's order: a data descriptor of the metatype, then the type's own
     * MRO (methods stay unbound, class methods bind to the type), then the metatype's other attributes bound to
     * the type.
     */
    private static long typeAttribute(long type, String name) {
        long meta = Heap.type(type);
        long metaAttr = lookupInType(meta, name);
        if (metaAttr != 0 && Descriptors.isData(metaAttr)) {
            return Descriptors.bind(metaAttr, type);
        }
        long v = lookupInType(type, name);
        if (v != 0) {
            return bindToClass(v, type);
        }
        if (metaAttr != 0) {
            return Descriptors.bind(metaAttr, type);
        }
        if (name.equals("__name__")) {
            return Strs.fromJava(Types.of(type).name());
        }
        throw new PyRaise(Exceptions.AttributeError,
                "type object '" + Types.of(type).fullName() + "' has no attribute '" + name + "'");
    }

    /** What attribute v of a class's MRO gives when read on the class itself (new reference). */
    static long bindToClass(long v, long type) {
        if (Types.kindOf(v) == TypeKind.METHOD_DESCR) {
            int flags = CFunctions.flags(Descriptors.def(v));
            if ((flags & CFunctions.METH_CLASS) != 0) {
                long cls = (flags & CFunctions.METH_METHOD) != 0 ? Descriptors.owner(v) : 0;
                return CFunctions.create(Descriptors.def(v), type, 0, cls);
            }
            if ((flags & CFunctions.METH_STATIC) != 0) {
                return Descriptors.bind(v, type);
            }
        }
        TypeKind vk = Types.kindOf(v);
        if (vk == TypeKind.CLASSMETHOD) {   // bound to the class itself
            return Funcs.newMethod(Mem.getLong(v + Funcs.WRAPPED_CALLABLE), type);
        }
        if (vk == TypeKind.STATICMETHOD || vk == TypeKind.INSTANCEMETHOD) {
            return Heap.newRef(Mem.getLong(v + Funcs.WRAPPED_CALLABLE));
        }
        return Descriptors.bindOnType(v, type);
    }

    /** setattr(obj, name, value); value 0 deletes. */
    public static void set(long obj, long nameStr, long value) {
        String name = Strs.check(nameStr, "attribute name");
        long type = Heap.type(obj);
        long setattro = Mem.getLong(type + TP_SETATTRO);
        if (setattro != 0 && setattro != genericSetAttr && !Types.of(type).builtin) {
            if (Downcalls.int3(setattro, obj, nameStr, value) < 0) {
                throw ErrorAlreadySet.INSTANCE;
            }
            return;
        }
        genericSet(obj, name, value);
    }

    /** PyObject_GenericSetAttr: setattr without the type's own tp_setattro (which may be what called it). */
    public static void genericSet(long obj, String name, long value) {
        long type = Heap.type(obj);
        if (Types.kindOf(obj) == TypeKind.MODULE) {
            if (value == 0) {
                long old = Dicts.pop(Modules.dict(obj), Strs.intern(name));
                if (old == 0) {
                    throw new PyRaise(Exceptions.AttributeError, name);
                }
                Native.decref(old);
            } else {
                Modules.setAttr(obj, name, value);
            }
            return;
        }
        if (Types.isType(obj) && (Mem.getLong(obj + TP_FLAGS) & TPF_IMMUTABLETYPE) != 0) {
            throw PyRaise.typeError("cannot set '%s' attribute of immutable type '%s'", name,
                    Types.of(obj).fullName());
        }
        if (Types.isType(obj) && !Types.of(obj).builtin) {
            // the metatype's data descriptors come first; type's __module__ and __doc__ setters store in the dict
            long metaAttr = name.equals("__module__") || name.equals("__doc__") ? 0 : lookupInType(type, name);
            if (metaAttr != 0 && Descriptors.isData(metaAttr) && Descriptors.set(metaAttr, obj, value)) {
                return;
            }
            if (!Types.of(obj).put(name, value == 0 ? 0 : Heap.newRef(value))) {
                throw new PyRaise(Exceptions.AttributeError,
                        "type object '" + Types.of(obj).name() + "' has no attribute '" + name + "'");
            }
            dev.ftcheck.runtime.obj.builtins.SpecialSlots.updated(obj, name);
            return;
        }
        long d = lookupInType(type, name);
        if (d != 0 && Descriptors.set(d, obj, value)) {
            return;
        }
        long dictOffset = Mem.getLong(type + TP_DICTOFFSET);
        if (dictOffset > 0 || ManagedDicts.managed(type)) {
            long dict = dictOffset > 0 ? Mem.getLong(obj + dictOffset) : ManagedDicts.getOrCreate(obj);
            if (dict == 0) {
                dict = Dicts.create("instance __dict__");
                Mem.putLong(obj + dictOffset, dict);
            }
            if (value == 0) {
                Native.xdecref(Dicts.pop(dict, Strs.intern(name)));
            } else {
                Dicts.set(dict, Strs.intern(name), value);
            }
            return;
        }
        throw new PyRaise(Exceptions.AttributeError,
                "'" + Types.name(obj) + "' object has no attribute '" + name + "' and no __dict__ for setting new attributes");
    }
}
