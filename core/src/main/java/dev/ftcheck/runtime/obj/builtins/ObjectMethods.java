package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.PyType;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import java.util.LinkedHashSet;

/** The methods of object and type, and the names dir() finds along an MRO. */
final class ObjectMethods {
    private ObjectMethods() {}

    /** "list.append": the qualified name CPython's messages use for a method bound to self. */
    static String q(long self, String name) {
        String owner = Types.isType(self) ? Types.of(self).name() : Types.name(self);
        return owner + "." + name;
    }

    static BuiltinTable object() {
        BuiltinTable t = new BuiltinTable();
        t.getter("__class__", self -> Heap.newRef(Heap.type(self)));
        attributeSlots(t);
        t.slot("__eq__", Slots.binary((self, other) -> self == other ? Singletons.TRUE : Singletons.NOTIMPLEMENTED));
        t.slot("__ne__", Slots.binary(ObjectMethods::notEqual));
        for (String op : new String[] {"__lt__", "__le__", "__gt__", "__ge__"}) {
            t.slot(op, Slots.binary((self, other) -> Singletons.NOTIMPLEMENTED));
        }
        Slots.hash(t);
        t.slot("__repr__", Slots.unary(self -> Strs.fromJava(
                "<" + moduleQualified(Heap.type(self)) + " object at 0x" + Long.toHexString(self) + ">")));
        Slots.str(t);
        t.slot("__init__", (self, args, kw) -> {
            boolean excess = args.length > 0 || (kw != 0 && Dicts.size(kw) > 0);
            if (excess) {
                long type = Heap.type(self);
                if (Mem.getLong(type + TP_INIT) != 0 || Mem.getLong(type + TP_NEW) == Mem.getLong(Types.OBJECT + TP_NEW)) {
                    throw PyRaise.typeError("%s.__init__() takes exactly one argument (the instance to initialize)",
                            Mem.getLong(type + TP_INIT) != 0 ? "object" : Types.of(type).name());
                }
            }
            return Singletons.NONE;
        });
        t.method("__format__", (self, args, kw) -> {
            long spec = Args.one(q(self, "__format__"), args, kw);
            if (!Strs.isStr(spec)) {
                throw PyRaise.typeError("__format__() argument must be str, not %s", Types.name(spec));
            }
            if (Strs.length(spec) > 0) {
                throw PyRaise.typeError("unsupported format string passed to %s.__format__", Types.name(self));
            }
            return Strs.fromJava(Repr.str(self));
        });
        t.method("__sizeof__", (self, args, kw) -> {
            Args.none(q(self, "__sizeof__"), args, kw);
            long type = Heap.type(self);
            long size = Mem.getLong(type + TP_BASICSIZE);
            long item = Mem.getLong(type + TP_ITEMSIZE);
            if (item > 0) {
                size += item * Math.abs(Heap.size(self));
            }
            return Ints.fromLong(size);
        });
        t.method("__dir__", (self, args, kw) -> {
            Args.none(q(self, "__dir__"), args, kw);
            LinkedHashSet<String> names = new LinkedHashSet<>();
            long dictOffset = Mem.getLong(Heap.type(self) + TP_DICTOFFSET);
            if (dictOffset > 0 && Mem.getLong(self + dictOffset) != 0) {
                long[] kv = Dicts.items(Mem.getLong(self + dictOffset));
                for (int i = 0; i < kv.length; i += 2) {
                    if (Strs.isStr(kv[i])) {
                        names.add(Strs.value(kv[i]));
                    }
                }
                for (long r : kv) {
                    Native.decref(r);
                }
            }
            names.addAll(typeNames(Heap.type(self)));
            return list(names);
        });
        t.method("__getstate__", (self, args, kw) -> {
            Args.none(q(self, "__getstate__"), args, kw);
            return Pickling.defaultState(self, false);
        });
        Pickling.install(t);
        t.classMethod("__init_subclass__", (self, args, kw) -> {
            Args.none(q(self, "__init_subclass__"), args, kw);
            return Singletons.NONE;
        });
        t.classMethod("__subclasshook__", (self, args, kw) -> {
            Args.one(q(self, "__subclasshook__"), args, kw);
            return Singletons.NOTIMPLEMENTED;
        });
        return t;
    }

    static BuiltinTable type() {
        BuiltinTable t = new BuiltinTable();
        t.getter("__name__", self -> Strs.fromJava(Types.of(self).name()));
        t.getter("__qualname__", self -> {
            long qn = (Types.of(self).flags() & TPF_HEAPTYPE) != 0 ? Mem.getLong(self + HT_QUALNAME) : 0;
            return qn != 0 ? Heap.newRef(qn) : Strs.fromJava(Types.of(self).name());
        });
        t.getter("__module__", self -> {
            Long m = Types.of(self).dict.get("__module__");
            if (m != null) {
                return Heap.newRef(m);
            }
            String full = Types.of(self).fullName();
            int dot = full.lastIndexOf('.');
            return Strs.fromJava(dot >= 0 ? full.substring(0, dot) : "builtins");
        });
        t.getter("__doc__", self -> {
            Long d = Types.of(self).dict.get("__doc__");
            if (d != null) {
                return Heap.newRef(d);
            }
            long doc = Mem.getLong(self + TP_DOC);
            return doc == 0 ? Singletons.NONE : Strs.fromJava(Mem.cString(doc));
        });
        t.getter("__dict__", self -> NativeBuiltins.proxy(Types.of(self).tpDict()));
        t.getter("__mro__", self -> {
            long mro = Mem.getLong(self + TP_MRO);
            return mro != 0 ? Heap.newRef(mro) : tuple(Types.mro(self));
        });
        t.getter("__bases__", self -> {
            long bases = Mem.getLong(self + TP_BASES);
            if (bases != 0) {
                return Heap.newRef(bases);
            }
            long base = Mem.getLong(self + TP_BASE);
            return base == 0 ? Tuples.create(0) : tuple(new long[] {base});
        });
        t.getter("__abstractmethods__", self -> {
            Long v = self == Types.TYPE ? null : Types.of(self).dict.get("__abstractmethods__");
            if (v == null) {
                throw new PyRaise(dev.ftcheck.runtime.obj.Exceptions.AttributeError, "__abstractmethods__");
            }
            return Heap.newRef(v);
        });
        t.getter("__type_params__", self -> {
            Long v = self == Types.TYPE ? null : Types.of(self).dict.get("__type_params__");
            return v == null ? Tuples.create(0) : Heap.newRef(v);
        });
        t.getter("__annotations__", self -> {
            PyType pt = Types.of(self);
            if ((pt.flags() & TPF_HEAPTYPE) == 0) {
                throw new PyRaise(dev.ftcheck.runtime.obj.Exceptions.AttributeError,
                        "type object '" + pt.name() + "' has no attribute '__annotations__'");
            }
            synchronized (pt) {
                Long v = pt.dict.get("__annotations__");
                if (v == null) {
                    long d = Dicts.create("__annotations__");
                    pt.put("__annotations__", Heap.newRef(d));
                    return d;
                }
                return Heap.newRef(v);
            }
        });
        t.member("__base__", BuiltinTable.T_OBJECT, TP_BASE);
        t.member("__basicsize__", BuiltinTable.T_PYSSIZET, TP_BASICSIZE);
        t.member("__itemsize__", BuiltinTable.T_PYSSIZET, TP_ITEMSIZE);
        t.member("__flags__", BuiltinTable.T_ULONG, TP_FLAGS);
        t.member("__dictoffset__", BuiltinTable.T_PYSSIZET, TP_DICTOFFSET);
        t.member("__weakrefoffset__", BuiltinTable.T_PYSSIZET, TP_WEAKLISTOFFSET);
        t.method("mro", (self, args, kw) -> {
            Args.none(q(self, "mro"), args, kw);
            long[] mro = Types.mro(self);
            long l = Lists.create(0);
            for (long m : mro) {
                Lists.append(l, m);
            }
            return l;
        });
        t.method("__instancecheck__", (self, args, kw) -> Singletons.bool(
                Types.isInstance(Args.one(q(self, "__instancecheck__"), args, kw), self)));
        t.method("__subclasscheck__", (self, args, kw) -> {
            long sub = Args.one(q(self, "__subclasscheck__"), args, kw);
            if (!Types.isType(sub)) {
                throw PyRaise.typeError("issubclass() arg 1 must be a class");
            }
            return Singletons.bool(Types.isSubtype(sub, self));
        });
        t.method("__dir__", (self, args, kw) -> {
            Args.none(q(self, "__dir__"), args, kw);
            return list(typeNames(self));
        });
        t.classMethod("__prepare__", (self, args, kw) -> Dicts.create("__prepare__"));
        t.slot("__or__", Slots.binary(NativeBuiltins::typeOr));
        t.slot("__ror__", Slots.binary((self, other) -> NativeBuiltins.typeOr(other, self)));
        t.method("__subclasses__", (self, args, kw) -> {
            Args.none(q(self, "__subclasses__"), args, kw);
            long l = Lists.create(0);
            for (PyType sub : Types.all()) {
                long bases = Mem.getLong(sub.addr + TP_BASES);
                boolean direct = bases != 0 && Tuples.isTuple(bases) ? java.util.stream.LongStream.range(0,
                        Tuples.size(bases)).anyMatch(i -> Tuples.get(bases, i) == self) : sub.base() == self;
                if (direct && sub.addr != self) {
                    Lists.append(l, sub.addr);
                }
            }
            return l;
        });
        t.getter("__text_signature__", self -> DescriptorMethods.textSignature(Mem.getLong(self + TP_DOC)));
        t.slot("__call__", (self, args, kw) -> Calls.callType(self, args, kw));
        attributeSlots(t);
        Slots.repr(t);
        return t;
    }

    /** __getattribute__, __setattr__ and __delattr__ through the generic attribute machinery. */
    private static void attributeSlots(BuiltinTable t) {
        t.slot("__getattribute__", Slots.binary((self, name) -> Attributes.get(self, attrName(name))));
        t.slot("__setattr__", (self, args, kw) -> {
            Slots.count(args, kw, 2);
            Attributes.set(self, attrName(args[0]), args[1]);
            return Singletons.NONE;
        });
        t.slot("__delattr__", Slots.binary((self, name) -> {
            Attributes.set(self, attrName(name), 0);
            return Singletons.NONE;
        }));
    }

    /** NoneType: falsy, compared by identity, hash of the object. */
    static BuiltinTable none() {
        BuiltinTable t = new BuiltinTable();
        t.slot("__bool__", Slots.unary(self -> Singletons.FALSE));
        Slots.repr(t);
        Slots.hash(t);
        t.slot("__eq__", Slots.binary((self, o) -> self == o ? Singletons.TRUE : Singletons.NOTIMPLEMENTED));
        t.slot("__ne__", Slots.binary((self, o) -> self == o ? Singletons.FALSE : Singletons.NOTIMPLEMENTED));
        for (String op : new String[] {"__lt__", "__le__", "__gt__", "__ge__"}) {
            t.slot(op, Slots.binary((self, other) -> Singletons.NOTIMPLEMENTED));
        }
        return t;
    }

    /** module: dir() lists the module's __dict__ (or calls its __dir__ function when it defines one). */
    static BuiltinTable module() {
        BuiltinTable t = new BuiltinTable();
        t.method("__dir__", (self, args, kw) -> {
            Args.none(q(self, "__dir__"), args, kw);
            long dict = dev.ftcheck.runtime.obj.Modules.dict(self);
            long custom = Dicts.getRef(dict, Strs.intern("__dir__"));
            if (custom != 0) {
                try {
                    return Calls.call(custom, new long[0], 0);
                } finally {
                    Native.decref(custom);
                }
            }
            LinkedHashSet<String> names = new LinkedHashSet<>();
            long[] kv = Dicts.items(dict);
            for (int i = 0; i < kv.length; i += 2) {
                if (Strs.isStr(kv[i])) {
                    names.add(Strs.value(kv[i]));
                }
            }
            for (long r : kv) {
                Native.decref(r);
            }
            return list(names);
        });
        t.member("__dict__", BuiltinTable.T_OBJECT, dev.ftcheck.runtime.obj.Modules.MD_DICT);
        t.getter("__annotations__", self -> {
            long dict = dev.ftcheck.runtime.obj.Modules.dict(self);
            long key = Strs.intern("__annotations__");
            long v = Dicts.getRef(dict, key);
            if (v == 0) {
                v = Dicts.create("__annotations__");
                Dicts.set(dict, key, v);
            }
            return v;
        });
        Slots.repr(t);
        return t;
    }

    private static long notEqual(long self, long other) {
        long eq = Attributes.lookupInType(Heap.type(self), "__eq__");
        if (eq == 0 || Types.kindOf(eq) != dev.ftcheck.runtime.obj.TypeKind.METHOD_DESCR) {
            return self == other ? Singletons.FALSE : Singletons.NOTIMPLEMENTED;
        }
        long r = Calls.call(eq, new long[] {self, other}, 0);
        if (r == Singletons.NOTIMPLEMENTED) {
            return r;
        }
        boolean truth = Protocols.isTrue(r);
        Native.decref(r);
        return Singletons.bool(!truth);
    }

    /** The attribute name argument, which must be a str. */
    static long attrName(long name) {
        if (!Strs.isStr(name)) {
            throw PyRaise.typeError("attribute name must be string, not '%s'", Types.name(name));
        }
        return name;
    }

    /** "mod.Name", or just "Name" for built-ins (CPython's object.__repr__ and messages). */
    static String moduleQualified(long type) {
        PyType pt = Types.of(type);
        Long m = pt.dict.get("__module__");
        if (m != null && Strs.isStr(m) && !Strs.value(m).equals("builtins")) {
            return Strs.value(m) + "." + pt.name();
        }
        return pt.fullName();
    }

    /** The names of a type's dict and those of every type along its MRO, first seen first. */
    static LinkedHashSet<String> typeNames(long type) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (long t : Types.mro(type)) {
            names.addAll(Types.of(t).dict.keySet());
        }
        return names;
    }

    static long list(java.util.Collection<String> names) {
        long l = Lists.create(0);
        for (String n : names) {
            long s = Strs.fromJava(n);
            Lists.append(l, s);
            Native.decref(s);
        }
        return l;
    }

    static long tuple(long[] items) {
        return Calls.tupleOf(items);
    }
}
