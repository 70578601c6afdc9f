package dev.ftcheck.runtime.obj.builtins;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.Sets;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;

/** Calling the built-in container types and bool and str: list(it), tuple(it), set(it), dict(m, **kw), ... */
final class Constructors {
    private Constructors() {}

    static void init() {
        BuiltinTable.constructor(Types.LIST, (type, args, kw) -> {
            Args.unpack("list", args, 0, 0, 1);
            Args.noKeywords("list", kw);
            long l = Lists.create(0);
            if (args.length > 0) {
                Lists.setSlice(l, 0, 0, Iteration.toArray(args[0]));
            }
            return l;
        });
        BuiltinTable.constructor(Types.TUPLE, (type, args, kw) -> {
            Args.noKeywords("tuple", kw);
            Args.unpack("tuple", args, 0, 0, 1);
            return args.length == 0 ? Tuples.create(0) : AbstractApi.PySequence_Tuple(args[0]);
        });
        for (long setType : new long[] {Types.SET, Types.FROZENSET}) {
            String name = setType == Types.SET ? "set" : "frozenset";
            BuiltinTable.constructor(setType, (type, args, kw) -> {
                Args.noKeywords(name, kw);
                Args.unpack(name, args, 0, 0, 1);
                return setOf(setType, args.length > 0 ? args[0] : 0);
            });
        }
        BuiltinTable.constructor(Types.DICT, (type, args, kw) -> {
            Args.unpack("dict", args, 0, 0, 1);
            long d = Dicts.create("dict()");
            try {
                long update = dev.ftcheck.runtime.obj.Attributes.lookupInType(Types.DICT, "update");
                long[] call = args.length > 0 ? new long[] {d, args[0]} : new long[] {d};
                Native.decref(dev.ftcheck.runtime.obj.Calls.call(update, call, kw));
                return d;
            } catch (RuntimeException e) {
                Native.decref(d);
                throw e;
            }
        });
        BuiltinTable.constructor(Types.INT, (type, args, kw) -> {
            if (args.length > 2) {
                throw dev.ftcheck.runtime.obj.PyRaise.typeError("int expected at most 2 arguments, got %d",
                        args.length);
            }
            long[] a = {args.length > 0 ? args[0] : 0, args.length > 1 ? args[1] : 0};
            if (kw != 0) {
                long[] kv = dev.ftcheck.runtime.obj.Dicts.items(kw);
                try {
                    for (int i = 0; i < kv.length; i += 2) {
                        String key = Strs.value(kv[i]);
                        if (!key.equals("base")) {
                            throw dev.ftcheck.runtime.obj.PyRaise.typeError(
                                    "int() got an unexpected keyword argument '%s'", key);
                        }
                        if (a[1] != 0) {
                            throw dev.ftcheck.runtime.obj.PyRaise.typeError(
                                    "argument for int() given by name ('base') and position (2)");
                        }
                        a[1] = kv[i + 1];
                    }
                } finally {
                    for (long r : kv) {
                        Native.decref(r);
                    }
                }
            }
            if (a[0] == 0) {
                if (a[1] != 0) {
                    throw dev.ftcheck.runtime.obj.PyRaise.typeError("int() missing string argument");
                }
                return dev.ftcheck.runtime.obj.Ints.fromLong(0);
            }
            if (a[1] == 0) {
                return dev.ftcheck.runtime.capi.AbstractApi.PyNumber_Long(a[0]);
            }
            java.math.BigInteger b = dev.ftcheck.runtime.obj.Ints.index(a[1]);
            if (b.signum() != 0 && (b.compareTo(java.math.BigInteger.TWO) < 0
                    || b.compareTo(java.math.BigInteger.valueOf(36)) > 0)) {
                throw dev.ftcheck.runtime.obj.PyRaise.valueError("int() base must be >= 2 and <= 36, or 0");
            }
            if (Strs.isStr(a[0])) {
                return dev.ftcheck.runtime.capi.LongApi.PyLong_FromUnicodeObject(a[0], b.intValue());
            }
            if (BytesMethods.isBytesLike(a[0])) {
                long text = Strs.fromJava(new String(BytesMethods.value(a[0]), java.nio.charset.StandardCharsets.ISO_8859_1));
                try {
                    return dev.ftcheck.runtime.capi.LongApi.PyLong_FromUnicodeObject(text, b.intValue());
                } finally {
                    Native.decref(text);
                }
            }
            throw dev.ftcheck.runtime.obj.PyRaise.typeError("int() can't convert non-string with explicit base");
        });
        BuiltinTable.constructor(Types.FLOAT, (type, args, kw) -> {
            Args.unpack("float", args, kw, 0, 1);
            if (args.length == 0) {
                return dev.ftcheck.runtime.capi.FloatApi.PyFloat_FromDouble(0.0);
            }
            if (Strs.isStr(args[0]) || BytesMethods.isBytesLike(args[0])) {
                return dev.ftcheck.runtime.capi.FloatApi.PyFloat_FromString(args[0]);
            }
            return dev.ftcheck.runtime.capi.AbstractApi.PyNumber_Float(args[0]);
        });
        BuiltinTable.constructor(Types.NONE_TYPE, (type, args, kw) -> {
            if (args.length > 0 || (kw != 0 && dev.ftcheck.runtime.obj.Dicts.size(kw) > 0)) {
                throw dev.ftcheck.runtime.obj.PyRaise.typeError("NoneType takes no arguments");
            }
            return Singletons.NONE;
        });
        BuiltinTable.constructor(Types.BOOL, (type, args, kw) -> {
            Args.noKeywords("bool", kw);
            Args.unpack("bool", args, 0, 0, 1);
            return Singletons.bool(args.length > 0 && Protocols.isTrue(args[0]));
        });
        BuiltinTable.constructor(Types.STR, (type, args, kw) -> {
            long[] a = Args.clinic("str", args, kw, 0, "object", "encoding", "errors");
            if (a[1] != 0 || a[2] != 0) {
                long src = a[0] == 0 ? dev.ftcheck.runtime.obj.Bytes.fromJava(new byte[0]) : dev.ftcheck.runtime.obj.Heap.newRef(a[0]);
                try {
                    if (!BytesMethods.isBytesLike(src)) {
                        throw dev.ftcheck.runtime.obj.PyRaise.typeError(Strs.isStr(src)
                                ? "decoding str is not supported"
                                : "decoding to str: need a bytes-like object, " + Types.name(src) + " found");
                    }
                    long bytes = dev.ftcheck.runtime.obj.Bytes.fromJava(BytesMethods.value(src));
                    long options = kwFor(a[1], a[2]);
                    try {
                        return BytesMethods.decode(bytes, new long[0], options);
                    } finally {
                        Native.decref(options);
                        Native.decref(bytes);
                    }
                } finally {
                    Native.decref(src);
                }
            }
            return a[0] == 0 ? Strs.fromJava("") : ObjectApi.PyObject_Str(a[0]);
        });
    }

    /** A new set (or frozenset) of the elements of iterable; 0 for an empty one. */
    static long setOf(long type, long iterable) {
        long s = Sets.create(type);
        if (iterable == 0) {
            return s;
        }
        long[] items = Iteration.toArray(iterable);
        try {
            for (long x : items) {
                Sets.add(s, x);
            }
        } catch (RuntimeException e) {
            Native.decref(s);
            throw e;
        } finally {
            for (long x : items) {
                Native.decref(x);
            }
        }
        return s;
    }

    private static long kwFor(long encoding, long errors) {
        long kw = Dicts.create("str() keywords");
        if (encoding != 0) {
            Dicts.set(kw, Strs.intern("encoding"), encoding);
        }
        if (errors != 0) {
            Dicts.set(kw, Strs.intern("errors"), errors);
        }
        return kw;
    }
}
