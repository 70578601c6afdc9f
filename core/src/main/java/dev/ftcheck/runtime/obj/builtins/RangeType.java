package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import java.math.BigInteger;

/**
 * range and its iterators. A range holds four ints (start, stop, step and the length, at offsets 32..56; CPython's
 * layout is private). Iterators are range_iterator (C longs: next value, step, count left) when every value fits
 * a C long, else longrange_iterator (the same three as ints).
 */
public final class RangeType {
    public static long RANGE, RANGE_ITER, LONGRANGE_ITER;
    private static final long START = 32, STOP = 40, STEP = 48, LENGTH = 56, SIZE = 64;
    /** Iterator fields: next value, step, items left (C longs or int objects). */
    private static final long IT_START = 32, IT_STEP = 40, IT_LEN = 48, IT_SIZE = 56;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE),
            LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private RangeType() {}

    static void init() {
        long t = NativeSlots.type("PyRange_Type", "range", SIZE, TPF_SEQUENCE);
        RANGE = t;
        Mem.putLong(t + TP_REPR, NativeSlots.stub(RangeType.class, "reprSlot"));
        Mem.putLong(t + TP_HASH, NativeSlots.stub(RangeType.class, "hashSlot"));
        Mem.putLong(t + TP_RICHCOMPARE, NativeSlots.stub(RangeType.class, "compareSlot"));
        Mem.putLong(t + TP_ITER, NativeSlots.stub(RangeType.class, "iterSlot"));
        Mem.putLong(t + TP_NEW, NativeSlots.stub(RangeType.class, "newSlot"));
        Mem.putLong(t + TP_DEALLOC, NativeSlots.stub(RangeType.class, "dealloc"));
        long nb = NativeSlots.table(288);
        Mem.putLong(nb + 72, NativeSlots.stub(RangeType.class, "boolSlot"));
        Mem.putLong(t + TP_AS_NUMBER, nb);
        long sq = NativeSlots.table(80);
        Mem.putLong(sq + SQ_LENGTH, NativeSlots.stub(RangeType.class, "lengthSlot"));
        Mem.putLong(sq + SQ_ITEM, NativeSlots.stub(RangeType.class, "itemSlot"));
        Mem.putLong(sq + 56, NativeSlots.stub(RangeType.class, "containsSlot"));
        Mem.putLong(t + TP_AS_SEQUENCE, sq);
        long mp = NativeSlots.table(24);
        Mem.putLong(mp + MP_LENGTH, Mem.getLong(sq + SQ_LENGTH));
        Mem.putLong(mp + MP_SUBSCRIPT, NativeSlots.stub(RangeType.class, "subscriptSlot"));
        Mem.putLong(t + TP_AS_MAPPING, mp);
        rangeTable().install(t);
        BuiltinTypes.newMethod(t);

        RANGE_ITER = iteratorType("PyRangeIter_Type", "range_iterator", "rangeNext");
        LONGRANGE_ITER = iteratorType("PyLongRangeIter_Type", "longrange_iterator", "longRangeNext");
        Mem.putLong(LONGRANGE_ITER + TP_DEALLOC, NativeSlots.stub(RangeType.class, "longIterDealloc"));
        iteratorTable(false).install(RANGE_ITER);
        iteratorTable(true).install(LONGRANGE_ITER);
    }

    private static long iteratorType(String symbol, String name, String next) {
        long t = NativeSlots.type(symbol, name, IT_SIZE, TPF_DISALLOW_INSTANTIATION);
        Mem.putLong(t + TP_ITER, dev.ftcheck.runtime.nat.Bridge.get().require("PyObject_SelfIter"));
        Mem.putLong(t + TP_ITERNEXT, NativeSlots.stub(RangeType.class, next));
        Mem.putLong(t + TP_DEALLOC, NativeSlots.stub(RangeType.class, "iterDealloc"));
        return t;
    }

    // ---- values ----

    public static boolean isRange(long o) {
        return Heap.type(o) == RANGE;
    }

    static BigInteger start(long r) {
        return Ints.value(Mem.getLong(r + START));
    }

    static BigInteger stop(long r) {
        return Ints.value(Mem.getLong(r + STOP));
    }

    static BigInteger step(long r) {
        return Ints.value(Mem.getLong(r + STEP));
    }

    static BigInteger length(long r) {
        return Ints.value(Mem.getLong(r + LENGTH));
    }

    static BigInteger lengthOf(BigInteger start, BigInteger stop, BigInteger step) {
        BigInteger lo, hi, st;
        if (step.signum() > 0) {
            lo = start;
            hi = stop;
            st = step;
        } else {
            lo = stop;
            hi = start;
            st = step.negate();
        }
        if (lo.compareTo(hi) >= 0) {
            return BigInteger.ZERO;
        }
        return hi.subtract(lo).subtract(BigInteger.ONE).divide(st).add(BigInteger.ONE);
    }

    static long create(BigInteger start, BigInteger stop, BigInteger step) {
        long r = Heap.alloc(RANGE, SIZE);
        Mem.putLong(r + START, Ints.fromBig(start));
        Mem.putLong(r + STOP, Ints.fromBig(stop));
        Mem.putLong(r + STEP, Ints.fromBig(step));
        Mem.putLong(r + LENGTH, Ints.fromBig(lengthOf(start, stop, step)));
        return r;
    }

    private static BigInteger index(long o) {
        long i = AbstractApi.PyNumber_Index(o);
        try {
            return Ints.value(i);
        } finally {
            Native.decref(i);
        }
    }

    static long construct(long[] args, long kw) {
        Args.noKeywords("range", kw);
        Args.unpack("range", args, kw, 1, 3);
        BigInteger start = BigInteger.ZERO, stop, step = BigInteger.ONE;
        if (args.length == 1) {
            stop = index(args[0]);
        } else {
            start = index(args[0]);
            stop = index(args[1]);
            if (args.length == 3) {
                step = index(args[2]);
                if (step.signum() == 0) {
                    throw PyRaise.valueError("range() arg 3 must not be zero");
                }
            }
        }
        return create(start, stop, step);
    }

    /** The i-th value (0 <= i < len). */
    private static BigInteger at(long r, BigInteger i) {
        return start(r).add(i.multiply(step(r)));
    }

    static long item(long r, BigInteger i) {
        BigInteger n = length(r);
        if (i.signum() < 0) {
            i = i.add(n);
        }
        if (i.signum() < 0 || i.compareTo(n) >= 0) {
            throw PyRaise.indexError("range object index out of range");
        }
        return Ints.fromBig(at(r, i));
    }

    static long subscript(long r, long key) {
        if (Types.kindOf(key) == dev.ftcheck.runtime.obj.TypeKind.SLICE) {
            return slice(r, key);
        }
        if (Ints.isInt(key) || AbstractApi.PyIndex_Check(key) == 1) {
            return item(r, index(key));
        }
        throw PyRaise.typeError("range indices must be integers or slices, not %s", Types.name(key));
    }

    /** range[slice]: the slice's indices over the length, mapped through start and step. */
    private static long slice(long r, long s) {
        long[] parts = {Mem.getLong(s + 32), Mem.getLong(s + 40), Mem.getLong(s + 48)}; // start, stop, step
        BigInteger step = BigInteger.ONE;
        if (!Args.isNone(parts[2])) {
            step = sliceIndex(parts[2]);
            if (step.signum() == 0) {
                throw PyRaise.valueError("slice step cannot be zero");
            }
        }
        BigInteger n = length(r);
        boolean back = step.signum() < 0;
        BigInteger lower = back ? BigInteger.ONE.negate() : BigInteger.ZERO;
        BigInteger upper = back ? n.subtract(BigInteger.ONE) : n;
        BigInteger start = Args.isNone(parts[0]) ? (back ? upper : lower) : clamp(sliceIndex(parts[0]), n, lower, upper);
        BigInteger stop = Args.isNone(parts[1]) ? (back ? lower : upper) : clamp(sliceIndex(parts[1]), n, lower, upper);
        BigInteger rs = start(r), st = step(r);
        return create(rs.add(start.multiply(st)), rs.add(stop.multiply(st)), st.multiply(step));
    }

    private static BigInteger clamp(BigInteger i, BigInteger n, BigInteger lower, BigInteger upper) {
        if (i.signum() < 0) {
            i = i.add(n);
            return i.compareTo(lower) < 0 ? lower : i;
        }
        return i.compareTo(upper) > 0 ? upper : i;
    }

    private static BigInteger sliceIndex(long o) {
        if (!Ints.isInt(o) && AbstractApi.PyIndex_Check(o) == 0) {
            throw PyRaise.typeError("slice indices must be integers or None or have an __index__ method");
        }
        return index(o);
    }

    /** Whether an int is among the range's values. */
    private static boolean containsInt(long r, BigInteger v) {
        BigInteger start = start(r), stop = stop(r), step = step(r);
        boolean inside = step.signum() > 0 ? start.compareTo(v) <= 0 && v.compareTo(stop) < 0
                : stop.compareTo(v) < 0 && v.compareTo(start) <= 0;
        return inside && v.subtract(start).mod(step.abs()).signum() == 0;
    }

    private static boolean exactInt(long o) {
        return Heap.type(o) == Types.INT || Heap.type(o) == Types.BOOL;
    }

    static boolean contains(long r, long x) {
        if (exactInt(x)) {
            return containsInt(r, Ints.value(x));
        }
        return search(r, x, false) != null;
    }

    /** Iterates comparing with ==: the first index (or the count when counting). */
    private static BigInteger search(long r, long x, boolean count) {
        long it = Iteration.iter(r);
        try {
            BigInteger i = BigInteger.ZERO, n = BigInteger.ZERO;
            for (long v = Iteration.next(it); v != 0; v = Iteration.next(it)) {
                try {
                    if (Protocols.equal(v, x)) {
                        if (!count) {
                            return i;
                        }
                        n = n.add(BigInteger.ONE);
                    }
                } finally {
                    Native.decref(v);
                }
                i = i.add(BigInteger.ONE);
            }
            return count ? n : null;
        } finally {
            Native.decref(it);
        }
    }

    static String repr(long r) {
        String s = "range(" + start(r) + ", " + stop(r);
        return step(r).equals(BigInteger.ONE) ? s + ")" : s + ", " + step(r) + ")";
    }

    static long hash(long r) {
        BigInteger n = length(r);
        long t;
        if (n.signum() == 0) {
            t = Tuples.of(Heap.newRef(Mem.getLong(r + LENGTH)), Singletons.NONE, Singletons.NONE);
        } else if (n.equals(BigInteger.ONE)) {
            t = Tuples.of(Heap.newRef(Mem.getLong(r + LENGTH)), Heap.newRef(Mem.getLong(r + START)),
                    Singletons.NONE);
        } else {
            t = Tuples.of(Heap.newRef(Mem.getLong(r + LENGTH)), Heap.newRef(Mem.getLong(r + START)),
                    Heap.newRef(Mem.getLong(r + STEP)));
        }
        try {
            return Protocols.hash(t);
        } finally {
            Native.decref(t);
        }
    }

    /** Equal when they hold the same values: same length, and (when not empty) same start and (past one) step. */
    static boolean sameValues(long a, long b) {
        if (a == b) {
            return true;
        }
        BigInteger n = length(a);
        if (!n.equals(length(b))) {
            return false;
        }
        if (n.signum() == 0) {
            return true;
        }
        if (!start(a).equals(start(b))) {
            return false;
        }
        return n.equals(BigInteger.ONE) || step(a).equals(step(b));
    }

    static long compare(long a, long b, int op) {
        if (!isRange(b) || (op != Protocols.EQ && op != Protocols.NE)) {
            return Singletons.NOTIMPLEMENTED;
        }
        return Singletons.bool(sameValues(a, b) == (op == Protocols.EQ));
    }

    /** len(): OverflowError past Py_ssize_t. */
    static long len(long r) {
        BigInteger n = length(r);
        if (n.bitLength() > 63) {
            throw PyRaise.overflow("Python int too large to convert to C ssize_t");
        }
        return n.longValue();
    }

    private static boolean fits(BigInteger v) {
        return v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0;
    }

    /** An iterator from start by step over n values: range_iterator (C longs) when fast, else longrange_iterator. */
    private static long iterator(BigInteger start, BigInteger step, BigInteger n, boolean fast) {
        if (fast) {
            long it = Heap.alloc(RANGE_ITER, IT_SIZE);
            Mem.putLong(it + IT_START, start.longValue());
            Mem.putLong(it + IT_STEP, step.longValue());
            Mem.putLong(it + IT_LEN, n.longValue());
            return it;
        }
        long it = Heap.alloc(LONGRANGE_ITER, IT_SIZE);
        Mem.putLong(it + IT_START, Ints.fromBig(start));
        Mem.putLong(it + IT_STEP, Ints.fromBig(step));
        Mem.putLong(it + IT_LEN, Ints.fromBig(n));
        return it;
    }

    /** CPython's rule: C longs when start, stop, step and the length fit and start + len * step cannot overflow. */
    private static boolean fast(long r) {
        BigInteger start = start(r), stop = stop(r), step = step(r), n = length(r);
        if (!fits(start) || !fits(stop) || !fits(step) || !fits(n)) {
            return false;
        }
        if (n.signum() == 0) {
            return true;
        }
        return step.signum() > 0 ? stop.compareTo(LONG_MAX.subtract(step.subtract(BigInteger.ONE))) <= 0
                : stop.compareTo(LONG_MIN.add(BigInteger.ONE.negate().subtract(step))) >= 0;
    }

    static long iter(long r) {
        return iterator(start(r), step(r), length(r), fast(r));
    }

    /** reversed(range): from the last value down by -step; C longs also need -step and start - step to fit. */
    static long reversed(long r) {
        BigInteger n = length(r), start = start(r), step = step(r);
        boolean fast = fits(start) && fits(stop(r)) && fits(step) && fits(n) && step.longValue() != Long.MIN_VALUE
                && fits(start.subtract(step));
        BigInteger first = start.add(n.subtract(BigInteger.ONE).multiply(step)); // start - step when empty
        return iterator(first, step.negate(), n, fast);
    }

    // ---- range's C slots ----

    private static long reprSlot(long r) {
        try {
            return Strs.fromJava(repr(r));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "range.__repr__");
            return 0;
        }
    }

    private static long hashSlot(long r) {
        try {
            return hash(r);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "range.__hash__");
            return -1;
        }
    }

    private static long compareSlot(long a, long b, int op) {
        try {
            return compare(a, b, op);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "range comparison");
            return 0;
        }
    }

    private static long iterSlot(long r) {
        try {
            return iter(r);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "range.__iter__");
            return 0;
        }
    }

    private static long newSlot(long type, long args, long kwargs) {
        try {
            return construct(NativeSlots.tupleArgs(args), NativeSlots.kwargs(kwargs));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "range.__new__");
            return 0;
        }
    }

    private static int boolSlot(long r) {
        return length(r).signum() != 0 ? 1 : 0;
    }

    private static long lengthSlot(long r) {
        try {
            return len(r);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "range.__len__");
            return -1;
        }
    }

    private static long itemSlot(long r, long i) {
        try {
            return item(r, BigInteger.valueOf(i));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "range.__getitem__");
            return 0;
        }
    }

    private static int containsSlot(long r, long x) {
        try {
            return contains(r, x) ? 1 : 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "range.__contains__");
            return -1;
        }
    }

    private static long subscriptSlot(long r, long key) {
        try {
            return subscript(r, key);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "range.__getitem__");
            return 0;
        }
    }

    private static void dealloc(long r) {
        for (long off : new long[] {START, STOP, STEP, LENGTH}) {
            Native.xdecref(Mem.getLong(r + off));
        }
        Native.objectFree(r);
    }

    // ---- iterators ----

    private static long rangeNext(long it) {
        long n = Mem.getLong(it + IT_LEN);
        if (n <= 0) {
            return 0;
        }
        long v = Mem.getLong(it + IT_START);
        Mem.putLong(it + IT_START, v + Mem.getLong(it + IT_STEP));
        Mem.putLong(it + IT_LEN, n - 1);
        return Ints.fromLong(v);
    }

    /** longrange_iterator's next, on whatever objects its fields hold (__setstate__ may have made them floats). */
    private static long longRangeNext(long it) {
        try {
            long zero = Ints.fromLong(0), one = Ints.fromLong(1);
            try {
                long len = Mem.getLong(it + IT_LEN);
                long more = Compare.rich(len, zero, Protocols.GT);
                boolean go = Protocols.isTrue(more);
                Native.decref(more);
                if (!go) {
                    return 0;
                }
                long start = Mem.getLong(it + IT_START);
                long newStart = AbstractApi.PyNumber_Add(start, Mem.getLong(it + IT_STEP));
                long newLen = AbstractApi.PyNumber_Subtract(len, one);
                Mem.putLong(it + IT_START, newStart);
                Mem.putLong(it + IT_LEN, newLen);
                Native.decref(len);
                return start; // the reference the iterator held passes to the caller
            } finally {
                Native.decref(zero);
                Native.decref(one);
            }
        } catch (Throwable t) {
            Errors.fromThrowable(t, "longrange_iterator.__next__");
            return 0;
        }
    }

    /** longrange_iterator.__setstate__: the state clipped to [0, len] by comparison, then start and len moved on. */
    private static void longSetState(long it, long state) {
        long zero = Ints.fromLong(0);
        try {
            long below = Compare.rich(state, zero, Protocols.LT);
            boolean clipLow = Protocols.isTrue(below);
            Native.decref(below);
            long s = state;
            if (clipLow) {
                s = zero;
            } else {
                long above = Compare.rich(Mem.getLong(it + IT_LEN), state, Protocols.LT);
                boolean clipHigh = Protocols.isTrue(above);
                Native.decref(above);
                if (clipHigh) {
                    s = Mem.getLong(it + IT_LEN);
                }
            }
            long product = AbstractApi.PyNumber_Multiply(s, Mem.getLong(it + IT_STEP));
            long newStart;
            try {
                newStart = AbstractApi.PyNumber_Add(Mem.getLong(it + IT_START), product);
            } finally {
                Native.decref(product);
            }
            long newLen;
            try {
                newLen = AbstractApi.PyNumber_Subtract(Mem.getLong(it + IT_LEN), s);
            } catch (RuntimeException e) {
                Native.decref(newStart);
                throw e;
            }
            long oldStart = Mem.getLong(it + IT_START), oldLen = Mem.getLong(it + IT_LEN);
            Mem.putLong(it + IT_START, newStart);
            Mem.putLong(it + IT_LEN, newLen);
            Native.decref(oldStart);
            Native.decref(oldLen);
        } finally {
            Native.decref(zero);
        }
    }

    private static void iterDealloc(long it) {
        Native.objectFree(it);
    }

    private static void longIterDealloc(long it) {
        for (long off : new long[] {IT_START, IT_STEP, IT_LEN}) {
            Native.xdecref(Mem.getLong(it + off));
        }
        Native.objectFree(it);
    }

    private static boolean isLong(long it) {
        return Heap.type(it) == LONGRANGE_ITER;
    }

    private static BigInteger itField(long it, long off) {
        return isLong(it) ? Ints.value(Mem.getLong(it + off)) : BigInteger.valueOf(Mem.getLong(it + off));
    }

    private static void itSet(long it, long off, BigInteger v) {
        if (isLong(it)) {
            long old = Mem.getLong(it + off);
            Mem.putLong(it + off, Ints.fromBig(v));
            Native.xdecref(old);
        } else {
            Mem.putLong(it + off, v.longValue());
        }
    }

    private static BuiltinTable iteratorTable(boolean isLong) {
        String owner = isLong ? "longrange_iterator" : "range_iterator";
        BuiltinTable t = new BuiltinTable();
        t.slot("__iter__", Slots.unary(Heap::newRef));
        t.slot("__next__", Slots.unary(it -> {
            long v = isLong ? longRangeNext(it) : rangeNext(it);
            if (v == 0) {
                if (Errors.current() != 0) {
                    throw dev.ftcheck.runtime.obj.ErrorAlreadySet.INSTANCE;
                }
                throw new PyRaise(Exceptions.StopIteration, null);
            }
            return v;
        }));
        t.method("__length_hint__", (it, args, kw) -> {
            Args.none(owner + ".__length_hint__", args, kw);
            return isLong ? Heap.newRef(Mem.getLong(it + IT_LEN)) : Ints.fromLong(Mem.getLong(it + IT_LEN));
        });
        t.method("__reduce__", (it, args, kw) -> {
            Args.none(owner + ".__reduce__", args, kw);
            // what is left, as a range: (iter, (range(start, start + len * step, step),), None)
            BigInteger start = itField(it, IT_START), step = itField(it, IT_STEP);
            long rest = create(start, start.add(itField(it, IT_LEN).multiply(step)), step);
            return Tuples.of(dev.ftcheck.runtime.stdlib.StandInModules.attr("builtins", "iter"), Tuples.of(rest),
                    Heap.newRef(Singletons.NONE));
        });
        t.method("__setstate__", (it, args, kw) -> {
            long state = Args.one(owner + ".__setstate__", args, kw);
            if (isLong) {
                longSetState(it, state);
                return Singletons.NONE;
            }
            BigInteger n = itField(it, IT_LEN);
            BigInteger i = BigInteger.valueOf(AbstractApi.PyNumber_AsSsize_t(state, Exceptions.OverflowError));
            if (i.signum() < 0) {
                i = BigInteger.ZERO;
            } else if (i.compareTo(n) > 0) {
                i = n;
            }
            itSet(it, IT_START, itField(it, IT_START).add(i.multiply(itField(it, IT_STEP))));
            itSet(it, IT_LEN, n.subtract(i));
            return Singletons.NONE;
        });
        return t;
    }

    // ---- range's dict ----

    private static BuiltinTable rangeTable() {
        BuiltinTable t = new BuiltinTable();
        t.slot("__repr__", Slots.unary(r -> Strs.fromJava(repr(r))));
        t.slot("__hash__", Slots.unary(r -> Ints.fromLong(hash(r))));
        for (int op = 0; op < 6; op++) {
            int o = op;
            t.slot(Slots.COMPARE[op], Slots.binary((self, other) -> compare(self, other, o)));
        }
        Slots.getattribute(t);
        t.slot("__iter__", Slots.unary(RangeType::iter));
        t.slot("__bool__", Slots.unary(r -> Singletons.bool(boolSlot(r) != 0)));
        t.slot("__len__", Slots.unary(r -> Ints.fromLong(len(r))));
        t.slot("__getitem__", Slots.binary(RangeType::subscript));
        t.slot("__contains__", Slots.binary((r, x) -> Singletons.bool(contains(r, x))));
        t.member("start", BuiltinTable.T_OBJECT, START);
        t.member("stop", BuiltinTable.T_OBJECT, STOP);
        t.member("step", BuiltinTable.T_OBJECT, STEP);
        t.method("__reversed__", (r, args, kw) -> {
            Args.none("range.__reversed__", args, kw);
            return reversed(r);
        });
        t.method("__reduce__", (r, args, kw) -> {
            Args.none("range.__reduce__", args, kw);
            return Tuples.of(Heap.newRef(Heap.type(r)), Tuples.of(Heap.newRef(Mem.getLong(r + START)),
                    Heap.newRef(Mem.getLong(r + STOP)), Heap.newRef(Mem.getLong(r + STEP))));
        });
        t.method("count", (r, args, kw) -> {
            long x = Args.one("range.count", args, kw);
            if (exactInt(x)) {
                return Ints.fromLong(containsInt(r, Ints.value(x)) ? 1 : 0);
            }
            return Ints.fromBig(search(r, x, true));
        });
        t.method("index", (r, args, kw) -> {
            long x = Args.one("range.index", args, kw);
            if (exactInt(x)) {
                BigInteger v = Ints.value(x);
                if (!containsInt(r, v)) {
                    throw PyRaise.valueError("%s is not in range", Repr.repr(x));
                }
                return Ints.fromBig(v.subtract(start(r)).divide(step(r)));
            }
            BigInteger i = search(r, x, false);
            if (i == null) {
                throw PyRaise.valueError("sequence.index(x): x not in sequence");
            }
            return Ints.fromBig(i);
        });
        return t;
    }
}
