package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of {@code functools} extensions use: partial (func, args, keywords; a partial of a partial flattened,
 * as CPython's), reduce and cmp_to_key, with CPython 3.13's messages.
 */
final class FunctoolsModule {
    private FunctoolsModule() {}

    private static volatile long partialType, keyType;

    static long create() {
        long m = Modules.create("functools");
        BuiltinTable pm = new BuiltinTable();
        pm.getter("func", self -> Heap.newRef(partial(self).func));
        pm.getter("args", self -> Heap.newRef(partial(self).args));
        pm.getter("keywords", self -> Heap.newRef(partial(self).keywords));
        partialType = StandInTypes.define("functools.partial", pm, FunctoolsModule::newPartial, true);
        Modules.setAttr(m, "partial", partialType);
        BuiltinTable km = new BuiltinTable();
        km.getter("obj", self -> {
            Key k = Heap.state(self);
            if (k.obj == 0) {
                throw new PyRaise(Exceptions.AttributeError, "obj");
            }
            return Heap.newRef(k.obj);
        });
        keyType = StandInTypes.define("functools.KeyWrapper", km, (type, args, kw) -> {
            throw PyRaise.typeError("cannot create 'functools.KeyWrapper' instances");
        }, true);
        BuiltinTable t = new BuiltinTable();
        t.method("reduce", FunctoolsModule::reduce);
        t.method("cmp_to_key", (self, args, kw) -> {
            long cmp = Args.clinic("cmp_to_key", args, kw, 1, "mycmp")[0];
            return StandInTypes.instance(keyType, new Key(Heap.newRef(cmp), 0));
        });
        t.installFunctions(m);
        return m;
    }

    private static Partial partial(long self) {
        return Heap.state(self);
    }

    /** func, args (a tuple) and keywords (a dict), each a reference the partial owns. */
    private record Partial(long func, long args, long keywords) implements StandInTypes.Behaviour, Heap.Owner {
        @Override
        public long call(long self, long[] callArgs, long kw) {
            int n = (int) Tuples.size(args);
            long[] all = new long[n + callArgs.length];
            for (int i = 0; i < n; i++) {
                all[i] = Tuples.get(args, i);
            }
            System.arraycopy(callArgs, 0, all, n, callArgs.length);
            long merged = merge(keywords, kw);
            try {
                return Calls.call(func, all, Dicts.size(merged) > 0 ? merged : 0);
            } finally {
                Native.decref(merged);
            }
        }

        @Override
        public String repr(long self) {
            if (Repr.enter(self)) {
                return "...";
            }
            try {
                List<String> parts = new ArrayList<>();
                parts.add(Repr.repr(func));
                for (int i = 0; i < Tuples.size(args); i++) {
                    parts.add(Repr.repr(Tuples.get(args, i)));
                }
                long[] kv = Dicts.items(keywords);
                for (int i = 0; i < kv.length; i += 2) {
                    parts.add(Strs.value(kv[i]) + "=" + Repr.repr(kv[i + 1]));
                }
                for (long r : kv) {
                    Native.decref(r);
                }
                return "functools.partial(" + String.join(", ", parts) + ")";
            } finally {
                Repr.leave(self);
            }
        }

        @Override
        public void release() {
            Native.decref(func);
            Native.decref(args);
            Native.decref(keywords);
        }
    }

    /** A new dict: base's items, then extra's (0 for none). */
    private static long merge(long base, long extra) {
        long d = Dicts.create("functools.partial");
        for (long src : new long[] {base, extra}) {
            if (src == 0) {
                continue;
            }
            long[] kv = Dicts.items(src);
            for (int i = 0; i < kv.length; i += 2) {
                Dicts.set(d, kv[i], kv[i + 1]);
            }
            for (long r : kv) {
                Native.decref(r);
            }
        }
        return d;
    }

    private static long newPartial(long type, long[] args, long kw) {
        if (args.length == 0) {
            throw PyRaise.typeError("type 'partial' takes at least one argument");
        }
        long func = args[0];
        if (ObjectApi.PyCallable_Check(func) == 0) {
            throw PyRaise.typeError("the first argument must be callable");
        }
        List<Long> all = new ArrayList<>();
        long keywords;
        if (Heap.type(func) == partialType) { // flattened, as CPython does for an exact partial
            Partial inner = partial(func);
            for (int i = 0; i < Tuples.size(inner.args); i++) {
                all.add(Tuples.get(inner.args, i));
            }
            keywords = merge(inner.keywords, kw);
            func = inner.func;
        } else {
            keywords = merge(0, kw);
        }
        for (int i = 1; i < args.length; i++) {
            all.add(args[i]);
        }
        long tuple = Tuples.create(all.size());
        for (int i = 0; i < all.size(); i++) {
            Tuples.set(tuple, i, Heap.newRef(all.get(i)));
        }
        return StandInTypes.instance(type, new Partial(Heap.newRef(func), tuple, keywords));
    }

    private static long reduce(long self, long[] args, long kw) {
        Args.unpack("reduce", args, kw, 2, 3);
        long it;
        try {
            it = Iteration.iter(args[1]);
        } catch (PyRaise e) {
            if (e.type == Exceptions.TypeError) {
                throw PyRaise.typeError("reduce() arg 2 must support iteration");
            }
            throw e;
        }
        long acc = args.length == 3 ? Heap.newRef(args[2]) : 0;
        try {
            for (long item = Iteration.next(it); item != 0; item = Iteration.next(it)) {
                if (acc == 0) {
                    acc = item;
                    continue;
                }
                try {
                    long next = Calls.call(args[0], new long[] {acc, item}, 0);
                    Native.decref(acc);
                    acc = next;
                } finally {
                    Native.decref(item);
                }
            }
        } catch (RuntimeException e) {
            Native.xdecref(acc);
            throw e;
        } finally {
            Native.decref(it);
        }
        if (acc == 0) {
            throw PyRaise.typeError("reduce() of empty iterable with no initial value");
        }
        return acc;
    }

    /** cmp_to_key's wrapper (obj 0) and, called with an object, the key holding it. */
    private record Key(long cmp, long obj) implements StandInTypes.Behaviour, Heap.Owner {
        @Override
        public long call(long self, long[] args, long kw) {
            long obj = Args.clinic("K", args, kw, 1, "obj")[0];
            return StandInTypes.instance(keyType, new Key(Heap.newRef(cmp), Heap.newRef(obj)));
        }

        @Override
        public long compare(long self, long other, int op) {
            if (!(Heap.state(other) instanceof Key o) || Heap.type(other) != keyType) {
                throw PyRaise.typeError("other argument must be K instance");
            }
            if (obj == 0 || o.obj == 0) {
                throw new PyRaise(Exceptions.AttributeError, "object");
            }
            long res = Calls.call(cmp, new long[] {obj, o.obj}, 0);
            long zero = Ints.fromLong(0);
            try {
                return ObjectApi.PyObject_RichCompare(res, zero, op);
            } finally {
                Native.decref(res);
                Native.decref(zero);
            }
        }

        @Override
        public long hash(long self) {
            throw PyRaise.typeError("unhashable type: '%s'", "functools.KeyWrapper");
        }

        @Override
        public void release() {
            Native.decref(cmp);
            Native.xdecref(obj);
        }
    }
}
