package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.BufferApi;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The in-memory streams of {@code io}: BytesIO and StringIO (write, read, getvalue, seek, tell, close, the
 * context manager), with CPython 3.13's results and messages. StringIO translates newlines as its newline
 * argument asks on write; reading returns the text as stored.
 */
final class IoModule {
    private IoModule() {}

    static long create() {
        long m = Modules.create("io");
        Modules.setAttr(m, "BytesIO", StandInTypes.define("_io.BytesIO", methods(), IoModule::newBytesIO));
        Modules.setAttr(m, "StringIO", StandInTypes.define("_io.StringIO", methods(), IoModule::newStringIO));
        return m;
    }

    /** A stream's contents (bytes 0-255 or code points), its position and whether it is closed. */
    private static final class Stream implements StandInTypes.Behaviour {
        final boolean text;
        /** StringIO's newline: "\n" and "" store as written, null translates \r\n and \r to \n, else \n to it. */
        final String newline;
        int[] data = new int[16];
        int size;
        long pos;
        boolean closed;

        Stream(boolean text, String newline) {
            this.text = text;
            this.newline = newline;
        }

        void check() {
            if (closed) {
                throw PyRaise.valueError(text ? "I/O operation on closed file" : "I/O operation on closed file.");
            }
        }

        int write(int[] s) {
            if (s.length == 0) {
                return 0;
            }
            long end = pos + s.length;
            if (end > Integer.MAX_VALUE - 8) {
                throw new PyRaise(Exceptions.MemoryError, "");
            }
            if (end > data.length) {
                data = Arrays.copyOf(data, (int) Math.max(end, data.length * 2L));
            }
            if (pos > size) {
                Arrays.fill(data, size, (int) pos, 0);
            }
            System.arraycopy(s, 0, data, (int) pos, s.length);
            pos = end;
            size = Math.max(size, (int) end);
            return s.length;
        }

        int[] read(long n) {
            int from = (int) Math.min(pos, size);
            int to = n < 0 ? size : (int) Math.min(size, from + n);
            pos = Math.max(pos, to);
            return Arrays.copyOfRange(data, from, to);
        }

        long make(int[] s) {
            if (text) {
                return Strs.fromCodePoints(s);
            }
            byte[] b = new byte[s.length];
            for (int i = 0; i < s.length; i++) {
                b[i] = (byte) s[i];
            }
            return Bytes.fromJava(b);
        }
    }

    private static Stream stream(long self) {
        if (!(Heap.state(self) instanceof Stream s)) {
            throw PyRaise.valueError("I/O operation on uninitialized object");
        }
        return s;
    }

    private static long none() {
        return Heap.newRef(Singletons.NONE);
    }

    /** The bytes of a bytes-like object as 0-255 values; TypeError as CPython's otherwise. */
    private static int[] bytesLike(long o) {
        byte[] b;
        if (Bytes.isBytes(o)) {
            b = Bytes.value(o);
        } else if (Types.isInstance(o, Types.BYTEARRAY)) {
            b = Bytes.byteArrayValue(o);
        } else {
            long view = Native.memMalloc(96);
            try {
                BufferApi.PyObject_GetBuffer(o, view, 0);
                b = Mem.bytes(Mem.getLong(view), Mem.getLong(view + 16));
                BufferApi.PyBuffer_Release(view);
            } finally {
                Native.memFree(view);
            }
        }
        int[] s = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            s[i] = b[i] & 0xff;
        }
        return s;
    }

    /** StringIO's text argument as code points, newlines translated as the stream's newline asks. */
    private static int[] text(Stream st, long o) {
        if (!Strs.isStr(o)) {
            throw PyRaise.typeError("string argument expected, got '%s'", Types.name(o));
        }
        String s = Strs.value(o);
        if (st.newline == null) {
            s = s.replace("\r\n", "\n").replace('\r', '\n');
        } else if (!st.newline.isEmpty() && !st.newline.equals("\n")) {
            s = s.replace("\n", st.newline);
        }
        return s.codePoints().toArray();
    }

    /** read's size: None or an index (negative: all). */
    private static long size(long o) {
        if (o == 0 || Args.isNone(o)) {
            return -1;
        }
        long idx = Ints.isInt(o) ? 0 : Lookups.optionalAttr(Heap.type(o), "__index__");
        Native.xdecref(idx);
        if (!Ints.isInt(o) && idx == 0) {
            throw PyRaise.typeError("argument should be integer or None, not '%s'", Types.name(o));
        }
        return index(o);
    }

    private static long index(long o) {
        long i = AbstractApi.PyNumber_Index(o);
        try {
            BigInteger v = Ints.value(i);
            if (v.bitLength() > 63) {
                throw PyRaise.overflow("Python int too large to convert to C ssize_t");
            }
            return v.longValue();
        } finally {
            Native.decref(i);
        }
    }

    private static BuiltinTable methods() {
        BuiltinTable t = new BuiltinTable();
        t.method("write", (self, args, kw) -> {
            Stream s = stream(self);
            long o = Args.one("write", args, kw);
            synchronized (s) {
                s.check();
                return Ints.fromLong(s.write(s.text ? text(s, o) : bytesLike(o)));
            }
        });
        t.method("read", (self, args, kw) -> {
            Stream s = stream(self);
            Args.unpack("read", args, kw, 0, 1);
            synchronized (s) {
                s.check();
                return s.make(s.read(size(args.length > 0 ? args[0] : 0)));
            }
        });
        t.method("getvalue", (self, args, kw) -> {
            Stream s = stream(self);
            Args.none("getvalue", args, kw);
            synchronized (s) {
                s.check();
                return s.make(Arrays.copyOf(s.data, s.size));
            }
        });
        t.method("tell", (self, args, kw) -> {
            Stream s = stream(self);
            Args.none("tell", args, kw);
            synchronized (s) {
                s.check();
                return Ints.fromLong(s.pos);
            }
        });
        t.method("seek", (self, args, kw) -> {
            Stream s = stream(self);
            Args.unpack("seek", args, kw, 1, 2);
            synchronized (s) {
                s.check();
                return Ints.fromLong(seek(s, index(args[0]), args.length > 1 ? index(args[1]) : 0));
            }
        });
        t.method("close", (self, args, kw) -> {
            Stream s = stream(self);
            Args.none("close", args, kw);
            synchronized (s) {
                s.closed = true;
            }
            return none();
        });
        for (String name : new String[] {"readable", "writable", "seekable"}) {
            t.method(name, (self, args, kw) -> {
                Stream s = stream(self);
                Args.none(name, args, kw);
                s.check();
                return Singletons.bool(true);
            });
        }
        t.getter("closed", self -> Singletons.bool(stream(self).closed));
        t.method("__enter__", (self, args, kw) -> {
            Args.none("__enter__", args, kw);
            stream(self).check();
            return Heap.newRef(self);
        });
        t.method("__exit__", (self, args, kw) -> {
            Stream s = stream(self);
            synchronized (s) {
                s.closed = true;
            }
            return none();
        });
        return t;
    }

    private static long seek(Stream s, long pos, long whence) {
        if (whence < 0 || whence > 2) {
            throw PyRaise.valueError("%s whence (%d, should be 0, 1 or 2)", s.text ? "Invalid" : "invalid", whence);
        }
        if (pos < 0 && whence == 0) {
            throw PyRaise.valueError(s.text ? "Negative seek position %d" : "negative seek value %d", pos);
        }
        if (s.text) {
            if (whence != 0 && pos != 0) {
                throw new PyRaise(Exceptions.OSError, "Can't do nonzero cur-relative seeks");
            }
            s.pos = whence == 0 ? pos : whence == 1 ? s.pos : s.size;
        } else {
            long base = whence == 0 ? 0 : whence == 1 ? s.pos : s.size;
            s.pos = Math.max(0, base + pos);
        }
        return s.pos;
    }

    private static long newBytesIO(long type, long[] args, long kw) {
        long[] a = Args.clinic("BytesIO", args, kw, 0, "initial_bytes");
        Stream s = new Stream(false, "\n");
        if (a[0] != 0 && !Args.isNone(a[0])) {
            s.write(bytesLike(a[0]));
            s.pos = 0;
        }
        return StandInTypes.instance(type, s);
    }

    private static long newStringIO(long type, long[] args, long kw) {
        long[] a = Args.clinic("StringIO", args, kw, 0, "initial_value", "newline");
        String newline = "\n";
        if (a[1] != 0) {
            if (Args.isNone(a[1])) {
                newline = null;
            } else if (!Strs.isStr(a[1])) {
                throw PyRaise.typeError("newline must be str or None, not %s", Types.name(a[1]));
            } else {
                newline = Strs.value(a[1]);
                if (!java.util.List.of("", "\n", "\r", "\r\n").contains(newline)) {
                    throw PyRaise.valueError("illegal newline value: %s", dev.ftcheck.runtime.obj.Repr.repr(a[1]));
                }
            }
        }
        Stream s = new Stream(true, newline);
        if (a[0] != 0 && !Args.isNone(a[0])) {
            if (!Strs.isStr(a[0])) {
                throw PyRaise.typeError("initial_value must be str or None, not %s", Types.name(a[0]));
            }
            s.write(text(s, a[0]));
            s.pos = 0;
        }
        return StandInTypes.instance(type, s);
    }
}
