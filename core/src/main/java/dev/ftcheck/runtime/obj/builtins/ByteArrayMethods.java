package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Locks;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.math.BigInteger;

/**
 * bytearray: the read-only methods it shares with bytes (BytesMethods.table(true), results are bytearrays) and its
 * own mutating ones. The storage is CPython's (ob_bytes, ob_start, ob_alloc, ob_exports); every read and write of
 * it happens inside the object's critical section, as free-threaded CPython does, and a change of size while a
 * buffer is exported raises BufferError. Argument conversions that may run other code happen before locking.
 */
final class ByteArrayMethods {
    private ByteArrayMethods() {}

    // ---- storage ----

    /** A copy of the contents. */
    static byte[] get(long ba) {
        long cs = Locks.enter(ba);
        try {
            return Bytes.byteArrayValue(ba);
        } finally {
            Locks.exit(cs);
        }
    }

    /** Replaces the contents (a resize when the length changes). */
    static void store(long ba, byte[] v) {
        long cs = Locks.enter(ba);
        try {
            storeLocked(ba, v);
        } finally {
            Locks.exit(cs);
        }
    }

    private static void storeLocked(long ba, byte[] v) {
        resizeLocked(ba, v.length);
        if (v.length > 0) {
            Mem.putBytes(Mem.getLong(ba + BYTEARRAY_START), v);
        }
    }

    /**
     * New size, keeping the first bytes. The allocation policy is CPython's: shrinking below half the allocation
     * reallocates to fit, growing a little over-allocates by an eighth (plus 3 or 6), growing a lot fits exactly.
     */
    static void resizeLocked(long ba, long size) {
        long n = Heap.size(ba);
        if (size == n) {
            return;
        }
        if (Mem.getLong(ba + BYTEARRAY_EXPORTS) > 0) {
            throw new PyRaise(Exceptions.BufferError, "Existing exports of data: object cannot be re-sized");
        }
        long bytes = Mem.getLong(ba + BYTEARRAY_BYTES);
        long start = Mem.getLong(ba + BYTEARRAY_START);
        if (bytes != 0 && start != bytes) {
            Mem.copy(start, bytes, Math.min(n, size));
        }
        long alloc = Mem.getLong(ba + BYTEARRAY_ALLOC);
        long want = -1;
        if (size + 1 <= alloc) {
            if (size < alloc / 2) {
                want = size + 1;
            }
        } else if (size <= alloc + (alloc >> 3)) {
            want = size + (size >> 3) + (size < 9 ? 3 : 6);
        } else {
            want = size + 1;
        }
        if (want >= 0) {
            bytes = bytes == 0 ? Native.memMalloc(want) : Native.memRealloc(bytes, want);
            Mem.putLong(ba + BYTEARRAY_BYTES, bytes);
            Mem.putLong(ba + BYTEARRAY_ALLOC, want);
        }
        Mem.putLong(ba + BYTEARRAY_START, bytes);
        if (size > n) {
            Mem.fill(bytes + n, size - n, (byte) 0);
        }
        Mem.putLong(ba + OB_SIZE, size);
        Mem.putByte(bytes + size, (byte) 0);
    }

    // ---- conversions ----

    /** An int 0..255 (ValueError otherwise, TypeError for a non-integer). */
    static int byteValue(long o) {
        BigInteger v = Ints.index(o);
        if (v.signum() < 0 || v.bitLength() > 8) {
            throw PyRaise.valueError("byte must be in range(0, 256)");
        }
        return v.intValue();
    }

    private static byte[] intsOf(long[] items) {
        try {
            byte[] r = new byte[items.length];
            for (int i = 0; i < items.length; i++) {
                r[i] = (byte) byteValue(items[i]);
            }
            return r;
        } finally {
            for (long it : items) {
                Native.decref(it);
            }
        }
    }

    /** bytearray(x) (or bytes(x)) for one argument, by the bridge's PyByteArray_FromObject (PyBytes_FromObject). */
    private static byte[] fromObject(long x) {
        return fromObject(x, false);
    }

    private static byte[] fromObject(long x, boolean bytes) {
        String name = bytes ? "PyBytes_FromObject" : "PyByteArray_FromObject";
        long fn = dev.ftcheck.runtime.nat.Bridge.get().require(name);
        long r = Calls.checkResult(Downcalls.call1(fn, x), bytes ? "bytes" : "bytearray");
        try {
            return bytes ? Bytes.value(r) : Bytes.byteArrayValue(r);
        } finally {
            Native.decref(r);
        }
    }

    /** The right side of a slice assignment. */
    private static byte[] assignable(long v) {
        if (BytesMethods.isBytesLike(v)) {
            return BytesMethods.value(v);
        }
        if (Strs.isStr(v) || ObjectApiBridge.isNumber(v)) {
            throw PyRaise.typeError("can assign only bytes, buffers, or iterables of ints in range(0, 256)");
        }
        return fromObject(v);
    }

    /** bytearray(source=..., encoding=..., errors=...) contents. */
    static byte[] initial(long[] args, long kw) {
        return initial("bytearray", args, kw);
    }

    /** bytes(...) or bytearray(...) contents: name is the type's. */
    static byte[] initial(String name, long[] args, long kw) {
        boolean bytes = name.equals("bytes");
        long[] a = Args.clinic(name, args, kw, 0, "source", "encoding", "errors");
        long src = a[0], enc = a[1], err = a[2];
        if (enc != 0 && !Strs.isStr(enc)) {
            throw PyRaise.typeError("%s() argument 'encoding' must be str, not %s", name, Types.name(enc));
        }
        if (err != 0 && !Strs.isStr(err)) {
            throw PyRaise.typeError("%s() argument 'errors' must be str, not %s", name, Types.name(err));
        }
        if (src == 0) {
            if (enc != 0) {
                throw PyRaise.typeError("encoding without a string argument");
            }
            if (err != 0) {
                throw PyRaise.typeError("errors without a string argument");
            }
            return new byte[0];
        }
        if (Strs.isStr(src)) {
            if (enc == 0) {
                throw PyRaise.typeError("string argument without an encoding");
            }
            if (!Strs.isStr(enc)) {
                throw PyRaise.typeError("%s() argument 'encoding' must be str, not %s", name, Types.name(enc));
            }
            if (err != 0 && !Strs.isStr(err)) {
                throw PyRaise.typeError("%s() argument 'errors' must be str, not %s", name, Types.name(err));
            }
            try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                long e = arena.allocateFrom(Strs.value(enc)).address();
                long r = err == 0 ? 0 : arena.allocateFrom(Strs.value(err)).address();
                long encoded = Slots.checkPtr(dev.ftcheck.runtime.capi.UnicodeApi.PyUnicode_AsEncodedString(src, e, r));
                try {
                    return BytesMethods.value(encoded);
                } finally {
                    Native.decref(encoded);
                }
            }
        }
        if (enc != 0) {
            throw PyRaise.typeError("encoding without a string argument");
        }
        if (err != 0) {
            throw PyRaise.typeError("errors without a string argument");
        }
        if (bytes) {
            long method = Attributes.lookupInType(Heap.type(src), "__bytes__");
            if (method != 0) {
                long r = Calls.call(method, new long[] {src}, 0);
                try {
                    if (Types.kindOf(r) != TypeKind.BYTES) {
                        throw PyRaise.typeError("__bytes__ returned non-bytes (type %s)", Types.name(r));
                    }
                    return Bytes.value(r);
                } finally {
                    Native.decref(r);
                }
            }
        }
        if (bytes && Ints.isInt(src)) {
            long n = ContainerMethods.ssize(src);
            if (n < 0) {
                throw PyRaise.valueError("negative count");
            }
            return new byte[Math.toIntExact(n)];
        }
        return fromObject(src, bytes);
    }

    // ---- item and slice assignment ----

    private static void setItem(long self, long key, long value) {
        if (Ints.isInt(key)) {
            long i = ContainerMethods.ssize(key);
            int b = value == 0 ? -1 : byteValue(value);
            long cs = Locks.enter(self);
            try {
                long n = Heap.size(self);
                long j = i < 0 ? i + n : i;
                if (j < 0 || j >= n) {
                    throw PyRaise.indexError("bytearray index out of range");
                }
                if (value == 0) {
                    byte[] v = Bytes.byteArrayValue(self);
                    byte[] r = new byte[v.length - 1];
                    System.arraycopy(v, 0, r, 0, (int) j);
                    System.arraycopy(v, (int) j + 1, r, (int) j, (int) (n - j - 1));
                    storeLocked(self, r);
                } else {
                    Mem.putByte(Mem.getLong(self + BYTEARRAY_START) + j, (byte) b);
                }
            } finally {
                Locks.exit(cs);
            }
            return;
        }
        if (Types.kindOf(key) != TypeKind.SLICE) {
            throw PyRaise.typeError("bytearray indices must be integers or slices, not %s", Types.name(key));
        }
        byte[] src = value == 0 ? null : assignable(value);
        if (src != null && src.length == 0) {
            src = null; // assigning nothing deletes the slice, extended or not
        }
        long cs = Locks.enter(self);
        try {
            byte[] v = Bytes.byteArrayValue(self);
            long[] r = StrMethods.sliceIndices(key, v.length);
            long start = r[0], stop = r[1], step = r[2], count = r[3];
            if (step == 1) {
                if (stop < start) {
                    stop = start;
                }
                int add = src == null ? 0 : src.length;
                byte[] out = new byte[(int) (v.length - (stop - start) + add)];
                System.arraycopy(v, 0, out, 0, (int) start);
                if (add > 0) {
                    System.arraycopy(src, 0, out, (int) start, add);
                }
                System.arraycopy(v, (int) stop, out, (int) start + add, (int) (v.length - stop));
                storeLocked(self, out);
                return;
            }
            if (src == null) {
                boolean[] drop = new boolean[v.length];
                for (long i = start, k = 0; k < count; i += step, k++) {
                    drop[(int) i] = true;
                }
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                for (int i = 0; i < v.length; i++) {
                    if (!drop[i]) {
                        out.write(v[i]);
                    }
                }
                storeLocked(self, out.toByteArray());
                return;
            }
            if (src.length != count) {
                throw PyRaise.valueError("attempt to assign bytes of size %d to extended slice of size %d",
                        src.length, count);
            }
            long base = Mem.getLong(self + BYTEARRAY_START);
            for (long i = start, k = 0; k < count; i += step, k++) {
                Mem.putByte(base + i, src[(int) k]);
            }
        } finally {
            Locks.exit(cs);
        }
    }

    /** Appends extra under the lock. */
    private static void appendBytes(long self, byte[] extra) {
        long cs = Locks.enter(self);
        try {
            long n = Heap.size(self);
            resizeLocked(self, n + extra.length);
            if (extra.length > 0) {
                Mem.putBytes(Mem.getLong(self + BYTEARRAY_START) + n, extra);
            }
        } finally {
            Locks.exit(cs);
        }
    }

    private static int compareUnsigned(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }

    /** The six comparisons: against any buffer exporter, NotImplemented otherwise. */
    static void comparisons(BuiltinTable t) {
        for (int op = 0; op < 6; op++) {
            int o = op;
            t.slot(Slots.COMPARE[op], Slots.binary((self, other) -> {
                if (!BytesMethods.isBytesLike(other) || !BytesMethods.isBytesLike(self)) {
                    return Singletons.NOTIMPLEMENTED;
                }
                return Singletons.bool(compare(BytesMethods.value(self), BytesMethods.value(other), o));
            }));
        }
    }

    static boolean compare(byte[] a, byte[] b, int op) {
        int c = compareUnsigned(a, b);
        return Compare.outcome(c, op);
    }

    private static long reduce(long self, long proto) {
        long dict = Singletons.NONE;
        if (Heap.type(self) != Types.BYTEARRAY) {
            try {
                dict = Attributes.generic(self, "__dict__");
            } catch (PyRaise e) {
                if (!Types.isSubtype(e.type, Exceptions.AttributeError)) {
                    throw e;
                }
                dict = Singletons.NONE;
            }
        }
        byte[] v = get(self);
        long args = proto < 3
                ? Tuples.of(Strs.fromJava(new String(v, java.nio.charset.StandardCharsets.ISO_8859_1)),
                        Strs.fromJava("latin-1"))
                : Tuples.of(Bytes.fromJava(v));
        return Tuples.of(Heap.newRef(Heap.type(self)), args, dict);
    }

    static BuiltinTable bytearray() {
        BuiltinTable t = BytesMethods.table(true);
        t.value("__hash__", Singletons.NONE);
        t.slot("__init__", (self, args, kw) -> {
            store(self, initial(args, kw));
            return Singletons.NONE;
        });
        t.slot("__setitem__", (self, args, kw) -> {
            Slots.count(args, kw, 2);
            setItem(self, args[0], args[1]);
            return Singletons.NONE;
        });
        t.slot("__delitem__", Slots.binary((self, key) -> {
            setItem(self, key, 0);
            return Singletons.NONE;
        }));
        t.slot("__contains__", Slots.binary((self, x) -> Singletons.bool(contains(self, x))));
        t.slot("__iadd__", Slots.binary((self, other) -> {
            if (!BytesMethods.isBytesLike(other)) {
                throw PyRaise.typeError("can't concat %s to bytearray", Types.name(other));
            }
            appendBytes(self, BytesMethods.value(other));
            return Heap.newRef(self);
        }));
        t.slot("__imul__", Slots.binary((self, n) -> {
            long times = ContainerMethods.ssize(n);
            long cs = Locks.enter(self);
            try {
                storeLocked(self, BytesMethods.repeated(Bytes.byteArrayValue(self), times));
            } finally {
                Locks.exit(cs);
            }
            return Heap.newRef(self);
        }));
        t.slot("__release_buffer__", MemoryViews.releaseBufferWrapper());
        t.method("__alloc__", (self, args, kw) -> {
            Args.none("bytearray.__alloc__", args, kw);
            return Ints.fromLong(Mem.getLong(self + BYTEARRAY_ALLOC));
        });
        t.method("__sizeof__", (self, args, kw) -> {
            Args.none("bytearray.__sizeof__", args, kw);
            return Ints.fromLong(Mem.getLong(Heap.type(self) + TP_BASICSIZE) + Mem.getLong(self + BYTEARRAY_ALLOC));
        });
        t.method("__reduce__", (self, args, kw) -> {
            Args.none("bytearray.__reduce__", args, kw);
            return reduce(self, 2);
        });
        t.method("__reduce_ex__", (self, args, kw) -> {
            Args.positional("__reduce_ex__", args, kw, 0, 1);
            return reduce(self, args.length == 0 ? 0 : ContainerMethods.ssize(args[0]));
        });
        t.method("append", (self, args, kw) -> {
            int b = byteValue(Args.one("bytearray.append", args, kw));
            appendBytes(self, new byte[] {(byte) b});
            return Singletons.NONE;
        });
        t.method("extend", (self, args, kw) -> {
            long it = Args.one("bytearray.extend", args, kw);
            byte[] extra;
            if (BytesMethods.isBytesLike(it)) {
                extra = BytesMethods.value(it);
            } else if (Strs.isStr(it)) {
                throw PyRaise.typeError("expected iterable of integers; got: 'str'");
            } else {
                long[] items;
                try {
                    items = Iteration.toArray(it);
                } catch (PyRaise e) {
                    if (Types.isSubtype(e.type, Exceptions.TypeError) && !iterable(it)) {
                        throw PyRaise.typeError("can't extend bytearray with %s", Types.name(it));
                    }
                    throw e;
                }
                extra = intsOf(items);
            }
            appendBytes(self, extra);
            return Singletons.NONE;
        });
        t.method("insert", (self, args, kw) -> {
            Args.unpack("insert", args, kw, 2, 2);
            long i = ContainerMethods.ssize(args[0]);
            int b = byteValue(args[1]);
            long cs = Locks.enter(self);
            try {
                byte[] v = Bytes.byteArrayValue(self);
                long n = v.length;
                if (i < 0) {
                    i = Math.max(0, i + n);
                }
                i = Math.min(i, n);
                byte[] r = new byte[v.length + 1];
                System.arraycopy(v, 0, r, 0, (int) i);
                r[(int) i] = (byte) b;
                System.arraycopy(v, (int) i, r, (int) i + 1, (int) (n - i));
                storeLocked(self, r);
            } finally {
                Locks.exit(cs);
            }
            return Singletons.NONE;
        });
        t.method("pop", (self, args, kw) -> {
            Args.unpack("pop", args, kw, 0, 1);
            long i = args.length == 0 ? -1 : ContainerMethods.ssize(args[0]);
            long cs = Locks.enter(self);
            try {
                byte[] v = Bytes.byteArrayValue(self);
                if (v.length == 0) {
                    throw PyRaise.indexError("pop from empty bytearray");
                }
                long j = i < 0 ? i + v.length : i;
                if (j < 0 || j >= v.length) {
                    throw PyRaise.indexError("pop index out of range");
                }
                int b = v[(int) j] & 0xff;
                byte[] r = new byte[v.length - 1];
                System.arraycopy(v, 0, r, 0, (int) j);
                System.arraycopy(v, (int) j + 1, r, (int) j, (int) (v.length - j - 1));
                storeLocked(self, r);
                return Ints.fromLong(b);
            } finally {
                Locks.exit(cs);
            }
        });
        t.method("remove", (self, args, kw) -> {
            int b = byteValue(Args.one("bytearray.remove", args, kw));
            long cs = Locks.enter(self);
            try {
                byte[] v = Bytes.byteArrayValue(self);
                for (int j = 0; j < v.length; j++) {
                    if ((v[j] & 0xff) == b) {
                        byte[] r = new byte[v.length - 1];
                        System.arraycopy(v, 0, r, 0, j);
                        System.arraycopy(v, j + 1, r, j, v.length - j - 1);
                        storeLocked(self, r);
                        return Singletons.NONE;
                    }
                }
                throw PyRaise.valueError("value not found in bytearray");
            } finally {
                Locks.exit(cs);
            }
        });
        t.method("reverse", (self, args, kw) -> {
            Args.none("bytearray.reverse", args, kw);
            long cs = Locks.enter(self);
            try {
                byte[] v = Bytes.byteArrayValue(self);
                byte[] r = new byte[v.length];
                for (int i = 0; i < v.length; i++) {
                    r[i] = v[v.length - 1 - i];
                }
                storeLocked(self, r);
            } finally {
                Locks.exit(cs);
            }
            return Singletons.NONE;
        });
        t.method("clear", (self, args, kw) -> {
            Args.none("bytearray.clear", args, kw);
            store(self, new byte[0]);
            return Singletons.NONE;
        });
        t.method("copy", (self, args, kw) -> {
            Args.none("bytearray.copy", args, kw);
            return Bytes.newByteArrayFrom(get(self));
        });
        return t;
    }

    private static boolean iterable(long o) {
        return Mem.getLong(Heap.type(o) + TP_ITER) != 0
                || Attributes.lookupInType(Heap.type(o), "__getitem__") != 0;
    }

    /** x in self: an int is a byte, anything else must be a buffer. */
    static boolean contains(long self, long x) {
        byte[] v = BytesMethods.value(self);
        if (Ints.isInt(x)) {
            int b = byteValue(x);
            for (byte c : v) {
                if ((c & 0xff) == b) {
                    return true;
                }
            }
            return false;
        }
        if (!BytesMethods.isBytesLike(x)) {
            throw PyRaise.typeError("a bytes-like object is required, not '%s'", Types.name(x));
        }
        byte[] sub = BytesMethods.value(x);
        outer:
        for (int i = 0; i + sub.length <= v.length; i++) {
            for (int k = 0; k < sub.length; k++) {
                if (v[i + k] != sub[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Installs the table and the constructor. */
    static void init() {
        bytearray().install(Types.BYTEARRAY);
        BuiltinTable.constructor(Types.BYTEARRAY, (type, args, kw) -> {
            byte[] v = initial(args, kw);
            return Bytes.newByteArrayFrom(v);
        });
        if (Mem.getLong(Types.BYTES + TP_NEW) == 0 && BuiltinTable.constructor(Types.BYTES) == null) {
            BuiltinTable.constructor(Types.BYTES, (type, args, kw) -> Bytes.fromJava(initial("bytes", args, kw)));
        }
    }

    /** Small helpers over ObjectApi kept here so the conversions above read plainly. */
    private static final class ObjectApiBridge {
        static boolean isNumber(long o) {
            return dev.ftcheck.runtime.capi.AbstractApi.PyNumber_Check(o) != 0;
        }
    }
}
