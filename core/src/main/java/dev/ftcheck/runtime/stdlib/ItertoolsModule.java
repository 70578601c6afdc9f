package dev.ftcheck.runtime.stdlib;

import static dev.ftcheck.runtime.obj.Layout.TP_NEW;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import dev.ftcheck.runtime.obj.builtins.IteratorTypes;
import java.math.BigInteger;

/**
 * The part of {@code itertools} extensions use: count, repeat, islice, chain (with chain.from_iterable),
 * zip_longest and groupby, lazy iterators as CPython's, with its argument checks and messages.
 */
final class ItertoolsModule {
    private ItertoolsModule() {}

    private static final BigInteger SSIZE_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static volatile long grouperType;

    static long create() {
        long m = Modules.create("itertools");
        Modules.setAttr(m, "count", type("itertools.count", ItertoolsModule::count));
        Modules.setAttr(m, "repeat", type("itertools.repeat", ItertoolsModule::repeat));
        Modules.setAttr(m, "islice", type("itertools.islice", ItertoolsModule::islice));
        long chain = type("itertools.chain", (type, args, kw) -> {
            Args.noKeywords("chain", kw);
            return chain(type, Tuples.of(keep(args)));
        });
        new BuiltinTable().classMethod("from_iterable", (type, args, kw) ->
                chain(type, Heap.newRef(Args.one("chain.from_iterable", args, kw)))).install(chain);
        Modules.setAttr(m, "chain", chain);
        Modules.setAttr(m, "zip_longest", type("itertools.zip_longest", ItertoolsModule::zipLongest));
        grouperType = IteratorTypes.lazy("itertools._grouper");
        Modules.setAttr(m, "groupby", type("itertools.groupby", ItertoolsModule::groupby));
        return m;
    }

    private static long[] keep(long[] args) {
        for (long a : args) {
            Native.incref(a);
        }
        return args.clone();
    }

    /** A lazy-iterator type that calling constructs through constructor. */
    private static long type(String name, BuiltinTable.Impl constructor) {
        long t = IteratorTypes.lazy(name);
        Mem.putLong(t + TP_NEW, 0);
        BuiltinTable.constructor(t, constructor);
        return t;
    }

    private abstract static class Lazy extends Objects.LazyIterator implements Repr.Custom {
        @Override
        public String repr(long self) {
            return "<" + dev.ftcheck.runtime.obj.Types.typeOf(self).fullName() + " object at 0x"
                    + Long.toHexString(self) + ">";
        }
    }

    private static boolean isNumber(long o) {
        if (Ints.isInt(o) || Floats.isFloat(o)) {
            return true;
        }
        for (String dunder : new String[] {"__index__", "__int__", "__float__", "__complex__"}) {
            long a = Lookups.optionalAttr(Heap.type(o), dunder);
            if (a != 0) {
                Native.decref(a);
                return true;
            }
        }
        return false;
    }

    private static long count(long type, long[] args, long kw) {
        long[] a = Args.clinic("count", args, kw, 0, "start", "step");
        for (long v : a) {
            if (v != 0 && !isNumber(v)) {
                throw PyRaise.typeError("a number is required");
            }
        }
        long step = a[1] != 0 ? Heap.newRef(a[1]) : Ints.fromLong(1);
        long start = a[0] != 0 ? Heap.newRef(a[0]) : Ints.fromLong(0);
        return Objects.newLazyIterator(type, new Lazy() {
            private long current = start;

            @Override
            protected long advance() {
                long next = AbstractApi.PyNumber_Add(current, step);
                long r = current;
                current = next;
                return r;
            }

            @Override
            protected void release() {
                Native.decref(current);
                Native.decref(step);
            }

            @Override
            public String repr(long self) {
                boolean unitStep = Heap.type(step) == dev.ftcheck.runtime.obj.Types.INT
                        && Ints.value(step).equals(BigInteger.ONE);
                return "count(" + Repr.repr(current) + (unitStep ? "" : ", " + Repr.repr(step)) + ")";
            }
        });
    }

    private static long repeat(long type, long[] args, long kw) {
        long[] a = Args.clinic("repeat", args, kw, 1, "object", "times");
        long times = a[1] == 0 ? -1 : Math.max(0, clamp(Ints.index(a[1])));
        long obj = Heap.newRef(a[0]);
        return Objects.newLazyIterator(type, new Lazy() {
            private long left = times;

            @Override
            protected long advance() {
                if (left == 0) {
                    return 0;
                }
                if (left > 0) {
                    left--;
                }
                return Heap.newRef(obj);
            }

            @Override
            protected void release() {
                Native.decref(obj);
            }

            @Override
            public String repr(long self) {
                return "repeat(" + Repr.repr(obj) + (left < 0 ? "" : ", " + left) + ")";
            }
        });
    }

    private static long clamp(BigInteger v) {
        return v.max(SSIZE_MAX.negate().subtract(BigInteger.ONE)).min(SSIZE_MAX).longValue();
    }

    /** None as dflt, else an index clamped to ssize_t; message when it is neither or below min. */
    private static long islicePart(long o, long dflt, long min, String message) {
        if (Args.isNone(o)) {
            return dflt;
        }
        long v;
        try {
            long i = AbstractApi.PyNumber_Index(o);
            v = clamp(Ints.value(i));
            Native.decref(i);
        } catch (PyRaise e) {
            throw PyRaise.valueError(message);
        }
        if (v < min) {
            throw PyRaise.valueError(message);
        }
        return v;
    }

    private static long islice(long type, long[] args, long kw) {
        if (kw != 0) {
            throw PyRaise.typeError("islice() takes no keyword arguments");
        }
        Args.unpack("islice", args, 0, 2, 4);
        String stopMsg = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
        long start = 0, stop, step = 1;
        if (args.length == 2) {
            stop = islicePart(args[1], -1, 0, stopMsg);
        } else {
            start = islicePart(args[1], 0, 0,
                    "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
            stop = islicePart(args[2], -1, 0, stopMsg);
            if (args.length == 4) {
                step = islicePart(args[3], 1, 1, "Step for islice() must be a positive integer or None.");
            }
        }
        long it = Iteration.iter(args[0]);
        long first = start, end = stop, by = step;
        return Objects.newLazyIterator(type, new Lazy() {
            private long consumed, next = first;

            @Override
            protected long advance() {
                while (consumed < next) {
                    long skipped = Iteration.next(it);
                    if (skipped == 0) {
                        return 0;
                    }
                    Native.decref(skipped);
                    consumed++;
                }
                if (end != -1 && consumed >= end) {
                    return 0;
                }
                long item = Iteration.next(it);
                if (item == 0) {
                    return 0;
                }
                consumed++;
                long old = next;
                next += by;
                if (next < old || (end != -1 && next > end)) {
                    next = end;
                }
                return item;
            }

            @Override
            protected void release() {
                Native.decref(it);
            }
        });
    }

    /** Iterates each iterable that source (a new reference, iterated lazily) yields. */
    private static long chain(long type, long source) {
        long sources;
        try {
            sources = Iteration.iter(source);
        } finally {
            Native.decref(source);
        }
        return Objects.newLazyIterator(type, new Lazy() {
            private long active;

            @Override
            protected long advance() {
                while (true) {
                    if (active == 0) {
                        long nextIterable = Iteration.next(sources);
                        if (nextIterable == 0) {
                            return 0;
                        }
                        try {
                            active = Iteration.iter(nextIterable);
                        } finally {
                            Native.decref(nextIterable);
                        }
                    }
                    long item = Iteration.next(active);
                    if (item != 0) {
                        return item;
                    }
                    Native.decref(active);
                    active = 0;
                }
            }

            @Override
            protected void release() {
                Native.decref(sources);
                Native.xdecref(active);
            }
        });
    }

    /** Tuples of one item per iterable, fillvalue standing in for the exhausted ones, until all are. */
    private static long zipLongest(long type, long[] args, long kw) {
        long fill = Singletons.NONE;
        if (kw != 0) {
            long[] kv = dev.ftcheck.runtime.obj.Dicts.items(kw);
            try {
                for (int i = 0; i < kv.length; i += 2) {
                    if (!Strs.value(kv[i]).equals("fillvalue")) {
                        throw PyRaise.typeError("zip_longest() got an unexpected keyword argument '%s'",
                                Strs.value(kv[i]));
                    }
                    fill = kv[i + 1];
                }
            } finally {
                for (long o : kv) {
                    Native.decref(o);
                }
            }
        }
        long[] its = new long[args.length];
        try {
            for (int i = 0; i < args.length; i++) {
                its[i] = Iteration.iter(args[i]);
            }
        } catch (PyRaise e) {
            for (long it : its) {
                Native.xdecref(it);
            }
            throw e;
        }
        long fillvalue = Heap.newRef(fill);
        return Objects.newLazyIterator(type, new Lazy() {
            private int active = its.length;

            @Override
            protected long advance() {
                if (active == 0) {
                    return 0;
                }
                long[] items = new long[its.length];
                try {
                    for (int i = 0; i < its.length; i++) {
                        long item = its[i] == 0 ? 0 : Iteration.next(its[i]);
                        if (item == 0 && its[i] != 0) {
                            Native.decref(its[i]);
                            its[i] = 0;
                            if (--active == 0) {
                                ItertoolsModule.release(items);
                                return 0;
                            }
                        }
                        items[i] = item != 0 ? item : Heap.newRef(fillvalue);
                    }
                } catch (PyRaise e) {
                    ItertoolsModule.release(items);
                    throw e;
                }
                return Tuples.of(items);
            }

            @Override
            protected void release() {
                for (long it : its) {
                    Native.xdecref(it);
                }
                Native.decref(fillvalue);
            }
        });
    }

    private static void release(long[] refs) {
        for (long r : refs) {
            Native.xdecref(r);
        }
    }

    /**
     * groupby's shared state: the source iterator, the key function, the current value and its key, the key of the
     * group being handed out and the one grouper that may still advance (an older grouper ends, as in CPython).
     */
    private static final class GroupBy {
        final long it, keyfunc;
        long currValue, currKey, targetKey;
        Object currentGrouper;

        GroupBy(long it, long keyfunc) {
            this.it = it;
            this.keyfunc = keyfunc;
        }

        /** Fetches the next value and its key; false at the end of the source. */
        boolean step() {
            long value = Iteration.next(it);
            if (value == 0) {
                return false;
            }
            long key;
            try {
                key = keyfunc == 0 ? Heap.newRef(value) : AbstractApi.PyObject_CallOneArg(keyfunc, value);
            } catch (PyRaise e) {
                Native.decref(value);
                throw e;
            }
            Native.xdecref(currValue);
            Native.xdecref(currKey);
            currValue = value;
            currKey = key;
            return true;
        }

        boolean sameKey(long a, long b) {
            return dev.ftcheck.runtime.capi.ObjectApi.PyObject_RichCompareBool(a, b, Protocols.EQ) == 1;
        }
    }

    private static long groupby(long type, long[] args, long kw) {
        long[] a = Args.clinic("groupby", args, kw, 1, "iterable", "key");
        long keyfunc = a[1] == 0 || Args.isNone(a[1]) ? 0 : Heap.newRef(a[1]);
        GroupBy g = new GroupBy(Iteration.iter(a[0]), keyfunc);
        return Objects.newLazyIterator(type, new Lazy() {
            @Override
            protected long advance() {
                synchronized (g) {
                    g.currentGrouper = null;
                    while (g.currKey == 0 || (g.targetKey != 0 && g.sameKey(g.targetKey, g.currKey))) {
                        if (!g.step()) {
                            return 0;
                        }
                    }
                    Native.xdecref(g.targetKey);
                    g.targetKey = Heap.newRef(g.currKey);
                    long grouper = grouper(g, g.targetKey);
                    long key = Heap.newRef(g.currKey);
                    return Tuples.of(key, grouper);
                }
            }

            @Override
            protected void release() {
                synchronized (g) {
                    Native.decref(g.it);
                    Native.xdecref(g.keyfunc);
                    Native.xdecref(g.currValue);
                    Native.xdecref(g.currKey);
                    Native.xdecref(g.targetKey);
                }
            }
        });
    }

    /** One group's items: the source's values while their key equals target. */
    private static long grouper(GroupBy g, long target) {
        long key = Heap.newRef(target);
        Lazy grouper = new Lazy() {
            @Override
            protected long advance() {
                synchronized (g) {
                    if (g.currentGrouper != this) {
                        return 0;
                    }
                    if (g.currValue == 0 && !g.step()) {
                        return 0;
                    }
                    if (!g.sameKey(key, g.currKey)) {
                        return 0;
                    }
                    long r = g.currValue;
                    g.currValue = 0;
                    Native.decref(g.currKey);
                    g.currKey = 0;
                    return r;
                }
            }

            @Override
            protected void release() {
                Native.decref(key);
            }
        };
        g.currentGrouper = grouper;
        return Objects.newLazyIterator(grouperType, grouper);
    }
}
