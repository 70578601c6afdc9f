package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.PyType;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.util.Set;

/**
 * The {@code builtins} module: the built-in types and exceptions the runtime has, the singletons, and the built-in
 * functions that extensions and the pickling protocol reach (e.g. {@code iter}, named by iterators' __reduce__).
 */
final class BuiltinsModule {
    /** CPython's builtins that are types; those the runtime has are entered under these names. */
    private static final Set<String> TYPE_NAMES = Set.of("object", "type", "int", "bool", "float", "complex", "str",
            "bytes", "bytearray", "memoryview", "list", "tuple", "dict", "set", "frozenset", "range", "slice",
            "classmethod", "staticmethod", "property", "super", "enumerate", "zip", "map", "filter", "reversed");

    private BuiltinsModule() {}

    static long create() {
        long m = Modules.create("builtins");
        for (PyType t : Types.all()) {
            if (TYPE_NAMES.contains(t.fullName()) || (Exceptions.isBuiltinClass(t.addr) && !t.fullName().contains("."))) {
                Modules.setAttr(m, t.fullName(), t.addr);
            }
        }
        Modules.setAttr(m, "None", Singletons.NONE);
        Modules.setAttr(m, "True", Singletons.TRUE);
        Modules.setAttr(m, "False", Singletons.FALSE);
        Modules.setAttr(m, "Ellipsis", Singletons.ELLIPSIS);
        Modules.setAttr(m, "NotImplemented", Singletons.NOTIMPLEMENTED);
        // Not started with -O: Cython reads it at init to decide whether asserts run.
        Modules.setAttr(m, "__debug__", Singletons.TRUE);
        functions().installFunctions(m);
        return m;
    }

    private static BuiltinTable functions() {
        BuiltinTable t = new BuiltinTable();
        t.method("iter", (self, args, kw) -> {
            Args.unpack("iter", args, kw, 1, 2);
            if (args.length == 2) {
                throw new PyRaise(Exceptions.byName("NotImplementedError"),
                        "ftcheck: iter(callable, sentinel) is not implemented");
            }
            return Iteration.iter(args[0]);
        });
        t.method("next", (self, args, kw) -> {
            Args.unpack("next", args, kw, 1, 2);
            long r = Iteration.next(args[0]);
            if (r != 0) {
                return r;
            }
            if (args.length == 2) {
                return Heap.newRef(args[1]);
            }
            throw new PyRaise(Exceptions.byName("StopIteration"), "");
        });
        t.method("len", (self, args, kw) -> Ints.fromLong(AbstractApi.PyObject_Size(Args.one("len", args, kw))));
        t.method("repr", (self, args, kw) -> ObjectApi.PyObject_Repr(Args.one("repr", args, kw)));
        t.method("ascii", (self, args, kw) -> ObjectApi.PyObject_ASCII(Args.one("ascii", args, kw)));
        t.method("hash", (self, args, kw) -> Ints.fromLong(ObjectApi.PyObject_Hash(Args.one("hash", args, kw))));
        t.method("id", (self, args, kw) -> Ints.fromUnsigned(Args.one("id", args, kw)));
        t.method("callable", (self, args, kw) ->
                Singletons.bool(ObjectApi.PyCallable_Check(Args.one("callable", args, kw)) != 0));
        t.method("abs", (self, args, kw) -> AbstractApi.PyNumber_Absolute(Args.one("abs", args, kw)));
        t.method("isinstance", (self, args, kw) -> {
            Args.unpack("isinstance", args, kw, 2, 2);
            return Singletons.bool(AbstractApi.PyObject_IsInstance(args[0], args[1]) != 0);
        });
        t.method("issubclass", (self, args, kw) -> {
            Args.unpack("issubclass", args, kw, 2, 2);
            return Singletons.bool(AbstractApi.PyObject_IsSubclass(args[0], args[1]) != 0);
        });
        t.method("getattr", (self, args, kw) -> {
            Args.unpack("getattr", args, kw, 2, 3);
            if (!Strs.isStr(args[1])) {
                throw PyRaise.typeError("attribute name must be string, not '%s'", Types.name(args[1]));
            }
            if (args.length == 2) {
                return ObjectApi.PyObject_GetAttr(args[0], args[1]);
            }
            long v = Lookups.optionalAttr(args[0], args[1]);
            return v != 0 ? v : Heap.newRef(args[2]);
        });
        t.method("hasattr", (self, args, kw) -> {
            Args.unpack("hasattr", args, kw, 2, 2);
            if (!Strs.isStr(args[1])) {
                throw PyRaise.typeError("attribute name must be string, not '%s'", Types.name(args[1]));
            }
            long v = Lookups.optionalAttr(args[0], args[1]);
            Native.xdecref(v);
            return Singletons.bool(v != 0);
        });
        t.method("setattr", (self, args, kw) -> {
            Args.unpack("setattr", args, kw, 3, 3);
            ObjectApi.PyObject_SetAttr(args[0], args[1], args[2]);
            return Singletons.NONE;
        });
        t.method("delattr", (self, args, kw) -> {
            Args.unpack("delattr", args, kw, 2, 2);
            ObjectApi.PyObject_SetAttr(args[0], args[1], 0);
            return Singletons.NONE;
        });
        t.method("dir", (self, args, kw) -> {
            Args.unpack("dir", args, kw, 1, 1);
            return ObjectApi.PyObject_Dir(args[0]);
        });
        BuiltinFunctions.install(t);
        return t;
    }
}
