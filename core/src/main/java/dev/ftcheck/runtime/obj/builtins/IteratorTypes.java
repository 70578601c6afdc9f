package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.lang.foreign.Arena;

/**
 * The iterator types CPython names after what they iterate (list_iterator, str_ascii_iterator, dict_keyiterator,
 * ...): the runtime's snapshot iterator under each name, with __iter__, __next__ and __length_hint__.
 */
final class IteratorTypes {
    /** memoryview's iterator (MemoryViews). */
    static long MEMORY;
    static long LIST_REVERSE, DICT_KEYS, DICT_VALUES, DICT_ITEMS, DICT_REV_KEYS, DICT_REV_VALUES, DICT_REV_ITEMS;

    private IteratorTypes() {}

    static void init() {
        kind(TypeKind.LIST, make("PyListIter_Type", "list_iterator"));
        kind(TypeKind.TUPLE, make("PyTupleIter_Type", "tuple_iterator"));
        kind(TypeKind.STR, make("PyUnicodeIter_Type", "str_iterator"));
        Objects.strAsciiIteratorType = make(null, "str_ascii_iterator");
        kind(TypeKind.BYTES, make("PyBytesIter_Type", "bytes_iterator"));
        kind(TypeKind.BYTEARRAY, make("PyByteArrayIter_Type", "bytearray_iterator"));
        long set = make("PySetIter_Type", "set_iterator");
        kind(TypeKind.SET, set);
        kind(TypeKind.FROZENSET, set);
        DICT_KEYS = make("PyDictIterKey_Type", "dict_keyiterator");
        kind(TypeKind.DICT, DICT_KEYS);
        DICT_VALUES = make("PyDictIterValue_Type", "dict_valueiterator");
        DICT_ITEMS = make("PyDictIterItem_Type", "dict_itemiterator");
        DICT_REV_KEYS = make("PyDictRevIterKey_Type", "dict_reversekeyiterator");
        DICT_REV_VALUES = make("PyDictRevIterValue_Type", "dict_reversevalueiterator");
        DICT_REV_ITEMS = make("PyDictRevIterItem_Type", "dict_reverseitemiterator");
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

    private static BuiltinTable table() {
        BuiltinTable t = new BuiltinTable();
        t.slot("__iter__", Slots.unary(Heap::newRef));
        t.slot("__next__", Slots.unary(it -> {
            long v = Iteration.next(it);
            if (v == 0) {
                throw new PyRaise(Exceptions.StopIteration, null);
            }
            return v;
        }));
        t.method("__length_hint__", (it, args, kw) -> {
            Args.none(ObjectMethods.q(it, "__length_hint__"), args, kw);
            return Ints.fromLong(Objects.remaining(it));
        });
        return t;
    }
}
