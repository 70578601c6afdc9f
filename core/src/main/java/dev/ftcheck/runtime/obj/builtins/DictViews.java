package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Sets;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * dict.keys(), values() and items(): view objects (the dict at offset 32) whose types carry real C slots
 * (tp_iter, tp_repr, tp_richcompare, sq_length, sq_contains, tp_dealloc) implemented here, so the generic
 * protocols (iteration, len, in, repr, ==) reach them like an extension type's.
 */
final class DictViews {
    static final int KEYS = 0, VALUES = 1, ITEMS = 2;
    private static final String[] NAMES = {"dict_keys", "dict_values", "dict_items"};
    private static final String[] SYMBOLS = {"PyDictKeys_Type", "PyDictValues_Type", "PyDictItems_Type"};
    private static final long DICT = 32;
    static final long[] TYPES = new long[3];

    private DictViews() {}

    static void init() {
        Bridge bridge = Bridge.get();
        for (int k = 0; k < 3; k++) {
            long t = bridge.symbol(SYMBOLS[k]);
            if (t == 0) {
                t = Arena.global().allocate(HEAPTYPE_SIZE, 16).address();
            }
            Mem.putLong(t + OB_TID, 0);
            Mem.putInt(t + OB_REF_LOCAL, IMMORTAL_LOCAL);
            Mem.putLong(t + OB_TYPE, Types.TYPE);
            Mem.putLong(t + TP_NAME, Arena.global().allocateFrom(NAMES[k]).address());
            Mem.putLong(t + TP_BASICSIZE, 40);
            Mem.putLong(t + TP_FLAGS, TPF_READY | TPF_IMMUTABLETYPE | TPF_STATIC_BUILTIN | TPF_HAVE_GC
                    | TPF_DISALLOW_INSTANTIATION);
            Mem.putLong(t + TP_BASE, Types.OBJECT);
            Mem.putLong(t + TP_FREE, bridge.require("PyObject_Free"));
            Mem.putLong(t + TP_GETATTRO, Mem.getLong(Types.OBJECT + TP_GETATTRO));
            Mem.putLong(t + TP_SETATTRO, Mem.getLong(Types.OBJECT + TP_SETATTRO));
            if (k != VALUES) { // keys and items views compare like sets, so they are unhashable; values views are not
                Mem.putLong(t + TP_HASH, bridge.require("PyObject_HashNotImplemented"));
            }
            Mem.putLong(t + TP_DEALLOC, stub("dealloc", FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG),
                    MethodType.methodType(void.class, long.class)));
            Mem.putLong(t + TP_ITER, stub("iterSlot", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                    MethodType.methodType(long.class, long.class)));
            Mem.putLong(t + TP_REPR, stub("reprSlot", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                    MethodType.methodType(long.class, long.class)));
            long seq = Arena.global().allocate(80, 8).address();
            Mem.putLong(seq + SQ_LENGTH, stub("lengthSlot", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG), MethodType.methodType(long.class, long.class)));
            if (k != VALUES) {
                Mem.putLong(seq + 56, stub("containsSlot", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), MethodType.methodType(int.class, long.class,
                        long.class))); // sq_contains
                Mem.putLong(t + TP_RICHCOMPARE, stub("compareSlot", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
                        MethodType.methodType(long.class, long.class, long.class, int.class)));
            }
            Mem.putLong(t + TP_AS_SEQUENCE, seq);
            if (k != VALUES) {
                long nb = Arena.global().allocate(288, 8).address();
                String[][] ops = {{"8", "subSlot"}, {"104", "andSlot"}, {"112", "xorSlot"}, {"120", "orSlot"}};
                for (String[] op : ops) {
                    Mem.putLong(nb + Long.parseLong(op[0]), stub(op[1], FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                            MethodType.methodType(long.class, long.class, long.class)));
                }
                Mem.putLong(t + TP_AS_NUMBER, nb);
            }
            TYPES[k] = t;
            Types.register(t, TypeKind.EXTENSION);
            table(k).install(t);
        }
    }

    private static long stub(String method, FunctionDescriptor fd, MethodType type) {
        try {
            var h = MethodHandles.lookup().findStatic(DictViews.class, method, type);
            return Linker.nativeLinker().upcallStub(h, fd, Arena.global()).address();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static long create(long dict, int kind) {
        long v = Heap.alloc(TYPES[kind], 40);
        Mem.putLong(v + DICT, Heap.newRef(dict));
        return v;
    }

    private static int kind(long view) {
        long t = Heap.type(view);
        return t == TYPES[KEYS] ? KEYS : t == TYPES[VALUES] ? VALUES : ITEMS;
    }

    private static boolean isView(long o) {
        long t = Heap.type(o);
        return t == TYPES[0] || t == TYPES[1] || t == TYPES[2];
    }

    /** The view's elements as new references: keys, values or (key, value) tuples. */
    static long[] elements(long view) {
        long[] kv = Dicts.items(Mem.getLong(view + DICT));
        int k = kind(view);
        long[] r = new long[kv.length / 2];
        for (int i = 0; i < r.length; i++) {
            long key = kv[2 * i], value = kv[2 * i + 1];
            switch (k) {
                case KEYS -> {
                    r[i] = key;
                    Native.decref(value);
                }
                case VALUES -> {
                    r[i] = value;
                    Native.decref(key);
                }
                default -> r[i] = Tuples.of(key, value);
            }
        }
        return r;
    }

    private static boolean contains(long view, long x) {
        long d = Mem.getLong(view + DICT);
        if (kind(view) == KEYS) {
            long v = Dicts.getRef(d, x);
            Native.xdecref(v);
            return v != 0;
        }
        if (!Tuples.isTuple(x) || Tuples.size(x) != 2) {
            return false;
        }
        long v = Dicts.getRef(d, Tuples.get(x, 0));
        if (v == 0) {
            return false;
        }
        try {
            return Compare.richBool(v, Tuples.get(x, 1), Protocols.EQ);
        } finally {
            Native.decref(v);
        }
    }

    /** A new set holding the elements of any iterable (a view iterates through its tp_iter). */
    private static long setOf(long o) {
        return Constructors.setOf(Types.SET, o);
    }

    private static boolean setLike(long o) {
        return Sets.isAnySet(o) || (isView(o) && kind(o) != VALUES);
    }

    private static String repr(long view) {
        long[] items = elements(view);
        long l = Lists.create(0);
        try {
            for (long x : items) {
                Lists.append(l, x);
            }
            return NAMES[kind(view)] + "(" + Repr.repr(l) + ")";
        } finally {
            Native.decref(l);
            for (long x : items) {
                Native.decref(x);
            }
        }
    }

    private static long compare(long self, long other, int op) {
        if (!setLike(other)) {
            return Singletons.NOTIMPLEMENTED;
        }
        long a = setOf(self), b = setOf(other);
        try {
            return ContainerMethods.setCompare(a, b, op);
        } finally {
            Native.decref(a);
            Native.decref(b);
        }
    }

    private static void dealloc(long view) {
        try {
            Native.xdecref(Mem.getLong(view + DICT));
            Native.objectFree(view);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "dict view dealloc");
        }
    }

    private static long iteratorType(long view, boolean reversed) {
        return switch (kind(view)) {
            case KEYS -> reversed ? IteratorTypes.DICT_REV_KEYS : IteratorTypes.DICT_KEYS;
            case VALUES -> reversed ? IteratorTypes.DICT_REV_VALUES : IteratorTypes.DICT_VALUES;
            default -> reversed ? IteratorTypes.DICT_REV_ITEMS : IteratorTypes.DICT_ITEMS;
        };
    }

    static long reversedIterator(long view) {
        long[] items = elements(view);
        for (int i = 0, j = items.length - 1; i < j; i++, j--) {
            long x = items[i];
            items[i] = items[j];
            items[j] = x;
        }
        return Objects.newIterator(iteratorType(view, true), items);
    }

    private static long iterSlot(long view) {
        try {
            return Objects.newIterator(iteratorType(view, false), elements(view));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "dict view iter");
            return 0;
        }
    }

    private static long reprSlot(long view) {
        try {
            return Strs.fromJava(repr(view));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "dict view repr");
            return 0;
        }
    }

    private static long lengthSlot(long view) {
        try {
            return Dicts.size(Mem.getLong(view + DICT));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "dict view len");
            return -1;
        }
    }

    private static int containsSlot(long view, long x) {
        try {
            return contains(view, x) ? 1 : 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "dict view contains");
            return -1;
        }
    }

    private static long compareSlot(long a, long b, int op) {
        try {
            return compare(a, b, op);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "dict view compare");
            return 0;
        }
    }

    private static long numberSlot(long a, long b, String update) {
        try {
            return combine(a, b, update);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "dict view operator");
            return 0;
        }
    }

    private static long andSlot(long a, long b) {
        return numberSlot(a, b, "intersection_update");
    }

    private static long orSlot(long a, long b) {
        return numberSlot(a, b, "update");
    }

    private static long subSlot(long a, long b) {
        return numberSlot(a, b, "difference_update");
    }

    private static long xorSlot(long a, long b) {
        return numberSlot(a, b, "symmetric_difference_update");
    }

    private static BuiltinTable table(int k) {
        BuiltinTable t = new BuiltinTable();
        t.slot("__iter__", Slots.unary(v -> Objects.newIterator(iteratorType(v, false), elements(v))));
        t.method("__reversed__", (v, args, kw) -> {
            Args.none(ObjectMethods.q(v, "__reversed__"), args, kw);
            return reversedIterator(v);
        });
        t.slot("__len__", Slots.unary(v -> Ints.fromLong(Dicts.size(Mem.getLong(v + DICT)))));
        t.getter("mapping", v -> NativeBuiltins.proxy(Mem.getLong(v + DICT)));
        t.slot("__repr__", Slots.unary(v -> Strs.fromJava(repr(v))));
        if (k == VALUES) {
            return t;
        }
        t.value("__hash__", Singletons.NONE);
        t.slot("__contains__", Slots.binary((v, x) -> Singletons.bool(contains(v, x))));
        for (int op = 0; op < 6; op++) {
            int o = op;
            t.slot(Slots.COMPARE[op], Slots.binary((v, other) -> compare(v, other, o)));
        }
        String[][] ops = {{"and", "intersection_update"}, {"or", "update"}, {"sub", "difference_update"},
            {"xor", "symmetric_difference_update"}};
        for (String[] op : ops) {
            t.slot("__" + op[0] + "__", Slots.binary((v, other) -> combine(v, other, op[1])));
            t.slot("__r" + op[0] + "__", Slots.binary((v, other) -> combine(other, v, op[1])));
        }
        t.method("isdisjoint", (v, args, kw) -> {
            long other = Args.one(ObjectMethods.q(v, "isdisjoint"), args, kw);
            long[] items = isView(other) ? elements(other) : Iteration.toArray(other);
            try {
                for (long x : items) {
                    if (contains(v, x)) {
                        return Singletons.FALSE;
                    }
                }
                return Singletons.TRUE;
            } finally {
                for (long x : items) {
                    Native.decref(x);
                }
            }
        });
        return t;
    }

    /** left op right as a new set: set(left).op_update(right). */
    private static long combine(long left, long right, String update) {
        long s = setOf(left);
        try {
            long r = dev.ftcheck.runtime.obj.Calls.callMethod(s, update, new long[] {right}, 0);
            Native.decref(r);
            return s;
        } catch (RuntimeException e) {
            Native.decref(s);
            throw e;
        }
    }
}
