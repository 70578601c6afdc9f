package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;

/**
 * cell: PyCellObject's layout (ob_ref, the content or NULL, at offset 32), so PyCell_GET/SET work on it. Cells
 * compare by content (an empty cell before any full one), are unhashable, and show their content's type.
 */
public final class CellType {
    public static long CELL;
    public static final long REF = 32, SIZE = 40;

    private CellType() {}

    static void init() {
        long t = NativeSlots.type("PyCell_Type", "cell", SIZE, TPF_HAVE_GC);
        CELL = t;
        Mem.putLong(t + TP_REPR, NativeSlots.stub(CellType.class, "reprSlot"));
        Mem.putLong(t + TP_HASH, dev.ftcheck.runtime.nat.Bridge.get().require("PyObject_HashNotImplemented"));
        Mem.putLong(t + TP_RICHCOMPARE, NativeSlots.stub(CellType.class, "compareSlot"));
        Mem.putLong(t + TP_NEW, NativeSlots.stub(CellType.class, "newSlot"));
        Mem.putLong(t + TP_DEALLOC, NativeSlots.stub(CellType.class, "dealloc"));
        BuiltinTable table = new BuiltinTable();
        table.slot("__repr__", Slots.unary(self -> Strs.fromJava(repr(self))));
        for (int op = 0; op < 6; op++) {
            int o = op;
            table.slot(Slots.COMPARE[op], Slots.binary((self, other) -> compare(self, other, o)));
        }
        table.value("__hash__", Singletons.NONE);
        table.getset("cell_contents", self -> {
            long v = get(self);
            if (v == 0) {
                throw PyRaise.valueError("Cell is empty");
            }
            return v;
        }, CellType::set);
        table.install(t);
        BuiltinTypes.newMethod(t);
    }

    public static boolean isCell(long o) {
        return Heap.type(o) == CELL;
    }

    public static long create(long content) {
        long c = Heap.alloc(CELL, SIZE);
        Mem.putLong(c + REF, content == 0 ? 0 : Heap.newRef(content));
        return c;
    }

    /** The content as a new reference, or 0 when empty. */
    public static long get(long cell) {
        synchronized (lock(cell)) {
            long v = Mem.getLong(cell + REF);
            return v == 0 ? 0 : Heap.newRef(v);
        }
    }

    /** Replaces the content (value 0 empties the cell); the old content is released after the swap. */
    public static void set(long cell, long value) {
        long old;
        synchronized (lock(cell)) {
            old = Mem.getLong(cell + REF);
            Mem.putLong(cell + REF, value == 0 ? 0 : Heap.newRef(value));
        }
        Native.xdecref(old);
    }

    /** Java-side lock standing in for the cell's per-object critical section. */
    private static Object lock(long cell) {
        return LOCKS[(int) ((cell >>> 4) & (LOCKS.length - 1))];
    }

    private static final Object[] LOCKS = new Object[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    static String repr(long cell) {
        long v = get(cell);
        if (v == 0) {
            return "<cell at 0x" + Long.toHexString(cell) + ": empty>";
        }
        try {
            return "<cell at 0x" + Long.toHexString(cell) + ": " + Types.typeOf(v).fullName() + " object at 0x"
                    + Long.toHexString(v) + ">";
        } finally {
            Native.decref(v);
        }
    }

    static long compare(long a, long b, int op) {
        if (!isCell(a) || !isCell(b)) {
            return Singletons.NOTIMPLEMENTED;
        }
        long x = get(a), y = get(b);
        try {
            if (x != 0 && y != 0) {
                return Compare.rich(x, y, op);
            }
            int c = Boolean.compare(x != 0, y != 0); // an empty cell sorts first
            boolean r = Compare.outcome(c, op);
            return Singletons.bool(r);
        } finally {
            Native.xdecref(x);
            Native.xdecref(y);
        }
    }

    private static long reprSlot(long a) {
        try {
            return Strs.fromJava(repr(a));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "cell.__repr__");
            return 0;
        }
    }

    private static long compareSlot(long a, long b, int op) {
        try {
            return compare(a, b, op);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "cell comparison");
            return 0;
        }
    }

    private static long newSlot(long type, long args, long kwargs) {
        try {
            Args.noKeywords("cell", NativeSlots.kwargs(kwargs));
            long[] a = NativeSlots.tupleArgs(args);
            Args.unpack("cell", a, 0, 0, 1);
            return create(a.length > 0 ? a[0] : 0);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "cell.__new__");
            return 0;
        }
    }

    private static void dealloc(long c) {
        Native.xdecref(Mem.getLong(c + REF));
        Mem.putLong(c + REF, 0);
        Native.objectFree(c);
    }
}
