package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.builtins.ObjectMethods.q;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.DictApi;
import dev.ftcheck.runtime.capi.ListApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Sets;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.math.BigInteger;

/** Methods of list, tuple, dict, set and frozenset. */
final class ContainerMethods {
    private ContainerMethods() {}

    private static boolean kind(long o, TypeKind k) {
        return Types.kindOf(o) == k;
    }

    private static void release(long[] refs) {
        for (long r : refs) {
            Native.xdecref(r);
        }
    }

    /** A start/stop argument of index(): clamped like a slice index. */
    private static long sliceIndex(long o, long n, long dflt) {
        if (Args.isNone(o)) {
            return dflt;
        }
        if (!Ints.isInt(o)) {
            throw PyRaise.typeError("slice indices must be integers or have an __index__ method");
        }
        BigInteger v = Ints.value(o);
        long i = v.bitLength() > 62 ? (v.signum() < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2) : v.longValue();
        if (i < 0) {
            i = Math.max(0, i + n);
        }
        return Math.min(i, n);
    }

    static long ssize(long o) {
        BigInteger v = Ints.index(o);
        if (v.bitLength() > 63) {
            throw PyRaise.overflow("Python int too large to convert to C ssize_t");
        }
        return v.longValue();
    }

    private static long index(String owner, long[] items, long[] args, long kw) {
        Args.unpack("index", args, kw, 1, 3);
        long n = items.length;
        long start = args.length > 1 ? sliceIndex(args[1], n, 0) : 0;
        long stop = args.length > 2 ? sliceIndex(args[2], n, n) : n;
        for (long i = start; i < stop; i++) {
            if (Protocols.equal(items[(int) i], args[0])) {
                return Ints.fromLong(i);
            }
        }
        throw PyRaise.valueError(owner.equals("list") ? "%s is not in list" : "tuple.index(x): x not in tuple",
                Repr.repr(args[0]));
    }

    private static long count(long[] items, long x) {
        long c = 0;
        for (long it : items) {
            if (Protocols.equal(it, x)) {
                c++;
            }
        }
        return Ints.fromLong(c);
    }

    /** The sequence wrappers list and tuple share. */
    private static void sequenceSlots(BuiltinTable t, TypeKind k) {
        String name = k == TypeKind.LIST ? "list" : "tuple";
        t.slot("__add__", Slots.binary((self, other) -> {
            if (!kind(other, k)) {
                throw PyRaise.typeError("can only concatenate %s (not \"%s\") to %s", name, Types.name(other), name);
            }
            return AbstractApi.PyNumber_Add(self, other);
        }));
        t.slot("__mul__", Slots.binary((self, n) -> AbstractApi.PyNumber_Multiply(self, Ints.fromLong(ssize(n)))));
        t.slot("__rmul__", Slots.binary((self, n) -> AbstractApi.PyNumber_Multiply(self, Ints.fromLong(ssize(n)))));
        Slots.contains(t);
        Slots.comparisons(t, o -> kind(o, k));
        Slots.iter(t);
        Slots.len(t);
        Slots.repr(t);
        Slots.getattribute(t);
    }

    static BuiltinTable list() {
        BuiltinTable t = new BuiltinTable();
        sequenceSlots(t, TypeKind.LIST);
        t.value("__hash__", Singletons.NONE);
        t.method("__getitem__", (self, args, kw) -> AbstractApi.PyObject_GetItem(self, Args.one(q(self, "__getitem__"), args, kw)));
        t.slot("__setitem__", (self, args, kw) -> {
            Slots.count(args, kw, 2);
            Slots.check(AbstractApi.PyObject_SetItem(self, args[0], args[1]));
            return Singletons.NONE;
        });
        t.slot("__delitem__", Slots.binary((self, key) -> {
            Slots.check(AbstractApi.PyObject_DelItem(self, key));
            return Singletons.NONE;
        }));
        t.slot("__iadd__", Slots.binary((self, other) -> {
            extend(self, other);
            return Heap.newRef(self);
        }));
        t.slot("__imul__", Slots.binary((self, n) -> {
            long times = ssize(n);
            long[] items = Lists.snapshot(self);
            try {
                long[] all = new long[times <= 0 ? 0 : Math.multiplyExact(items.length, (int) times)];
                for (int i = 0; i < all.length; i++) {
                    all[i] = Heap.newRef(items[i % items.length]);
                }
                Lists.setSlice(self, 0, Lists.size(self), all);
            } finally {
                release(items);
            }
            return Heap.newRef(self);
        }));
        t.method("__reversed__", (self, args, kw) -> {
            Args.none(q(self, "__reversed__"), args, kw);
            long[] items = Lists.snapshot(self);
            for (int i = 0, j = items.length - 1; i < j; i++, j--) {
                long x = items[i];
                items[i] = items[j];
                items[j] = x;
            }
            return dev.ftcheck.runtime.obj.Objects.newIterator(IteratorTypes.LIST_REVERSE, items);
        });
        t.method("append", (self, args, kw) -> {
            Lists.append(self, Args.one(q(self, "append"), args, kw));
            return Singletons.NONE;
        });
        t.method("extend", (self, args, kw) -> {
            extend(self, Args.one(q(self, "extend"), args, kw));
            return Singletons.NONE;
        });
        t.method("insert", (self, args, kw) -> {
            Args.unpack("insert", args, kw, 2, 2);
            Slots.check(ListApi.PyList_Insert(self, ssize(args[0]), args[1]));
            return Singletons.NONE;
        });
        t.method("pop", (self, args, kw) -> {
            Args.unpack("pop", args, kw, 0, 1);
            long i = args.length > 0 ? ssize(args[0]) : -1;
            long n = Lists.size(self);
            if (n == 0) {
                throw PyRaise.indexError("pop from empty list");
            }
            if (i < 0) {
                i += n;
            }
            if (i < 0 || i >= n) {
                throw PyRaise.indexError("pop index out of range");
            }
            long item = Lists.getRef(self, i);
            Lists.setSlice(self, i, i + 1, null);
            return item;
        });
        t.method("remove", (self, args, kw) -> {
            long x = Args.one(q(self, "remove"), args, kw);
            long[] items = Lists.snapshot(self);
            try {
                for (int i = 0; i < items.length; i++) {
                    if (Protocols.equal(items[i], x)) {
                        Lists.setSlice(self, i, i + 1, null);
                        return Singletons.NONE;
                    }
                }
            } finally {
                release(items);
            }
            throw PyRaise.valueError("list.remove(x): x not in list");
        });
        t.method("index", (self, args, kw) -> {
            long[] items = Lists.snapshot(self);
            try {
                return index("list", items, args, kw);
            } finally {
                release(items);
            }
        });
        t.method("count", (self, args, kw) -> {
            long x = Args.one(q(self, "count"), args, kw);
            long[] items = Lists.snapshot(self);
            try {
                return count(items, x);
            } finally {
                release(items);
            }
        });
        t.method("clear", (self, args, kw) -> {
            Args.none(q(self, "clear"), args, kw);
            Lists.setSlice(self, 0, Lists.size(self), null);
            return Singletons.NONE;
        });
        t.method("copy", (self, args, kw) -> {
            Args.none(q(self, "copy"), args, kw);
            long[] items = Lists.snapshot(self);
            long l = Lists.create(0);
            Lists.setSlice(l, 0, 0, items);
            return l;
        });
        t.method("reverse", (self, args, kw) -> {
            Args.none(q(self, "reverse"), args, kw);
            Slots.check(ListApi.PyList_Reverse(self));
            return Singletons.NONE;
        });
        t.method("sort", ContainerMethods::sort);
        return t;
    }

    private static void extend(long self, long other) {
        long[] items = Iteration.toArray(other);
        Lists.setSlice(self, Lists.size(self), Lists.size(self), items);
    }

    /** list.sort(*, key=None, reverse=False): stable, as CPython's. */
    private static long sort(long self, long[] args, long kw) {
        if (args.length > 0) {
            throw PyRaise.typeError("sort() takes no positional arguments");
        }
        long[] opts = Args.clinic("sort", args, kw, 0, "key", "reverse");
        long key = Args.isNone(opts[0]) ? 0 : opts[0];
        boolean reverse = opts[1] != 0 && Protocols.isTrue(opts[1]);
        long[] items = Lists.snapshot(self);
        long[] keys = new long[items.length];
        try {
            for (int i = 0; i < items.length; i++) {
                keys[i] = key == 0 ? Heap.newRef(items[i]) : Calls.call(key, new long[] {items[i]}, 0);
            }
            Integer[] order = new Integer[items.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = reverse ? order.length - 1 - i : i;
            }
            // Java's sort passes the later element first, as CPython's first comparison is later < earlier
            java.util.Arrays.sort(order, (a, b) -> Compare.richBool(keys[a], keys[b], Protocols.LT) ? -1
                    : Compare.richBool(keys[b], keys[a], Protocols.LT) ? 1 : 0);
            long[] sorted = new long[items.length];
            for (int i = 0; i < order.length; i++) {
                sorted[reverse ? order.length - 1 - i : i] = Heap.newRef(items[order[i]]);
            }
            Lists.setSlice(self, 0, Lists.size(self), sorted);
            return Singletons.NONE;
        } finally {
            release(items);
            release(keys);
        }
    }

    static BuiltinTable tuple() {
        BuiltinTable t = new BuiltinTable();
        sequenceSlots(t, TypeKind.TUPLE);
        Slots.hash(t);
        Slots.getitem(t);
        t.method("index", (self, args, kw) -> index("tuple", items(self), args, kw));
        t.method("count", (self, args, kw) -> count(items(self), Args.one(q(self, "count"), args, kw)));
        t.method("__getnewargs__", (self, args, kw) -> {
            Args.none(q(self, "__getnewargs__"), args, kw);
            return Tuples.of(AbstractApi.PySequence_Tuple(self));
        });
        return t;
    }

    /** Borrowed items of a tuple. */
    private static long[] items(long tuple) {
        long[] r = new long[(int) Tuples.size(tuple)];
        for (int i = 0; i < r.length; i++) {
            r[i] = Tuples.get(tuple, i);
        }
        return r;
    }

    static BuiltinTable dict() {
        BuiltinTable t = new BuiltinTable();
        t.value("__hash__", Singletons.NONE);
        Slots.comparisons(t, o -> false);
        for (int op : new int[] {Protocols.EQ, Protocols.NE}) {
            t.slot(Slots.COMPARE[op], Slots.binary((self, other) -> Dicts.isDict(other)
                    ? Compare.rich(self, other, op) : Singletons.NOTIMPLEMENTED));
        }
        Slots.iter(t);
        Slots.len(t);
        Slots.repr(t);
        Slots.getattribute(t);
        t.method("__contains__", (self, args, kw) -> Singletons.bool(
                Slots.check(DictApi.PyDict_Contains(self, Args.one(q(self, "__contains__"), args, kw))) == 1));
        t.method("__getitem__", (self, args, kw) -> AbstractApi.PyObject_GetItem(self, Args.one(q(self, "__getitem__"), args, kw)));
        t.slot("__setitem__", (self, args, kw) -> {
            Slots.count(args, kw, 2);
            Dicts.set(self, args[0], args[1]);
            return Singletons.NONE;
        });
        t.slot("__delitem__", Slots.binary((self, key) -> {
            Slots.check(AbstractApi.PyObject_DelItem(self, key));
            return Singletons.NONE;
        }));
        t.method("__reversed__", (self, args, kw) -> {
            Args.none(q(self, "__reversed__"), args, kw);
            long view = DictViews.create(self, DictViews.KEYS);
            try {
                return DictViews.reversedIterator(view);
            } finally {
                Native.decref(view);
            }
        });
        t.method("keys", (self, args, kw) -> {
            Args.none(q(self, "keys"), args, kw);
            return DictViews.create(self, DictViews.KEYS);
        });
        t.method("values", (self, args, kw) -> {
            Args.none(q(self, "values"), args, kw);
            return DictViews.create(self, DictViews.VALUES);
        });
        t.method("items", (self, args, kw) -> {
            Args.none(q(self, "items"), args, kw);
            return DictViews.create(self, DictViews.ITEMS);
        });
        t.method("get", (self, args, kw) -> {
            Args.unpack("get", args, kw, 1, 2);
            long v = Dicts.getRef(self, args[0]);
            return v != 0 ? v : Heap.newRef(args.length > 1 ? args[1] : Singletons.NONE);
        });
        t.method("setdefault", (self, args, kw) -> {
            Args.unpack("setdefault", args, kw, 1, 2);
            return Dicts.setDefault(self, args[0], args.length > 1 ? args[1] : Singletons.NONE)[1];
        });
        t.method("pop", (self, args, kw) -> {
            Args.unpack("pop", args, kw, 1, 2);
            long v = Dicts.pop(self, args[0]);
            if (v != 0) {
                return v;
            }
            if (args.length > 1) {
                return Heap.newRef(args[1]);
            }
            throw new PyRaise(Exceptions.KeyError, Repr.repr(args[0]));
        });
        t.method("popitem", (self, args, kw) -> {
            Args.none(q(self, "popitem"), args, kw);
            long[] kv = Dicts.items(self);
            try {
                if (kv.length == 0) {
                    throw new PyRaise(Exceptions.KeyError, "'popitem(): dictionary is empty'");
                }
                long k = kv[kv.length - 2];
                long v = Dicts.pop(self, k);
                return Tuples.of(Heap.newRef(k), v);
            } finally {
                release(kv);
            }
        });
        t.method("clear", (self, args, kw) -> {
            Args.none(q(self, "clear"), args, kw);
            Dicts.clear(self);
            return Singletons.NONE;
        });
        t.method("copy", (self, args, kw) -> {
            Args.none(q(self, "copy"), args, kw);
            return DictApi.PyDict_Copy(self);
        });
        t.method("update", (self, args, kw) -> {
            Args.unpack("update", args, 0, 0, 1);
            if (args.length > 0) {
                update(self, args[0]);
            }
            if (kw != 0) {
                Slots.check(DictApi.PyDict_Merge(self, kw, 1));
            }
            return Singletons.NONE;
        });
        t.classMethod("fromkeys", (self, args, kw) -> {
            Args.unpack("fromkeys", args, kw, 1, 2);
            long d = self == Types.DICT ? Dicts.create("dict.fromkeys") : Calls.call(self, new long[0], 0);
            long[] keys = Iteration.toArray(args[0]);
            try {
                for (long k : keys) {
                    Slots.check(AbstractApi.PyObject_SetItem(d, k, args.length > 1 ? args[1] : Singletons.NONE));
                }
            } finally {
                release(keys);
            }
            return d;
        });
        t.slot("__or__", Slots.binary((self, other) -> {
            if (!Dicts.isDict(other)) {
                return Singletons.NOTIMPLEMENTED;
            }
            long d = DictApi.PyDict_Copy(self);
            Slots.check(DictApi.PyDict_Merge(d, other, 1));
            return d;
        }));
        t.slot("__ror__", Slots.binary((self, other) -> {
            if (!Dicts.isDict(other)) {
                return Singletons.NOTIMPLEMENTED;
            }
            long d = DictApi.PyDict_Copy(other);
            Slots.check(DictApi.PyDict_Merge(d, self, 1));
            return d;
        }));
        t.slot("__ior__", Slots.binary((self, other) -> {
            update(self, other);
            return Heap.newRef(self);
        }));
        return t;
    }

    /** dict.update(other): a dict merges, anything with keys() is a mapping, else a sequence of pairs. */
    private static void update(long self, long other) {
        if (Dicts.isDict(other)) {
            Slots.check(DictApi.PyDict_Merge(self, other, 1));
            return;
        }
        long[] pairs = Iteration.toArray(other);
        try {
            for (int i = 0; i < pairs.length; i++) {
                long p = pairs[i];
                TypeKind k = Types.kindOf(p);
                if (k != TypeKind.TUPLE && k != TypeKind.LIST) {
                    throw PyRaise.typeError("cannot convert dictionary update sequence element #%d to a sequence", i);
                }
                long[] kv = Iteration.toArray(p);
                try {
                    if (kv.length != 2) {
                        throw PyRaise.valueError("dictionary update sequence element #%d has length %d; 2 is required",
                                i, kv.length);
                    }
                    Dicts.set(self, kv[0], kv[1]);
                } finally {
                    release(kv);
                }
            }
        } finally {
            release(pairs);
        }
    }

    /** set and frozenset; mutating methods only for set. */
    static BuiltinTable set(boolean mutable) {
        BuiltinTable t = new BuiltinTable();
        t.method("__reduce__", (self, args, kw) -> {
            Args.none(q(self, "__reduce__"), args, kw);
            long items = Lists.create(0);
            for (long item : Iteration.toArray(self)) {
                Lists.append(items, item);
                Native.decref(item);
            }
            long state = Calls.callMethod(self, "__getstate__", new long[0], 0);
            return Tuples.of(Heap.newRef(Heap.type(self)), Tuples.of(items), state);
        });
        if (mutable) {
            t.value("__hash__", Singletons.NONE);
            Slots.getattribute(t);
        } else {
            Slots.hash(t);
        }
        Slots.iter(t);
        Slots.len(t);
        Slots.repr(t);
        t.method("__contains__", (self, args, kw) -> Singletons.bool(
                Sets.contains(self, Args.one(q(self, "__contains__"), args, kw))));
        for (int op = 0; op < 6; op++) {
            int o = op;
            t.slot(Slots.COMPARE[op], Slots.binary((self, other) -> Sets.isAnySet(other)
                    ? setCompare(self, other, o) : Singletons.NOTIMPLEMENTED));
        }
        t.method("copy", (self, args, kw) -> {
            Args.none(q(self, "copy"), args, kw);
            return mutable || Heap.type(self) != Types.FROZENSET ? combine(self, new long[0], Op.UNION)
                    : Heap.newRef(self);
        });
        for (Op op : Op.values()) {
            t.method(op.method, (self, args, kw) -> {
                Args.noKeywords(q(self, op.method), kw);
                if (op == Op.SYMMETRIC && args.length != 1) {
                    throw PyRaise.typeError("%s() takes exactly one argument (%d given)", q(self, op.method), args.length);
                }
                return combine(self, args, op);
            });
            t.slot("__" + op.dunder + "__", Slots.binary((self, other) -> Sets.isAnySet(other)
                    ? combine(self, new long[] {other}, op) : Singletons.NOTIMPLEMENTED));
            t.slot("__r" + op.dunder + "__", Slots.binary((self, other) -> Sets.isAnySet(other)
                    ? combine(other, new long[] {self}, op) : Singletons.NOTIMPLEMENTED));
        }
        t.method("isdisjoint", (self, args, kw) -> {
            long[] other = Iteration.toArray(Args.one(q(self, "isdisjoint"), args, kw));
            try {
                for (long x : other) {
                    if (Sets.contains(self, x)) {
                        return Singletons.FALSE;
                    }
                }
                return Singletons.TRUE;
            } finally {
                release(other);
            }
        });
        t.method("issubset", (self, args, kw) -> subset(self, Args.one(q(self, "issubset"), args, kw), true));
        t.method("issuperset", (self, args, kw) -> subset(self, Args.one(q(self, "issuperset"), args, kw), false));
        if (!mutable) {
            return t;
        }
        t.method("add", (self, args, kw) -> {
            Sets.add(self, Args.one(q(self, "add"), args, kw));
            return Singletons.NONE;
        });
        t.method("discard", (self, args, kw) -> {
            Sets.discard(self, Args.one(q(self, "discard"), args, kw));
            return Singletons.NONE;
        });
        t.method("remove", (self, args, kw) -> {
            long x = Args.one(q(self, "remove"), args, kw);
            if (!Sets.discard(self, x)) {
                throw new PyRaise(Exceptions.KeyError, Repr.repr(x));
            }
            return Singletons.NONE;
        });
        t.method("pop", (self, args, kw) -> {
            Args.none(q(self, "pop"), args, kw);
            if (Sets.size(self) == 0) {
                throw new PyRaise(Exceptions.KeyError, "'pop from an empty set'");
            }
            return Sets.pop(self);
        });
        t.method("clear", (self, args, kw) -> {
            Args.none(q(self, "clear"), args, kw);
            Sets.clear(self);
            return Singletons.NONE;
        });
        for (Op op : Op.values()) {
            if (op == Op.UNION) {
                t.method("update", (self, args, kw) -> inPlace(self, args, kw, op, "update"));
                t.slot("__ior__", Slots.binary((self, o) -> inPlaceSlot(self, o, op)));
            } else {
                t.method(op.method + "_update", (self, args, kw) -> inPlace(self, args, kw, op, op.method + "_update"));
                t.slot("__i" + op.dunder + "__", Slots.binary((self, o) -> inPlaceSlot(self, o, op)));
            }
        }
        return t;
    }

    private enum Op {
        UNION("union", "or"), INTERSECTION("intersection", "and"), DIFFERENCE("difference", "sub"),
        SYMMETRIC("symmetric_difference", "xor");

        final String method, dunder;

        Op(String method, String dunder) {
            this.method = method;
            this.dunder = dunder;
        }
    }

    /** A new set of self's type (set or frozenset) combining self with each of others by op. */
    private static long combine(long self, long[] others, Op op) {
        long type = Heap.type(self) == Types.FROZENSET ? Types.FROZENSET : Types.SET;
        long r = Sets.create(type);
        long[] mine = Sets.elements(self);
        try {
            for (long x : mine) {
                Sets.add(r, x);
            }
        } finally {
            release(mine);
        }
        for (long other : others) {
            apply(r, other, op);
        }
        return r;
    }

    private static void apply(long r, long other, Op op) {
        long[] theirs = Iteration.toArray(other);
        try {
            switch (op) {
                case UNION -> {
                    for (long x : theirs) {
                        Sets.add(r, x);
                    }
                }
                case DIFFERENCE -> {
                    for (long x : theirs) {
                        Sets.discard(r, x);
                    }
                }
                case SYMMETRIC -> {
                    long seen = Sets.create(Types.SET);
                    try {
                        for (long x : theirs) {
                            if (Sets.add(seen, x) && !Sets.discard(r, x)) {
                                Sets.add(r, x);
                            }
                        }
                    } finally {
                        Native.decref(seen);
                    }
                }
                case INTERSECTION -> {
                    long keep = Sets.create(Types.SET);
                    try {
                        for (long x : theirs) {
                            if (Sets.contains(r, x)) {
                                Sets.add(keep, x);
                            }
                        }
                        Sets.clear(r);
                        long[] k = Sets.elements(keep);
                        for (long x : k) {
                            Sets.add(r, x);
                        }
                        release(k);
                    } finally {
                        Native.decref(keep);
                    }
                }
            }
        } finally {
            release(theirs);
        }
    }

    private static long inPlace(long self, long[] args, long kw, Op op, String name) {
        Args.noKeywords(q(self, name), kw);
        if (op == Op.SYMMETRIC && args.length != 1) {
            throw PyRaise.typeError("%s() takes exactly one argument (%d given)", q(self, name), args.length);
        }
        for (long other : args) {
            apply(self, other, op);
        }
        return Singletons.NONE;
    }

    private static long inPlaceSlot(long self, long other, Op op) {
        if (!Sets.isAnySet(other)) {
            return Singletons.NOTIMPLEMENTED;
        }
        apply(self, other, op);
        return Heap.newRef(self);
    }

    /** issubset / issuperset: other may be any iterable. */
    private static long subset(long self, long other, boolean sub) {
        long otherSet = Sets.isAnySet(other) ? Heap.newRef(other) : Sets.create(Types.SET);
        try {
            if (!Sets.isAnySet(other)) {
                apply(otherSet, other, Op.UNION);
            }
            return Singletons.bool(sub ? allIn(self, otherSet) : allIn(otherSet, self));
        } finally {
            Native.decref(otherSet);
        }
    }

    static long setCompare(long self, long other, int op) {
        long n = Sets.size(self), m = Sets.size(other);
        boolean selfInOther = n <= m && allIn(self, other);
        boolean otherInSelf = m <= n && allIn(other, self);
        boolean r = switch (op) {
            case Protocols.EQ -> n == m && selfInOther;
            case Protocols.NE -> !(n == m && selfInOther);
            case Protocols.LE -> selfInOther;
            case Protocols.LT -> n < m && selfInOther;
            case Protocols.GE -> otherInSelf;
            default -> n > m && otherInSelf;
        };
        return Singletons.bool(r);
    }

    private static boolean allIn(long a, long b) {
        long[] items = Sets.elements(a);
        try {
            for (long x : items) {
                if (!Sets.contains(b, x)) {
                    return false;
                }
            }
            return true;
        } finally {
            release(items);
        }
    }
}
