package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.checked.CheckedMode;
import dev.ftcheck.runtime.checked.SharedIterators;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import java.util.ArrayList;
import java.util.List;

/** iter()/next() for built-ins (over a snapshot taken under the container's lock) and extension iterators. */
public final class Iteration {
    private Iteration() {}

    /** New references to the elements a for-loop over obj would see, for built-in iterables. */
    static long[] builtinItems(long obj) {
        return builtinItems(obj, Types.kindOf(obj));
    }

    /** As above, reading obj as the built-in kind it is laid out as (itself or its nearest built-in base). */
    private static long[] builtinItems(long obj, TypeKind kind) {
        return switch (kind) {
            case LIST -> Lists.snapshot(obj);
            case TUPLE -> {
                long[] r = new long[(int) Tuples.size(obj)];
                for (int i = 0; i < r.length; i++) {
                    r[i] = Heap.newRef(Tuples.get(obj, i));
                }
                yield r;
            }
            case DICT -> {
                long[] kv = Dicts.items(obj);
                long[] r = new long[kv.length / 2];
                for (int i = 0; i < kv.length; i += 2) {
                    r[i / 2] = kv[i];
                    Native.decref(kv[i + 1]);
                }
                yield r;
            }
            case SET, FROZENSET -> Sets.elements(obj);
            case CONTEXT -> {
                long[] kv = Contexts.items(obj);
                long[] r = new long[kv.length / 2];
                for (int i = 0; i < kv.length; i += 2) {
                    r[i / 2] = kv[i];
                    Native.decref(kv[i + 1]);
                }
                yield r;
            }
            case STR -> {
                long n = Strs.length(obj);
                long[] r = new long[(int) n];
                for (int i = 0; i < n; i++) {
                    r[i] = Strs.fromJava(new String(Character.toChars(Strs.codePointAt(obj, i))));
                }
                yield r;
            }
            case BYTES, BYTEARRAY -> {
                byte[] b = kind == TypeKind.BYTES ? Bytes.value(obj) : Bytes.byteArrayValue(obj);
                long[] r = new long[b.length];
                for (int i = 0; i < b.length; i++) {
                    r[i] = Ints.fromLong(b[i] & 0xff);
                }
                yield r;
            }
            default -> null;
        };
    }

    /** iter(obj) as a new reference. */
    public static long iter(long obj) {
        if (Types.kindOf(obj) == TypeKind.ITERATOR) {
            return Heap.newRef(obj);
        }
        long[] items = builtinItems(obj);
        if (items != null) {
            TypeKind k = Types.kindOf(obj);
            boolean sequence = k == TypeKind.LIST || k == TypeKind.TUPLE || k == TypeKind.STR || k == TypeKind.BYTES
                    || k == TypeKind.BYTEARRAY;
            return Objects.newIterator(Objects.iteratorTypeFor(obj), items, sequence ? obj : 0);
        }
        long tpIter = Mem.getLong(Heap.type(obj) + TP_ITER);
        if (tpIter != 0 && tpIter == Types.builtinIterSlot()) {
            // a subclass of a built-in container that kept the inherited slot: iterate it as its base would
            for (long t = Heap.type(obj); t != 0; t = Mem.getLong(t + TP_BASE)) {
                PyType pt = Types.of(t);
                if (pt.builtin) {
                    long[] inherited = builtinItems(obj, pt.kind);
                    if (inherited != null) {
                        return Objects.newIterator(inherited);
                    }
                    break;
                }
            }
        }
        if (tpIter != 0) {
            return Calls.checkResult(Downcalls.call1(tpIter, obj), "__iter__");
        }
        throw PyRaise.typeError("'%s' object is not iterable", Types.name(obj));
    }

    /** next(it) as a new reference; 0 when exhausted (StopIteration cleared). */
    public static long next(long it) {
        if (CheckedMode.on()) {
            SharedIterators.advancing(it, Types.name(it));
            long r = step(it);
            if (r == 0) {
                SharedIterators.finished(it);
            }
            return r;
        }
        return step(it);
    }

    private static long step(long it) {
        if (Types.kindOf(it) == TypeKind.ITERATOR) {
            return Objects.iterNext(it);
        }
        long tpNext = Mem.getLong(Heap.type(it) + TP_ITERNEXT);
        if (tpNext == 0) {
            throw PyRaise.typeError("'%s' object is not an iterator", Types.name(it));
        }
        long r = Downcalls.call1(tpNext, it);
        if (r == 0) {
            if (Errors.current() != 0) {
                if (Errors.matches(Exceptions.StopIteration)) {
                    Errors.clear();
                    return 0;
                }
                throw ErrorAlreadySet.INSTANCE;
            }
        }
        return r;
    }

    /** All elements of any iterable as new references. */
    public static long[] toArray(long obj) {
        long[] items = builtinItems(obj);
        if (items != null) {
            return items;
        }
        long it = iter(obj);
        List<Long> r = new ArrayList<>();
        try {
            for (long v = next(it); v != 0; v = next(it)) {
                r.add(v);
            }
        } catch (RuntimeException e) {
            r.forEach(Native::decref);
            throw e;
        } finally {
            Native.decref(it);
        }
        long[] a = new long[r.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.get(i);
        }
        return a;
    }
}
