package dev.ftcheck.runtime.stdlib;

import static dev.ftcheck.runtime.obj.Layout.TPF_BASETYPE;
import static dev.ftcheck.runtime.obj.Layout.TP_BASICSIZE;
import static dev.ftcheck.runtime.obj.Layout.TP_NEW;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.TypeReady;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import dev.ftcheck.runtime.obj.builtins.NativeSlots;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Classes of the stand-in modules (struct.Struct, decimal.Decimal, ...): heap types whose instances keep their
 * Java state in the object heap's side table, whose methods are built-in method descriptors, and whose repr, str,
 * hash and comparisons are C slots that ask that state ({@link Behaviour}).
 */
final class StandInTypes {
    /** PyType_Spec: name, basicsize, itemsize, flags, slots; one empty PyType_Slot ends the slots. */
    private static final long SPEC_SIZE = 32, SLOT_SIZE = 16;

    /** Py_tp_hash, Py_tp_repr, Py_tp_richcompare, Py_tp_str: the slots every stand-in class routes to its instances. */
    private static final int TP_HASH_SLOT = 59, TP_REPR_SLOT = 66, TP_RICHCOMPARE_SLOT = 67, TP_STR_SLOT = 70,
            TP_CALL_SLOT = 50;
    private static volatile long[] slotStubs;

    /**
     * What a stand-in class's instance does for repr, str, hash and comparisons, kept as its Java state; the
     * defaults are object's.
     */
    interface Behaviour extends Repr.Custom {
        @Override
        default String repr(long self) {
            return "<" + Types.typeOf(self).fullName() + " object at 0x" + Long.toHexString(self) + ">";
        }

        default String str(long self) {
            return repr(self);
        }

        default long hash(long self) {
            return Protocols.pointerHash(self);
        }

        /** A new reference to self(*args, **kwargs), for a class defined callable. */
        default long call(long self, long[] args, long kwargs) {
            throw dev.ftcheck.runtime.obj.PyRaise.typeError("'%s' object is not callable", Types.name(self));
        }

        /** A new reference to the result of self OP other (Protocols.LT ... GE), or to NotImplemented. */
        default long compare(long self, long other, int op) {
            if (op == Protocols.EQ || op == Protocols.NE) {
                return Singletons.bool((self == other) == (op == Protocols.EQ));
            }
            return Heap.newRef(Singletons.NOTIMPLEMENTED);
        }
    }

    private StandInTypes() {}

    private static long[] slotStubs() {
        long[] s = slotStubs;
        if (s == null) {
            s = new long[] {NativeSlots.stub(StandInTypes.class, "hashSlot"),
                NativeSlots.stub(StandInTypes.class, "reprSlot"),
                NativeSlots.stub(StandInTypes.class, "richcompareSlot"),
                NativeSlots.stub(StandInTypes.class, "strSlot"), NativeSlots.stub(StandInTypes.class, "callSlot")};
            slotStubs = s;
        }
        return s;
    }

    /** For an instance without state of its own (a C subclass's, say): object's behaviour. */
    private static final Behaviour OBJECT_BEHAVIOUR = new Behaviour() { };

    private static Behaviour behaviour(long o) {
        return Heap.state(o) instanceof Behaviour b ? b : OBJECT_BEHAVIOUR;
    }

    private static long reprSlot(long o) {
        try {
            return Strs.fromJava(behaviour(o).repr(o));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__repr__");
            return 0;
        }
    }

    private static long strSlot(long o) {
        try {
            return Strs.fromJava(behaviour(o).str(o));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__str__");
            return 0;
        }
    }

    private static long hashSlot(long o) {
        try {
            return behaviour(o).hash(o);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__hash__");
            return -1;
        }
    }

    private static long callSlot(long o, long args, long kwargs) {
        try {
            long[] a = new long[(int) dev.ftcheck.runtime.obj.Tuples.size(args)];
            for (int i = 0; i < a.length; i++) {
                a[i] = dev.ftcheck.runtime.obj.Tuples.get(args, i);
            }
            return behaviour(o).call(o, a, kwargs != 0 && dev.ftcheck.runtime.obj.Dicts.size(kwargs) > 0 ? kwargs : 0);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__call__");
            return 0;
        }
    }

    private static long richcompareSlot(long a, long b, int op) {
        try {
            return behaviour(a).compare(a, b, op);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "comparison");
            return 0;
        }
    }

    /** A subclassable type named fullName ("_struct.Struct") that calling constructs through constructor. */
    static long define(String fullName, BuiltinTable methods, BuiltinTable.Impl constructor) {
        return define(fullName, methods, constructor, false);
    }

    /** As define; callable routes tp_call (and __call__) to the instance's Behaviour.call. */
    static long define(String fullName, BuiltinTable methods, BuiltinTable.Impl constructor, boolean callable) {
        return define(fullName, methods, constructor, callable, new int[0], new long[0]);
    }

    /** As define, with more PyType_Slot ids and their C functions (mp_length, mp_subscript, ...). */
    static long define(String fullName, BuiltinTable methods, BuiltinTable.Impl constructor, boolean callable,
            int[] extraIds, long[] extraFns) {
        Arena arena = Arena.global();
        MemorySegment spec = arena.allocate(SPEC_SIZE, 8);
        spec.set(ADDRESS, 0, arena.allocateFrom(fullName));
        spec.set(JAVA_INT, 16, (int) TPF_BASETYPE);
        long[] stubs = slotStubs();
        int[] ids = callable ? new int[] {TP_HASH_SLOT, TP_REPR_SLOT, TP_RICHCOMPARE_SLOT, TP_STR_SLOT, TP_CALL_SLOT}
                : new int[] {TP_HASH_SLOT, TP_REPR_SLOT, TP_RICHCOMPARE_SLOT, TP_STR_SLOT};
        int base = ids.length;
        ids = java.util.Arrays.copyOf(ids, base + extraIds.length);
        System.arraycopy(extraIds, 0, ids, base, extraIds.length);
        stubs = java.util.Arrays.copyOf(stubs, Math.max(stubs.length, base) + extraFns.length);
        System.arraycopy(extraFns, 0, stubs, base, extraFns.length);
        MemorySegment slots = arena.allocate(SLOT_SIZE * (ids.length + 1), 8);
        for (int i = 0; i < ids.length; i++) {
            slots.set(JAVA_INT, SLOT_SIZE * i, ids[i]);
            slots.set(java.lang.foreign.ValueLayout.JAVA_LONG, SLOT_SIZE * i + 8, stubs[i]);
        }
        spec.set(ADDRESS, 24, slots);
        long type = TypeReady.fromSpec(0, 0, spec.address(), 0);
        Mem.putLong(type + TP_NEW, 0); // calling the type runs the Java constructor instead
        BuiltinTable.constructor(type, constructor);
        operators().install(type);
        if (callable) {
            new BuiltinTable().slot("__call__", (self, args, kw) -> behaviour(self).call(self, args, kw)).install(type);
        }
        methods.install(type);
        return type;
    }

    /** The slot wrappers (__eq__, __hash__, __str__, ...) over the C slots, as PyType_Ready adds them in CPython. */
    private static BuiltinTable operators() {
        BuiltinTable t = new BuiltinTable();
        String[] compare = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
        for (int op = 0; op < compare.length; op++) {
            int o = op;
            t.slot(compare[op], (self, args, kw) ->
                    behaviour(self).compare(self, Args.one(compare[o], args, kw), o));
        }
        t.slot("__hash__", (self, args, kw) -> {
            Args.none("__hash__", args, kw);
            return dev.ftcheck.runtime.obj.Ints.fromLong(behaviour(self).hash(self));
        });
        t.slot("__repr__", (self, args, kw) -> {
            Args.none("__repr__", args, kw);
            return Strs.fromJava(behaviour(self).repr(self));
        });
        t.slot("__str__", (self, args, kw) -> {
            Args.none("__str__", args, kw);
            return Strs.fromJava(behaviour(self).str(self));
        });
        return t;
    }

    /** A new instance of type (or a subclass) holding state. */
    static long instance(long type, Object state) {
        long o = Heap.alloc(type, Mem.getLong(type + TP_BASICSIZE));
        Heap.putState(o, state);
        return o;
    }
}
