package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import dev.ftcheck.runtime.obj.builtins.NativeSlots;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code collections.deque}: a double-ended queue of strong references with an optional maxlen, each operation
 * atomic under the instance's lock (free-threaded CPython takes the deque's critical section). References that an
 * operation drops are released after the lock is left, since releasing one can run arbitrary code. Iteration walks
 * a snapshot taken when the iterator is made.
 */
final class DequeType {
    private DequeType() {}

    private static final int SQ_CONTAINS = 41, SQ_ITEM = 44, SQ_LENGTH = 45, TP_ITER = 62;

    /** The items (owned references) and the bound; the lock is the object's monitor. */
    private static final class State implements StandInTypes.Behaviour, Heap.Owner {
        final ArrayDeque<Long> items = new ArrayDeque<>();
        final long maxlen;

        State(long maxlen) {
            this.maxlen = maxlen;
        }

        synchronized long[] snapshot() {
            long[] r = new long[items.size()];
            int i = 0;
            for (long o : items) {
                Native.incref(o);
                r[i++] = o;
            }
            return r;
        }

        /** Adds a new reference at one end; returns the reference evicted at the other end, or 0. */
        synchronized long add(long item, boolean left) {
            if (maxlen == 0) {
                return item;
            }
            if (left) {
                items.addFirst(item);
            } else {
                items.addLast(item);
            }
            if (maxlen > 0 && items.size() > maxlen) {
                return left ? items.removeLast() : items.removeFirst();
            }
            return 0;
        }

        @Override
        public String repr(long self) {
            long[] snap = snapshot();
            try {
                StringBuilder sb = new StringBuilder("deque([");
                for (int i = 0; i < snap.length; i++) {
                    sb.append(i == 0 ? "" : ", ").append(Repr.repr(snap[i]));
                }
                sb.append(']');
                if (maxlen >= 0) {
                    sb.append(", maxlen=").append(maxlen);
                }
                return sb.append(")").toString();
            } finally {
                DequeType.release(snap);
            }
        }

        @Override
        public long hash(long self) {
            throw PyRaise.typeError("unhashable type: 'collections.deque'");
        }

        @Override
        public long compare(long self, long other, int op) {
            if (!(Heap.state(other) instanceof State)) {
                return Heap.newRef(Singletons.NOTIMPLEMENTED);
            }
            long a = Tuples.of(snapshot()), b = Tuples.of(((State) Heap.state(other)).snapshot());
            try {
                return ObjectApi.PyObject_RichCompare(a, b, op);
            } finally {
                Native.decref(a);
                Native.decref(b);
            }
        }

        @Override
        public void release() {
            List<Long> dropped;
            synchronized (this) {
                dropped = new ArrayList<>(items);
                items.clear();
            }
            dropped.forEach(Native::decref);
        }
    }

    private static void release(long[] refs) {
        for (long r : refs) {
            Native.xdecref(r);
        }
    }

    private static State state(long self) {
        return (State) Heap.state(self);
    }

    static long create() {
        BuiltinTable t = new BuiltinTable();
        t.method("append", (self, args, kw) -> {
            Native.xdecref(state(self).add(Heap.newRef(Args.one("append", args, kw)), false));
            return Singletons.NONE;
        });
        t.method("appendleft", (self, args, kw) -> {
            Native.xdecref(state(self).add(Heap.newRef(Args.one("appendleft", args, kw)), true));
            return Singletons.NONE;
        });
        t.method("extend", (self, args, kw) -> extend(self, Args.one("extend", args, kw), false));
        t.method("extendleft", (self, args, kw) -> extend(self, Args.one("extendleft", args, kw), true));
        t.method("pop", (self, args, kw) -> {
            Args.none("pop", args, kw);
            return take(self, false);
        });
        t.method("popleft", (self, args, kw) -> {
            Args.none("popleft", args, kw);
            return take(self, true);
        });
        t.method("clear", (self, args, kw) -> {
            Args.none("clear", args, kw);
            state(self).release();
            return Singletons.NONE;
        });
        t.method("count", (self, args, kw) -> {
            long x = Args.one("count", args, kw);
            long[] snap = state(self).snapshot();
            try {
                long n = 0;
                for (long o : snap) {
                    n += ObjectApi.PyObject_RichCompareBool(o, x, Protocols.EQ) == 1 ? 1 : 0;
                }
                return Ints.fromLong(n);
            } finally {
                DequeType.release(snap);
            }
        });
        t.method("rotate", (self, args, kw) -> {
            Args.unpack("rotate", args, kw, 0, 1);
            long n = args.length == 0 ? 1 : Ints.index(args[0]).longValue();
            State s = state(self);
            synchronized (s) {
                int size = s.items.size();
                if (size > 1) {
                    long steps = Math.floorMod(n, size);
                    for (long i = 0; i < steps; i++) {
                        s.items.addFirst(s.items.removeLast());
                    }
                }
            }
            return Singletons.NONE;
        });
        t.method("copy", (self, args, kw) -> {
            Args.none("copy", args, kw);
            return copyOf(self);
        });
        t.method("__copy__", (self, args, kw) -> {
            Args.none("__copy__", args, kw);
            return copyOf(self);
        });
        // the slot wrappers CPython's type creation adds for these slots
        t.slot("__len__", (self, args, kw) -> {
            Args.none("__len__", args, kw);
            return Ints.fromLong(checked(lenSlot(self)));
        });
        t.slot("__getitem__", (self, args, kw) -> {
            long i = Ints.index(Args.one("__getitem__", args, kw)).longValue();
            return checkedRef(itemSlot(self, i < 0 ? i + lenSlot(self) : i));
        });
        t.slot("__iter__", (self, args, kw) -> {
            Args.none("__iter__", args, kw);
            return checkedRef(iterSlot(self));
        });
        t.getter("maxlen", self -> state(self).maxlen < 0 ? Heap.newRef(Singletons.NONE)
                : Ints.fromLong(state(self).maxlen));
        long type = StandInTypes.define("collections.deque", t, DequeType::construct, false,
                new int[] {SQ_CONTAINS, SQ_ITEM, SQ_LENGTH, TP_ITER},
                new long[] {NativeSlots.stub(DequeType.class, "containsSlot"),
                    NativeSlots.stub(DequeType.class, "itemSlot"),
                    NativeSlots.stub(DequeType.class, "lenSlot"),
                    NativeSlots.stub(DequeType.class, "iterSlot")});
        // mutable: __hash__ is None in the class, as CPython sets it for deque
        Long old = dev.ftcheck.runtime.obj.Types.get(type).dict.put("__hash__", Heap.newRef(Singletons.NONE));
        if (old != null) {
            Native.decref(old);
        }
        return type;
    }

    private static long construct(long type, long[] args, long kw) {
        long[] a = Args.clinic("deque", args, kw, 0, "iterable", "maxlen");
        long maxlen = -1;
        if (a[1] != 0 && !Args.isNone(a[1])) {
            maxlen = Ints.index(a[1]).longValue();
            if (maxlen < 0) {
                throw PyRaise.valueError("maxlen must be non-negative");
            }
        }
        long self = StandInTypes.instance(type, new State(maxlen));
        try {
            if (a[0] != 0) {
                Native.decref(extend(self, a[0], false));
            }
        } catch (RuntimeException e) {
            Native.decref(self);
            throw e;
        }
        return self;
    }

    private static long extend(long self, long iterable, boolean left) {
        State s = state(self);
        long it = Iteration.iter(iterable);
        try {
            for (long item = Iteration.next(it); item != 0; item = Iteration.next(it)) {
                Native.xdecref(s.add(item, left));
            }
        } finally {
            Native.decref(it);
        }
        return Singletons.NONE;
    }

    private static long take(long self, boolean left) {
        State s = state(self);
        synchronized (s) {
            if (s.items.isEmpty()) {
                throw PyRaise.indexError("pop from an empty deque");
            }
            return left ? s.items.removeFirst() : s.items.removeLast();
        }
    }

    private static long copyOf(long self) {
        State s = state(self);
        long copy = StandInTypes.instance(Heap.type(self), new State(s.maxlen));
        for (long o : s.snapshot()) {
            Native.xdecref(state(copy).add(o, false));
        }
        return copy;
    }

    /** A slot's error return as the pending exception, rethrown for a Java caller. */
    private static long checked(long r) {
        if (r < 0) {
            throw dev.ftcheck.runtime.obj.ErrorAlreadySet.INSTANCE;
        }
        return r;
    }

    private static long checkedRef(long r) {
        if (r == 0) {
            throw dev.ftcheck.runtime.obj.ErrorAlreadySet.INSTANCE;
        }
        return r;
    }

    private static long lenSlot(long self) {
        try {
            State s = state(self);
            synchronized (s) {
                return s.items.size();
            }
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__len__");
            return -1;
        }
    }

    private static long itemSlot(long self, long i) {
        try {
            State s = state(self);
            synchronized (s) {
                if (i < 0 || i >= s.items.size()) {
                    throw PyRaise.indexError("deque index out of range");
                }
                Iterator<Long> it = i < s.items.size() / 2 ? s.items.iterator() : s.items.descendingIterator();
                long steps = i < s.items.size() / 2 ? i : s.items.size() - 1 - i;
                long o = it.next();
                for (long k = 0; k < steps; k++) {
                    o = it.next();
                }
                return Heap.newRef(o);
            }
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__getitem__");
            return 0;
        }
    }

    private static int containsSlot(long self, long x) {
        long[] snap = state(self).snapshot();
        try {
            for (long o : snap) {
                if (ObjectApi.PyObject_RichCompareBool(o, x, Protocols.EQ) == 1) {
                    return 1;
                }
            }
            return 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__contains__");
            return -1;
        } finally {
            DequeType.release(snap);
        }
    }

    private static long iterSlot(long self) {
        try {
            long snapshot = Tuples.of(state(self).snapshot());
            try {
                return Iteration.iter(snapshot);
            } finally {
                Native.decref(snapshot);
            }
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__iter__");
            return 0;
        }
    }
}
