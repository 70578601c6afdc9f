package dev.ftcheck.runtime.obj.builtins;

import static dev.ftcheck.runtime.obj.builtins.ObjectMethods.q;

import dev.ftcheck.runtime.capi.UnicodeApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Layout;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.lang.foreign.Arena;
import java.math.BigInteger;

/** Methods of bytes: the str algorithms over bytes (StrMethods.Flavor), plus decode, hex and fromhex. */
final class BytesMethods {
    private BytesMethods() {}

    /** Any buffer exporter: bytes, bytearray, memoryview, extension types with bf_getbuffer. */
    static boolean isBytesLike(long o) {
        TypeKind k = Types.kindOf(o);
        return k == TypeKind.BYTES || k == TypeKind.BYTEARRAY
                || dev.ftcheck.runtime.capi.BufferApi.PyObject_CheckBuffer(o) != 0;
    }

    /** The bytes of a buffer exporter (a bytearray's read under its critical section). */
    static byte[] value(long o) {
        TypeKind k = Types.kindOf(o);
        if (k == TypeKind.BYTES) {
            return Bytes.value(o);
        }
        if (k == TypeKind.BYTEARRAY) {
            return ByteArrayMethods.get(o);
        }
        return MemoryViews.bufferBytes(o);
    }

    /** The result of a bytes or bytearray method: the same kind as self. */
    static long result(long self, byte[] b) {
        return Types.kindOf(self) == TypeKind.BYTEARRAY ? Bytes.newByteArrayFrom(b) : Bytes.fromJava(b);
    }

    private static int[] ints(byte[] b) {
        int[] r = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[i] & 0xff;
        }
        return r;
    }

    /** a repeated times times (none when times <= 0). */
    static byte[] repeated(byte[] a, long times) {
        times = Math.max(0, times);
        if (a.length > 0 && times > Integer.MAX_VALUE / a.length) {
            throw new PyRaise(dev.ftcheck.runtime.obj.Exceptions.MemoryError, null);
        }
        byte[] r = new byte[a.length * (int) times];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i % a.length];
        }
        return r;
    }

    static byte[] bytesOf(int[] s, int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = from; i < to; i++) {
            b[i - from] = (byte) s[i];
        }
        return b;
    }

    static long make(int[] s, int from, int to) {
        return Bytes.fromJava(bytesOf(s, from, to));
    }

    /** A result of self's kind (bytes or bytearray) from s[from:to]. */
    static long mk(long self, int[] s, int from, int to) {
        return result(self, bytesOf(s, from, to));
    }

    /** bytearray's flavor: the same algorithms, results are new bytearrays. */
    static final StrMethods.Flavor BYTEARRAY = new StrMethods.Flavor() {
        public int[] data(long self) {
            return ints(value(self));
        }

        public int[] arg(long o) {
            return BYTES.arg(o);
        }

        public long make(int[] s, int from, int to) {
            return Bytes.newByteArrayFrom(bytesOf(s, from, to));
        }

        public boolean space(int c) {
            return BYTES.space(c);
        }

        public boolean lineBreak(int c) {
            return c == '\n' || c == '\r';
        }

        public String word() {
            return "bytes";
        }
    };

    static final StrMethods.Flavor BYTES = new StrMethods.Flavor() {
        public int[] data(long self) {
            return ints(value(self));
        }

        public int[] arg(long o) {
            if (!isBytesLike(o)) {
                throw PyRaise.typeError("a bytes-like object is required, not '%s'", Types.name(o));
            }
            return ints(value(o));
        }

        public long make(int[] s, int from, int to) {
            return BytesMethods.make(s, from, to);
        }

        public boolean space(int c) {
            return c == ' ' || (c >= 0x09 && c <= 0x0d);
        }

        public boolean lineBreak(int c) {
            return c == '\n' || c == '\r';
        }

        public String word() {
            return "bytes";
        }
    };

    /** find/count/index also take an int: the byte itself. */
    private static long[] byteOrBytes(long[] args) {
        if (args.length == 0) {
            return args;
        }
        long[] r = args.clone();
        if (Ints.isInt(args[0])) {
            BigInteger v = Ints.value(args[0]);
            if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(255)) > 0) {
                throw PyRaise.valueError("byte must be in range(0, 256)");
            }
            r[0] = Bytes.fromJava(new byte[] {(byte) v.intValue()});
        } else if (!isBytesLike(args[0])) {
            throw PyRaise.typeError("argument should be integer or bytes-like object, not '%s'", Types.name(args[0]));
        }
        return r;
    }

    private static long search(StrMethods.Flavor f, long self, long[] args, long kw, String name) {
        long[] a = byteOrBytes(args);
        try {
            return StrMethods.search(f, self, a, kw, name);
        } finally {
            if (a.length > 0 && a[0] != args[0]) {
                Native.decref(a[0]);
            }
        }
    }

    static long decode(long self, long[] args, long kw) {
        long[] a = Args.clinic("decode", args, kw, 0, "encoding", "errors");
        String enc = "utf-8";
        if (a[0] != 0) {
            if (!Strs.isStr(a[0])) {
                throw PyRaise.typeError("decode() argument 'encoding' must be str, not %s", Types.name(a[0]));
            }
            enc = Strs.value(a[0]);
        }
        if (a[1] != 0 && !Strs.isStr(a[1])) {
            throw PyRaise.typeError("decode() argument 'errors' must be str, not %s", Types.name(a[1]));
        }
        if (Types.kindOf(self) != TypeKind.BYTES) {
            long copy = Bytes.fromJava(value(self));
            try {
                return decode(copy, args, kw);
            } finally {
                Native.decref(copy);
            }
        }
        long data = self + Layout.BYTES_SVAL;
        long size = Heap.size(self);
        try (Arena arena = Arena.ofConfined()) {
            long errors = a[1] == 0 ? 0 : arena.allocateFrom(Strs.value(a[1])).address();
            long r = UnicodeApi.PyUnicode_Decode(data, size, arena.allocateFrom(enc).address(), errors);
            return Slots.checkPtr(r);
        }
    }

    /** bytes.hex(sep=..., bytes_per_sep=1): groups counted from the right, from the left when negative. */
    static String hex(byte[] b, long sep, long perSep) {
        String sepText = null;
        if (sep != 0) {
            if (Strs.isStr(sep)) {
                sepText = Strs.value(sep);
            } else if (isBytesLike(sep)) {
                sepText = new String(value(sep), java.nio.charset.StandardCharsets.ISO_8859_1);
            } else {
                throw PyRaise.typeError("sep must be str or bytes.");
            }
            if (sepText.codePointCount(0, sepText.length()) != 1) {
                throw PyRaise.valueError("sep must be length 1.");
            }
            if (sepText.codePointAt(0) > 0x7f) {
                throw PyRaise.valueError("sep must be ASCII.");
            }
        }
        long group = perSep == 0 ? 1 : ContainerMethods.ssize(perSep);
        StringBuilder out = new StringBuilder();
        int n = b.length;
        long g = Math.abs(group);
        for (int i = 0; i < n; i++) {
            if (sepText != null && g != 0 && i > 0) {
                boolean boundary = group > 0 ? (n - i) % g == 0 : i % g == 0;
                if (boundary) {
                    out.append(sepText);
                }
            }
            out.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return out.toString();
    }

    static byte[] fromHex(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || (c >= 0x09 && c <= 0x0d)) {
                i++;
                continue;
            }
            int hi = Character.digit(c, 16);
            if (hi < 0 || c > 0x7f) {
                throw PyRaise.valueError("non-hexadecimal number found in fromhex() arg at position %d", i);
            }
            int lo = i + 1 < s.length() && s.charAt(i + 1) <= 0x7f ? Character.digit(s.charAt(i + 1), 16) : -1;
            if (lo < 0) {
                throw PyRaise.valueError("non-hexadecimal number found in fromhex() arg at position %d", i + 1);
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        return out.toByteArray();
    }

    private static boolean lower(int c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean upper(int c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    private static long predicate(long self, java.util.function.IntPredicate p) {
        int[] s = BYTES.data(self);
        if (s.length == 0) {
            return Singletons.FALSE;
        }
        for (int c : s) {
            if (!p.test(c)) {
                return Singletons.FALSE;
            }
        }
        return Singletons.TRUE;
    }

    /** islower/isupper: at least one cased byte and none of the other case. */
    private static long cased(long self, boolean wantLower) {
        boolean any = false;
        for (int c : BYTES.data(self)) {
            if (wantLower ? upper(c) : lower(c)) {
                return Singletons.FALSE;
            }
            any |= wantLower ? lower(c) : upper(c);
        }
        return Singletons.bool(any);
    }

    private static long istitle(long self) {
        boolean cased = false, previousCased = false;
        for (int c : BYTES.data(self)) {
            if (upper(c)) {
                if (previousCased) {
                    return Singletons.FALSE;
                }
                previousCased = cased = true;
            } else if (lower(c)) {
                if (!previousCased) {
                    return Singletons.FALSE;
                }
                previousCased = cased = true;
            } else {
                previousCased = false;
            }
        }
        return Singletons.bool(cased);
    }

    private static long mapBytes(long self, java.util.function.IntBinaryOperator f) {
        int[] s = BYTES.data(self);
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            r[i] = f.applyAsInt(s[i], i == 0 ? -1 : s[i - 1]);
        }
        return mk(self, r, 0, r.length);
    }

    private static int toLower(int c) {
        return upper(c) ? c + 32 : c;
    }

    private static int toUpper(int c) {
        return lower(c) ? c - 32 : c;
    }

    private static long title(long self) {
        int[] s = BYTES.data(self);
        boolean previousCased = false;
        for (int i = 0; i < s.length; i++) {
            int c = s[i];
            s[i] = previousCased ? toLower(c) : toUpper(c);
            previousCased = lower(c) || upper(c);
        }
        return mk(self, s, 0, s.length);
    }

    /** ljust/rjust/center(width, fillbyte=b' ', /). */
    private static long pad(long self, long[] args, long kw, String name) {
        Args.unpack(name, args, kw, 1, 2);
        long width = ContainerMethods.ssize(args[0]);
        int fill = ' ';
        if (args.length > 1) {
            if (!isBytesLike(args[1]) || value(args[1]).length != 1) {
                throw PyRaise.typeError("%s() argument 2 must be a byte string of length 1, not %s", name,
                        Types.name(args[1]));
            }
            fill = value(args[1])[0] & 0xff;
        }
        int[] s = BYTES.data(self);
        if (width <= s.length) {
            return Heap.type(self) == Types.BYTES ? Heap.newRef(self) : mk(self, s, 0, s.length);
        }
        long marg = width - s.length;
        long left = switch (name) {
            case "ljust" -> 0;
            case "rjust" -> marg;
            default -> marg / 2 + (marg & width & 1);
        };
        int[] r = new int[(int) width];
        java.util.Arrays.fill(r, fill);
        System.arraycopy(s, 0, r, (int) left, s.length);
        return mk(self, r, 0, r.length);
    }

    static BuiltinTable bytes() {
        return table(false);
    }

    /** The methods bytes and bytearray share; bytearray's results are bytearrays. */
    static BuiltinTable table(boolean ba) {
        StrMethods.Flavor F = ba ? BYTEARRAY : BYTES;
        String word = ba ? "bytearray" : "bytes";
        BuiltinTable t = new BuiltinTable();
        t.method("isalpha", (self, args, kw) -> {
            Args.none(q(self, "isalpha"), args, kw);
            return predicate(self, c -> lower(c) || upper(c));
        });
        t.method("isalnum", (self, args, kw) -> {
            Args.none(q(self, "isalnum"), args, kw);
            return predicate(self, c -> lower(c) || upper(c) || digit(c));
        });
        t.method("isdigit", (self, args, kw) -> {
            Args.none(q(self, "isdigit"), args, kw);
            return predicate(self, BytesMethods::digit);
        });
        t.method("isspace", (self, args, kw) -> {
            Args.none(q(self, "isspace"), args, kw);
            return predicate(self, BYTES::space);
        });
        t.method("islower", (self, args, kw) -> {
            Args.none(q(self, "islower"), args, kw);
            return cased(self, true);
        });
        t.method("isupper", (self, args, kw) -> {
            Args.none(q(self, "isupper"), args, kw);
            return cased(self, false);
        });
        t.method("istitle", (self, args, kw) -> {
            Args.none(q(self, "istitle"), args, kw);
            return istitle(self);
        });
        t.method("lower", (self, args, kw) -> {
            Args.none(q(self, "lower"), args, kw);
            return mapBytes(self, (c, p) -> toLower(c));
        });
        t.method("upper", (self, args, kw) -> {
            Args.none(q(self, "upper"), args, kw);
            return mapBytes(self, (c, p) -> toUpper(c));
        });
        t.method("swapcase", (self, args, kw) -> {
            Args.none(q(self, "swapcase"), args, kw);
            return mapBytes(self, (c, p) -> lower(c) ? toUpper(c) : toLower(c));
        });
        t.method("capitalize", (self, args, kw) -> {
            Args.none(q(self, "capitalize"), args, kw);
            int[] s = BYTES.data(self);
            for (int i = 0; i < s.length; i++) {
                s[i] = i == 0 ? toUpper(s[i]) : toLower(s[i]);
            }
            return mk(self, s, 0, s.length);
        });
        t.method("title", (self, args, kw) -> {
            Args.none(q(self, "title"), args, kw);
            return title(self);
        });
        for (String m : new String[] {"ljust", "rjust", "center"}) {
            t.method(m, (self, args, kw) -> pad(self, args, kw, m));
        }
        t.method("zfill", (self, args, kw) -> {
            long width = ContainerMethods.ssize(Args.one(q(self, "zfill"), args, kw));
            int[] s = BYTES.data(self);
            if (width <= s.length) {
                return mk(self, s, 0, s.length);
            }
            int[] r = new int[(int) width];
            java.util.Arrays.fill(r, '0');
            int sign = s.length > 0 && (s[0] == '+' || s[0] == '-') ? 1 : 0;
            if (sign == 1) {
                r[0] = s[0];
            }
            System.arraycopy(s, sign, r, (int) (width - s.length + sign), s.length - sign);
            return mk(self, r, 0, r.length);
        });
        t.method("expandtabs", (self, args, kw) -> StrMethods.expandTabs(F, self, args, kw));
        t.method("splitlines", (self, args, kw) -> StrMethods.splitLines(F, self, args, kw));
        t.slot("__add__", Slots.binary((self, other) -> {
            if (!isBytesLike(other)) {
                throw PyRaise.typeError("can't concat %s to %s", Types.name(other), word);
            }
            byte[] a = value(self), b = value(other);
            byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, r, a.length, b.length);
            return result(self, r);
        }));
        BuiltinTable.Impl repeat = Slots.binary((self, n) -> {
            return result(self, repeated(value(self), ContainerMethods.ssize(n)));
        });
        t.slot("__mul__", repeat);
        t.slot("__rmul__", repeat);
        t.slot("__contains__", Slots.binary((self, x) -> Singletons.bool(ByteArrayMethods.contains(self, x))));
        if (ba) {
            ByteArrayMethods.comparisons(t);
        } else {
            Slots.comparisons(t, o -> Types.kindOf(o) == TypeKind.BYTES);
        }
        t.slot("__getitem__", Slots.binary((self, key) -> {
            int[] s = F.data(self);
            if (Ints.isInt(key)) {
                long i = ContainerMethods.ssize(key);
                if (i < 0) {
                    i += s.length;
                }
                if (i < 0 || i >= s.length) {
                    throw PyRaise.indexError(ba ? "bytearray index out of range" : "index out of range");
                }
                return Ints.fromLong(s[(int) i]);
            }
            if (Types.kindOf(key) == TypeKind.SLICE) {
                long[] r = StrMethods.sliceIndices(key, s.length);
                int[] out = new int[(int) r[3]];
                for (long i = r[0], k = 0; k < r[3]; i += r[2], k++) {
                    out[(int) k] = s[(int) i];
                }
                return mk(self, out, 0, out.length);
            }
            throw PyRaise.typeError("%s indices must be integers or slices, not %s", ba ? "bytearray" : "byte",
                    Types.name(key));
        }));
        Slots.textSlots(t);
        t.slot("__mod__", Slots.binary((self, args) -> BytesFormat.format(self, args)));
        t.slot("__rmod__", Slots.binary((self, fmt) -> Heap.type(fmt) == Heap.type(self)
                || Types.kindOf(fmt) == Types.kindOf(self) ? BytesFormat.format(fmt, self) : Singletons.NOTIMPLEMENTED));
        t.slot("__buffer__", MemoryViews.bufferWrapper());
        if (!ba) {
            bytesOnly(t);
        }
        shared(t, F, ba);
        return t;
    }

    private static void bytesOnly(BuiltinTable t) {
        t.method("__bytes__", (self, args, kw) -> {
            Args.none(q(self, "__bytes__"), args, kw);
            return Heap.type(self) == Types.BYTES ? Heap.newRef(self) : Bytes.fromJava(value(self));
        });
        t.method("__getnewargs__", (self, args, kw) -> {
            Args.none(q(self, "__getnewargs__"), args, kw);
            return Tuples.of(Bytes.fromJava(value(self)));
        });
    }

    private static void shared(BuiltinTable t, StrMethods.Flavor F, boolean ba) {
        t.method("split", (self, args, kw) -> StrMethods.split(F, self, args, kw, false));
        t.method("rsplit", (self, args, kw) -> StrMethods.split(F, self, args, kw, true));
        t.method("strip", (self, args, kw) -> StrMethods.strip(F, self, args, kw, "strip", true, true));
        t.method("lstrip", (self, args, kw) -> StrMethods.strip(F, self, args, kw, "lstrip", true, false));
        t.method("rstrip", (self, args, kw) -> StrMethods.strip(F, self, args, kw, "rstrip", false, true));
        for (String m : new String[] {"find", "rfind", "index", "rindex", "count"}) {
            t.method(m, (self, args, kw) -> search(F, self, args, kw, m));
        }
        t.method("startswith", (self, args, kw) -> StrMethods.affix(F, self, args, kw, "startswith", false));
        t.method("endswith", (self, args, kw) -> StrMethods.affix(F, self, args, kw, "endswith", true));
        t.method("replace", (self, args, kw) -> StrMethods.replace(F, self, args, kw));
        t.method("partition", (self, args, kw) -> StrMethods.partition(F, self, args, kw, false));
        t.method("rpartition", (self, args, kw) -> StrMethods.partition(F, self, args, kw, true));
        t.method("join", (self, args, kw) -> {
            long[] items = Iteration.toArray(Args.one(q(self, "join"), args, kw));
            try {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                byte[] sep = value(self);
                for (int i = 0; i < items.length; i++) {
                    if (!isBytesLike(items[i])) {
                        throw PyRaise.typeError("sequence item %d: expected a bytes-like object, %s found", i,
                                Types.name(items[i]));
                    }
                    if (i > 0) {
                        out.writeBytes(sep);
                    }
                    out.writeBytes(value(items[i]));
                }
                return result(self, out.toByteArray());
            } finally {
                for (long it : items) {
                    Native.decref(it);
                }
            }
        });
        t.method("removeprefix", (self, args, kw) -> {
            int[] p = BYTES.arg(Args.one(q(self, "removeprefix"), args, kw));
            int[] s = BYTES.data(self);
            boolean has = p.length > 0 && p.length <= s.length
                    && java.util.Arrays.equals(java.util.Arrays.copyOf(s, p.length), p);
            return mk(self, s, has ? p.length : 0, s.length);
        });
        t.method("removesuffix", (self, args, kw) -> {
            int[] p = BYTES.arg(Args.one(q(self, "removesuffix"), args, kw));
            int[] s = BYTES.data(self);
            boolean has = p.length > 0 && p.length <= s.length
                    && java.util.Arrays.equals(java.util.Arrays.copyOfRange(s, s.length - p.length, s.length), p);
            return mk(self, s, 0, has ? s.length - p.length : s.length);
        });
        t.method("isascii", (self, args, kw) -> {
            Args.none(q(self, "isascii"), args, kw);
            for (byte b : value(self)) {
                if (b < 0) {
                    return Singletons.FALSE;
                }
            }
            return Singletons.TRUE;
        });
        t.method("decode", BytesMethods::decode);
        t.staticMethod("maketrans", (cls, args, kw) -> {
            Args.positional("maketrans", args, kw, 2, 2);
            int[] from = BYTES.arg(args[0]), to = BYTES.arg(args[1]);
            if (from.length != to.length) {
                throw PyRaise.valueError("maketrans arguments must have same length");
            }
            int[] table = new int[256];
            for (int i = 0; i < 256; i++) {
                table[i] = i;
            }
            for (int i = 0; i < from.length; i++) {
                table[from[i]] = to[i];
            }
            return make(table, 0, 256);
        });
        t.method("translate", (self, args, kw) -> {
            Args.clinicCount("translate", args.length, 1, 2);
            long[] a = Args.clinic("translate", args, kw, 1, "table", "delete");
            int[] table = a[0] == Singletons.NONE ? null : BYTES.arg(a[0]);
            if (table != null && table.length != 256) {
                throw PyRaise.valueError("translation table must be 256 characters long");
            }
            boolean[] drop = new boolean[256];
            if (a[1] != 0) {
                for (int c : BYTES.arg(a[1])) {
                    drop[c] = true;
                }
            }
            int[] s = BYTES.data(self);
            int n = 0;
            for (int c : s) {
                if (!drop[c]) {
                    s[n++] = table == null ? c : table[c];
                }
            }
            return mk(self, s, 0, n);
        });
        t.method("hex", (self, args, kw) -> {
            long[] a = Args.clinic("hex", args, kw, 0, "sep", "bytes_per_sep");
            return Strs.fromJava(hex(value(self), a[0], a[1]));
        });
        t.classMethod("fromhex", (cls, args, kw) -> {
            long text = Args.one(q(cls, "fromhex"), args, kw);
            if (!Strs.isStr(text)) {
                throw PyRaise.typeError("fromhex() argument must be str, not %s", Types.name(text));
            }
            byte[] parsed = fromHex(Strs.value(text));
            if (cls == (ba ? Types.BYTEARRAY : Types.BYTES)) {
                return ba ? Bytes.newByteArrayFrom(parsed) : Bytes.fromJava(parsed);
            }
            long b = ba ? Bytes.newByteArrayFrom(parsed) : Bytes.fromJava(parsed);
            try {
                return dev.ftcheck.runtime.obj.Calls.call(cls, new long[] {b}, 0);
            } finally {
                Native.decref(b);
            }
        });
    }
}
