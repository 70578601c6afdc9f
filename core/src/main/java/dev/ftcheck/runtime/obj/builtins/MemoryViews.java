package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.capi.BufferApi;
import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
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
import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;

/**
 * memoryview, laid out as CPython 3.13's PyMemoryViewObject (free-threaded header): mbuf 40, hash 48, flags 56,
 * exports 64, view (a Py_buffer) 72, weakreflist 152, then ob_array (shape, strides, suboffsets: ndim each) 160.
 * Views share a managed buffer (CPython's _PyManagedBufferObject: flags 32, exports 40, master Py_buffer 48) that
 * holds the exporter's buffer until the last view on it is released. The type carries real C slots (repr, hash,
 * richcompare, iter, sequence, mapping, buffer, dealloc), so the generic protocols reach it like an extension
 * type; the dict's wrappers call the same code.
 */
public final class MemoryViews {
    static final long MBUF = 40, HASH = 48, FLAGS = 56, EXPORTS = 64, VIEW = 72, ARRAY = 160;
    private static final long MB_FLAGS = 32, MB_EXPORTS = 40, MB_MASTER = 48, MB_SIZE = 128;
    /** Py_buffer fields. */
    private static final long V_BUF = 0, V_OBJ = 8, V_LEN = 16, V_ITEMSIZE = 24, V_READONLY = 32, V_NDIM = 36,
            V_FORMAT = 40, V_SHAPE = 48, V_STRIDES = 56, V_SUBOFFSETS = 64, V_SIZE = 80;
    private static final int RELEASED = 1, C = 2, FORTRAN = 4, SCALAR = 8, PIL = 16;
    private static final int PyBUF_WRITABLE = 0x1, PyBUF_FORMAT = 0x4, PyBUF_ND = 0x8, PyBUF_STRIDES = 0x18,
            PyBUF_C_CONTIGUOUS = 0x38, PyBUF_F_CONTIGUOUS = 0x58, PyBUF_ANY_CONTIGUOUS = 0x98,
            PyBUF_INDIRECT = 0x118, PyBUF_FULL_RO = 0x11c;
    private static final String NATIVE = "cbB?hHiIlLqQnNfdP";
    private static final ConcurrentHashMap<String, Long> FORMATS = new ConcurrentHashMap<>();

    static long TYPE, MBUF_TYPE, ITER_TYPE;

    private MemoryViews() {}

    // ---- the types ----

    static void init() {
        Bridge bridge = Bridge.get();
        MBUF_TYPE = newType(null, "managedbuffer", MB_SIZE, 0);
        Mem.putLong(MBUF_TYPE + TP_DEALLOC, stub("mbufDealloc", FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG),
                MethodType.methodType(void.class, long.class)));
        long t = newType(bridge, "memoryview", ARRAY, 8);
        TYPE = t;
        FunctionDescriptor pp = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
        MethodType jpp = MethodType.methodType(long.class, long.class);
        Mem.putLong(t + TP_DEALLOC, stub("deallocSlot", FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG),
                MethodType.methodType(void.class, long.class)));
        Mem.putLong(t + TP_REPR, stub("reprSlot", pp, jpp));
        Mem.putLong(t + TP_HASH, stub("hashSlot", pp, jpp));
        Mem.putLong(t + TP_ITER, stub("iterSlot", pp, jpp));
        Mem.putLong(t + TP_RICHCOMPARE, stub("compareSlot", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
                MethodType.methodType(long.class, long.class, long.class, int.class)));
        long seq = Arena.global().allocate(80, 8).address();
        long lengthStub = stub("lengthSlot", pp, jpp);
        Mem.putLong(seq + SQ_LENGTH, lengthStub);
        Mem.putLong(seq + SQ_ITEM, stub("itemSlot", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG), MethodType.methodType(long.class, long.class, long.class)));
        Mem.putLong(t + TP_AS_SEQUENCE, seq);
        long map = Arena.global().allocate(24, 8).address();
        Mem.putLong(map + MP_LENGTH, lengthStub);
        Mem.putLong(map + MP_SUBSCRIPT, stub("subscriptSlot", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), MethodType.methodType(long.class, long.class,
                long.class)));
        Mem.putLong(map + 16, stub("assignSlot", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), MethodType.methodType(int.class, long.class, long.class,
                long.class)));
        Mem.putLong(t + TP_AS_MAPPING, map);
        long bf = Arena.global().allocate(16, 8).address();
        Mem.putLong(bf, stub("getBufferSlot", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT), MethodType.methodType(int.class, long.class, long.class,
                int.class)));
        Mem.putLong(bf + 8, stub("releaseBufferSlot", FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG), MethodType.methodType(void.class, long.class, long.class)));
        Mem.putLong(t + TP_AS_BUFFER, bf);
        table().install(t);
        BuiltinTable.constructor(t, (type, args, kw) -> {
            long[] a = Args.clinic("memoryview", args, kw, 1, "object");
            return fromObject(a[0]);
        });
        ITER_TYPE = IteratorTypes.MEMORY;
    }

    private static long newType(Bridge bridge, String name, long basicSize, long itemSize) {
        long t = bridge == null ? 0 : bridge.symbol("PyMemoryView_Type");
        if (t == 0) {
            t = Arena.global().allocate(HEAPTYPE_SIZE, 16).address();
        }
        Mem.putLong(t + OB_TID, 0);
        Mem.putInt(t + OB_REF_LOCAL, IMMORTAL_LOCAL);
        Mem.putLong(t + OB_TYPE, Types.TYPE);
        Mem.putLong(t + TP_NAME, Arena.global().allocateFrom(name).address());
        Mem.putLong(t + TP_BASICSIZE, basicSize);
        Mem.putLong(t + TP_ITEMSIZE, itemSize);
        Mem.putLong(t + TP_FLAGS, TPF_READY | TPF_IMMUTABLETYPE | TPF_STATIC_BUILTIN
                | (name.equals("memoryview") ? TPF_SEQUENCE : 0));
        Mem.putLong(t + TP_BASE, Types.OBJECT);
        Mem.putLong(t + TP_FREE, Bridge.get().require("PyObject_Free"));
        Mem.putLong(t + TP_GETATTRO, Mem.getLong(Types.OBJECT + TP_GETATTRO));
        Mem.putLong(t + TP_SETATTRO, Mem.getLong(Types.OBJECT + TP_SETATTRO));
        Types.register(t, TypeKind.EXTENSION);
        return t;
    }

    private static long stub(String method, FunctionDescriptor fd, MethodType type) {
        try {
            var h = MethodHandles.lookup().findStatic(MemoryViews.class, method, type);
            return Linker.nativeLinker().upcallStub(h, fd, Arena.global()).address();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isMemoryView(long o) {
        return TYPE != 0 && Heap.type(o) == TYPE;
    }

    // ---- creation ----

    private static long newMbuf() {
        return Heap.alloc(MBUF_TYPE, MB_SIZE);
    }

    /** A managed buffer holding obj's buffer for flags. */
    private static long mbufFrom(long obj, int flags) {
        long mb = newMbuf();
        try {
            BufferApi.PyObject_GetBuffer(obj, mb + MB_MASTER, flags);
        } catch (RuntimeException e) {
            Mem.putInt(mb + MB_FLAGS, RELEASED);
            Native.decref(mb);
            throw e;
        }
        return mb;
    }

    /** A new view registered on mbuf, room for ndim dimensions, the shared fields copied from src. */
    private static long allocView(long mbuf, long src, int ndim) {
        long m = Heap.alloc(TYPE, ARRAY + 8L * Math.max(1, 3 * ndim));
        Mem.putLong(m + OB_SIZE, 3L * ndim);
        Mem.putLong(m + HASH, -1);
        long v = m + VIEW;
        Mem.putLong(v + V_BUF, Mem.getLong(src + V_BUF));
        Mem.putLong(v + V_OBJ, Mem.getLong(src + V_OBJ)); // borrowed: the managed buffer owns the exporter
        Mem.putLong(v + V_LEN, Mem.getLong(src + V_LEN));
        Mem.putLong(v + V_ITEMSIZE, Mem.getLong(src + V_ITEMSIZE));
        Mem.putInt(v + V_READONLY, Mem.getInt(src + V_READONLY));
        long format = Mem.getLong(src + V_FORMAT);
        Mem.putLong(v + V_FORMAT, format == 0 ? cFormat("B") : format);
        Mem.putInt(v + V_NDIM, ndim);
        Mem.putLong(v + V_SHAPE, m + ARRAY);
        Mem.putLong(v + V_STRIDES, m + ARRAY + 8L * ndim);
        Mem.putLong(v + V_SUBOFFSETS, 0);
        Mem.putLong(m + MBUF, Heap.newRef(mbuf));
        long cs = dev.ftcheck.runtime.obj.Locks.enter(mbuf);
        try {
            Mem.putLong(mbuf + MB_EXPORTS, Mem.getLong(mbuf + MB_EXPORTS) + 1);
        } finally {
            dev.ftcheck.runtime.obj.Locks.exit(cs);
        }
        return m;
    }

    /** CPython's mbuf_add_view: a view equal to src (shape and strides filled in when src lacks them). */
    private static long fromMbuf(long mbuf, long src) {
        int ndim = Mem.getInt(src + V_NDIM);
        long m = allocView(mbuf, src, ndim);
        long v = m + VIEW;
        long shape = Mem.getLong(src + V_SHAPE), strides = Mem.getLong(src + V_STRIDES);
        long subs = Mem.getLong(src + V_SUBOFFSETS);
        long itemsize = Mem.getLong(src + V_ITEMSIZE);
        if (ndim == 1 && shape == 0) {
            Mem.putLong(m + ARRAY, itemsize == 0 ? 0 : Mem.getLong(src + V_LEN) / itemsize);
        } else {
            for (int k = 0; k < ndim; k++) {
                Mem.putLong(m + ARRAY + 8L * k, Mem.getLong(shape + 8L * k));
            }
        }
        if (strides == 0) {
            long sd = itemsize;
            for (int k = ndim - 1; k >= 0; k--) {
                Mem.putLong(m + ARRAY + 8L * (ndim + k), sd);
                sd *= Mem.getLong(m + ARRAY + 8L * k);
            }
        } else {
            for (int k = 0; k < ndim; k++) {
                Mem.putLong(m + ARRAY + 8L * (ndim + k), Mem.getLong(strides + 8L * k));
            }
        }
        if (subs != 0) {
            for (int k = 0; k < ndim; k++) {
                Mem.putLong(m + ARRAY + 8L * (2 * ndim + k), Mem.getLong(subs + 8L * k));
            }
            Mem.putLong(v + V_SUBOFFSETS, m + ARRAY + 16L * ndim);
        }
        initFlags(m);
        return m;
    }

    /** memoryview(obj) / PyMemoryView_FromObject. */
    public static long fromObject(long obj) {
        if (isMemoryView(obj)) {
            checkReleased(obj);
            return fromMbuf(Mem.getLong(obj + MBUF), obj + VIEW);
        }
        if (BufferApi.PyObject_CheckBuffer(obj) == 0) {
            throw PyRaise.typeError("memoryview: a bytes-like object is required, not '%s'", Types.name(obj));
        }
        return fromFlags(obj, PyBUF_FULL_RO);
    }

    /** A view on a fresh buffer of obj for flags (__buffer__, _from_flags). */
    static long fromFlags(long obj, int flags) {
        long mb = mbufFrom(obj, flags);
        try {
            return fromMbuf(mb, mb + MB_MASTER);
        } finally {
            Native.decref(mb);
        }
    }

    /** PyMemoryView_FromMemory: a view of raw memory, PyBUF_READ or PyBUF_WRITE. */
    public static long fromMemory(long mem, long size, int flags) {
        if (flags != 0x100 && flags != 0x200) {
            throw PyRaise.systemError("PyMemoryView_FromMemory: flags must be PyBUF_READ or PyBUF_WRITE");
        }
        long mb = newMbuf();
        try {
            BufferApi.PyBuffer_FillInfo(mb + MB_MASTER, 0, mem, size, flags == 0x200 ? 0 : 1, PyBUF_FULL_RO);
            return fromMbuf(mb, mb + MB_MASTER);
        } finally {
            Native.decref(mb);
        }
    }

    /** PyMemoryView_FromBuffer: a view of a filled Py_buffer whose obj (if any) is not owned by the view. */
    public static long fromBuffer(long info) {
        if (info == 0) {
            throw PyRaise.badInternalCall();
        }
        if (Mem.getLong(info + V_BUF) == 0) {
            throw PyRaise.valueError("PyMemoryView_FromBuffer(): info->buf must not be NULL");
        }
        long mb = newMbuf();
        try {
            Mem.copy(info, mb + MB_MASTER, V_SIZE);
            Mem.putLong(mb + MB_MASTER + V_OBJ, 0);
            return fromMbuf(mb, mb + MB_MASTER);
        } finally {
            Native.decref(mb);
        }
    }

    /** PyMemoryView_GetContiguous: a view of obj when contiguous in order, else (read-only) of a copy. */
    public static long getContiguous(long obj, int bufferType, char order) {
        if (bufferType != 0x100 && bufferType != 0x200) {
            throw PyRaise.systemError("PyMemoryView_GetContiguous: buffertype must be PyBUF_READ or PyBUF_WRITE");
        }
        long m = fromObject(obj);
        if (bufferType == 0x200 && Mem.getInt(m + VIEW + V_READONLY) != 0) {
            Native.decref(m);
            throw new PyRaise(Exceptions.BufferError, "underlying buffer is not writable");
        }
        if (contiguous(m, order)) {
            return m;
        }
        try {
            if (bufferType == 0x200) {
                throw new PyRaise(Exceptions.BufferError,
                        "writable contiguous buffer requested for a non-contiguous object.");
            }
            long copy = Bytes.fromJava(gather(m, order == 'F' ? 'F' : 'C'));
            long flat = fromObject(copy);
            Native.decref(copy);
            String fmt = format(m);
            if (fmt.equals("B") && ndim(m) == 1) {
                return flat;
            }
            long shape = Tuples.create(ndim(m));
            for (int k = 0; k < ndim(m); k++) {
                Tuples.set(shape, k, Ints.fromLong(shape(m)[k]));
            }
            try {
                return cast(flat, fmt, shape);
            } finally {
                Native.decref(shape);
                Native.decref(flat);
            }
        } finally {
            Native.decref(m);
        }
    }

    // ---- fields ----

    static int ndim(long m) {
        return Mem.getInt(m + VIEW + V_NDIM);
    }

    static long itemsize(long m) {
        return Mem.getLong(m + VIEW + V_ITEMSIZE);
    }

    static long[] shape(long m) {
        return array(Mem.getLong(m + VIEW + V_SHAPE), ndim(m));
    }

    static long[] strides(long m) {
        return array(Mem.getLong(m + VIEW + V_STRIDES), ndim(m));
    }

    private static long[] suboffsets(long m) {
        long p = Mem.getLong(m + VIEW + V_SUBOFFSETS);
        return p == 0 ? null : array(p, ndim(m));
    }

    private static long[] array(long p, int n) {
        long[] r = new long[n];
        for (int i = 0; i < n && p != 0; i++) {
            r[i] = Mem.getLong(p + 8L * i);
        }
        return r;
    }

    static String format(long m) {
        long f = Mem.getLong(m + VIEW + V_FORMAT);
        return f == 0 ? "B" : Mem.cString(f);
    }

    private static long cFormat(String f) {
        return FORMATS.computeIfAbsent(f, k -> Arena.global().allocateFrom(k).address());
    }

    private static boolean released(long m) {
        return (Mem.getInt(m + FLAGS) & RELEASED) != 0
                || (Mem.getInt(Mem.getLong(m + MBUF) + MB_FLAGS) & RELEASED) != 0;
    }

    static void checkReleased(long m) {
        if (released(m)) {
            throw PyRaise.valueError("operation forbidden on released memoryview object");
        }
    }

    /** The struct code of a native single-character format ("B", "@i"), or 0. */
    private static char code(String f) {
        String s = f.length() == 2 && f.charAt(0) == '@' ? f.substring(1) : f;
        return s.length() == 1 && NATIVE.indexOf(s.charAt(0)) >= 0 ? s.charAt(0) : 0;
    }

    private static int sizeOf(char c) {
        return switch (c) {
            case 'c', 'b', 'B', '?' -> 1;
            case 'h', 'H' -> 2;
            case 'i', 'I', 'f' -> 4;
            default -> 8;
        };
    }

    private static boolean isByteFormat(char c) {
        return c == 'B' || c == 'b' || c == 'c';
    }

    private static boolean cContiguous(long[] shape, long[] strides, long itemsize) {
        long sd = itemsize;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] > 1 && strides[i] != sd) {
                return false;
            }
            sd *= shape[i];
        }
        return true;
    }

    private static boolean fContiguous(long[] shape, long[] strides, long itemsize) {
        long sd = itemsize;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > 1 && strides[i] != sd) {
                return false;
            }
            sd *= shape[i];
        }
        return true;
    }

    private static void initFlags(long m) {
        int nd = ndim(m);
        long[] shape = shape(m), strides = strides(m);
        long itemsize = itemsize(m);
        int flags = Mem.getInt(m + FLAGS) & RELEASED;
        boolean empty = Mem.getLong(m + VIEW + V_LEN) == 0;
        if (nd == 0) {
            flags |= SCALAR | C | FORTRAN;
        } else if (nd == 1) {
            if (shape[0] == 1 || strides[0] == itemsize) {
                flags |= C | FORTRAN;
            }
        } else {
            if (empty || cContiguous(shape, strides, itemsize)) {
                flags |= C;
            }
            if (empty || fContiguous(shape, strides, itemsize)) {
                flags |= FORTRAN;
            }
        }
        if (Mem.getLong(m + VIEW + V_SUBOFFSETS) != 0) {
            flags |= PIL;
            flags &= ~(C | FORTRAN);
        }
        Mem.putInt(m + FLAGS, flags);
    }

    private static boolean contiguous(long m, char order) {
        int f = Mem.getInt(m + FLAGS);
        return switch (order) {
            case 'C' -> (f & C) != 0;
            case 'F' -> (f & FORTRAN) != 0;
            default -> (f & (C | FORTRAN)) != 0;
        };
    }

    // ---- elements ----

    /** The address of the element at idx (one index per dimension). */
    private static long address(long m, long[] idx) {
        long p = Mem.getLong(m + VIEW + V_BUF);
        long[] strides = strides(m), subs = suboffsets(m);
        for (int k = 0; k < idx.length; k++) {
            p += strides[k] * idx[k];
            if (subs != null && subs[k] >= 0) {
                p = Mem.getLong(p) + subs[k];
            }
        }
        return p;
    }

    private static char requireCode(long m, String what) {
        char c = code(format(m));
        if (c == 0) {
            throw new PyRaise(Exceptions.NotImplementedError, "memoryview: " + what + " " + format(m));
        }
        return c;
    }

    /** The Python value of the element at p. */
    private static long unpack(long p, char c) {
        return switch (c) {
            case 'B' -> Ints.fromLong(Mem.getByte(p) & 0xff);
            case 'b' -> Ints.fromLong(Mem.getByte(p));
            case 'c' -> Bytes.fromJava(new byte[] {Mem.getByte(p)});
            case '?' -> Singletons.bool(Mem.getByte(p) != 0);
            case 'h' -> Ints.fromLong(Mem.getShort(p));
            case 'H' -> Ints.fromLong(Mem.getShort(p) & 0xffff);
            case 'i' -> Ints.fromLong(Mem.getInt(p));
            case 'I' -> Ints.fromLong(Integer.toUnsignedLong(Mem.getInt(p)));
            case 'l', 'q', 'n' -> Ints.fromLong(Mem.getLong(p));
            case 'L', 'Q', 'N', 'P' -> Ints.fromUnsigned(Mem.getLong(p));
            case 'f' -> Floats.fromDouble(Mem.getFloat(p));
            default -> Floats.fromDouble(Mem.getDouble(p)); // 'd'
        };
    }

    /** Stores a Python value at p with CPython's memoryview messages. */
    private static void pack(long p, char c, String fmt, long value) {
        PyRaise badType = PyRaise.typeError("memoryview: invalid type for format '%s'", fmt);
        PyRaise badValue = PyRaise.valueError("memoryview: invalid value for format '%s'", fmt);
        switch (c) {
            case 'c' -> {
                if (Types.kindOf(value) != TypeKind.BYTES) {
                    throw badType;
                }
                byte[] b = Bytes.value(value);
                if (b.length != 1) {
                    throw badValue;
                }
                Mem.putByte(p, b[0]);
            }
            case '?' -> Mem.putByte(p, (byte) (Protocols.isTrue(value) ? 1 : 0));
            case 'f', 'd' -> {
                double d;
                if (Floats.isFloat(value) || Ints.isInt(value)) {
                    d = Floats.asDouble(value);
                } else {
                    throw badType;
                }
                if (c == 'f') {
                    Mem.putFloat(p, (float) d);
                } else {
                    Mem.putDouble(p, d);
                }
            }
            default -> {
                if (!Ints.isInt(value)) {
                    throw badType;
                }
                BigInteger v = Ints.value(value);
                boolean unsigned = "BHILQNP".indexOf(c) >= 0;
                int bits = sizeOf(c) * 8;
                BigInteger lo = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
                BigInteger hi = unsigned ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                        : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
                if (v.compareTo(lo) < 0 || v.compareTo(hi) > 0) {
                    throw badValue;
                }
                long x = v.longValue();
                switch (sizeOf(c)) {
                    case 1 -> Mem.putByte(p, (byte) x);
                    case 2 -> Mem.putShort(p, (short) x);
                    case 4 -> Mem.putInt(p, (int) x);
                    default -> Mem.putLong(p, x);
                }
            }
        }
    }

    /** All elements' bytes in C (or Fortran) order. */
    static byte[] gather(long m, char order) {
        int nd = ndim(m);
        long itemsize = itemsize(m);
        if (nd == 0) {
            return Mem.bytes(Mem.getLong(m + VIEW + V_BUF), itemsize);
        }
        long[] shape = shape(m);
        long total = 1;
        for (long s : shape) {
            total *= s;
        }
        byte[] out = new byte[(int) (total * itemsize)];
        if (total == 0) {
            return out;
        }
        long[] idx = new long[nd];
        for (long e = 0; e < total; e++) {
            byte[] item = Mem.bytes(address(m, idx), itemsize);
            System.arraycopy(item, 0, out, (int) (e * itemsize), (int) itemsize);
            for (int j = 0; j < nd; j++) {
                int k = order == 'F' ? j : nd - 1 - j;
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return out;
    }

    /** The bytes of any buffer exporter, in C order. */
    static byte[] bufferBytes(long o) {
        if (isMemoryView(o)) {
            checkReleased(o);
            return gather(o, 'C');
        }
        long m = fromObject(o);
        try {
            return gather(m, 'C');
        } finally {
            release(m);
            Native.decref(m);
        }
    }

    private static long toList(long m, char c, int dim, long[] idx) {
        long[] shape = shape(m);
        long l = Lists.create(shape[dim]);
        for (long i = 0; i < shape[dim]; i++) {
            idx[dim] = i;
            Lists.set(l, i, dim == idx.length - 1 ? unpack(address(m, idx), c) : toList(m, c, dim + 1, idx));
        }
        return l;
    }

    static long toList(long m) {
        checkReleased(m);
        char c = requireCode(m, "unsupported format");
        if (ndim(m) == 0) {
            return unpack(Mem.getLong(m + VIEW + V_BUF), c);
        }
        return toList(m, c, 0, new long[ndim(m)]);
    }

    // ---- indexing ----

    private static long index1(long m, long key) {
        long i = ContainerMethods.ssize(key);
        long n = shape(m)[0];
        if (i < 0) {
            i += n;
        }
        if (i < 0 || i >= n) {
            throw PyRaise.indexError("index out of bounds on dimension 1");
        }
        return i;
    }

    /** A tuple of ints as one index per dimension. */
    private static long[] multiIndex(long m, long key) {
        int n = (int) Tuples.size(key);
        int nd = ndim(m);
        for (int k = 0; k < n; k++) {
            if (Types.kindOf(Tuples.get(key, k)) == TypeKind.SLICE) {
                throw new PyRaise(Exceptions.NotImplementedError, "multi-dimensional slicing is not implemented");
            }
        }
        if (n < nd) {
            throw new PyRaise(Exceptions.NotImplementedError, "sub-views are not implemented");
        }
        if (n > nd) {
            throw PyRaise.typeError("cannot index %d-dimension view with %d-element tuple", nd, n);
        }
        long[] shape = shape(m);
        long[] idx = new long[n];
        for (int k = 0; k < n; k++) {
            long item = Tuples.get(key, k);
            if (!Ints.isInt(item)) {
                throw PyRaise.typeError("memoryview: invalid slice key");
            }
            long i = ContainerMethods.ssize(item);
            if (i < 0) {
                i += shape[k];
            }
            if (i < 0 || i >= shape[k]) {
                throw PyRaise.indexError(String.format("index out of bounds on dimension %d", k + 1));
            }
            idx[k] = i;
        }
        return idx;
    }

    static long getItem(long m, long key) {
        checkReleased(m);
        int nd = ndim(m);
        if (nd == 0) {
            if (key == Singletons.ELLIPSIS) {
                return Heap.newRef(m);
            }
            if (Tuples.isTuple(key) && Tuples.size(key) == 0) {
                return unpack(Mem.getLong(m + VIEW + V_BUF), requireCode(m, "format"));
            }
            throw PyRaise.typeError("invalid indexing of 0-dim memory");
        }
        if (Ints.isInt(key)) {
            if (nd != 1) {
                throw new PyRaise(Exceptions.NotImplementedError, "multi-dimensional sub-views are not implemented");
            }
            char c = requireCode(m, "format");
            return unpack(address(m, new long[] {index1(m, key)}), c);
        }
        if (Types.kindOf(key) == TypeKind.SLICE) {
            return slice(m, key);
        }
        if (key == Singletons.ELLIPSIS) {
            return Heap.newRef(m);
        }
        if (Tuples.isTuple(key)) {
            long[] idx = multiIndex(m, key);
            return unpack(address(m, idx), requireCode(m, "format"));
        }
        throw PyRaise.typeError("memoryview: invalid slice key");
    }

    /** m[start:stop:step] on the first dimension: a new view on the same managed buffer. */
    private static long slice(long m, long key) {
        long s = fromMbuf(Mem.getLong(m + MBUF), m + VIEW);
        long[] r = StrMethods.sliceIndices(key, shape(m)[0]);
        long stride = strides(m)[0];
        long view = s + VIEW;
        Mem.putLong(view + V_BUF, Mem.getLong(view + V_BUF) + r[0] * stride);
        Mem.putLong(s + ARRAY, r[3]);
        Mem.putLong(s + ARRAY + 8L * ndim(m), stride * r[2]);
        long len = itemsize(m);
        for (long d : shape(s)) {
            len *= d;
        }
        Mem.putLong(view + V_LEN, len);
        initFlags(s);
        return s;
    }

    static void setItem(long m, long key, long value) {
        checkReleased(m);
        if (Mem.getInt(m + VIEW + V_READONLY) != 0) {
            throw PyRaise.typeError("cannot modify read-only memory");
        }
        if (value == 0) {
            throw PyRaise.typeError("cannot delete memory");
        }
        int nd = ndim(m);
        String fmt = format(m);
        if (nd == 0) {
            if (key == Singletons.ELLIPSIS || (Tuples.isTuple(key) && Tuples.size(key) == 0)) {
                pack(Mem.getLong(m + VIEW + V_BUF), requireCode(m, "format"), fmt, value);
                return;
            }
            throw PyRaise.typeError("invalid indexing of 0-dim memory");
        }
        if (Ints.isInt(key)) {
            if (nd != 1) {
                throw new PyRaise(Exceptions.NotImplementedError, "sub-views are not implemented");
            }
            char c = requireCode(m, "format");
            pack(address(m, new long[] {index1(m, key)}), c, fmt, value);
            return;
        }
        if (Types.kindOf(key) == TypeKind.SLICE) {
            if (nd != 1) {
                throw new PyRaise(Exceptions.NotImplementedError,
                        "memoryview slice assignments are currently restricted to ndim = 1");
            }
            long dest = slice(m, key);
            try {
                long src = fromObject(value);
                try {
                    String sf = format(src), df = format(dest);
                    boolean sameFormat = code(sf) != 0 && code(sf) == code(df) || sf.equals(df);
                    if (!sameFormat || itemsize(src) != itemsize(dest) || ndim(src) != 1
                            || shape(src)[0] != shape(dest)[0]) {
                        throw PyRaise.valueError("memoryview assignment: lvalue and rvalue have different structures");
                    }
                    byte[] data = gather(src, 'C');
                    long n = shape(dest)[0], size = itemsize(dest);
                    for (long i = 0; i < n; i++) {
                        byte[] item = java.util.Arrays.copyOfRange(data, (int) (i * size), (int) ((i + 1) * size));
                        Mem.putBytes(address(dest, new long[] {i}), item);
                    }
                } finally {
                    release(src);
                    Native.decref(src);
                }
            } finally {
                release(dest);
                Native.decref(dest);
            }
            return;
        }
        if (Tuples.isTuple(key)) {
            long[] idx = multiIndex(m, key);
            pack(address(m, idx), requireCode(m, "format"), fmt, value);
            return;
        }
        throw PyRaise.typeError("memoryview: invalid slice key");
    }

    static long length(long m) {
        checkReleased(m);
        if (ndim(m) == 0) {
            throw PyRaise.typeError("0-dim memory has no length");
        }
        return shape(m)[0];
    }

    // ---- release and the buffer protocol ----

    /** memoryview.release(), inside the view's critical section (and the managed buffer's for its count). */
    static void release(long m) {
        long cs = dev.ftcheck.runtime.obj.Locks.enter(m);
        try {
            releaseLocked(m);
        } finally {
            dev.ftcheck.runtime.obj.Locks.exit(cs);
        }
    }

    private static void releaseLocked(long m) {
        int flags = Mem.getInt(m + FLAGS);
        if ((flags & RELEASED) != 0) {
            return;
        }
        long exports = Mem.getLong(m + EXPORTS);
        if (exports > 0) {
            throw new PyRaise(Exceptions.BufferError, String.format("memoryview has %d exported buffer%s", exports,
                    exports == 1 ? "" : "s"));
        }
        Mem.putInt(m + FLAGS, flags | RELEASED);
        long mb = Mem.getLong(m + MBUF);
        long n;
        long cs = dev.ftcheck.runtime.obj.Locks.enter(mb);
        try {
            n = Mem.getLong(mb + MB_EXPORTS) - 1;
            Mem.putLong(mb + MB_EXPORTS, n);
        } finally {
            dev.ftcheck.runtime.obj.Locks.exit(cs);
        }
        if (n == 0) {
            releaseMbuf(mb);
        }
    }

    private static void releaseMbuf(long mb) {
        int f = Mem.getInt(mb + MB_FLAGS);
        if ((f & RELEASED) != 0) {
            return;
        }
        Mem.putInt(mb + MB_FLAGS, f | RELEASED);
        BufferApi.PyBuffer_Release(mb + MB_MASTER);
    }

    /** memoryview's bf_getbuffer (CPython's checks and messages). */
    static void getBuffer(long m, long view, int flags) {
        long cs = dev.ftcheck.runtime.obj.Locks.enter(m);
        try {
            getBufferLocked(m, view, flags);
        } finally {
            dev.ftcheck.runtime.obj.Locks.exit(cs);
        }
    }

    private static void getBufferLocked(long m, long view, int flags) {
        checkReleased(m);
        if ((flags & PyBUF_WRITABLE) != 0 && Mem.getInt(m + VIEW + V_READONLY) != 0) {
            throw new PyRaise(Exceptions.BufferError, "memoryview: underlying buffer is not writable");
        }
        int f = Mem.getInt(m + FLAGS);
        Mem.copy(m + VIEW, view, V_SIZE);
        if ((flags & PyBUF_FORMAT) == 0) {
            Mem.putLong(view + V_FORMAT, 0);
        }
        if ((flags & PyBUF_C_CONTIGUOUS) == PyBUF_C_CONTIGUOUS && (f & C) == 0) {
            throw new PyRaise(Exceptions.BufferError, "memoryview: underlying buffer is not C-contiguous");
        }
        if ((flags & PyBUF_F_CONTIGUOUS) == PyBUF_F_CONTIGUOUS && (f & FORTRAN) == 0) {
            throw new PyRaise(Exceptions.BufferError, "memoryview: underlying buffer is not Fortran contiguous");
        }
        if ((flags & PyBUF_ANY_CONTIGUOUS) == PyBUF_ANY_CONTIGUOUS && (f & (C | FORTRAN)) == 0) {
            throw new PyRaise(Exceptions.BufferError, "memoryview: underlying buffer is not contiguous");
        }
        if ((flags & PyBUF_INDIRECT) != PyBUF_INDIRECT && (f & PIL) != 0) {
            throw new PyRaise(Exceptions.BufferError, "memoryview: underlying buffer requires suboffsets");
        }
        if ((flags & PyBUF_STRIDES) != PyBUF_STRIDES) {
            if ((f & C) == 0) {
                throw new PyRaise(Exceptions.BufferError, "memoryview: underlying buffer is not C-contiguous");
            }
            Mem.putLong(view + V_STRIDES, 0);
        }
        if ((flags & PyBUF_ND) != PyBUF_ND) {
            if ((flags & PyBUF_FORMAT) != 0) {
                throw new PyRaise(Exceptions.BufferError,
                        "memoryview: cannot cast to unsigned bytes if the format flag is present");
            }
            Mem.putInt(view + V_NDIM, 1);
            Mem.putLong(view + V_SHAPE, 0);
        }
        if ((flags & PyBUF_INDIRECT) != PyBUF_INDIRECT) {
            Mem.putLong(view + V_SUBOFFSETS, 0);
        }
        Mem.putLong(view + V_OBJ, Heap.newRef(m));
        Mem.putLong(m + EXPORTS, Mem.getLong(m + EXPORTS) + 1);
    }

    /** The wrapper __buffer__(flags) of every exporter: a memoryview on a new buffer of self. */
    static BuiltinTable.Impl bufferWrapper() {
        return (self, args, kw) -> {
            Args.noKeywords("wrapper", kw);
            if (args.length != 1) {
                throw PyRaise.typeError(" expected 1 argument, got %d", args.length);
            }
            long flags = ContainerMethods.ssize(args[0]);
            if (flags < Integer.MIN_VALUE || flags > Integer.MAX_VALUE) {
                throw PyRaise.overflow("Python int too large to convert to C int");
            }
            return fromFlags(self, (int) flags);
        };
    }

    /** __release_buffer__(view): releases a memoryview that was made from a buffer of self. */
    static BuiltinTable.Impl releaseBufferWrapper() {
        return (self, args, kw) -> {
            Slots.count(args, kw, 1);
            long mv = args[0];
            if (!isMemoryView(mv)) {
                throw PyRaise.typeError("expected a memoryview object");
            }
            long obj = Mem.getLong(mv + VIEW + V_OBJ);
            if (obj == 0) {
                return Singletons.NONE;
            }
            if (obj != self) {
                throw PyRaise.valueError("memoryview's buffer is not this object");
            }
            if ((Mem.getInt(mv + FLAGS) & RELEASED) != 0) {
                throw PyRaise.valueError("memoryview's buffer has already been released");
            }
            release(mv);
            return Singletons.NONE;
        };
    }

    // ---- comparison, hash, repr ----

    static long richCompare(long a, long b, int op) {
        if (op != Protocols.EQ && op != Protocols.NE) {
            return Singletons.NOTIMPLEMENTED;
        }
        boolean equal;
        if (released(a) || (isMemoryView(b) && released(b))) {
            equal = a == b;
        } else {
            long w;
            if (isMemoryView(b)) {
                w = Heap.newRef(b);
            } else if (BufferApi.PyObject_CheckBuffer(b) != 0) {
                w = fromObject(b);
            } else {
                return Singletons.NOTIMPLEMENTED;
            }
            try {
                equal = sameValues(a, w);
            } finally {
                if (w != b) {
                    release(w);
                }
                Native.decref(w);
            }
        }
        return Singletons.bool(equal == (op == Protocols.EQ));
    }

    private static boolean sameValues(long a, long b) {
        if (ndim(a) != ndim(b) || !java.util.Arrays.equals(shape(a), shape(b))) {
            return false;
        }
        char ca = code(format(a)), cb = code(format(b));
        if (ca == 0 || cb == 0) {
            return format(a).equals(format(b)) && java.util.Arrays.equals(gather(a, 'C'), gather(b, 'C'));
        }
        int nd = ndim(a);
        long[] shape = shape(a);
        long total = 1;
        for (long s : shape) {
            total *= s;
        }
        long[] idx = new long[nd];
        for (long e = 0; e < total; e++) {
            long x = unpack(address(a, idx), ca), y = unpack(address(b, idx), cb);
            try {
                if (!Protocols.equal(x, y) || (Floats.isFloat(x) && Double.isNaN(Floats.value(x)))) {
                    return false;
                }
            } finally {
                Native.decref(x);
                Native.decref(y);
            }
            for (int k = nd - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return true;
    }

    static long hash(long m) {
        long h = Mem.getLong(m + HASH);
        if (h != -1) {
            return h;
        }
        checkReleased(m);
        if (Mem.getInt(m + VIEW + V_READONLY) == 0) {
            throw PyRaise.valueError("cannot hash writable memoryview object");
        }
        if (!isByteFormat(code(format(m)))) {
            throw PyRaise.valueError("memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
        }
        long obj = Mem.getLong(m + VIEW + V_OBJ);
        if (obj != 0) {
            Protocols.hash(obj);
        }
        long b = Bytes.fromJava(gather(m, 'C'));
        try {
            h = Bytes.hash(b);
        } finally {
            Native.decref(b);
        }
        Mem.putLong(m + HASH, h);
        return h;
    }

    static String repr(long m) {
        return String.format(released(m) ? "<released memory at 0x%x>" : "<memory at 0x%x>", m);
    }

    static long iter(long m) {
        checkReleased(m);
        int nd = ndim(m);
        if (nd == 0) {
            throw PyRaise.typeError("invalid indexing of 0-dim memory");
        }
        if (nd != 1) {
            throw new PyRaise(Exceptions.NotImplementedError, "multi-dimensional sub-views are not implemented");
        }
        char c = requireCode(m, "unsupported format");
        long n = shape(m)[0];
        long[] items = new long[(int) n];
        for (int i = 0; i < n; i++) {
            items[i] = unpack(address(m, new long[] {i}), c);
        }
        return Objects.newIterator(ITER_TYPE == 0 ? Types.ITERATOR : ITER_TYPE, items);
    }

    // ---- cast ----

    static long cast(long m, String format, long shapeObj) {
        checkReleased(m);
        if ((Mem.getInt(m + FLAGS) & C) == 0) {
            throw PyRaise.typeError("memoryview: casts are restricted to C-contiguous views");
        }
        long[] newShape = null;
        if (shapeObj != 0) {
            TypeKind k = Types.kindOf(shapeObj);
            if (k != TypeKind.LIST && k != TypeKind.TUPLE) {
                throw PyRaise.typeError("shape must be a list or a tuple");
            }
            long[] items = dev.ftcheck.runtime.obj.Iteration.toArray(shapeObj);
            try {
                if (items.length > 64) {
                    throw PyRaise.valueError("memoryview: number of dimensions must not exceed 64");
                }
                if (ndim(m) != 1 && items.length != 1) {
                    throw PyRaise.typeError("memoryview: cast must be 1D -> ND or ND -> 1D");
                }
                newShape = new long[items.length];
                for (int i = 0; i < items.length; i++) {
                    if (!Ints.isInt(items[i]) || Ints.sign(items[i]) <= 0) {
                        throw PyRaise.valueError("memoryview.cast(): elements of shape must be integers > 0");
                    }
                    newShape[i] = ContainerMethods.ssize(items[i]);
                }
            } finally {
                for (long it : items) {
                    Native.decref(it);
                }
            }
        }
        if ((newShape != null || ndim(m) != 1)) {
            for (long s : shape(m)) {
                if (s == 0) {
                    throw PyRaise.typeError("memoryview: cannot cast view with zeros in shape or strides");
                }
            }
        }
        char dest = code(format);
        if (dest == 0) {
            throw PyRaise.valueError("memoryview: destination format must be a native single character format"
                    + " prefixed with an optional '@'");
        }
        char src = code(format(m));
        if (!isByteFormat(src) && !isByteFormat(dest)) {
            throw PyRaise.typeError("memoryview: cannot cast between two non-byte formats");
        }
        long len = Mem.getLong(m + VIEW + V_LEN);
        long itemsize = sizeOf(dest);
        if (len % itemsize != 0) {
            throw PyRaise.typeError("memoryview: length is not a multiple of itemsize");
        }
        int nd = newShape == null ? 1 : newShape.length;
        if (newShape != null) {
            long product = itemsize;
            for (long s : newShape) {
                product *= s;
            }
            if (product != len) {
                throw PyRaise.typeError("memoryview: product(shape) * itemsize != buffer size");
            }
        }
        long r = allocView(Mem.getLong(m + MBUF), m + VIEW, nd);
        long view = r + VIEW;
        Mem.putLong(view + V_FORMAT, cFormat(format));
        Mem.putLong(view + V_ITEMSIZE, itemsize);
        long[] shape = newShape == null ? new long[] {len / itemsize} : newShape;
        long sd = itemsize;
        for (int k = nd - 1; k >= 0; k--) {
            Mem.putLong(r + ARRAY + 8L * k, shape[k]);
            Mem.putLong(r + ARRAY + 8L * (nd + k), sd);
            sd *= shape[k];
        }
        initFlags(r);
        return r;
    }

    // ---- the table ----

    private static BuiltinTable table() {
        BuiltinTable t = new BuiltinTable();
        t.slot("__getitem__", Slots.binary(MemoryViews::getItem));
        t.slot("__setitem__", (self, args, kw) -> {
            Slots.count(args, kw, 2);
            setItem(self, args[0], args[1]);
            return Singletons.NONE;
        });
        t.slot("__delitem__", Slots.binary((self, key) -> {
            setItem(self, key, 0);
            return Singletons.NONE;
        }));
        t.slot("__len__", Slots.unary(self -> Ints.fromLong(length(self))));
        t.slot("__iter__", Slots.unary(MemoryViews::iter));
        t.slot("__hash__", Slots.unary(self -> Ints.fromLong(hash(self))));
        t.slot("__repr__", Slots.unary(self -> Strs.fromJava(repr(self))));
        Slots.getattribute(t);
        for (int op = 0; op < 6; op++) {
            int o = op;
            t.slot(Slots.COMPARE[op], Slots.binary((self, other) -> richCompare(self, other, o)));
        }
        t.slot("__buffer__", bufferWrapper());
        t.slot("__release_buffer__", (self, args, kw) -> {
            Slots.count(args, kw, 1);
            long mv = args[0];
            if (!isMemoryView(mv)) {
                throw PyRaise.typeError("expected a memoryview object");
            }
            long obj = Mem.getLong(mv + VIEW + V_OBJ);
            if (obj != self) {
                throw PyRaise.valueError("memoryview's buffer is not this object");
            }
            if ((Mem.getInt(mv + FLAGS) & RELEASED) != 0) {
                throw PyRaise.valueError("memoryview's buffer has already been released");
            }
            release(mv);
            return Singletons.NONE;
        });
        t.method("tobytes", (self, args, kw) -> {
            long[] a = Args.clinic("tobytes", args, kw, 0, "order");
            checkReleased(self);
            char order = 'C';
            if (a[0] != 0 && a[0] != Singletons.NONE) {
                String o = Strs.isStr(a[0]) ? Strs.value(a[0]) : "";
                if (!Strs.isStr(a[0])) {
                    throw PyRaise.typeError("tobytes() argument 'order' must be str or None, not %s",
                            Types.name(a[0]));
                }
                if (!o.equals("C") && !o.equals("F") && !o.equals("A")) {
                    throw PyRaise.valueError("order must be 'C', 'F' or 'A'");
                }
                order = o.charAt(0) == 'F' ? 'F' : 'C';
            }
            return Bytes.fromJava(gather(self, order));
        });
        t.method("tolist", (self, args, kw) -> {
            Args.none("memoryview.tolist", args, kw);
            return toList(self);
        });
        t.method("hex", (self, args, kw) -> {
            long[] a = Args.clinic("hex", args, kw, 0, "sep", "bytes_per_sep");
            checkReleased(self);
            return Strs.fromJava(BytesMethods.hex(gather(self, 'C'), a[0], a[1]));
        });
        t.method("cast", (self, args, kw) -> {
            long[] a = Args.clinic("cast", args, kw, 1, "format", "shape");
            if (!Strs.isStr(a[0])) {
                throw PyRaise.typeError("cast() argument 'format' must be str, not %s", Types.name(a[0]));
            }
            return cast(self, Strs.value(a[0]), a[1]);
        });
        t.method("release", (self, args, kw) -> {
            Args.none("memoryview.release", args, kw);
            release(self);
            return Singletons.NONE;
        });
        t.method("toreadonly", (self, args, kw) -> {
            Args.none("memoryview.toreadonly", args, kw);
            checkReleased(self);
            long r = fromMbuf(Mem.getLong(self + MBUF), self + VIEW);
            Mem.putInt(r + VIEW + V_READONLY, 1);
            return r;
        });
        t.method("__enter__", (self, args, kw) -> {
            Args.none("memoryview.__enter__", args, kw);
            checkReleased(self);
            return Heap.newRef(self);
        });
        t.method("__exit__", (self, args, kw) -> {
            Args.noKeywords("memoryview.__exit__", kw);
            release(self);
            return Singletons.NONE;
        });
        t.classMethod("_from_flags", (cls, args, kw) -> {
            Args.positional("_from_flags", args, kw, 2, 2);
            long flags = ContainerMethods.ssize(args[1]);
            return fromFlags(args[0], (int) flags);
        });
        t.getter("format", m -> {
            checkReleased(m);
            return Strs.fromJava(format(m));
        });
        t.getter("itemsize", m -> {
            checkReleased(m);
            return Ints.fromLong(itemsize(m));
        });
        t.getter("nbytes", m -> {
            checkReleased(m);
            return Ints.fromLong(Mem.getLong(m + VIEW + V_LEN));
        });
        t.getter("ndim", m -> {
            checkReleased(m);
            return Ints.fromLong(ndim(m));
        });
        t.getter("shape", m -> {
            checkReleased(m);
            return intTuple(shape(m));
        });
        t.getter("strides", m -> {
            checkReleased(m);
            return intTuple(strides(m));
        });
        t.getter("suboffsets", m -> {
            checkReleased(m);
            long[] s = suboffsets(m);
            return intTuple(s == null ? new long[0] : s);
        });
        t.getter("readonly", m -> {
            checkReleased(m);
            return Singletons.bool(Mem.getInt(m + VIEW + V_READONLY) != 0);
        });
        t.getter("obj", m -> {
            checkReleased(m);
            long o = Mem.getLong(m + VIEW + V_OBJ);
            return Heap.newRef(o == 0 ? Singletons.NONE : o);
        });
        t.getter("c_contiguous", m -> {
            checkReleased(m);
            return Singletons.bool((Mem.getInt(m + FLAGS) & C) != 0);
        });
        t.getter("f_contiguous", m -> {
            checkReleased(m);
            return Singletons.bool((Mem.getInt(m + FLAGS) & FORTRAN) != 0);
        });
        t.getter("contiguous", m -> {
            checkReleased(m);
            return Singletons.bool((Mem.getInt(m + FLAGS) & (C | FORTRAN)) != 0);
        });
        return t;
    }

    private static long intTuple(long[] v) {
        long t = Tuples.create(v.length);
        for (int i = 0; i < v.length; i++) {
            Tuples.set(t, i, Ints.fromLong(v[i]));
        }
        return t;
    }

    // ---- C slots (errors into the indicator) ----

    private static void deallocSlot(long m) {
        try {
            if ((Mem.getInt(m + FLAGS) & RELEASED) == 0 && Mem.getLong(m + EXPORTS) == 0) {
                release(m);
            }
            Native.xdecref(Mem.getLong(m + MBUF));
            Heap.removeState(m);
            Native.objectFree(m);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "memoryview dealloc");
        }
    }

    private static void mbufDealloc(long mb) {
        try {
            releaseMbuf(mb);
            Native.objectFree(mb);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "managedbuffer dealloc");
        }
    }

    private static long reprSlot(long m) {
        try {
            return Strs.fromJava(repr(m));
        } catch (Throwable t) {
            Errors.fromThrowable(t, "memoryview repr");
            return 0;
        }
    }

    private static long hashSlot(long m) {
        try {
            return hash(m);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "memoryview hash");
            return -1;
        }
    }

    private static long iterSlot(long m) {
        try {
            return iter(m);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "memoryview iter");
            return 0;
        }
    }

    private static long compareSlot(long a, long b, int op) {
        try {
            return richCompare(a, b, op);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "memoryview compare");
            return 0;
        }
    }

    private static long lengthSlot(long m) {
        try {
            return length(m);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "memoryview len");
            return -1;
        }
    }

    private static long itemSlot(long m, long i) {
        try {
            long k = Ints.fromLong(i);
            try {
                return getItem(m, k);
            } finally {
                Native.decref(k);
            }
        } catch (Throwable t) {
            Errors.fromThrowable(t, "memoryview item");
            return 0;
        }
    }

    private static long subscriptSlot(long m, long key) {
        try {
            return getItem(m, key);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "memoryview subscript");
            return 0;
        }
    }

    private static int assignSlot(long m, long key, long value) {
        try {
            setItem(m, key, value);
            return 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "memoryview assignment");
            return -1;
        }
    }

    private static int getBufferSlot(long m, long view, int flags) {
        try {
            getBuffer(m, view, flags);
            return 0;
        } catch (Throwable t) {
            Mem.putLong(view + V_OBJ, 0);
            Errors.fromThrowable(t, "memoryview getbuffer");
            return -1;
        }
    }

    private static void releaseBufferSlot(long m, long view) {
        try {
            long cs = dev.ftcheck.runtime.obj.Locks.enter(m);
            try {
                Mem.putLong(m + EXPORTS, Math.max(0, Mem.getLong(m + EXPORTS) - 1));
            } finally {
                dev.ftcheck.runtime.obj.Locks.exit(cs);
            }
        } catch (Throwable t) {
            Errors.fromThrowable(t, "memoryview releasebuffer");
        }
    }

    /** PyMemoryView_GET_BUFFER: the view inside the object. */
    public static long viewOf(long m) {
        return m + VIEW;
    }

    /** PyMemoryView_GET_BASE: the exporter, borrowed. */
    public static long baseOf(long m) {
        return Mem.getLong(m + VIEW + V_OBJ);
    }
}
