package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;
import java.nio.charset.StandardCharsets;

/** str and bytes C-API. */
public final class UnicodeApi {
    private UnicodeApi() {}

    static long str(long o) {
        if (o == 0 || !Strs.isStr(o)) {
            throw PyRaise.badInternalCall();
        }
        return o;
    }

    private static long decodeUtf8(long u, long size, long errors) {
        if (size < 0) {
            throw PyRaise.systemError("Negative size passed to PyUnicode_FromStringAndSize");
        }
        byte[] b = Mem.bytes(u, size);
        String mode = errors == 0 ? "strict" : Mem.cString(errors);
        if (!mode.equals("strict")) {
            return Strs.fromJava(new String(b, StandardCharsets.UTF_8));
        }
        return Strs.fromUtf8(b);
    }

    @CApi
    public static long PyUnicode_New(long size, int maxchar) {
        return Strs.allocate(size, maxchar);
    }

    @CApi
    public static long PyUnicode_FromStringAndSize(long u, long size) {
        if (u == 0) {
            if (size == 0) {
                return Strs.fromJava("");
            }
            throw PyRaise.systemError("NULL string with positive size with NULL passed to PyUnicode_FromStringAndSize");
        }
        return decodeUtf8(u, size, 0);
    }

    @CApi
    public static long PyUnicode_FromString(long u) {
        return decodeUtf8(u, Mem.strlen(u), 0);
    }

    @CApi
    public static long PyUnicode_DecodeUTF8(long s, long size, long errors) {
        return decodeUtf8(s, size, errors);
    }

    @CApi
    public static long PyUnicode_DecodeLatin1(long s, long size, long errors) {
        return Strs.fromJava(new String(Mem.bytes(s, size), StandardCharsets.ISO_8859_1));
    }

    @CApi
    public static long PyUnicode_DecodeASCII(long s, long size, long errors) {
        byte[] b = Mem.bytes(s, size);
        for (byte x : b) {
            if (x < 0) {
                throw new PyRaise(Exceptions.UnicodeDecodeError,
                        "'ascii' codec can't decode byte 0x" + Integer.toHexString(x & 0xff) + ": ordinal not in range(128)");
            }
        }
        return Strs.fromJava(new String(b, StandardCharsets.US_ASCII));
    }

    @CApi
    public static long PyUnicode_FromKindAndData(int kind, long buffer, long size) {
        StringBuilder sb = new StringBuilder();
        for (long i = 0; i < size; i++) {
            int c = switch (kind) {
                case 1 -> Mem.getByte(buffer + i) & 0xff;
                case 2 -> Mem.getShort(buffer + 2 * i) & 0xffff;
                case 4 -> Mem.getInt(buffer + 4 * i);
                default -> throw PyRaise.systemError("invalid kind");
            };
            sb.appendCodePoint(c);
        }
        return Strs.fromJava(sb.toString());
    }

    @CApi
    public static long PyUnicode_FromOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal > 0x10FFFF) {
            throw PyRaise.valueError("chr() arg not in range(0x110000)");
        }
        return Strs.fromJava(new String(Character.toChars(ordinal)));
    }

    @CApi
    public static long PyUnicode_FromObject(long obj) {
        if (Types.isInstance(obj, Types.STR)) {
            return Heap.newRef(obj);
        }
        throw PyRaise.typeError("Can't convert '%s' object to str implicitly", Types.name(obj));
    }

    @CApi
    public static long PyUnicode_Substring(long s, long start, long end) {
        String v = Strs.value(str(s));
        int n = v.codePointCount(0, v.length());
        int a = (int) Math.max(0, Math.min(start, n));
        int b = (int) Math.max(a, Math.min(end, n));
        return Strs.fromJava(v.substring(v.offsetByCodePoints(0, a), v.offsetByCodePoints(0, b)));
    }

    @CApi
    public static long PyUnicode_GetLength(long s) {
        return Strs.length(str(s));
    }

    @CApi
    public static int PyUnicode_ReadChar(long s, long index) {
        str(s);
        if (index < 0 || index >= Strs.length(s)) {
            throw PyRaise.indexError("string index out of range");
        }
        return Strs.codePointAt(s, index);
    }

    @CApi
    public static int PyUnicode_WriteChar(long s, long index, int ch) {
        str(s);
        if (index < 0 || index >= Strs.length(s)) {
            throw PyRaise.indexError("string index out of range");
        }
        if (Heap.refcnt(s) != 1) {
            throw PyRaise.systemError("Cannot modify a string currently used");
        }
        long d = Strs.data(s);
        switch (Strs.kind(s)) {
            case 1 -> Mem.putByte(d + index, (byte) ch);
            case 2 -> Mem.putShort(d + 2 * index, (short) ch);
            default -> Mem.putInt(d + 4 * index, ch);
        }
        return 0;
    }

    @CApi
    public static long PyUnicode_AsUTF8AndSize(long s, long size) {
        if (s == 0 || !Strs.isStr(s)) {
            if (size != 0) {
                Mem.putLong(size, -1);
            }
            throw PyRaise.badInternalCall();
        }
        long p = Strs.utf8(s);
        if (size != 0) {
            Mem.putLong(size, Strs.utf8Length(s));
        }
        return p;
    }

    @CApi
    public static long PyUnicode_AsUTF8(long s) {
        return PyUnicode_AsUTF8AndSize(s, 0);
    }

    @CApi
    public static long PyUnicode_AsUTF8String(long s) {
        return Bytes.fromJava(encode(Strs.value(str(s)), "utf-8", "strict"));
    }

    /** str.encode(encoding, errors) for the codecs extensions name in C: UTF-8, ASCII and Latin-1. */
    @CApi
    public static long PyUnicode_AsEncodedString(long unicode, long encoding, long errors) {
        String enc = encoding == 0 ? "utf-8" : Mem.cString(encoding);
        return Bytes.fromJava(encode(Strs.value(str(unicode)), enc, errors == 0 ? "strict" : Mem.cString(errors)));
    }

    /** Python's codec name normalisation: case and the separators '-', '_' and ' ' do not matter. */
    public static String codec(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT).replace('_', '-').replace(' ', '-');
        return switch (n) {
            case "utf-8", "utf8", "u8", "utf", "cp65001" -> "utf-8";
            case "ascii", "us-ascii", "646" -> "ascii";
            case "latin-1", "latin1", "latin", "l1", "iso-8859-1", "iso8859-1", "8859", "cp819", "iso-ir-100" ->
                    "latin-1";
            default -> throw new PyRaise(Exceptions.LookupError, "unknown encoding: " + name);
        };
    }

    static byte[] encode(String v, String encoding, String errors) {
        String enc = codec(encoding);
        if (enc.equals("utf-8") && !hasSurrogate(v)) {
            return v.getBytes(StandardCharsets.UTF_8);   // the common case: nothing to refuse or replace
        }
        int limit = enc.equals("ascii") ? 0x80 : enc.equals("latin-1") ? 0x100 : 0x110000;
        if (!errors.equals("strict") && !errors.equals("ignore") && !errors.equals("replace")) {
            throw PyRaise.systemError("ftcheck: the '%s' error handler is not implemented for encoding", errors);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(v.length());
        int pos = 0;
        for (int i = 0; i < v.length(); pos++) {
            int cp = v.codePointAt(i);
            boolean surrogate = cp >= 0xD800 && cp <= 0xDFFF;
            if (cp >= limit || (surrogate && enc.equals("utf-8"))) {
                if (errors.equals("strict")) {
                    String ch = cp < 0x100 ? String.format("'\\x%02x'", cp)
                            : cp < 0x10000 ? String.format("'\\u%04x'", cp) : String.format("'\\U%08x'", cp);
                    throw new PyRaise(Exceptions.UnicodeEncodeError, "'" + enc + "' codec can't encode character "
                            + ch + " in position " + pos + (surrogate && enc.equals("utf-8")
                            ? ": surrogates not allowed" : ": ordinal not in range(" + limit + ")"));
                }
                if (errors.equals("replace")) {
                    out.write('?');
                }
            } else if (enc.equals("utf-8")) {
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            } else {
                out.write(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toByteArray();
    }

    @CApi
    public static long PyUnicode_AsASCIIString(long s) {
        String v = Strs.value(str(s));
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) > 127) {
                throw new PyRaise(Exceptions.UnicodeEncodeError, "'ascii' codec can't encode character "
                        + String.format("'\\x%02x'", (int) v.charAt(i)) + " in position " + i + ": ordinal not in range(128)");
            }
        }
        return Bytes.fromJava(v.getBytes(StandardCharsets.US_ASCII));
    }

    @CApi
    public static long PyUnicode_Concat(long a, long b) {
        if (!Strs.isStr(a) || !Strs.isStr(b)) {
            throw PyRaise.typeError("can only concatenate str (not \"%s\") to str",
                    Types.name(Strs.isStr(a) ? b : a));
        }
        return Strs.fromJava(Strs.value(a) + Strs.value(b));
    }

    @CApi
    public static void PyUnicode_Append(long pleft, long right) {
        long left = Mem.getLong(pleft);
        if (left == 0) {
            return;
        }
        try {
            long r = PyUnicode_Concat(left, right);
            Mem.putLong(pleft, r);
        } catch (RuntimeException e) {
            Mem.putLong(pleft, 0);
            throw e;
        } finally {
            Native.decref(left);
        }
    }

    @CApi
    public static void PyUnicode_AppendAndDel(long pleft, long right) {
        try {
            PyUnicode_Append(pleft, right);
        } finally {
            Native.xdecref(right);
        }
    }

    @CApi
    public static long PyUnicode_Join(long sep, long seq) {
        long[] items = Iteration.toArray(seq);
        try {
            StringBuilder sb = new StringBuilder();
            String s = Strs.value(str(sep));
            for (int i = 0; i < items.length; i++) {
                if (!Strs.isStr(items[i])) {
                    throw PyRaise.typeError("sequence item %d: expected str instance, %s found", i, Types.name(items[i]));
                }
                if (i > 0) {
                    sb.append(s);
                }
                sb.append(Strs.value(items[i]));
            }
            return Strs.fromJava(sb.toString());
        } finally {
            for (long it : items) {
                Native.decref(it);
            }
        }
    }

    @CApi
    public static long PyUnicode_Split(long s, long sep, long maxsplit) {
        String v = Strs.value(str(s));
        String[] parts;
        if (sep == 0 || sep == dev.ftcheck.runtime.obj.Singletons.NONE) {
            String t = v.strip();
            parts = t.isEmpty() ? new String[0] : t.split("\\s+", maxsplit < 0 ? -1 : (int) maxsplit + 1);
        } else {
            parts = v.split(java.util.regex.Pattern.quote(Strs.value(str(sep))), maxsplit < 0 ? -1 : (int) maxsplit + 1);
        }
        long l = Lists.create(parts.length);
        for (int i = 0; i < parts.length; i++) {
            Lists.set(l, i, Strs.fromJava(parts[i]));
        }
        return l;
    }

    @CApi
    public static int PyUnicode_Compare(long a, long b) {
        if (!Strs.isStr(a) || !Strs.isStr(b)) {
            throw PyRaise.typeError("Can't compare %s and %s", Types.name(a), Types.name(b));
        }
        return Integer.signum(Strs.value(a).compareTo(Strs.value(b)));
    }

    @CApi
    public static int PyUnicode_CompareWithASCIIString(long a, long s) {
        return Integer.signum(Strs.value(str(a)).compareTo(Mem.cString(s)));
    }

    @CApi
    public static int PyUnicode_EqualToUTF8(long a, long s) {
        return a != 0 && Strs.isStr(a) && Strs.value(a).equals(Mem.cString(s)) ? 1 : 0;
    }

    @CApi
    public static int PyUnicode_EqualToUTF8AndSize(long a, long s, long size) {
        return a != 0 && Strs.isStr(a)
                && Strs.value(a).equals(new String(Mem.bytes(s, size), StandardCharsets.UTF_8)) ? 1 : 0;
    }

    @CApi
    public static long PyUnicode_RichCompare(long a, long b, int op) {
        return Compare.rich(a, b, op);
    }

    @CApi
    public static int PyUnicode_Contains(long container, long element) {
        if (!Strs.isStr(element)) {
            throw PyRaise.typeError("'in <string>' requires string as left operand, not %s", Types.name(element));
        }
        return Strs.value(str(container)).contains(Strs.value(element)) ? 1 : 0;
    }

    @CApi
    public static long PyUnicode_InternFromString(long u) {
        return Strs.intern(Mem.cString(u));
    }

    @CApi
    public static void PyUnicode_InternInPlace(long p) {
        long s = Mem.getLong(p);
        if (s == 0 || !Strs.isStr(s)) {
            return;
        }
        long interned = Strs.intern(Strs.value(s));
        if (interned != s) {
            Mem.putLong(p, interned);
            Native.decref(s);
        }
    }

    // ---- bytes / bytearray ----

    @CApi
    public static long PyBytes_FromStringAndSize(long v, long len) {
        if (len < 0) {
            throw PyRaise.systemError("Negative size passed to PyBytes_FromStringAndSize");
        }
        return Bytes.create(v, len);
    }

    @CApi
    public static long PyBytes_FromString(long v) {
        return Bytes.create(v, Mem.strlen(v));
    }

    @CApi
    public static long PyBytes_Size(long o) {
        if (o == 0 || !Bytes.isBytes(o)) {
            throw PyRaise.typeError("expected bytes, %s found", o == 0 ? "NULL" : Types.name(o));
        }
        return Heap.size(o);
    }

    @CApi
    public static long PyBytes_AsString(long o) {
        PyBytes_Size(o);
        return o + dev.ftcheck.runtime.obj.Layout.BYTES_SVAL;
    }

    @CApi
    public static int PyBytes_AsStringAndSize(long o, long buffer, long length) {
        long n = PyBytes_Size(o);
        long data = o + dev.ftcheck.runtime.obj.Layout.BYTES_SVAL;
        Mem.putLong(buffer, data);
        if (length != 0) {
            Mem.putLong(length, n);
        } else if (Mem.strlen(data) != n) {
            throw PyRaise.valueError("embedded null byte");
        }
        return 0;
    }

    @CApi
    public static long PyBytes_Repr(long o, int smartquotes) {
        return Strs.fromJava(Repr.bytesRepr(Bytes.value(o)));
    }

    @CApi
    public static int _PyBytes_Resize(long pbytes, long newsize) {
        long old = Mem.getLong(pbytes);
        if (old == 0 || !Bytes.isBytes(old) || newsize < 0) {
            Mem.putLong(pbytes, 0);
            Native.xdecref(old);
            throw PyRaise.badInternalCall();
        }
        long n = Math.min(newsize, Heap.size(old));
        long fresh = Bytes.create(old + dev.ftcheck.runtime.obj.Layout.BYTES_SVAL, n);
        if (newsize > n) {
            Native.decref(fresh);
            fresh = Bytes.create(0, newsize);
            Mem.copy(old + dev.ftcheck.runtime.obj.Layout.BYTES_SVAL, fresh + dev.ftcheck.runtime.obj.Layout.BYTES_SVAL, n);
        }
        Mem.putLong(pbytes, fresh);
        Native.decref(old);
        return 0;
    }

    @CApi
    public static long PyByteArray_FromStringAndSize(long s, long len) {
        if (len < 0) {
            throw PyRaise.systemError("Negative size passed to PyByteArray_FromStringAndSize");
        }
        return Bytes.newByteArray(s, len);
    }

    @CApi
    public static long PyByteArray_Size(long o) {
        if (o == 0 || !Types.isInstance(o, Types.BYTEARRAY)) {
            throw PyRaise.badInternalCall();
        }
        return Heap.size(o);
    }

    @CApi
    public static long PyByteArray_AsString(long o) {
        PyByteArray_Size(o);
        return Mem.getLong(o + dev.ftcheck.runtime.obj.Layout.BYTEARRAY_START);
    }

    // Filesystem names: UTF-8 with surrogateescape, the encoding CPython uses on Linux in its default locale.

    private static final int CLEANUP_SUPPORTED = 0x20000;

    /** Bytes that are not valid UTF-8 become U+DC80..U+DCFF, one per byte, so that encoding gives them back. */
    static String decodeFsName(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(b.length + 1);
        while (true) {
            java.nio.charset.CoderResult r = dec.decode(in, out, true);
            out.flip();
            sb.append(out);
            out.clear();
            if (r.isError()) {
                for (int k = 0; k < r.length(); k++) {
                    sb.append((char) (0xDC00 | (in.get() & 0xff)));
                }
            } else if (r.isUnderflow()) {
                break;
            }
        }
        return sb.toString();
    }

    static byte[] encodeFsName(long str) {
        String v = Strs.value(str);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(v.length());
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            if (cp >= 0xDC80 && cp <= 0xDCFF) {
                out.write(cp & 0xff);
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                throw new PyRaise(Exceptions.UnicodeEncodeError, "'utf-8' codec can't encode character '\\u"
                        + Integer.toHexString(cp) + "' in position " + v.codePointCount(0, i)
                        + ": surrogates not allowed");
            } else {
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            }
            i += Character.charCount(cp);
        }
        return out.toByteArray();
    }

    @CApi
    public static long PyUnicode_DecodeFSDefaultAndSize(long s, long size) {
        return Strs.fromJava(decodeFsName(Mem.bytes(s, size)));
    }

    @CApi
    public static long PyUnicode_DecodeFSDefault(long s) {
        return PyUnicode_DecodeFSDefaultAndSize(s, Mem.strlen(s));
    }

    @CApi
    public static long PyUnicode_EncodeFSDefault(long unicode) {
        return Bytes.fromJava(encodeFsName(str(unicode)));
    }

    /** os.fspath(): str and bytes as they are, otherwise the result of type(path).__fspath__(path). */
    @CApi
    public static long PyOS_FSPath(long path) {
        if (Strs.isStr(path) || Bytes.isBytes(path)) {
            Native.incref(path);
            return path;
        }
        long fspath = dev.ftcheck.runtime.obj.Attributes.lookupInType(Heap.type(path), "__fspath__");
        if (fspath == 0) {
            throw PyRaise.typeError("expected str, bytes or os.PathLike object, not %s", Types.name(path));
        }
        long r = dev.ftcheck.runtime.obj.Calls.callMethod(path, "__fspath__", new long[0], 0);
        if (!Strs.isStr(r) && !Bytes.isBytes(r)) {
            String got = Types.name(r);
            Native.decref(r);
            throw PyRaise.typeError("expected %s.__fspath__() to return str or bytes, not %s", Types.name(path), got);
        }
        return r;
    }

    /** The "O&" converter to a bytes file name; called again with NULL it releases what it made. */
    @CApi
    public static int PyUnicode_FSConverter(long arg, long result) {
        return fsConvert(arg, result, true);
    }

    /** The "O&" converter to a str file name; called again with NULL it releases what it made. */
    @CApi
    public static int PyUnicode_FSDecoder(long arg, long result) {
        return fsConvert(arg, result, false);
    }

    /** os.fspath(arg) as bytes or as str, without NUL, stored in *result; NULL arg: the cleanup call. */
    private static int fsConvert(long arg, long result, boolean toBytes) {
        if (arg == 0) {
            long old = Mem.getLong(result);
            Mem.putLong(result, 0);
            if (old != 0) {
                Native.decref(old);
            }
            return 1;
        }
        long path = PyOS_FSPath(arg);
        boolean ready = toBytes ? Bytes.isBytes(path) : Strs.isStr(path);
        long out;
        try {
            out = ready ? path : toBytes ? Bytes.fromJava(encodeFsName(path))
                    : Strs.fromJava(decodeFsName(Bytes.value(path)));
        } finally {
            if (!ready) {
                Native.decref(path);
            }
        }
        if (toBytes ? hasNul(Bytes.value(out)) : Strs.value(out).indexOf('\0') >= 0) {
            Native.decref(out);
            throw PyRaise.valueError(toBytes ? "embedded null byte" : "embedded null character");
        }
        Mem.putLong(result, out);
        return CLEANUP_SUPPORTED;
    }

    /** A lone surrogate, which UTF-8 cannot encode (a pair in the Java string is one code point, and fine). */
    private static boolean hasSurrogate(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasNul(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return true;
            }
        }
        return false;
    }
}
