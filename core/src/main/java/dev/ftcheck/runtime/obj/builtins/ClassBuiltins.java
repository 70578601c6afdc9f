package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.PyClasses.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Descriptors;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyClasses;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Types;

/** The Python-level side of run-time classes: type.__prepare__, and the property and super types. */
final class ClassBuiltins {
    private ClassBuiltins() {}

    static void install() {
        PyClasses.init(NativeSlots.stub(PyClasses.class, "initSlot"));
        new BuiltinTable().classMethod("__prepare__", (self, args, kw) -> Dicts.create("type.__prepare__()"))
                .install(Types.TYPE);

        BuiltinTable.constructor(Types.STATICMETHOD, (type, args, kw) -> {
            Args.unpack("staticmethod", args, kw, 1, 1);
            return dev.ftcheck.runtime.capi.FuncApi.PyStaticMethod_New(args[0]);
        });
        BuiltinTable.constructor(Types.CLASSMETHOD, (type, args, kw) -> {
            Args.unpack("classmethod", args, kw, 1, 1);
            return dev.ftcheck.runtime.capi.FuncApi.PyClassMethod_New(args[0]);
        });
        BuiltinTable.constructor(Types.PROPERTY, (type, args, kw) -> {
            long[] a = Args.clinic("property", args, kw, 0, "fget", "fset", "fdel", "doc");
            return PyClasses.newProperty(none(a[0]), none(a[1]), none(a[2]), a[3]);
        });
        BuiltinTable p = new BuiltinTable();
        p.getter("fget", self -> Heap.newRef(Mem.getLong(self + P_FGET)));
        p.getter("fset", self -> Heap.newRef(Mem.getLong(self + P_FSET)));
        p.getter("fdel", self -> Heap.newRef(Mem.getLong(self + P_FDEL)));
        p.getter("__doc__", self -> Heap.newRef(Mem.getLong(self + P_DOC)));
        p.method("getter", (self, args, kw) -> copy(self, Args.one("getter", args, kw), P_FGET));
        p.method("setter", (self, args, kw) -> copy(self, Args.one("setter", args, kw), P_FSET));
        p.method("deleter", (self, args, kw) -> copy(self, Args.one("deleter", args, kw), P_FDEL));
        p.method("__set_name__", (self, args, kw) -> {
            Args.unpack("__set_name__", args, kw, 2, 2);
            PyClasses.setPropertyName(self, args[1]);
            return Singletons.NONE;
        });
        p.slot("__get__", (self, args, kw) -> {
            Args.unpack("__get__", args, kw, 1, 2);
            return Args.isNone(args[0]) ? Heap.newRef(self) : Descriptors.bind(self, args[0]);
        });
        p.slot("__set__", (self, args, kw) -> {
            Args.unpack("__set__", args, kw, 2, 2);
            Descriptors.set(self, args[0], args[1]);
            return Singletons.NONE;
        });
        p.slot("__delete__", (self, args, kw) -> {
            Descriptors.set(self, Args.one("__delete__", args, kw), 0);
            return Singletons.NONE;
        });
        p.install(Types.PROPERTY);

        BuiltinTable.constructor(Types.SUPER, (type, args, kw) -> {
            Args.noKeywords("super", kw);
            if (args.length == 0) {
                // the zero-argument form reads the calling frame's __class__ cell and first argument
                throw new PyRaise(Exceptions.RuntimeError, "super(): no arguments");
            }
            if (args.length == 1) {
                throw new PyRaise(Exceptions.byName("NotImplementedError"),
                        "ftcheck: unbound super(type) is not supported");
            }
            Args.unpack("super", args, 0, 1, 2);
            return PyClasses.newSuper(args[0], args[1]);
        });
        BuiltinTable s = new BuiltinTable();
        s.getter("__thisclass__", self -> Heap.newRef(Mem.getLong(self + S_TYPE)));
        s.getter("__self__", self -> Heap.newRef(Mem.getLong(self + S_OBJ)));
        s.getter("__self_class__", self -> Heap.newRef(Mem.getLong(self + S_OBJ_TYPE)));
        s.install(Types.SUPER);
    }

    private static long none(long o) {
        return o == 0 ? Singletons.NONE : o;
    }

    /** property.getter/setter/deleter: a copy with one function replaced (the docstring kept). */
    private static long copy(long self, long f, long field) {
        long[] fs = {Mem.getLong(self + P_FGET), Mem.getLong(self + P_FSET), Mem.getLong(self + P_FDEL)};
        fs[(int) ((field - P_FGET) / 8)] = f;
        long doc = Mem.getLong(self + P_DOC);
        long p = PyClasses.newProperty(fs[0], fs[1], fs[2], field == P_FGET ? 0 : doc);
        long name = Mem.getLong(self + P_NAME);
        if (name != 0) {
            PyClasses.setPropertyName(p, name);
        }
        return p;
    }
}
