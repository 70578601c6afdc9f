package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;

/** Capsules, slices and iterators: small built-ins whose fields live in native memory. */
public final class Objects {
    // PyCapsule: pointer 32, name 40, context 48, destructor 56.
    public static final long CAP_POINTER = 32, CAP_NAME = 40, CAP_CONTEXT = 48, CAP_DESTRUCTOR = 56;
    // slice: start 32, stop 40, step 48.
    public static final long SL_START = 32, SL_STOP = 40, SL_STEP = 48;

    private Objects() {}

    public static long newCapsule(long pointer, long name, long destructor) {
        if (pointer == 0) {
            throw PyRaise.valueError("PyCapsule_New called with null pointer");
        }
        long c = Heap.alloc(Types.CAPSULE, 64);
        Mem.putLong(c + CAP_POINTER, pointer);
        Mem.putLong(c + CAP_NAME, name);
        Mem.putLong(c + CAP_DESTRUCTOR, destructor);
        return c;
    }

    public static long newSlice(long start, long stop, long step) {
        long s = Heap.alloc(Types.SLICE, 56);
        Mem.putLong(s + SL_START, Heap.newRef(start == 0 ? Singletons.NONE : start));
        Mem.putLong(s + SL_STOP, Heap.newRef(stop == 0 ? Singletons.NONE : stop));
        Mem.putLong(s + SL_STEP, Heap.newRef(step == 0 ? Singletons.NONE : step));
        return s;
    }

    /** An iterator over a snapshot of new references (list, tuple, dict keys, set). */
    public static long newIterator(long[] items) {
        long it = Heap.alloc(Types.ITERATOR, 40);
        Heap.putState(it, new SnapshotIterator(items));
        return it;
    }

    /** Iterator types by the kind of container iterated (list_iterator, tuple_iterator, ...); 0 for "iterator". */
    public static final long[] ITERATOR_TYPES = new long[TypeKind.values().length];
    public static volatile long strAsciiIteratorType;

    /** The iterator type CPython uses for iter(obj) of a built-in container. */
    public static long iteratorTypeFor(long obj) {
        TypeKind k = Types.kindOf(obj);
        if (k == TypeKind.STR && Strs.ascii(obj) && strAsciiIteratorType != 0) {
            return strAsciiIteratorType;
        }
        long t = ITERATOR_TYPES[k.ordinal()];
        return t != 0 ? t : Types.ITERATOR;
    }

    /** A snapshot iterator of the given iterator type (one whose kind is ITERATOR). */
    public static long newIterator(long type, long[] items) {
        long it = Heap.alloc(type, 40);
        Heap.putState(it, new SnapshotIterator(items));
        return it;
    }

    /** How many items a snapshot iterator has left. */
    public static long remaining(long it) {
        SnapshotIterator s = Heap.state(it);
        synchronized (s) {
            return s.items.length - s.pos;
        }
    }

    static final class SnapshotIterator {
        final long[] items;
        int pos;

        SnapshotIterator(long[] items) {
            this.items = items;
        }
    }

    /** Next item as a new reference, 0 at the end. */
    public static long iterNext(long it) {
        SnapshotIterator s = Heap.state(it);
        synchronized (s) {
            if (s.pos >= s.items.length) {
                return 0;
            }
            long v = s.items[s.pos];
            s.items[s.pos++] = 0;
            return v;
        }
    }

    static void deallocOther(long op, TypeKind kind) {
        switch (kind) {
            case CAPSULE -> {
                long d = Mem.getLong(op + CAP_DESTRUCTOR);
                if (d != 0) {
                    Downcalls.void1(d, op);
                }
            }
            case SLICE -> {
                Native.xdecref(Mem.getLong(op + SL_START));
                Native.xdecref(Mem.getLong(op + SL_STOP));
                Native.xdecref(Mem.getLong(op + SL_STEP));
            }
            case WEAKREF -> Weakrefs.dealloc(op);
            case ITERATOR -> {
                SnapshotIterator s = Heap.state(op);
                if (s != null) {
                    for (long r : s.items) {
                        Native.xdecref(r);
                    }
                }
            }
            default -> { }
        }
    }
}
