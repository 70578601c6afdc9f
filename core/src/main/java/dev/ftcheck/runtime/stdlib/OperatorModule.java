package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * The part of {@code operator} extensions use: the arithmetic, comparison, truth and item functions (each the C-API
 * operation CPython's does), and the callables itemgetter, attrgetter (dotted names) and methodcaller.
 */
final class OperatorModule {
    private OperatorModule() {}

    static long create() {
        long m = Modules.create("operator");
        BuiltinTable t = new BuiltinTable();
        binary(t, "add", AbstractApi::PyNumber_Add);
        binary(t, "sub", AbstractApi::PyNumber_Subtract);
        binary(t, "mul", AbstractApi::PyNumber_Multiply);
        binary(t, "truediv", AbstractApi::PyNumber_TrueDivide);
        binary(t, "floordiv", AbstractApi::PyNumber_FloorDivide);
        binary(t, "mod", AbstractApi::PyNumber_Remainder);
        binary(t, "concat", AbstractApi::PySequence_Concat);
        binary(t, "getitem", AbstractApi::PyObject_GetItem);
        binary(t, "contains", (a, b) -> Singletons.bool(AbstractApi.PySequence_Contains(a, b) != 0));
        String[] compare = {"lt", "le", "eq", "ne", "gt", "ge"};
        for (int op = 0; op < compare.length; op++) {
            int o = op;
            binary(t, compare[op], (a, b) -> ObjectApi.PyObject_RichCompare(a, b, o));
        }
        unary(t, "neg", AbstractApi::PyNumber_Negative);
        unary(t, "pos", AbstractApi::PyNumber_Positive);
        unary(t, "index", a -> exactInt(AbstractApi.PyNumber_Index(a)));
        unary(t, "not_", a -> Singletons.bool(!Protocols.isTrue(a)));
        unary(t, "truth", a -> Singletons.bool(Protocols.isTrue(a)));
        t.method("setitem", (self, args, kw) -> {
            Args.unpack("setitem", args, kw, 3, 3);
            AbstractApi.PyObject_SetItem(args[0], args[1], args[2]);
            return Heap.newRef(Singletons.NONE);
        });
        t.installFunctions(m);
        Modules.setAttr(m, "itemgetter", StandInTypes.define("operator.itemgetter", new BuiltinTable(),
                OperatorModule::itemgetter, true));
        Modules.setAttr(m, "attrgetter", StandInTypes.define("operator.attrgetter", new BuiltinTable(),
                OperatorModule::attrgetter, true));
        Modules.setAttr(m, "methodcaller", StandInTypes.define("operator.methodcaller", new BuiltinTable(),
                OperatorModule::methodcaller, true));
        return m;
    }

    private static void binary(BuiltinTable t, String name, LongBinaryOperator f) {
        t.method(name, (self, args, kw) -> {
            Args.unpack(name, args, kw, 2, 2);
            return f.applyAsLong(args[0], args[1]);
        });
    }

    private static void unary(BuiltinTable t, String name, LongUnaryOperator f) {
        t.method(name, (self, args, kw) -> f.applyAsLong(Args.one(name, args, kw)));
    }

    /** An int subclass (bool) as a plain int, as operator.index gives. */
    private static long exactInt(long r) {
        if (Heap.type(r) == dev.ftcheck.runtime.obj.Types.INT) {
            return r;
        }
        long plain = dev.ftcheck.runtime.obj.Ints.fromBig(dev.ftcheck.runtime.obj.Ints.value(r));
        Native.decref(r);
        return plain;
    }

    /** New references to args; the owner releases them. */
    private static long[] keep(long[] args, int from) {
        long[] r = new long[args.length - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = Heap.newRef(args[from + i]);
        }
        return r;
    }

    private static void releaseAll(long[] refs) {
        for (long r : refs) {
            Native.xdecref(r);
        }
    }

    private static String reprs(long[] items) {
        List<String> parts = new ArrayList<>();
        for (long i : items) {
            parts.add(Repr.repr(i));
        }
        return String.join(", ", parts);
    }

    /** One result, or a tuple of one per item. */
    private static long each(long[] items, LongUnaryOperator f) {
        if (items.length == 1) {
            return f.applyAsLong(items[0]);
        }
        long tuple = Tuples.create(items.length);
        for (int i = 0; i < items.length; i++) {
            try {
                Tuples.set(tuple, i, f.applyAsLong(items[i]));
            } catch (RuntimeException e) {
                Native.decref(tuple);
                throw e;
            }
        }
        return tuple;
    }

    private record Getter(String kind, long[] items, LongBinaryOperator get)
            implements StandInTypes.Behaviour, Heap.Owner {
        @Override
        public long call(long self, long[] args, long kwargs) {
            Args.unpack(kind, args, kwargs, 1, 1);
            return each(items, i -> get.applyAsLong(args[0], i));
        }

        @Override
        public String repr(long self) {
            return "operator." + kind + "(" + reprs(items) + ")";
        }

        @Override
        public void release() {
            releaseAll(items);
        }
    }

    private static long itemgetter(long type, long[] args, long kw) {
        Args.noKeywords("itemgetter", kw);
        if (args.length == 0) {
            throw PyRaise.typeError("itemgetter expected 1 argument, got 0");
        }
        return StandInTypes.instance(type, new Getter("itemgetter", keep(args, 0), AbstractApi::PyObject_GetItem));
    }

    private static long attrgetter(long type, long[] args, long kw) {
        Args.noKeywords("attrgetter", kw);
        if (args.length == 0) {
            throw PyRaise.typeError("attrgetter expected 1 argument, got 0");
        }
        for (long a : args) {
            if (!Strs.isStr(a)) {
                throw PyRaise.typeError("attribute name must be a string");
            }
        }
        return StandInTypes.instance(type, new Getter("attrgetter", keep(args, 0), OperatorModule::dotted));
    }

    /** obj.a.b.c for the name "a.b.c". */
    private static long dotted(long obj, long name) {
        long cur = Heap.newRef(obj);
        for (String part : Strs.value(name).split("\\.", -1)) {
            long next;
            try {
                next = ObjectApi.PyObject_GetAttr(cur, Strs.intern(part));
            } finally {
                Native.decref(cur);
            }
            cur = next;
        }
        return cur;
    }

    private record Caller(long name, long[] args, long kwargs) implements StandInTypes.Behaviour, Heap.Owner {
        @Override
        public long call(long self, long[] callArgs, long kw) {
            Args.unpack("methodcaller", callArgs, kw, 1, 1);
            long method = ObjectApi.PyObject_GetAttr(callArgs[0], name);
            try {
                return Calls.call(method, args, kwargs);
            } finally {
                Native.decref(method);
            }
        }

        @Override
        public String repr(long self) {
            List<String> parts = new ArrayList<>();
            parts.add(Repr.repr(name));
            if (args.length > 0) {
                parts.add(reprs(args));
            }
            if (kwargs != 0) {
                long[] kv = Dicts.items(kwargs);
                for (int i = 0; i < kv.length; i += 2) {
                    parts.add(Strs.value(kv[i]) + "=" + Repr.repr(kv[i + 1]));
                }
                releaseAll(kv);
            }
            return "operator.methodcaller(" + String.join(", ", parts) + ")";
        }

        @Override
        public void release() {
            Native.decref(name);
            releaseAll(args);
            Native.xdecref(kwargs);
        }
    }

    private static long methodcaller(long type, long[] args, long kw) {
        if (args.length == 0) {
            throw PyRaise.typeError("methodcaller needs at least one argument, the method name");
        }
        if (!Strs.isStr(args[0])) {
            throw PyRaise.typeError("method name must be a string");
        }
        long kwargs = 0;
        if (kw != 0) {
            kwargs = Dicts.create("methodcaller");
            long[] kv = Dicts.items(kw);
            for (int i = 0; i < kv.length; i += 2) {
                Dicts.set(kwargs, kv[i], kv[i + 1]);
            }
            releaseAll(kv);
        }
        return StandInTypes.instance(type, new Caller(Heap.newRef(args[0]), keep(args, 1), kwargs));
    }
}
