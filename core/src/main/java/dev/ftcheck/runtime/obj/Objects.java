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
        return newIterator(type, items, 0);
    }

    /**
     * A snapshot iterator that also keeps the sequence it was made from (borrowed; a new reference is taken), as
     * CPython's sequence iterators do until exhausted: their __reduce__ names it.
     */
    public static long newIterator(long type, long[] items, long source) {
        long it = Heap.alloc(type, 40);
        Heap.putState(it, new SnapshotIterator(items, source == 0 ? 0 : Heap.newRef(source)));
        return it;
    }

    /** The sequence a snapshot iterator still iterates (borrowed), or 0 once exhausted or when it has none. */
    public static long iteratorSource(long it) {
        SnapshotIterator s = Heap.state(it);
        synchronized (s) {
            return s.source;
        }
    }

    /** How far a snapshot iterator has gone. */
    public static int iteratorPosition(long it) {
        SnapshotIterator s = Heap.state(it);
        synchronized (s) {
            return s.pos;
        }
    }

    /** Moves a snapshot iterator to position pos, clamped to its items; an exhausted one stays exhausted. */
    public static void setIteratorPosition(long it, long pos) {
        SnapshotIterator s = Heap.state(it);
        synchronized (s) {
            if (!s.exhausted) {
                s.pos = (int) Math.max(0, Math.min(pos, s.items.length));
            }
        }
    }

    /** Ends a snapshot iterator: items and sequence released, nothing left (also list_iterator's negative state). */
    public static void exhaustIterator(long it) {
        SnapshotIterator s = Heap.state(it);
        long[] items;
        long source;
        synchronized (s) {
            if (s.exhausted) {
                return;
            }
            s.exhausted = true;
            items = s.items.clone();
            java.util.Arrays.fill(s.items, 0);
            s.pos = s.items.length;
            source = s.source;
            s.source = 0;
        }
        for (long r : items) {
            Native.xdecref(r);
        }
        Native.xdecref(source);
    }

    /** New references to the items a snapshot iterator has left. */
    public static long[] remainingItems(long it) {
        SnapshotIterator s = Heap.state(it);
        synchronized (s) {
            long[] r = new long[s.items.length - s.pos];
            for (int i = 0; i < r.length; i++) {
                r[i] = Heap.newRef(s.items[s.pos + i]);
            }
            return r;
        }
    }

    /** How many items a snapshot iterator has left. */
    public static long remaining(long it) {
        SnapshotIterator s = Heap.state(it);
        synchronized (s) {
            return s.items.length - s.pos;
        }
    }

    /** Whether the iterator (of kind ITERATOR) holds a snapshot of items rather than computing them lazily. */
    public static boolean isSnapshot(long it) {
        return Heap.state(it) instanceof SnapshotIterator;
    }

    /** An iterator of kind ITERATOR computing its items one at a time in Java (from the iterables it holds). */
    public static long newLazyIterator(long type, LazyIterator state) {
        long it = Heap.alloc(type, 40);
        Heap.putState(it, state);
        return it;
    }

    /**
     * The state of a lazily computed iterator (builtins map, filter, zip, enumerate, reversed): {@link #advance}
     * gives the next item; once it reports the end, or the iterator is deallocated, {@link #release} drops the
     * references it holds, once.
     */
    public abstract static class LazyIterator {
        private boolean finished;

        /** The next item as a new reference, or 0 at the end. */
        protected abstract long advance();

        /** Releases the references the iterator holds. */
        protected abstract void release();

        final synchronized long next() {
            if (finished) {
                return 0;
            }
            long r = advance();
            if (r == 0) {
                finish();
            }
            return r;
        }

        final synchronized void finish() {
            if (!finished) {
                finished = true;
                release();
            }
        }
    }

    static final class SnapshotIterator {
        final long[] items;
        int pos;
        long source;
        boolean exhausted;

        SnapshotIterator(long[] items) {
            this(items, 0);
        }

        SnapshotIterator(long[] items, long source) {
            this.items = items;
            this.source = source;
        }
    }

    /**
     * Next item as a new reference, 0 at the end. Items stay referenced until the end (CPython's sequence
     * iterators keep their sequence, and __setstate__ may move back); at the end all are released at once.
     */
    public static long iterNext(long it) {
        if (Heap.state(it) instanceof LazyIterator lazy) {
            return lazy.next();
        }
        SnapshotIterator s = Heap.state(it);
        synchronized (s) {
            if (s.pos < s.items.length) {
                return Heap.newRef(s.items[s.pos++]);
            }
        }
        exhaustIterator(it);
        return 0;
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
                if (Heap.state(op) instanceof LazyIterator lazy) {
                    lazy.finish();
                    return;
                }
                SnapshotIterator s = Heap.state(op);
                if (s != null) {
                    for (long r : s.items) {
                        Native.xdecref(r);
                    }
                    Native.xdecref(s.source);
                }
            }
            default -> { }
        }
    }
}
