package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.stdlib.StandInModules;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.lang.foreign.Arena;

/**
 * The iterator types CPython names after what they iterate (list_iterator, str_ascii_iterator, dict_keyiterator,
 * ...): the runtime's snapshot iterator under each name, with __iter__, __next__ and __length_hint__.
 */
public final class IteratorTypes {
    /** memoryview's iterator (MemoryViews). */
    static long MEMORY;
    static long LIST_REVERSE, DICT_KEYS, DICT_VALUES, DICT_ITEMS, DICT_REV_KEYS, DICT_REV_VALUES, DICT_REV_ITEMS;

    private IteratorTypes() {}

    static void init() {
        kind(TypeKind.LIST, sequence(make("PyListIter_Type", "list_iterator"), true, () -> Lists.create(0)));
        kind(TypeKind.TUPLE, sequence(make("PyTupleIter_Type", "tuple_iterator"), false, () -> Tuples.create(0)));
        kind(TypeKind.STR, sequence(make("PyUnicodeIter_Type", "str_iterator"), false, () -> Strs.fromJava("")));
        Objects.strAsciiIteratorType = sequence(make(null, "str_ascii_iterator"), false, () -> Strs.fromJava(""));
        kind(TypeKind.BYTES, sequence(make("PyBytesIter_Type", "bytes_iterator"), false, () -> Tuples.create(0)));
        kind(TypeKind.BYTEARRAY, sequence(make("PyByteArrayIter_Type", "bytearray_iterator"), false,
                () -> Tuples.create(0)));
        long set = remainderReduce(make("PySetIter_Type", "set_iterator"));
        kind(TypeKind.SET, set);
        kind(TypeKind.FROZENSET, set);
        DICT_KEYS = remainderReduce(make("PyDictIterKey_Type", "dict_keyiterator"));
        kind(TypeKind.DICT, DICT_KEYS);
        DICT_VALUES = remainderReduce(make("PyDictIterValue_Type", "dict_valueiterator"));
        DICT_ITEMS = remainderReduce(make("PyDictIterItem_Type", "dict_itemiterator"));
        DICT_REV_KEYS = remainderReduce(make("PyDictRevIterKey_Type", "dict_reversekeyiterator"));
        DICT_REV_VALUES = remainderReduce(make("PyDictRevIterValue_Type", "dict_reversevalueiterator"));
        DICT_REV_ITEMS = remainderReduce(make("PyDictRevIterItem_Type", "dict_reverseitemiterator"));
        LIST_REVERSE = make("PyListRevIter_Type", "list_reverseiterator");
        MEMORY = make(null, "memory_iterator");
    }

    private static void kind(TypeKind k, long type) {
        Objects.ITERATOR_TYPES[k.ordinal()] = type;
    }

    /** A type laid out and slotted like the runtime's "iterator" type, under CPython's name. */
    private static long make(String symbol, String name) {
        long t = symbol == null ? 0 : Bridge.get().symbol(symbol);
        if (t == 0) {
            t = Arena.global().allocate(HEAPTYPE_SIZE, 16).address();
        }
        long proto = Types.ITERATOR;
        Mem.copy(proto, t, TYPE_SIZE);
        Mem.putLong(t + TP_NAME, Arena.global().allocateFrom(name).address());
        Mem.putLong(t + TP_DICT, 0);
        Mem.putLong(t + TP_MRO, 0);
        Mem.putLong(t + TP_BASES, 0);
        Mem.putLong(t + TP_GETATTRO, Mem.getLong(Types.OBJECT + TP_GETATTRO));
        Mem.putLong(t + TP_SETATTRO, Mem.getLong(Types.OBJECT + TP_SETATTRO));
        Types.register(t, TypeKind.ITERATOR);
        table().install(t);
        return t;
    }

    /**
     * A sequence iterator's pickling: {@code (iter, (seq,), index)}, or {@code (iter, (empty,))} once exhausted
     * (CPython's empty value differs by iterator: [] for lists, '' for str, () for the others);
     * __setstate__ clamps the index to the sequence (list_iterator: a negative index exhausts it).
     */
    private static long sequence(long type, boolean negativeExhausts, java.util.function.LongSupplier empty) {
        BuiltinTable t = new BuiltinTable();
        t.method("__reduce__", (it, args, kw) -> {
            Args.none(ObjectMethods.q(it, "__reduce__"), args, kw);
            long iter = StandInModules.attr("builtins", "iter");
            long source = Objects.iteratorSource(it);
            if (source == 0) {
                return Tuples.of(iter, Tuples.of(empty.getAsLong()));
            }
            return Tuples.of(iter, Tuples.of(Heap.newRef(source)), Ints.fromLong(Objects.iteratorPosition(it)));
        });
        t.method("__setstate__", (it, args, kw) -> {
            long state = Args.one(ObjectMethods.q(it, "__setstate__"), args, kw);
            if (!Ints.isInt(state)) {
                throw PyRaise.typeError("an integer is required");
            }
            java.math.BigInteger v = Ints.value(state);
            if (v.bitLength() > 63) {
                throw PyRaise.overflow("Python int too large to convert to C ssize_t");
            }
            long index = v.longValue();
            if (negativeExhausts && index < 0) {
                Objects.exhaustIterator(it);
            } else {
                Objects.setIteratorPosition(it, index);
            }
            return Singletons.NONE;
        });
        t.install(type);
        return type;
    }

    /** set and dict iterators pickle as {@code (iter, (list_of_what_is_left,))}. */
    private static long remainderReduce(long type) {
        new BuiltinTable().method("__reduce__", (it, args, kw) -> {
            Args.none(ObjectMethods.q(it, "__reduce__"), args, kw);
            long iter = StandInModules.attr("builtins", "iter");
            long list = Lists.create(0);
            for (long item : Objects.remainingItems(it)) {
                Lists.append(list, item);
                dev.ftcheck.runtime.nat.Native.decref(item);
            }
            return Tuples.of(iter, Tuples.of(list));
        }).install(type);
        return type;
    }

    /**
     * A type for lazily computed iterators ({@link Objects#newLazyIterator}) under CPython's name (map, filter,
     * zip, enumerate, reversed): __iter__ and __next__ only; the runtime gives them no constructor, pickling or
     * length hint.
     */
    public static long lazy(String name) {
        long t = Arena.global().allocate(HEAPTYPE_SIZE, 16).address();
        Mem.copy(Types.ITERATOR, t, TYPE_SIZE);
        Mem.putLong(t + TP_NAME, Arena.global().allocateFrom(name).address());
        Mem.putLong(t + TP_DICT, 0);
        Mem.putLong(t + TP_MRO, 0);
        Mem.putLong(t + TP_BASES, 0);
        Mem.putLong(t + TP_GETATTRO, Mem.getLong(Types.OBJECT + TP_GETATTRO));
        Mem.putLong(t + TP_SETATTRO, Mem.getLong(Types.OBJECT + TP_SETATTRO));
        Types.register(t, TypeKind.ITERATOR);
        iteratorProtocol(new BuiltinTable()).install(t);
        return t;
    }

    /** __iter__ returning the iterator and __next__ raising StopIteration at the end. */
    private static BuiltinTable iteratorProtocol(BuiltinTable t) {
        t.slot("__iter__", Slots.unary(Heap::newRef));
        t.slot("__next__", Slots.unary(it -> {
            long v = Iteration.next(it);
            if (v == 0) {
                throw new PyRaise(Exceptions.StopIteration, null);
            }
            return v;
        }));
        return t;
    }

    private static BuiltinTable table() {
        BuiltinTable t = iteratorProtocol(new BuiltinTable());
        t.method("__length_hint__", (it, args, kw) -> {
            Args.none(ObjectMethods.q(it, "__length_hint__"), args, kw);
            return Ints.fromLong(Objects.remaining(it));
        });
        return t;
    }
}
