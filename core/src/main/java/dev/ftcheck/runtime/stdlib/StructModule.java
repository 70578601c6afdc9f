package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.BufferApi;
import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code struct} module (CPython's _struct): calcsize, pack, pack_into, unpack, unpack_from, iter_unpack,
 * the Struct class and struct.error, with _struct's messages. Formats are compiled once and cached by text.
 */
final class StructModule {
    private static final int PyBUF_WRITABLE = 0x1;

    private final long error;
    private final long structType;
    private final ConcurrentHashMap<String, StructFormat> cache = new ConcurrentHashMap<>();

    /** A Struct instance's state: its compiled format and the format object it was made from. */
    private record StructState(StructFormat format, String formatText) implements StandInTypes.Behaviour {
        @Override
        public String repr(long self) {
            return "Struct(" + Repr.repr(Strs.fromJava(formatText)) + ")";
        }
    }

    private StructModule() {
        error = Exceptions.newModuleClass("struct.error", Exceptions.Exception);
        structType = StandInTypes.define("_struct.Struct", structMethods(), (type, args, kw) -> {
            long[] a = Args.clinic("Struct", args, kw, 1, "format");
            return StandInTypes.instance(type, new StructState(compile(a[0]), formatText(a[0])));
        });
    }

    static long create() {
        StructModule s = new StructModule();
        long m = Modules.create("struct");
        Modules.setAttr(m, "error", s.error);
        Modules.setAttr(m, "Struct", s.structType);
        s.functions().installFunctions(m);
        return m;
    }

    private static String formatText(long fmt) {
        if (Strs.isStr(fmt)) {
            return Strs.value(fmt);
        }
        if (Bytes.isBytes(fmt)) {
            return new String(Bytes.value(fmt), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        throw PyRaise.typeError("Struct() argument 1 must be a str or bytes object, not %s", Types.name(fmt));
    }

    private StructFormat compile(long fmt) {
        String text = formatText(fmt);
        StructFormat f = cache.get(text);
        if (f == null) {
            f = StructFormat.compile(text, error);
            cache.putIfAbsent(text, f);
        }
        return f;
    }

    private StructFormat formatOf(long self) {
        if (!(Heap.state(self) instanceof StructState s)) {
            throw PyRaise.typeError("descriptor requires a '_struct.Struct' object but received '%s'",
                    Types.name(self));
        }
        return s.format;
    }

    private BuiltinTable functions() {
        BuiltinTable t = new BuiltinTable();
        t.method("calcsize", (self, args, kw) -> Ints.fromLong(compile(Args.one("_struct.calcsize", args, kw)).size));
        t.method("pack", (self, args, kw) -> pack(compile(first("pack", args, kw)), args, 1));
        t.method("pack_into", (self, args, kw) -> packInto(compile(first("pack_into", args, kw)), args, 1));
        t.method("unpack", (self, args, kw) -> {
            Args.positional("unpack", args, kw, 2, 2);
            return unpack(compile(args[0]), args[1]);
        });
        t.method("unpack_from", (self, args, kw) -> {
            long fmt = first("unpack_from", args, kw);
            long[] a = Args.clinic("unpack_from", Arrays.copyOfRange(args, 1, args.length), kw, 1, "buffer",
                    "offset");
            return unpackFrom(compile(fmt), a[0], a[1]);
        });
        t.method("iter_unpack", (self, args, kw) -> {
            Args.positional("iter_unpack", args, kw, 2, 2);
            return iterUnpack(compile(args[0]), args[1]);
        });
        t.method("_clearcache", (self, args, kw) -> {
            Args.none("_clearcache", args, kw);
            cache.clear();
            return Heap.newRef(Singletons.NONE);
        });
        return t;
    }

    private BuiltinTable structMethods() {
        BuiltinTable t = new BuiltinTable();
        t.method("pack", (self, args, kw) -> {
            Args.noKeywords("pack", kw);
            return pack(formatOf(self), args, 0);
        });
        t.method("pack_into", (self, args, kw) -> {
            Args.noKeywords("pack_into", kw);
            return packInto(formatOf(self), args, 0);
        });
        t.method("unpack", (self, args, kw) -> unpack(formatOf(self), Args.one("unpack", args, kw)));
        t.method("unpack_from", (self, args, kw) -> {
            long[] a = Args.clinic("unpack_from", args, kw, 1, "buffer", "offset");
            return unpackFrom(formatOf(self), a[0], a[1]);
        });
        t.method("iter_unpack", (self, args, kw) -> iterUnpack(formatOf(self), Args.one("iter_unpack", args, kw)));
        t.getter("format", self -> Strs.fromJava(((StructState) Heap.state(self)).formatText()));
        t.getter("size", self -> Ints.fromLong(formatOf(self).size));
        return t;
    }

    /** The format argument of a module-level function (positional only). */
    private static long first(String name, long[] args, long kw) {
        Args.noKeywords(name, kw);
        if (args.length == 0) {
            throw PyRaise.typeError("%s expected at least 1 argument, got 0", name);
        }
        return args[0];
    }

    private long pack(StructFormat f, long[] args, int first) {
        int given = args.length - first;
        if (given != f.length) {
            throw new PyRaise(error, "pack expected " + f.length + " items for packing (got " + given + ")");
        }
        return Bytes.fromJava(f.pack(args, first, error));
    }

    private long packInto(StructFormat f, long[] args, int first) {
        int given = args.length - first;
        if (given < 1) {
            throw new PyRaise(error, "pack_into expected buffer argument");
        }
        if (given < 2) {
            throw new PyRaise(error, "pack_into expected offset argument");
        }
        if (given - 2 != f.length) {
            throw new PyRaise(error, "pack_into expected " + f.length + " items for packing (got " + (given - 2)
                    + ")");
        }
        long view = Native.memMalloc(BufferApi.PY_BUFFER_SIZE);
        try {
            writableBuffer(args[first], view);
            try {
                long len = Mem.getLong(view + 16);
                long offset = AbstractApi.PyNumber_AsSsize_t(args[first + 1], Exceptions.byName("OverflowError"));
                if (offset < 0) {
                    if (offset + f.size > 0) {
                        throw new PyRaise(error, "no space to pack " + f.size + " bytes at offset " + offset);
                    }
                    if (offset + len < 0) {
                        throw new PyRaise(error, "offset " + offset + " out of range for " + len + "-byte buffer");
                    }
                    offset += len;
                }
                if (len - offset < f.size) {
                    throw new PyRaise(error, "pack_into requires a buffer of at least " + (f.size + offset)
                            + " bytes for packing " + f.size + " bytes at offset " + offset
                            + " (actual buffer size is " + len + ")");
                }
                byte[] packed = f.pack(args, first + 2, error);
                Mem.putBytes(Mem.getLong(view) + offset, packed);
            } finally {
                BufferApi.PyBuffer_Release(view);
            }
        } finally {
            Native.memFree(view);
        }
        return Heap.newRef(Singletons.NONE);
    }

    /** The w* conversion: a writable buffer, or TypeError naming what was passed. */
    private static void writableBuffer(long o, long view) {
        try {
            BufferApi.PyObject_GetBuffer(o, view, PyBUF_WRITABLE);
        } catch (PyRaise | ErrorAlreadySet e) {
            Native.xdecref(Errors.take());
            throw PyRaise.typeError("argument must be read-write bytes-like object, not %s", Types.name(o));
        }
    }

    private long unpack(StructFormat f, long buffer) {
        byte[] data = BufferApi.simpleBytes(buffer);
        if (data.length != f.size) {
            throw new PyRaise(error, "unpack requires a buffer of " + f.size + " bytes");
        }
        return Tuples.of(f.unpack(data, 0));
    }

    private long unpackFrom(StructFormat f, long buffer, long offsetArg) {
        byte[] data = BufferApi.simpleBytes(buffer);
        long offset = offsetArg == 0 ? 0
                : AbstractApi.PyNumber_AsSsize_t(offsetArg, Exceptions.byName("OverflowError"));
        long given = offset;
        if (offset < 0) {
            if (offset + data.length < 0) {
                throw new PyRaise(error, "offset " + offset + " out of range for " + data.length + "-byte buffer");
            }
            offset += data.length;
        }
        if (data.length - offset < f.size) {
            if (given < 0) {
                throw new PyRaise(error, "not enough data to unpack " + f.size + " bytes at offset " + given);
            }
            throw new PyRaise(error, "unpack_from requires a buffer of at least " + (f.size + offset)
                    + " bytes for unpacking " + f.size + " bytes at offset " + offset + " (actual buffer size is "
                    + data.length + ")");
        }
        return Tuples.of(f.unpack(data, (int) offset));
    }

    /** iter_unpack: the tuples, unpacked up front (the buffer is read once). */
    private long iterUnpack(StructFormat f, long buffer) {
        if (f.size == 0) {
            throw new PyRaise(error, "cannot iteratively unpack with a struct of length 0");
        }
        byte[] data = BufferApi.simpleBytes(buffer);
        if (data.length % f.size != 0) {
            throw new PyRaise(error, "iterative unpacking requires a buffer of a multiple of " + f.size + " bytes");
        }
        long[] tuples = new long[data.length / f.size];
        for (int i = 0; i < tuples.length; i++) {
            tuples[i] = Tuples.of(f.unpack(data, i * f.size));
        }
        return Objects.newIterator(tuples);
    }
}
