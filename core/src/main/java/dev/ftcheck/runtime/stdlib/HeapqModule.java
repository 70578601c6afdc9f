package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;

/**
 * {@code heapq}'s min-heap functions over a list: heapify, heappush, heappop, heapreplace and heappushpop, with
 * the item order decided by {@code <} alone and CPython's sift order, so equal items end where CPython puts them.
 */
final class HeapqModule {
    private HeapqModule() {}

    static long create() {
        long m = Modules.create("heapq");
        BuiltinTable t = new BuiltinTable();
        t.method("heapify", (self, args, kw) -> {
            long heap = list("heapify", Args.one("_heapq.heapify", args, kw), "argument");
            for (long i = Lists.size(heap) / 2 - 1; i >= 0; i--) {
                siftUp(heap, i);
            }
            return Singletons.NONE;
        });
        t.method("heappush", (self, args, kw) -> {
            Args.unpack("heappush", args, kw, 2, 2);
            long[] a = args;
            long heap = list("heappush", a[0], "argument 1");
            Lists.append(heap, a[1]);
            siftDown(heap, 0, Lists.size(heap) - 1);
            return Singletons.NONE;
        });
        t.method("heappop", (self, args, kw) -> {
            long heap = list("heappop", Args.one("_heapq.heappop", args, kw), "argument");
            long n = Lists.size(heap);
            if (n == 0) {
                throw PyRaise.indexError("index out of range");
            }
            long last = Lists.getRef(heap, n - 1);
            Lists.setSlice(heap, n - 1, n, null);
            if (n == 1) {
                return last;
            }
            long top = Lists.getRef(heap, 0);
            Lists.set(heap, 0, last);
            siftUp(heap, 0);
            return top;
        });
        t.method("heapreplace", (self, args, kw) -> {
            Args.unpack("heapreplace", args, kw, 2, 2);
            long[] a = args;
            long heap = list("heapreplace", a[0], "argument 1");
            if (Lists.size(heap) == 0) {
                throw PyRaise.indexError("index out of range");
            }
            return replaceTop(heap, a[1]);
        });
        t.method("heappushpop", (self, args, kw) -> {
            Args.unpack("heappushpop", args, kw, 2, 2);
            long[] a = args;
            long heap = list("heappushpop", a[0], "argument 1");
            if (Lists.size(heap) == 0) {
                return Heap.newRef(a[1]);
            }
            long top = Lists.getRef(heap, 0);
            boolean itemFirst;
            try {
                itemFirst = !less(top, a[1]);
            } finally {
                Native.decref(top);
            }
            return itemFirst ? Heap.newRef(a[1]) : replaceTop(heap, a[1]);
        });
        t.installFunctions(m);
        return m;
    }

    /** which: "argument" for the one-argument functions, "argument 1" for the others, as CPython words it. */
    private static long list(String function, long heap, String which) {
        if (!Lists.isList(heap)) {
            throw PyRaise.typeError("%s() %s must be list, not %s", function, which,
                    dev.ftcheck.runtime.obj.Types.name(heap));
        }
        return heap;
    }

    /** Puts item at the root and sifts it into place; returns the old root (a new reference). */
    private static long replaceTop(long heap, long item) {
        long top = Lists.getRef(heap, 0);
        Lists.set(heap, 0, Heap.newRef(item));
        siftUp(heap, 0);
        return top;
    }

    private static boolean less(long a, long b) {
        return ObjectApi.PyObject_RichCompareBool(a, b, Protocols.LT) == 1;
    }

    /** Moves the item at pos towards start while it is less than its parent. */
    private static void siftDown(long heap, long start, long pos) {
        long item = Lists.getRef(heap, pos);
        try {
            while (pos > start) {
                long parentPos = (pos - 1) >> 1;
                long parent = Lists.getRef(heap, parentPos);
                boolean below;
                try {
                    below = less(item, parent);
                } catch (RuntimeException e) {
                    Native.decref(parent);
                    throw e;
                }
                if (!below) {
                    Native.decref(parent);
                    break;
                }
                Lists.set(heap, pos, parent);
                pos = parentPos;
            }
            Lists.set(heap, pos, Heap.newRef(item));
        } finally {
            Native.decref(item);
        }
    }

    /** Moves the smaller child up until a leaf, puts the item there, then sifts it back down (CPython's order). */
    private static void siftUp(long heap, long pos) {
        long end = Lists.size(heap), start = pos;
        long item = Lists.getRef(heap, pos);
        try {
            long child = 2 * pos + 1;
            while (child < end) {
                long right = child + 1;
                if (right < end) {
                    long l = Lists.getRef(heap, child), r = Lists.getRef(heap, right);
                    try {
                        if (!less(l, r)) {
                            child = right;
                        }
                    } finally {
                        Native.decref(l);
                        Native.decref(r);
                    }
                }
                if (Lists.size(heap) != end) {
                    throw new PyRaise(dev.ftcheck.runtime.obj.Exceptions.RuntimeError,
                            "list changed size during iteration");
                }
                Lists.set(heap, pos, Lists.getRef(heap, child));
                pos = child;
                child = 2 * pos + 1;
            }
            Lists.set(heap, pos, Heap.newRef(item));
        } finally {
            Native.decref(item);
        }
        siftDown(heap, start, pos);
    }
}
