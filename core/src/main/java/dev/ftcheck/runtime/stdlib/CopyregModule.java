package dev.ftcheck.runtime.stdlib;

import static dev.ftcheck.runtime.obj.Layout.TPF_HEAPTYPE;
import static dev.ftcheck.runtime.obj.Layout.TP_FLAGS;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;

/**
 * The {@code copyreg} module's pickling helpers, which object.__reduce_ex__ names in what it returns: __newobj__,
 * __newobj_ex__, _reconstructor and _reduce_ex (protocols 0 and 1), with the registry functions pickle and
 * constructor over dispatch_table. CPython writes them in Python; here they are built-in functions, so their repr
 * says "built-in function" where CPython's says "function".
 */
final class CopyregModule {
    private CopyregModule() {}

    static long create() {
        long m = Modules.create("copyreg");
        long table = Dicts.create("copyreg.dispatch_table");
        Modules.setAttr(m, "dispatch_table", table);
        Native.decref(table);
        functions().installFunctions(m);
        return m;
    }

    private static BuiltinTable functions() {
        BuiltinTable t = new BuiltinTable();
        t.method("__newobj__", (self, args, kw) -> {
            Args.noKeywords("__newobj__", kw);
            if (args.length == 0) {
                throw PyRaise.typeError("__newobj__() missing 1 required positional argument: 'cls'");
            }
            return callNew(args[0], java.util.Arrays.copyOfRange(args, 1, args.length), 0);
        });
        t.method("__newobj_ex__", (self, args, kw) -> {
            Args.unpack("__newobj_ex__", args, kw, 3, 3);
            long[] pos = dev.ftcheck.runtime.obj.Iteration.toArray(args[1]);
            try {
                return callNew(args[0], pos, args[2]);
            } finally {
                for (long r : pos) {
                    Native.decref(r);
                }
            }
        });
        t.method("_reconstructor", (self, args, kw) -> {
            Args.unpack("_reconstructor", args, kw, 3, 3);
            return reconstruct(args[0], args[1], args[2]);
        });
        t.method("_reduce_ex", (self, args, kw) -> {
            Args.unpack("_reduce_ex", args, kw, 2, 2);
            return reduceEx(args[0], args[1]);
        });
        t.method("pickle", (self, args, kw) -> {
            Args.unpack("pickle", args, kw, 2, 3);
            if (ObjectApi.PyCallable_Check(args[1]) == 0) {
                throw PyRaise.typeError("reduction functions must be callable");
            }
            long table = StandInModules.attr("copyreg", "dispatch_table");
            try {
                AbstractApi.PyObject_SetItem(table, args[0], args[1]);
            } finally {
                Native.decref(table);
            }
            if (args.length == 3 && args[2] != Singletons.NONE && ObjectApi.PyCallable_Check(args[2]) == 0) {
                throw PyRaise.typeError("constructors must be callable");
            }
            return Singletons.NONE;
        });
        t.method("constructor", (self, args, kw) -> {
            Args.unpack("constructor", args, kw, 1, 1);
            if (ObjectApi.PyCallable_Check(args[0]) == 0) {
                throw PyRaise.typeError("constructors must be callable");
            }
            return Singletons.NONE;
        });
        return t;
    }

    /** cls.__new__(cls, *args, **kwargs). */
    private static long callNew(long cls, long[] args, long kwargs) {
        long tpNew = ObjectApi.PyObject_GetAttr(cls, Strs.intern("__new__"));
        try {
            long[] all = new long[args.length + 1];
            all[0] = cls;
            System.arraycopy(args, 0, all, 1, args.length);
            return Calls.call(tpNew, all, kwargs);
        } finally {
            Native.decref(tpNew);
        }
    }

    /** An instance of cls made by base's __new__ (and __init__, unless object's) from state. */
    private static long reconstruct(long cls, long base, long state) {
        long obj = base == Types.OBJECT ? callNewOf(Types.OBJECT, cls, new long[0])
                : callNewOf(base, cls, new long[] {state});
        long init = ObjectApi.PyObject_GetAttr(base, Strs.intern("__init__"));
        long objectInit = Types.of(Types.OBJECT).dict.get("__init__");
        try {
            if (init != objectInit) {
                Native.decref(Calls.call(init, new long[] {obj, state}, 0));
            }
        } catch (RuntimeException e) {
            Native.decref(obj);
            throw e;
        } finally {
            Native.decref(init);
        }
        return obj;
    }

    private static long callNewOf(long owner, long cls, long[] rest) {
        long tpNew = ObjectApi.PyObject_GetAttr(owner, Strs.intern("__new__"));
        try {
            long[] all = new long[rest.length + 1];
            all[0] = cls;
            System.arraycopy(rest, 0, all, 1, rest.length);
            return Calls.call(tpNew, all, 0);
        } finally {
            Native.decref(tpNew);
        }
    }

    /**
     * Protocols 0 and 1: {@code (_reconstructor, (cls, base, state)[, dict])} where base is the first class of the
     * MRO that is not a heap type (or whose __new__ is its own built-in one) and state is base(self).
     * The protocol is not looked at: CPython's asserts it is below 2.
     */
    private static long reduceEx(long self, long proto) {
        long cls = Heap.type(self);
        long base = Types.OBJECT;
        for (long b : Types.mro(cls)) {
            Long ownNew = Types.of(b).dict.get("__new__");
            boolean builtinNew = ownNew != null && Types.kindOf(ownNew) == dev.ftcheck.runtime.obj.TypeKind.CFUNCTION
                    && dev.ftcheck.runtime.obj.CFunctions.self(ownNew) == b;
            if ((Mem.getLong(b + TP_FLAGS) & TPF_HEAPTYPE) == 0 || builtinNew) {
                base = b;
                break;
            }
        }
        String name = Types.of(cls).name();
        long state;
        if (base == Types.OBJECT) {
            state = Heap.newRef(Singletons.NONE);
        } else {
            if (base == cls) {
                throw PyRaise.typeError("cannot pickle '%s' object", name);
            }
            state = Calls.call(base, new long[] {self}, 0);
        }
        long args = Tuples.of(Heap.newRef(cls), Heap.newRef(base), state);
        long dict;
        try {
            long getstate = Lookups.optionalAttr(self, "__getstate__");
            if (getstate == 0) {
                long d = Lookups.optionalAttr(self, "__dict__");
                dict = d != 0 ? d : Heap.newRef(Singletons.NONE);
            } else {
                try {
                    long slots = Lookups.optionalAttr(self, "__slots__");
                    boolean hasSlots = slots != 0 && Protocols.isTrue(slots);
                    Native.xdecref(slots);
                    if (hasSlots && Attributes.lookupInType(cls, "__getstate__")
                            == Types.of(Types.OBJECT).dict.get("__getstate__")) {
                        throw PyRaise.typeError("a class that defines __slots__ without defining __getstate__ "
                                + "cannot be pickled");
                    }
                    dict = Calls.call(getstate, new long[0], 0);
                } finally {
                    Native.decref(getstate);
                }
            }
        } catch (RuntimeException e) {
            Native.decref(args);
            throw e;
        }
        long reconstructor = StandInModules.attr("copyreg", "_reconstructor");
        if (Protocols.isTrue(dict)) {
            return Tuples.of(reconstructor, args, dict);
        }
        Native.decref(dict);
        return Tuples.of(reconstructor, args);
    }
}
