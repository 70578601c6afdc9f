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
}
