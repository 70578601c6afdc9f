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
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import dev.ftcheck.runtime.obj.builtins.IteratorTypes;
import java.math.BigInteger;

/**
 * The part of {@code itertools} extensions use: count, repeat, islice and chain (with chain.from_iterable), lazy
 * iterators as CPython's, with its argument checks and messages.
 */
final class ItertoolsModule {
    private ItertoolsModule() {}

    private static final BigInteger SSIZE_MAX = BigInteger.valueOf(Long.MAX_VALUE);

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
}
