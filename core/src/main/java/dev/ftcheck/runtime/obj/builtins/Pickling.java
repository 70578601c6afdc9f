package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Descriptors;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.stdlib.Lookups;
import dev.ftcheck.runtime.stdlib.StandInModules;

/**
 * object.__reduce__ and object.__reduce_ex__: the default pickling protocol. Protocol 2 and above give
 * {@code (copyreg.__newobj__, (cls, *newargs), state, listitems, dictitems)}; 0 and 1 go through
 * {@code copyreg._reduce_ex}. A type that overrides __reduce__ gets it called by __reduce_ex__.
 */
final class Pickling {
    private Pickling() {}

    static void install(BuiltinTable t) {
        t.method("__reduce_ex__", (self, args, kw) -> reduceEx(self, protocol(Args.one(
                "object.__reduce_ex__", args, kw))));
        t.method("__reduce__", (self, args, kw) -> {
            Args.none("object.__reduce__", args, kw);
            return commonReduce(self, 0);
        });
    }

    /** The protocol argument: an int that fits a C int. */
    private static int protocol(long arg) {
        java.math.BigInteger v = Ints.index(arg);
        if (v.bitLength() > 31) {
            throw PyRaise.overflow("Python int too large to convert to C int");
        }
        return v.intValue();
    }

    private static long reduceEx(long self, int protocol) {
        long reduce = Lookups.optionalAttr(self, "__reduce__");
        if (reduce != 0) {
            try {
                long clsReduce = ObjectApi.PyObject_GetAttr(Heap.type(self), Strs.intern("__reduce__"));
                boolean overridden = clsReduce != Types.of(Types.OBJECT).dict.get("__reduce__");
                Native.decref(clsReduce);
                if (overridden) {
                    return Calls.call(reduce, new long[0], 0);
                }
            } finally {
                Native.decref(reduce);
            }
        }
        return commonReduce(self, protocol);
    }

    private static long commonReduce(long self, int protocol) {
        if (protocol >= 2) {
            return reduceNewObj(self);
        }
        long f = StandInModules.attr("copyreg", "_reduce_ex");
        long p = Ints.fromLong(protocol);
        try {
            return Calls.call(f, new long[] {self, p}, 0);
        } finally {
            Native.decref(p);
            Native.decref(f);
        }
    }

    private static long reduceNewObj(long obj) {
        long cls = Heap.type(obj);
        if (!instantiable(cls)) {
            throw PyRaise.typeError("cannot pickle '%s' object", Types.of(cls).name());
        }
        long[] newArgs = newArgs(obj);
        long args = newArgs[0], kwargs = newArgs[1];
        boolean hasArgs = args != 0;
        long newobj, callArgs;
        try {
            if (kwargs == 0 || Dicts.size(kwargs) == 0) {
                newobj = StandInModules.attr("copyreg", "__newobj__");
                int n = hasArgs ? (int) Tuples.size(args) : 0;
                callArgs = Tuples.create(n + 1);
                Tuples.set(callArgs, 0, Heap.newRef(cls));
                for (int i = 0; i < n; i++) {
                    Tuples.set(callArgs, i + 1, Heap.newRef(Tuples.get(args, i)));
                }
            } else {
                newobj = StandInModules.attr("copyreg", "__newobj_ex__");
                callArgs = Tuples.of(Heap.newRef(cls), Heap.newRef(args), Heap.newRef(kwargs));
            }
        } finally {
            Native.xdecref(args);
            Native.xdecref(kwargs);
        }
        boolean list = Lists.isList(obj), dict = Dicts.isDict(obj);
        long state = 0, listItems = 0, dictItems = 0;
        try {
            state = state(obj, !(hasArgs || list || dict));
            listItems = list ? Iteration.iter(obj) : Heap.newRef(Singletons.NONE);
            if (dict) {
                long items = Calls.callMethod(obj, "items", new long[0], 0);
                try {
                    dictItems = Iteration.iter(items);
                } finally {
                    Native.decref(items);
                }
            } else {
                dictItems = Heap.newRef(Singletons.NONE);
            }
        } catch (RuntimeException e) {
            Native.decref(newobj);
            Native.decref(callArgs);
            Native.xdecref(state);
            Native.xdecref(listItems);
            throw e;
        }
        return Tuples.of(newobj, callArgs, state, listItems, dictItems);
    }

    /** Whether cls has a tp_new: a C one, or (for the runtime's built-in types and their subclasses) a Java one. */
    private static boolean instantiable(long cls) {
        if ((Mem.getLong(cls + TP_FLAGS) & TPF_DISALLOW_INSTANTIATION) != 0) {
            return false;
        }
        if (Mem.getLong(cls + TP_NEW) != 0 || dev.ftcheck.runtime.obj.Exceptions.isExceptionClass(cls)) {
            return true;
        }
        for (long t = cls; t != 0; t = Mem.getLong(t + TP_BASE)) {
            if (BuiltinTable.constructor(t) != null) {
                return true;
            }
        }
        return false;
    }

    /** {args, kwargs} from __getnewargs_ex__ or __getnewargs__ (new references, 0 when absent). */
    private static long[] newArgs(long obj) {
        long ex = special(obj, "__getnewargs_ex__");
        if (ex != 0) {
            long r;
            try {
                r = Calls.call(ex, new long[0], 0);
            } finally {
                Native.decref(ex);
            }
            try {
                if (!Tuples.isTuple(r)) {
                    throw PyRaise.typeError("__getnewargs_ex__ should return a tuple, not '%s'", Types.name(r));
                }
                if (Tuples.size(r) != 2) {
                    throw PyRaise.valueError("__getnewargs_ex__ should return a tuple of length 2, not %d",
                            Tuples.size(r));
                }
                long a = Tuples.get(r, 0), k = Tuples.get(r, 1);
                if (!Tuples.isTuple(a)) {
                    throw PyRaise.typeError("first item of the tuple returned by __getnewargs_ex__ must be a tuple, "
                            + "not '%s'", Types.name(a));
                }
                if (!Dicts.isDict(k)) {
                    throw PyRaise.typeError("second item of the tuple returned by __getnewargs_ex__ must be a dict, "
                            + "not '%s'", Types.name(k));
                }
                return new long[] {Heap.newRef(a), Heap.newRef(k)};
            } finally {
                Native.decref(r);
            }
        }
        long plain = special(obj, "__getnewargs__");
        if (plain == 0) {
            return new long[] {0, 0};
        }
        long r;
        try {
            r = Calls.call(plain, new long[0], 0);
        } finally {
            Native.decref(plain);
        }
        if (!Tuples.isTuple(r)) {
            Native.decref(r);
            throw PyRaise.typeError("__getnewargs__ should return a tuple, not '%s'", Types.name(r));
        }
        return new long[] {r, 0};
    }

    /** A special method looked up on the type and bound to obj (new reference), or 0. */
    private static long special(long obj, String name) {
        long d = Attributes.lookupInType(Heap.type(obj), name);
        return d == 0 ? 0 : Descriptors.bind(d, obj);
    }

    /** What obj.__getstate__() returns; object's own __getstate__ applies the "required" checks. */
    private static long state(long obj, boolean required) {
        long own = Attributes.lookupInType(Heap.type(obj), "__getstate__");
        if (own != Types.of(Types.OBJECT).dict.get("__getstate__")) {
            return Calls.callMethod(obj, "__getstate__", new long[0], 0);
        }
        return defaultState(obj, required);
    }

    /**
     * object.__getstate__: a copy of the instance dict, or None. When the state is required (no __getnewargs__,
     * not a list or dict), a variable-size object, or one whose C struct is larger than object plus its dict and
     * weakref pointers, cannot be rebuilt from it: "cannot pickle 'T' object".
     */
    static long defaultState(long obj, boolean required) {
        long type = Heap.type(obj);
        String name = Types.of(type).name();
        if (required && Mem.getLong(type + TP_ITEMSIZE) != 0) {
            throw PyRaise.typeError("cannot pickle '%s' object", name);
        }
        if (required) {
            long basic = Mem.getLong(Types.OBJECT + TP_BASICSIZE);
            if (Mem.getLong(type + TP_DICTOFFSET) != 0 || (Mem.getLong(type + TP_FLAGS) & TPF_MANAGED_DICT) != 0) {
                basic += 8;
            }
            if (Mem.getLong(type + TP_WEAKLISTOFFSET) != 0) {
                basic += 8;
            }
            if (Mem.getLong(type + TP_BASICSIZE) > basic) {
                throw PyRaise.typeError("cannot pickle '%s' object", name);
            }
        }
        long dict = Lookups.optionalAttr(obj, "__dict__");
        if (dict == 0) {
            return Heap.newRef(Singletons.NONE);
        }
        try {
            if (!Dicts.isDict(dict) || Dicts.size(dict) == 0) {
                return Heap.newRef(Singletons.NONE);
            }
            return dev.ftcheck.runtime.capi.DictApi.PyDict_Copy(dict);
        } finally {
            Native.decref(dict);
        }
    }
}
