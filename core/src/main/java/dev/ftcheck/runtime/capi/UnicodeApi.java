package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Codecs;
import dev.ftcheck.runtime.obj.Compare;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.StrMethods;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import java.nio.charset.StandardCharsets;

/** unicodeobject.h: str objects, their codecs and the str methods C calls. */
public final class UnicodeApi {
    private UnicodeApi() {}

    static long str(long o) {
        if (o == 0 || !Strs.isStr(o)) {
            throw PyRaise.badInternalCall();
        }
        return o;
    }

    private static String errors(long errors) {
        return errors == 0 ? null : Mem.cString(errors);
    }

    private static long decodeUtf8(long u, long size, long errors) {
        if (size < 0) {
            throw PyRaise.systemError("Negative size passed to PyUnicode_FromStringAndSize");
        }
        return Codecs.decodeUtf8(Mem.bytes(u, size), errors(errors), true).str();
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
        return Codecs.decodeSingleByte(Mem.bytes(s, size), errors(errors), 256);
    }

    @CApi
    public static long PyUnicode_DecodeASCII(long s, long size, long errors) {
        return Codecs.decodeSingleByte(Mem.bytes(s, size), errors(errors), 128);
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

    /** A str argument of the PyUnicode_As*String family; TypeError("bad argument type ...") otherwise. */
    private static long strBadArgument(long o) {
        if (o == 0 || !Strs.isStr(o)) {
            throw PyRaise.typeError("bad argument type for built-in operation");
        }
        return o;
    }

    @CApi
    public static long PyUnicode_AsUTF8String(long s) {
        return Bytes.fromJava(Codecs.encodeUtf8(strBadArgument(s), null));
    }

    @CApi
    public static long PyUnicode_AsASCIIString(long s) {
        return Bytes.fromJava(Codecs.encodeSingleByte(strBadArgument(s), null, 128));
    }

    @CApi
    public static long PyUnicode_AsLatin1String(long s) {
        return Bytes.fromJava(Codecs.encodeSingleByte(strBadArgument(s), null, 256));
    }

    @CApi
    public static long PyUnicode_AsUTF16String(long s) {
        return Bytes.fromJava(Codecs.encodeUtf16or32(strBadArgument(s), null, 0, 2));
    }

    @CApi
    public static long PyUnicode_AsUTF32String(long s) {
        return Bytes.fromJava(Codecs.encodeUtf16or32(strBadArgument(s), null, 0, 4));
    }

    @CApi
    public static long PyUnicode_AsUnicodeEscapeString(long s) {
        return Bytes.fromJava(Codecs.encodeUnicodeEscape(strBadArgument(s), false));
    }

    @CApi
    public static long PyUnicode_AsRawUnicodeEscapeString(long s) {
        return Bytes.fromJava(Codecs.encodeUnicodeEscape(strBadArgument(s), true));
    }

    /** A built-in codec by its module name; bytes (new reference). */
    private static long encodeBuiltin(long str, String module, String errors) {
        byte[] b = switch (module) {
            case "utf_8" -> Codecs.encodeUtf8(str, errors);
            case "ascii" -> Codecs.encodeSingleByte(str, errors, 128);
            case "latin_1" -> Codecs.encodeSingleByte(str, errors, 256);
            case "utf_16" -> Codecs.encodeUtf16or32(str, errors, 0, 2);
            case "utf_16_le" -> Codecs.encodeUtf16or32(str, errors, -1, 2);
            case "utf_16_be" -> Codecs.encodeUtf16or32(str, errors, 1, 2);
            case "utf_32" -> Codecs.encodeUtf16or32(str, errors, 0, 4);
            case "utf_32_le" -> Codecs.encodeUtf16or32(str, errors, -1, 4);
            case "utf_32_be" -> Codecs.encodeUtf16or32(str, errors, 1, 4);
            case "unicode_escape" -> Codecs.encodeUnicodeEscape(str, false);
            default -> Codecs.encodeUnicodeEscape(str, true);
        };
        return Bytes.fromJava(b);
    }

    private static long decodeBuiltin(byte[] in, String module, String errors) {
        return switch (module) {
            case "utf_8" -> Codecs.decodeUtf8(in, errors, true).str();
            case "ascii" -> Codecs.decodeSingleByte(in, errors, 128);
            case "latin_1" -> Codecs.decodeSingleByte(in, errors, 256);
            case "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be" -> {
                int[] order = {module.endsWith("_le") ? -1 : module.endsWith("_be") ? 1 : 0};
                yield Codecs.decodeUtf16or32(in, errors, order, true, module.startsWith("utf_16") ? 2 : 4).str();
            }
            case "unicode_escape" -> Codecs.decodeUnicodeEscape(in, errors, false);
            default -> Codecs.decodeUnicodeEscape(in, errors, true);
        };
    }

    /** str.encode(encoding, errors): the built-in codecs directly, others through the codec registry. */
    @CApi
    public static long PyUnicode_AsEncodedString(long unicode, long encoding, long errors) {
        strBadArgument(unicode);
        String enc = encoding == 0 ? "utf-8" : Mem.cString(encoding);
        String module = Codecs.builtinModule(Codecs.normalize(enc));
        if (module != null) {
            return encodeBuiltin(unicode, module, errors(errors));
        }
        long v = CodecsApi.PyCodec_Encode(unicode, encoding, errors);
        if (Bytes.isBytes(v)) {
            return v;
        }
        if (Types.isInstance(v, Types.BYTEARRAY)) {
            WarningsApi.warn(Exceptions.RuntimeWarning, "encoder " + enc
                    + " returned bytearray instead of bytes; use codecs.encode() to encode to arbitrary types");
            long b = Bytes.fromJava(Bytes.byteArrayValue(v));
            Native.decref(v);
            return b;
        }
        String got = Types.name(v);
        Native.decref(v);
        throw PyRaise.typeError("'%s' encoder returned '%s' instead of 'bytes'; use codecs.encode() to encode to "
                + "arbitrary types", enc, got);
    }

    @CApi
    public static long PyUnicode_Decode(long s, long size, long encoding, long errors) {
        String enc = encoding == 0 ? "utf-8" : Mem.cString(encoding);
        String module = Codecs.builtinModule(Codecs.normalize(enc));
        byte[] in = Mem.bytes(s, size);
        if (module != null) {
            return decodeBuiltin(in, module, errors(errors));
        }
        long b = Bytes.fromJava(in);
        long v;
        try {
            v = CodecsApi.PyCodec_Decode(b, encoding, errors);
        } finally {
            Native.decref(b);
        }
        return checkStr(v, enc, "decoder", "decode");
    }

    private static long checkStr(long v, String enc, String what, String verb) {
        if (Strs.isStr(v)) {
            return v;
        }
        String got = Types.name(v);
        Native.decref(v);
        throw PyRaise.typeError("'%s' %s returned '%s' instead of 'str'; use codecs.%s() to %s to arbitrary types",
                enc, what, got, verb, verb);
    }

    @CApi
    public static long PyUnicode_FromEncodedObject(long obj, long encoding, long errors) {
        if (obj == 0) {
            throw PyRaise.badInternalCall();
        }
        byte[] data;
        if (Bytes.isBytes(obj)) {
            data = Bytes.value(obj);
        } else if (Strs.isStr(obj)) {
            throw PyRaise.typeError("decoding str is not supported");
        } else if (Types.isInstance(obj, Types.BYTEARRAY)) {
            data = Bytes.byteArrayValue(obj);
        } else if (BufferApi.PyObject_CheckBuffer(obj) != 0) {
            data = BufferApi.simpleBytes(obj);
        } else {
            throw PyRaise.typeError("decoding to str: need a bytes-like object, %s found", Types.name(obj));
        }
        if (data.length == 0) {
            return Strs.fromJava("");
        }
        long buf = Native.memMalloc(data.length);
        try {
            Mem.putBytes(buf, data);
            return PyUnicode_Decode(buf, data.length, encoding, errors);
        } finally {
            Native.memFree(buf);
        }
    }

    private static long deprecatedCodec(long unicode, long encoding, long errors, String warning, boolean encode) {
        strBadArgument(unicode);
        WarningsApi.warn(Exceptions.DeprecationWarning, warning);
        long enc = encoding == 0 ? DEFAULT_ENCODING : encoding;
        return encode ? CodecsApi.PyCodec_Encode(unicode, enc, errors) : CodecsApi.PyCodec_Decode(unicode, enc, errors);
    }

    @CApi
    public static long PyUnicode_AsEncodedObject(long unicode, long encoding, long errors) {
        return deprecatedCodec(unicode, encoding, errors, "PyUnicode_AsEncodedObject() is deprecated; use "
                + "PyUnicode_AsEncodedString() to encode from str to bytes or PyCodec_Encode() for generic encoding",
                true);
    }

    @CApi
    public static long PyUnicode_AsEncodedUnicode(long unicode, long encoding, long errors) {
        long v = deprecatedCodec(unicode, encoding, errors,
                "PyUnicode_AsEncodedUnicode() is deprecated; use PyCodec_Encode() to encode from str to str", true);
        return checkStr(v, encoding == 0 ? "utf-8" : Mem.cString(encoding), "encoder", "encode");
    }

    @CApi
    public static long PyUnicode_AsDecodedObject(long unicode, long encoding, long errors) {
        return deprecatedCodec(unicode, encoding, errors,
                "PyUnicode_AsDecodedObject() is deprecated; use PyCodec_Decode() to decode from str", false);
    }

    @CApi
    public static long PyUnicode_AsDecodedUnicode(long unicode, long encoding, long errors) {
        long v = deprecatedCodec(unicode, encoding, errors,
                "PyUnicode_AsDecodedUnicode() is deprecated; use PyCodec_Decode() to decode from str to str", false);
        return checkStr(v, encoding == 0 ? "utf-8" : Mem.cString(encoding), "decoder", "decode");
    }

    @CApi
    public static long PyUnicode_DecodeUTF8Stateful(long s, long size, long errors, long consumed) {
        Codecs.Decoded d = Codecs.decodeUtf8(Mem.bytes(s, size), errors(errors), consumed == 0);
        if (consumed != 0) {
            Mem.putLong(consumed, d.consumed());
        }
        return d.str();
    }

    private static long decodeUtf16or32(long s, long size, long errors, long byteorder, long consumed, int width) {
        int[] order = {byteorder == 0 ? 0 : Mem.getInt(byteorder)};
        Codecs.Decoded d;
        try {
            d = Codecs.decodeUtf16or32(Mem.bytes(s, size), errors(errors), order, consumed == 0, width);
        } finally {
            if (byteorder != 0) {
                Mem.putInt(byteorder, order[0]);
            }
        }
        if (consumed != 0) {
            Mem.putLong(consumed, d.consumed());
        }
        return d.str();
    }

    @CApi
    public static long PyUnicode_DecodeUTF16(long s, long size, long errors, long byteorder) {
        return decodeUtf16or32(s, size, errors, byteorder, 0, 2);
    }

    @CApi
    public static long PyUnicode_DecodeUTF16Stateful(long s, long size, long errors, long byteorder, long consumed) {
        return decodeUtf16or32(s, size, errors, byteorder, consumed, 2);
    }

    @CApi
    public static long PyUnicode_DecodeUTF32(long s, long size, long errors, long byteorder) {
        return decodeUtf16or32(s, size, errors, byteorder, 0, 4);
    }

    @CApi
    public static long PyUnicode_DecodeUTF32Stateful(long s, long size, long errors, long byteorder, long consumed) {
        return decodeUtf16or32(s, size, errors, byteorder, consumed, 4);
    }

    @CApi
    public static long PyUnicode_DecodeUnicodeEscape(long s, long size, long errors) {
        return Codecs.decodeUnicodeEscape(Mem.bytes(s, size), errors(errors), false);
    }

    @CApi
    public static long PyUnicode_DecodeRawUnicodeEscape(long s, long size, long errors) {
        return Codecs.decodeUnicodeEscape(Mem.bytes(s, size), errors(errors), true);
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
        int[] v = strArg(s);
        int[] p = sep == 0 ? null : strArg(sep);
        return strList(StrMethods.split(v, p, maxsplit, false));
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

    /** CPython's ensure_unicode: the code points of a str argument, TypeError otherwise. */
    private static int[] strArg(long o) {
        if (o == 0 || !Strs.isStr(o)) {
            throw PyRaise.typeError("must be str, not %s", o == 0 ? "NULL" : Types.name(o));
        }
        return Strs.codePoints(o);
    }

    private static long strList(java.util.List<int[]> parts) {
        long l = Lists.create(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Lists.set(l, i, Strs.fromCodePoints(parts.get(i)));
        }
        return l;
    }

    @CApi
    public static long PyUnicode_Count(long str, long substr, long start, long end) {
        return StrMethods.count(strArg(str), strArg(substr), start, end);
    }

    /** -1 not found, -2 with the error set (PyUnicode_Find's convention). */
    @CApi
    public static long PyUnicode_Find(long str, long substr, long start, long end, int direction) {
        try {
            return StrMethods.find(strArg(str), strArg(substr), start, end, direction > 0);
        } catch (PyRaise e) {
            dev.ftcheck.runtime.obj.Errors.set(e.type, e.getMessage());
            return -2;
        }
    }

    @CApi
    public static long PyUnicode_FindChar(long str, int ch, long start, long end, int direction) {
        return StrMethods.find(Strs.codePoints(str), new int[] {ch}, start, end, direction > 0);
    }

    @CApi
    public static long PyUnicode_Tailmatch(long str, long substr, long start, long end, int direction) {
        return StrMethods.tailmatch(strArg(str), strArg(substr), start, end, direction > 0) ? 1 : 0;
    }

    @CApi
    public static long PyUnicode_Replace(long str, long substr, long replstr, long maxcount) {
        int[] s = strArg(str);
        int[] old = strArg(substr);
        return Strs.fromCodePoints(StrMethods.replace(s, old, strArg(replstr), maxcount));
    }

    private static long partition(long str, long sep, boolean fromRight) {
        int[] s = strArg(str);
        int[] p = strArg(sep);
        if (p.length == 0) {
            throw PyRaise.valueError("empty separator");
        }
        long at = StrMethods.find(s, p, 0, s.length, !fromRight);
        if (at < 0) {
            long whole = Heap.newRef(str);
            return fromRight ? Tuples.of(Strs.fromJava(""), Strs.fromJava(""), whole)
                    : Tuples.of(whole, Strs.fromJava(""), Strs.fromJava(""));
        }
        int i = (int) at;
        return Tuples.of(Strs.fromCodePoints(java.util.Arrays.copyOfRange(s, 0, i)), Heap.newRef(sep),
                Strs.fromCodePoints(java.util.Arrays.copyOfRange(s, i + p.length, s.length)));
    }

    @CApi
    public static long PyUnicode_Partition(long str, long sep) {
        return partition(str, sep, false);
    }

    @CApi
    public static long PyUnicode_RPartition(long str, long sep) {
        return partition(str, sep, true);
    }

    @CApi
    public static long PyUnicode_RSplit(long s, long sep, long maxsplit) {
        int[] v = strArg(s);
        int[] p = sep == 0 ? null : strArg(sep);
        return strList(StrMethods.split(v, p, maxsplit, true));
    }

    @CApi
    public static long PyUnicode_Splitlines(long s, int keepends) {
        return strList(StrMethods.splitlines(strArg(s), keepends != 0));
    }

    @CApi
    public static long PyUnicode_AsUCS4(long string, long target, long targetsize, int copyNull) {
        if (target == 0 || targetsize < 0) {
            throw PyRaise.badInternalCall();
        }
        long len = Strs.length(str(string));
        if (targetsize < len + (copyNull != 0 ? 1 : 0)) {
            if (copyNull != 0 && targetsize > 0) {
                Mem.putInt(target, 0);
            }
            throw PyRaise.systemError("string is longer than the buffer");
        }
        for (long i = 0; i < len; i++) {
            Mem.putInt(target + 4 * i, Strs.codePointAt(string, i));
        }
        if (copyNull != 0) {
            Mem.putInt(target + 4 * len, 0);
        }
        return target;
    }

    @CApi
    public static long PyUnicode_AsUCS4Copy(long string) {
        long len = Strs.length(str(string));
        long buf = Native.memMalloc(4 * (len + 1));
        return PyUnicode_AsUCS4(string, buf, len + 1, 1);
    }

    /** wchar_t is a 4-byte UCS-4 unit on this platform, as on Linux CPython. */
    @CApi
    public static long PyUnicode_AsWideChar(long unicode, long w, long size) {
        if (unicode == 0) {
            throw PyRaise.badInternalCall();
        }
        if (!Strs.isStr(unicode)) {
            throw PyRaise.typeError("bad argument type for built-in operation");
        }
        long len = Strs.length(unicode);
        if (w == 0) {
            return len + 1;
        }
        long n = Math.min(size, len);
        for (long i = 0; i < n; i++) {
            Mem.putInt(w + 4 * i, Strs.codePointAt(unicode, i));
        }
        if (size > len) {
            Mem.putInt(w + 4 * len, 0);
        }
        return n;
    }

    @CApi
    public static long PyUnicode_AsWideCharString(long unicode, long size) {
        if (unicode == 0) {
            throw PyRaise.badInternalCall();
        }
        if (!Strs.isStr(unicode)) {
            throw PyRaise.typeError("bad argument type for built-in operation");
        }
        long len = Strs.length(unicode);
        if (size == 0) {
            for (long i = 0; i < len; i++) {
                if (Strs.codePointAt(unicode, i) == 0) {
                    throw PyRaise.valueError("embedded null character");
                }
            }
        }
        long buf = Native.memMalloc(4 * (len + 1));
        PyUnicode_AsUCS4(unicode, buf, len + 1, 1);
        if (size != 0) {
            Mem.putLong(size, len);
        }
        return buf;
    }

    @CApi
    public static long PyUnicode_FromWideChar(long w, long size) {
        if (w == 0 && size != 0) {
            throw PyRaise.badInternalCall();
        }
        if (size == -1) {
            size = 0;
            while (Mem.getInt(w + 4 * size) != 0) {
                size++;
            }
        }
        int[] cps = new int[(int) size];
        for (int i = 0; i < size; i++) {
            int c = Mem.getInt(w + 4L * i);
            if (c < 0 || c > 0x10FFFF) {
                throw PyRaise.valueError("character U+%x is not in range [U+0000; U+10ffff]", c);
            }
            cps[i] = c;
        }
        return Strs.fromCodePoints(cps);
    }

    private static int maxChar(long s) {
        return Strs.ascii(s) ? 0x7f : switch (Strs.kind(s)) {
            case 1 -> 0xff;
            case 2 -> 0xffff;
            default -> 0x10ffff;
        };
    }

    /** CPython's unicode_modifiable: an exact str nobody else holds, not hashed yet and not interned. */
    private static boolean modifiable(long s) {
        return Heap.refcnt(s) == 1 && Mem.getLong(s + dev.ftcheck.runtime.obj.Layout.STR_HASH) == -1
                && !Strs.interned(s) && Heap.type(s) == Types.STR;
    }

    private static void checkModifiable(long s) {
        if (!modifiable(s)) {
            throw PyRaise.systemError("Cannot modify a string currently used");
        }
    }

    private static void putChar(long s, long i, int ch) {
        long d = Strs.data(s);
        switch (Strs.kind(s)) {
            case 1 -> Mem.putByte(d + i, (byte) ch);
            case 2 -> Mem.putShort(d + 2 * i, (short) ch);
            default -> Mem.putInt(d + 4 * i, ch);
        }
    }

    @CApi
    public static long PyUnicode_Fill(long unicode, long start, long length, int fillChar) {
        if (unicode == 0 || !Strs.isStr(unicode)) {
            throw PyRaise.badInternalCall();
        }
        checkModifiable(unicode);
        if (start < 0) {
            throw PyRaise.indexError("string index out of range");
        }
        if (Integer.toUnsignedLong(fillChar) > maxChar(unicode)) {
            throw PyRaise.valueError("fill character is bigger than the string maximum character");
        }
        long n = Math.min(Strs.length(unicode) - start, length);
        for (long i = 0; i < n; i++) {
            putChar(unicode, start + i, fillChar);
        }
        return Math.max(n, 0);
    }

    private static PyRaise copyRefused(long from, long to) {
        return PyRaise.systemError("Cannot copy %s characters into a string of %s characters", kindName(from),
                kindName(to));
    }

    private static String kindName(long s) {
        return Strs.ascii(s) ? "ascii" : switch (Strs.kind(s)) {
            case 1 -> "latin1";
            case 2 -> "UCS2";
            default -> "UCS4";
        };
    }

    @CApi
    public static long PyUnicode_CopyCharacters(long to, long toStart, long from, long fromStart, long howMany) {
        if (to == 0 || from == 0 || !Strs.isStr(from) || !Strs.isStr(to)) {
            throw PyRaise.badInternalCall();
        }
        long fromLen = Strs.length(from);
        long toLen = Strs.length(to);
        if (Long.compareUnsigned(fromStart, fromLen) > 0 || Long.compareUnsigned(toStart, toLen) > 0) {
            throw PyRaise.indexError("string index out of range");
        }
        if (howMany < 0) {
            throw PyRaise.systemError("how_many cannot be negative");
        }
        howMany = Math.min(fromLen - fromStart, howMany);
        if (toStart + howMany > toLen) {
            throw PyRaise.systemError("Cannot write %d characters at %d in a string of %d characters", howMany,
                    toStart, toLen);
        }
        if (howMany == 0) {
            return 0;
        }
        checkModifiable(to);
        int limit = maxChar(to);
        if (Strs.kind(from) == Strs.kind(to) && !Strs.ascii(from) && Strs.ascii(to)) {
            // CPython 3.13 checks the first how_many characters of from (not those from from_start) here
            for (long i = 0; i < howMany; i++) {
                if (Strs.codePointAt(from, i) > limit) {
                    throw copyRefused(from, to);
                }
            }
        }
        for (long i = 0; i < howMany; i++) {
            int c = Strs.codePointAt(from, fromStart + i);
            if (Strs.kind(from) > Strs.kind(to) && c > limit) {
                throw copyRefused(from, to); // the characters before it are already written, as in CPython
            }
            putChar(to, toStart + i, c);
        }
        return howMany;
    }

    /** Resizes in place when nobody else can see the string; otherwise *p_unicode becomes a resized copy. */
    @CApi
    public static int PyUnicode_Resize(long pUnicode, long length) {
        if (pUnicode == 0) {
            throw PyRaise.badInternalCall();
        }
        long u = Mem.getLong(pUnicode);
        if (u == 0 || !Strs.isStr(u) || length < 0) {
            throw PyRaise.badInternalCall();
        }
        long old = Strs.length(u);
        if (old == length) {
            return 0;
        }
        long fresh = length == 0 ? Strs.fromJava("") : Strs.allocate(length, maxChar(u));
        long n = Math.min(old, length);
        long kind = Strs.kind(u);
        Mem.copy(Strs.data(u), Strs.data(fresh), n * kind);
        for (long i = n; i < length; i++) {
            putChar(fresh, i, 0);
        }
        if (length > 0) {
            putChar(fresh, length, 0);
        }
        Mem.putLong(pUnicode, fresh);
        Native.decref(u);
        return 0;
    }

    @CApi
    public static int PyUnicode_IsIdentifier(long s) {
        int[] v = Strs.codePoints(str(s));
        if (v.length == 0 || !(v[0] == '_' || xidStart(v[0]))) {
            return 0;
        }
        for (int i = 1; i < v.length; i++) {
            if (!xidContinue(v[i])) {
                return 0;
            }
        }
        return 1;
    }

    /** XID_Start through the JDK's UAX #31 identifier classes (ignorable format characters excluded). */
    private static boolean xidStart(int c) {
        return Character.isUnicodeIdentifierStart(c) && !Character.isIdentifierIgnorable(c);
    }

    /** XID_Continue; ZERO WIDTH (NON-)JOINER belong to it since Unicode 15.1, unlike the other ignorables. */
    private static boolean xidContinue(int c) {
        return Character.isUnicodeIdentifierPart(c) && (!Character.isIdentifierIgnorable(c) || c == 0x200C
                || c == 0x200D);
    }

    private static final long DEFAULT_ENCODING = java.lang.foreign.Arena.global().allocateFrom("utf-8").address();

    @CApi
    public static long PyUnicode_GetDefaultEncoding() {
        return DEFAULT_ENCODING;
    }

    /** str.translate with an error handler: characters mapped to None are untranslatable, missing ones stay. */
    @CApi
    public static long PyUnicode_Translate(long str, long table, long errors) {
        int[] v = strArg(str);
        String handler = errors == 0 ? "strict" : Mem.cString(errors);
        Codecs.Lookup lookup = mappingLookup(table);
        StrMethods.IntBuilder out = new StrMethods.IntBuilder(v.length);
        int i = 0;
        while (i < v.length) {
            long r = lookup.get(v[i]);
            if (r == 0) {
                out.add(v[i++]);
                continue;
            }
            try {
                if (r != dev.ftcheck.runtime.obj.Singletons.NONE) {
                    translated(out, r);
                    i++;
                    continue;
                }
            } finally {
                Native.decref(r);
            }
            int j = i + 1;
            while (j < v.length) {
                long n = lookup.get(v[j]);
                Native.xdecref(n);
                if (n != dev.ftcheck.runtime.obj.Singletons.NONE) {
                    break;
                }
                j++;
            }
            i = untranslatable(str, v.length, i, j, handler, out);
        }
        return Strs.fromCodePoints(out.toArray());
    }

    private static void translated(StrMethods.IntBuilder out, long r) {
        if (dev.ftcheck.runtime.obj.Ints.isInt(r)) {
            java.math.BigInteger b = dev.ftcheck.runtime.obj.Ints.value(r);
            if (b.signum() < 0 || b.compareTo(java.math.BigInteger.valueOf(0x10FFFF)) > 0) {
                throw PyRaise.valueError("character mapping must be in range(0x110000)");
            }
            out.add(b.intValue());
        } else if (Strs.isStr(r)) {
            out.add(Strs.codePoints(r));
        } else {
            throw PyRaise.typeError("character mapping must return integer, None or str");
        }
    }

    /** Characters [start, end) mapped to None: the handler decides; returns where to go on. */
    private static int untranslatable(long str, int len, int start, int end, String handler,
            StrMethods.IntBuilder out) {
        if (handler.equals("ignore")) {
            return end;
        }
        if (handler.equals("replace")) {
            for (int k = start; k < end; k++) {
                out.add(0xFFFD);
            }
            return end;
        }
        long exc = dev.ftcheck.runtime.obj.UnicodeErrors.create(Exceptions.byName("UnicodeTranslateError"), null,
                str, start, end, "character maps to <undefined>");
        if (handler.equals("strict")) {
            throw dev.ftcheck.runtime.obj.UnicodeErrors.raise(exc);
        }
        try {
            long h = dev.ftcheck.runtime.obj.CodecRegistry.lookupError(handler);
            long r;
            try {
                r = dev.ftcheck.runtime.obj.Calls.call(h, new long[] {exc}, 0);
            } finally {
                Native.decref(h);
            }
            try {
                if (!Tuples.isTuple(r) || Tuples.size(r) != 2 || !Strs.isStr(Tuples.get(r, 0))
                        || !dev.ftcheck.runtime.obj.Ints.isInt(Tuples.get(r, 1))) {
                    throw PyRaise.typeError("translating error handler must return (str, int) tuple");
                }
                long pos = dev.ftcheck.runtime.obj.Ints.asLong(Tuples.get(r, 1));
                if (pos < 0) {
                    pos += len;
                }
                if (pos < 0 || pos > len) {
                    throw PyRaise.indexError("position " + pos + " from error handler out of bounds");
                }
                out.add(Strs.codePoints(Tuples.get(r, 0)));
                return (int) pos;
            } finally {
                Native.decref(r);
            }
        } finally {
            Native.decref(exc);
        }
    }

    @CApi
    public static long PyUnicode_Format(long format, long args) {
        return PercentFormat.format(format, args);
    }

    @CApi
    public static long PyUnicode_DecodeUTF7(long s, long size, long errors) {
        return Codecs.decodeUtf7(Mem.bytes(s, size), errors(errors), true).str();
    }

    @CApi
    public static long PyUnicode_DecodeUTF7Stateful(long s, long size, long errors, long consumed) {
        Codecs.Decoded d = Codecs.decodeUtf7(Mem.bytes(s, size), errors(errors), consumed == 0);
        if (consumed != 0) {
            Mem.putLong(consumed, d.consumed());
        }
        return d.str();
    }

    // The locale encoding: CPython goes through mbstowcs/wcstombs of LC_CTYPE; here the locale's codeset must be
    // UTF-8 (C.UTF-8 and the *.UTF-8 locales), where glibc refuses exactly what strict UTF-8 decoding refuses.

    /** Whether errors asks for surrogateescape; only it and strict are supported, as in CPython. */
    private static boolean localeEscapes(long errors) {
        String e = errors == 0 ? "strict" : Mem.cString(errors);
        if (!e.equals("strict") && !e.equals("surrogateescape")) {
            throw PyRaise.valueError("unsupported error handler");
        }
        String codeset = System.getProperty("native.encoding", "UTF-8");
        if (!codeset.equalsIgnoreCase("UTF-8")) {
            throw PyRaise.systemError("ftcheck: the locale encoding %s is not supported (only UTF-8 locales)", codeset);
        }
        return e.equals("surrogateescape");
    }

    @CApi
    public static long PyUnicode_DecodeLocaleAndSize(long str, long len, long errors) {
        if (Mem.getByte(str + len) != 0 || Mem.strlen(str) != len) {
            throw PyRaise.valueError("embedded null byte");
        }
        boolean escape = localeEscapes(errors);
        byte[] in = Mem.bytes(str, len);
        if (escape) {
            return Codecs.decodeUtf8(in, "surrogateescape", true).str();
        }
        try {
            return Codecs.decodeUtf8(in, null, true).str();
        } catch (dev.ftcheck.runtime.obj.ErrorAlreadySet e) {
            long exc = dev.ftcheck.runtime.obj.Errors.take();
            long start = Mem.getLong(exc + dev.ftcheck.runtime.obj.UnicodeErrors.START);
            Native.decref(exc);
            throw dev.ftcheck.runtime.obj.UnicodeErrors.raise(dev.ftcheck.runtime.obj.UnicodeErrors.decodeError(
                    "locale", in, start, start + 1, "decoding error"));
        }
    }

    @CApi
    public static long PyUnicode_DecodeLocale(long str, long errors) {
        return PyUnicode_DecodeLocaleAndSize(str, Mem.strlen(str), errors);
    }

    @CApi
    public static long PyUnicode_EncodeLocale(long unicode, long errors) {
        int[] v = Strs.codePoints(strBadArgument(unicode));
        boolean escape = localeEscapes(errors);
        for (int c : v) {
            if (c == 0) {
                throw PyRaise.valueError("embedded null character");
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(v.length);
        for (int i = 0; i < v.length; i++) {
            int c = v[i];
            if (c >= 0xD800 && c <= 0xDFFF) {
                if (escape && c >= 0xDC80 && c <= 0xDCFF) {
                    out.write(c & 0xff);
                    continue;
                }
                throw dev.ftcheck.runtime.obj.UnicodeErrors.raise(dev.ftcheck.runtime.obj.UnicodeErrors.encodeError(
                        "locale", unicode, i, i + 1, "encoding error"));
            }
            out.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
        }
        return Bytes.fromJava(out.toByteArray());
    }

    /**
     * An EncodingMap (PyUnicode_BuildEncodingMap) read in place: level1 at 32, count2 at 64, then the level-2
     * blocks (16 bytes) and level-3 blocks (128 bytes) from 72; byte 0 only for U+0000, 0xFF for no block.
     */
    private static Codecs.Lookup encodingMapLookup(long map) {
        return c -> {
            if (c == 0) {
                return dev.ftcheck.runtime.obj.Ints.fromLong(0);
            }
            if (c < 0 || c > 0xFFFF) {
                return 0;
            }
            int block2 = Mem.getByte(map + 32 + (c >> 11)) & 0xff;
            if (block2 == 0xff) {
                return 0;
            }
            long level23 = map + 72;
            int block3 = Mem.getByte(level23 + 16L * block2 + ((c >> 7) & 15)) & 0xff;
            if (block3 == 0xff) {
                return 0;
            }
            int count2 = Mem.getInt(map + 64);
            int b = Mem.getByte(level23 + 16L * count2 + 128L * block3 + (c & 127)) & 0xff;
            return b == 0 ? 0 : dev.ftcheck.runtime.obj.Ints.fromLong(b);
        };
    }

    /** mapping[key] for the charmap codecs: 0 when the mapping raised LookupError. */
    private static Codecs.Lookup mappingLookup(long mapping) {
        return key -> {
            long k = dev.ftcheck.runtime.obj.Ints.fromLong(key);
            try {
                return AbstractApi.PyObject_GetItem(mapping, k);
            } catch (PyRaise e) {
                if (Types.isSubtype(e.type, Exceptions.LookupError)) {
                    return 0;
                }
                throw e;
            } catch (dev.ftcheck.runtime.obj.ErrorAlreadySet e) {
                if (dev.ftcheck.runtime.obj.Errors.matches(Exceptions.LookupError)) {
                    dev.ftcheck.runtime.obj.Errors.clear();
                    return 0;
                }
                throw e;
            } finally {
                Native.decref(k);
            }
        };
    }

    @CApi
    public static long PyUnicode_DecodeCharmap(long s, long size, long mapping, long errors) {
        if (mapping == 0) {
            return PyUnicode_DecodeLatin1(s, size, errors);
        }
        return Codecs.decodeCharmap(Mem.bytes(s, size), errors(errors), mapping, mappingLookup(mapping));
    }

    @CApi
    public static long PyUnicode_AsCharmapString(long unicode, long mapping) {
        if (unicode == 0 || !Strs.isStr(unicode) || mapping == 0) {
            throw PyRaise.typeError("bad argument type for built-in operation");
        }
        long mapType = dev.ftcheck.runtime.nat.Bridge.get().symbol("ftb_EncodingMapType");
        Codecs.Lookup lookup = Heap.type(mapping) == mapType ? encodingMapLookup(mapping) : mappingLookup(mapping);
        return Bytes.fromJava(Codecs.encodeCharmap(unicode, null, lookup));
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

    /** The "O&" converter to a bytes file name; called again with NULL it releases what it made. */
    @CApi
    public static int PyUnicode_FSConverter(long arg, long result) {
        return converter(() -> fsConvert(arg, result, true), "PyUnicode_FSConverter");
    }

    /** The "O&" converter to a str file name; called again with NULL it releases what it made. */
    @CApi
    public static int PyUnicode_FSDecoder(long arg, long result) {
        return converter(() -> fsConvert(arg, result, false), "PyUnicode_FSDecoder");
    }

    /** The "O&" converter convention: failure is 0 with the exception set (not -1, the int functions' error value). */
    private static int converter(java.util.function.IntSupplier convert, String cFunction) {
        try {
            return convert.getAsInt();
        } catch (dev.ftcheck.runtime.obj.ErrorAlreadySet e) {
            return 0;
        } catch (RuntimeException e) {
            dev.ftcheck.runtime.obj.Errors.fromThrowable(e, cFunction);
            return 0;
        }
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
        long path = OsmoduleApi.PyOS_FSPath(arg);
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

    private static boolean hasNul(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return true;
            }
        }
        return false;
    }

    // ---- 3.14 ----

    /** 1 if the two strs have the same code points, else 0; TypeError for a non-str. */
    @CApi
    public static int PyUnicode_Equal(long a, long b) {
        if (a == 0 || !Strs.isStr(a)) {
            throw PyRaise.typeError("first argument must be str, not %s", typeName(a));
        }
        if (b == 0 || !Strs.isStr(b)) {
            throw PyRaise.typeError("second argument must be str, not %s", typeName(b));
        }
        if (a == b) {
            return 1;
        }
        if (Strs.length(a) != Strs.length(b)) {
            return 0;
        }
        return java.util.Arrays.equals(Strs.codePoints(a), Strs.codePoints(b)) ? 1 : 0;
    }

    /** The type's name as %T writes it: module.qualname, or the bare name for builtins. */
    private static String typeName(long o) {
        return o == 0 ? "NULL" : Types.typeOf(o).qualifiedName();
    }

    /**
     * PyUnicodeWriter: the C side holds an opaque handle (a small PyMem block, so every live writer has its own
     * address); the code points written so far live here until Finish makes the str or Discard drops them. A
     * write that fails raises before anything is appended, so the writer stays as it was.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Long, CodePoints> WRITERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final class CodePoints {
        int[] cps;
        int n;

        CodePoints(int capacity) {
            cps = new int[Math.max(16, capacity)];
        }

        void append(int[] more) {
            if (n + more.length > cps.length) {
                cps = java.util.Arrays.copyOf(cps, Math.max(n + more.length, cps.length * 2));
            }
            System.arraycopy(more, 0, cps, n, more.length);
            n += more.length;
        }
    }

    private static CodePoints writer(long w, String function) {
        CodePoints b = w == 0 ? null : WRITERS.get(w);
        if (b == null) {
            throw PyRaise.systemError("%s: not a PyUnicodeWriter from PyUnicodeWriter_Create (or already finished)",
                    function);
        }
        return b;
    }

    /** Appends the code points of str s (not consumed). */
    private static int writeStrObject(CodePoints b, long s) {
        b.append(Strs.codePoints(s));
        return 0;
    }

    /** Appends a new str reference and releases it. */
    private static int writeAndRelease(CodePoints b, long s) {
        try {
            return writeStrObject(b, s);
        } finally {
            Native.decref(s);
        }
    }

    @CApi
    public static long PyUnicodeWriter_Create(long length) {
        if (length < 0) {
            throw PyRaise.valueError("length must be positive");
        }
        long w = Native.memMalloc(8);
        Mem.putLong(w, 0);
        WRITERS.put(w, new CodePoints((int) Math.min(length, 1 << 20)));
        return w;
    }

    @CApi
    public static void PyUnicodeWriter_Discard(long w) {
        if (w == 0) {
            return;
        }
        writer(w, "PyUnicodeWriter_Discard");
        WRITERS.remove(w);
        Native.memFree(w);
    }

    @CApi
    public static long PyUnicodeWriter_Finish(long w) {
        CodePoints b = writer(w, "PyUnicodeWriter_Finish");
        WRITERS.remove(w);
        Native.memFree(w);
        return Strs.fromCodePoints(java.util.Arrays.copyOf(b.cps, b.n));
    }

    @CApi
    public static int PyUnicodeWriter_WriteChar(long w, int ch) {
        CodePoints b = writer(w, "PyUnicodeWriter_WriteChar");
        if (Integer.compareUnsigned(ch, 0x10FFFF) > 0) {
            throw PyRaise.valueError("character must be in range(0x110000)");
        }
        b.append(new int[] {ch});
        return 0;
    }

    private static long byteLength(long str, long size) {
        return size < 0 ? Mem.strlen(str) : size;
    }

    @CApi
    public static int PyUnicodeWriter_WriteUTF8(long w, long str, long size) {
        CodePoints b = writer(w, "PyUnicodeWriter_WriteUTF8");
        return writeAndRelease(b, Codecs.decodeUtf8(Mem.bytes(str, byteLength(str, size)), null, true).str());
    }

    /** ASCII only, as documented (CPython does not check); bytes of 128 and above are kept as Latin-1. */
    @CApi
    public static int PyUnicodeWriter_WriteASCII(long w, long str, long size) {
        CodePoints b = writer(w, "PyUnicodeWriter_WriteASCII");
        byte[] bytes = Mem.bytes(str, byteLength(str, size));
        int[] cps = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            cps[i] = bytes[i] & 0xff;
        }
        b.append(cps);
        return 0;
    }

    @CApi
    public static int PyUnicodeWriter_WriteWideChar(long w, long str, long size) {
        CodePoints b = writer(w, "PyUnicodeWriter_WriteWideChar");
        return writeAndRelease(b, PyUnicode_FromWideChar(str, size));
    }

    @CApi
    public static int PyUnicodeWriter_WriteUCS4(long w, long str, long size) {
        CodePoints b = writer(w, "PyUnicodeWriter_WriteUCS4");
        if (size < 0) {
            throw PyRaise.valueError("size must be positive");
        }
        int[] cps = new int[(int) size];
        for (int i = 0; i < size; i++) {
            int c = Mem.getInt(str + 4L * i);
            if (Integer.compareUnsigned(c, 0x10FFFF) > 0) {
                throw PyRaise.valueError("character U+%x is not in range [U+0000; U+10ffff]", c);
            }
            cps[i] = c;
        }
        b.append(cps);
        return 0;
    }

    @CApi
    public static int PyUnicodeWriter_WriteStr(long w, long obj) {
        CodePoints b = writer(w, "PyUnicodeWriter_WriteStr");
        if (obj != 0 && Heap.type(obj) == Types.STR) {
            return writeStrObject(b, obj);
        }
        return writeAndRelease(b, ObjectApi.PyObject_Str(obj));
    }

    @CApi
    public static int PyUnicodeWriter_WriteRepr(long w, long obj) {
        CodePoints b = writer(w, "PyUnicodeWriter_WriteRepr");
        if (obj == 0) {
            b.append("<NULL>".codePoints().toArray());
            return 0;
        }
        return writeAndRelease(b, ObjectApi.PyObject_Repr(obj));
    }

    @CApi
    public static int PyUnicodeWriter_WriteSubstring(long w, long str, long start, long end) {
        CodePoints b = writer(w, "PyUnicodeWriter_WriteSubstring");
        if (str == 0 || !Strs.isStr(str)) {
            throw PyRaise.typeError("expect str, not %s", typeName(str));
        }
        if (start < 0 || start > end) {
            throw PyRaise.valueError("invalid start argument");
        }
        if (end > Strs.length(str)) {
            throw PyRaise.valueError("invalid end argument");
        }
        int[] cps = new int[(int) (end - start)];
        for (int i = 0; i < cps.length; i++) {
            cps[i] = Strs.codePointAt(str, start + i);
        }
        b.append(cps);
        return 0;
    }

    @CApi
    public static int PyUnicodeWriter_DecodeUTF8Stateful(long w, long string, long length, long errors,
            long consumed) {
        CodePoints b = writer(w, "PyUnicodeWriter_DecodeUTF8Stateful");
        Codecs.Decoded d;
        try {
            d = Codecs.decodeUtf8(Mem.bytes(string, byteLength(string, length)), errors(errors), consumed == 0);
        } catch (RuntimeException e) {
            if (consumed != 0) {
                Mem.putLong(consumed, 0);
            }
            throw e;
        }
        if (consumed != 0) {
            Mem.putLong(consumed, d.consumed());
        }
        return writeAndRelease(b, d.str());
    }
}
