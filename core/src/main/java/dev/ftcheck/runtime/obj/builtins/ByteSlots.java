package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.capi.BufferApi;
import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The C slot tables of bytes and bytearray (tp_as_sequence, tp_as_mapping, tp_as_number's nb_remainder,
 * tp_as_buffer, tp_richcompare, and bytearray's tp_hash = PyObject_HashNotImplemented): extensions that call
 * {@code Py_TYPE(o)->tp_as_sequence->sq_item} and the like directly reach the same code as the dict's wrappers.
 */
final class ByteSlots {
    private static final ValueLayout.OfLong P = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;

    private ByteSlots() {}

    static void init() {
        for (long t : new long[] {Types.BYTES, Types.BYTEARRAY}) {
            boolean ba = t == Types.BYTEARRAY;
            long seq = Arena.global().allocate(80, 8).address();
            Mem.putLong(seq, stub("length", FunctionDescriptor.of(P, P), long.class, long.class));
            Mem.putLong(seq + 8, stub("concat", FunctionDescriptor.of(P, P, P), long.class, long.class, long.class));
            Mem.putLong(seq + 16, stub("repeat", FunctionDescriptor.of(P, P, P), long.class, long.class, long.class));
            Mem.putLong(seq + 24, stub("item", FunctionDescriptor.of(P, P, P), long.class, long.class, long.class));
            Mem.putLong(seq + 56, stub("contains", FunctionDescriptor.of(I, P, P), int.class, long.class, long.class));
            if (ba) {
                Mem.putLong(seq + 40, stub("assItem", FunctionDescriptor.of(I, P, P, P), int.class, long.class,
                        long.class, long.class));
                Mem.putLong(seq + 64, stub("inplaceConcat", FunctionDescriptor.of(P, P, P), long.class, long.class,
                        long.class));
                Mem.putLong(seq + 72, stub("inplaceRepeat", FunctionDescriptor.of(P, P, P), long.class, long.class,
                        long.class));
            }
            Mem.putLong(t + TP_AS_SEQUENCE, seq);
            long map = Arena.global().allocate(24, 8).address();
            Mem.putLong(map, Mem.getLong(seq));
            Mem.putLong(map + 8, stub("subscript", FunctionDescriptor.of(P, P, P), long.class, long.class,
                    long.class));
            if (ba) {
                Mem.putLong(map + 16, stub("assSubscript", FunctionDescriptor.of(I, P, P, P), int.class, long.class,
                        long.class, long.class));
            }
            Mem.putLong(t + TP_AS_MAPPING, map);
            long nb = Arena.global().allocate(288, 8).address();
            Mem.putLong(nb + 24, stub("remainder", FunctionDescriptor.of(P, P, P), long.class, long.class,
                    long.class));
            Mem.putLong(t + TP_AS_NUMBER, nb);
            long bf = Arena.global().allocate(16, 8).address();
            Mem.putLong(bf, stub("getBuffer", FunctionDescriptor.of(I, P, P, I), int.class, long.class, long.class,
                    int.class));
            if (ba) {
                Mem.putLong(bf + 8, stub("releaseBuffer", FunctionDescriptor.ofVoid(P, P), void.class, long.class,
                        long.class));
            }
            Mem.putLong(t + TP_AS_BUFFER, bf);
            Mem.putLong(t + TP_RICHCOMPARE, stub("richCompare", FunctionDescriptor.of(P, P, P, I), long.class,
                    long.class, long.class, int.class));
        }
        long notImplemented = Bridge.get().symbol("PyObject_HashNotImplemented");
        if (notImplemented != 0) {
            Mem.putLong(Types.BYTEARRAY + TP_HASH, notImplemented);
        }
    }

    private static long stub(String method, FunctionDescriptor fd, Class<?> ret, Class<?>... params) {
        try {
            var h = MethodHandles.lookup().findStatic(ByteSlots.class, method, MethodType.methodType(ret, params));
            return Linker.nativeLinker().upcallStub(h, fd, Arena.global()).address();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean bytearray(long o) {
        return Types.kindOf(o) == TypeKind.BYTEARRAY;
    }

    /** Calls the type's own wrapper (its dict entry) on self and args. */
    private static long wrapper(long self, String name, long... args) {
        long d = Attributes.lookupInType(Heap.type(self), name);
        if (d == 0) {
            return Heap.newRef(Singletons.NOTIMPLEMENTED);
        }
        long[] all = new long[args.length + 1];
        all[0] = self;
        System.arraycopy(args, 0, all, 1, args.length);
        return Calls.call(d, all, 0);
    }

    private static long fail(Throwable t, String what) {
        Errors.fromThrowable(t, what);
        return 0;
    }

    private static long length(long o) {
        return Heap.size(o);
    }

    private static long concat(long a, long b) {
        try {
            if (!BytesMethods.isBytesLike(b) || !BytesMethods.isBytesLike(a)) {
                throw PyRaise.typeError("can't concat %s to %s", Types.name(b), Types.name(a));
            }
            byte[] x = BytesMethods.value(a), y = BytesMethods.value(b);
            byte[] r = java.util.Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, r, x.length, y.length);
            return BytesMethods.result(a, r);
        } catch (Throwable t) {
            return fail(t, "concat");
        }
    }

    private static long repeat(long a, long n) {
        try {
            return BytesMethods.result(a, BytesMethods.repeated(BytesMethods.value(a), n));
        } catch (Throwable t) {
            return fail(t, "repeat");
        }
    }

    private static long item(long a, long i) {
        try {
            long n = Heap.size(a);
            if (i < 0 || i >= n) {
                throw PyRaise.indexError(bytearray(a) ? "bytearray index out of range" : "index out of range");
            }
            return Ints.fromLong(BytesMethods.value(a)[(int) i] & 0xff);
        } catch (Throwable t) {
            return fail(t, "item");
        }
    }

    private static int contains(long a, long x) {
        try {
            return ByteArrayMethods.contains(a, x) ? 1 : 0;
        } catch (Throwable t) {
            fail(t, "contains");
            return -1;
        }
    }

    private static int assItem(long a, long i, long v) {
        long k = 0;
        try {
            k = Ints.fromLong(i);
            Native.decref(v == 0 ? wrapper(a, "__delitem__", k) : wrapper(a, "__setitem__", k, v));
            return 0;
        } catch (Throwable t) {
            fail(t, "item assignment");
            return -1;
        } finally {
            Native.xdecref(k);
        }
    }

    private static long inplaceConcat(long a, long b) {
        try {
            return wrapper(a, "__iadd__", b);
        } catch (Throwable t) {
            return fail(t, "+=");
        }
    }

    private static long inplaceRepeat(long a, long n) {
        long k = 0;
        try {
            k = Ints.fromLong(n);
            return wrapper(a, "__imul__", k);
        } catch (Throwable t) {
            return fail(t, "*=");
        } finally {
            Native.xdecref(k);
        }
    }

    private static long subscript(long a, long key) {
        try {
            return wrapper(a, "__getitem__", key);
        } catch (Throwable t) {
            return fail(t, "subscript");
        }
    }

    private static int assSubscript(long a, long key, long v) {
        try {
            Native.decref(v == 0 ? wrapper(a, "__delitem__", key) : wrapper(a, "__setitem__", key, v));
            return 0;
        } catch (Throwable t) {
            fail(t, "subscript assignment");
            return -1;
        }
    }

    private static long remainder(long a, long b) {
        try {
            TypeKind k = Types.kindOf(a);
            if (k != TypeKind.BYTES && k != TypeKind.BYTEARRAY) {
                return Heap.newRef(Singletons.NOTIMPLEMENTED);
            }
            return BytesFormat.format(a, b);
        } catch (Throwable t) {
            return fail(t, "%");
        }
    }

    private static long richCompare(long a, long b, int op) {
        try {
            return wrapper(a, Slots.COMPARE[op], b);
        } catch (Throwable t) {
            return fail(t, "comparison");
        }
    }

    private static int getBuffer(long o, long view, int flags) {
        try {
            return BufferApi.PyObject_GetBuffer(o, view, flags);
        } catch (Throwable t) {
            Mem.putLong(view + 8, 0);
            fail(t, "getbuffer");
            return -1;
        }
    }

    private static void releaseBuffer(long o, long view) {
        try {
            Mem.putLong(o + BYTEARRAY_EXPORTS, Math.max(0, Mem.getLong(o + BYTEARRAY_EXPORTS) - 1));
        } catch (Throwable t) {
            fail(t, "releasebuffer");
        }
    }
}
