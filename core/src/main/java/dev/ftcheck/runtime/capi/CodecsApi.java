package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.CodecRegistry;
import dev.ftcheck.runtime.obj.Codecs;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.StrMethods;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.UnicodeNames;

/** codecs.h: the codec registry, encode/decode through it, and the built-in error handlers. */
public final class CodecsApi {
    private CodecsApi() {}

    @CApi
    public static int PyCodec_Register(long search) {
        if (ObjectApi.PyCallable_Check(search) == 0) {
            throw PyRaise.typeError("argument must be callable");
        }
        CodecRegistry.register(search);
        return 0;
    }

    @CApi
    public static int PyCodec_Unregister(long search) {
        CodecRegistry.unregister(search);
        return 0;
    }

    static long lookup(long encoding) {
        if (encoding == 0) {
            throw PyRaise.typeError("bad argument type for built-in operation");
        }
        return CodecRegistry.lookup(Mem.cString(encoding));
    }

    @CApi
    public static int PyCodec_KnownEncoding(long encoding) {
        try {
            Native.decref(lookup(encoding));
            return 1;
        } catch (PyRaise e) {
            return 0;
        } catch (ErrorAlreadySet e) {
            Errors.clear();
            return 0;
        }
    }

    private static long item(long encoding, int index) {
        long info = lookup(encoding);
        try {
            return Heap.newRef(Tuples.get(info, index));
        } finally {
            Native.decref(info);
        }
    }

    /** codecs[index](object[, errors]), which must return (result, length); the result (new reference). */
    private static long code(long object, long encoding, long errors, int index) {
        long fn = item(encoding, index);
        long err = errors == 0 ? 0 : Strs.fromJava(Mem.cString(errors));
        try {
            long r = Calls.call(fn, err == 0 ? new long[] {object} : new long[] {object, err}, 0);
            if (!Tuples.isTuple(r) || Tuples.size(r) != 2) {
                Native.decref(r);
                throw PyRaise.typeError(index == 0 ? "encoder must return a tuple (object, integer)"
                        : "decoder must return a tuple (object,integer)");
            }
            long v = Heap.newRef(Tuples.get(r, 0));
            Native.decref(r);
            return v;
        } finally {
            Native.decref(fn);
            Native.xdecref(err);
        }
    }

    @CApi
    public static long PyCodec_Encode(long object, long encoding, long errors) {
        return code(object, encoding, errors, 0);
    }

    @CApi
    public static long PyCodec_Decode(long object, long encoding, long errors) {
        return code(object, encoding, errors, 1);
    }

    @CApi
    public static long PyCodec_Encoder(long encoding) {
        return item(encoding, 0);
    }

    @CApi
    public static long PyCodec_Decoder(long encoding) {
        return item(encoding, 1);
    }

    /** getattr(codecinfo, attr)(errors) — CPython's incremental coder factories. */
    private static long incremental(long encoding, String attr, long errors) {
        long info = lookup(encoding);
        long factory;
        try {
            factory = ObjectApi.PyObject_GetAttr(info, Strs.intern(attr));
        } finally {
            Native.decref(info);
        }
        return callWithErrors(factory, 0, errors);
    }

    private static long callWithErrors(long factory, long first, long errors) {
        long err = errors == 0 ? 0 : Strs.fromJava(Mem.cString(errors));
        try {
            long[] args = first == 0 ? (err == 0 ? new long[0] : new long[] {err})
                    : (err == 0 ? new long[] {first} : new long[] {first, err});
            return Calls.call(factory, args, 0);
        } finally {
            Native.decref(factory);
            Native.xdecref(err);
        }
    }

    @CApi
    public static long PyCodec_IncrementalEncoder(long encoding, long errors) {
        return incremental(encoding, "incrementalencoder", errors);
    }

    @CApi
    public static long PyCodec_IncrementalDecoder(long encoding, long errors) {
        return incremental(encoding, "incrementaldecoder", errors);
    }

    @CApi
    public static long PyCodec_StreamReader(long encoding, long stream, long errors) {
        return callWithErrors(item(encoding, 2), stream, errors);
    }

    @CApi
    public static long PyCodec_StreamWriter(long encoding, long stream, long errors) {
        return callWithErrors(item(encoding, 3), stream, errors);
    }

    @CApi
    public static int PyCodec_RegisterError(long name, long error) {
        if (ObjectApi.PyCallable_Check(error) == 0) {
            throw PyRaise.typeError("handler must be callable");
        }
        CodecRegistry.registerError(Mem.cString(name), error);
        return 0;
    }

    @CApi
    public static long PyCodec_LookupError(long name) {
        return CodecRegistry.lookupError(name == 0 ? "strict" : Mem.cString(name));
    }

    // ---- the built-in handlers: (replacement, position to go on from) for the exception's range ----

    private enum Kind { ENCODE, DECODE, TRANSLATE }

    private static Kind kind(long exc) {
        long t = Heap.type(exc);
        return Types.isSubtype(t, Exceptions.UnicodeEncodeError) ? Kind.ENCODE
                : Types.isSubtype(t, Exceptions.UnicodeDecodeError) ? Kind.DECODE
                : Types.isSubtype(t, Exceptions.byName("UnicodeTranslateError")) ? Kind.TRANSLATE : null;
    }

    private static PyRaise unknown(long exc) {
        return PyRaise.typeError("don't know how to handle %s in error callback", Types.name(exc));
    }

    /** {start, end} through the clamping accessors of the exception's kind. */
    private static long[] range(long exc, Kind k) {
        long buf = Native.memMalloc(16);
        try {
            if (k == Kind.DECODE) {
                ErrorsApi.PyUnicodeDecodeError_GetStart(exc, buf);
                ErrorsApi.PyUnicodeDecodeError_GetEnd(exc, buf + 8);
            } else {
                ErrorsApi.PyUnicodeEncodeError_GetStart(exc, buf);
                ErrorsApi.PyUnicodeEncodeError_GetEnd(exc, buf + 8);
            }
            return new long[] {Mem.getLong(buf), Mem.getLong(buf + 8)};
        } finally {
            Native.memFree(buf);
        }
    }

    private static long result(int[] replacement, long end) {
        return Tuples.of(Strs.fromCodePoints(replacement), dev.ftcheck.runtime.obj.Ints.fromLong(end));
    }

    private static int[] chars(long exc, long[] r) {
        long o = ErrorsApi.PyUnicodeEncodeError_GetObject(exc);
        try {
            int[] out = new int[(int) Math.max(0, r[1] - r[0])];
            for (int i = 0; i < out.length; i++) {
                out[i] = Strs.codePointAt(o, r[0] + i);
            }
            return out;
        } finally {
            Native.decref(o);
        }
    }

    @CApi
    public static long PyCodec_StrictErrors(long exc) {
        if (Exceptions.isInstance(exc)) {
            Errors.setObject(Heap.type(exc), Heap.newRef(exc));
            throw ErrorAlreadySet.INSTANCE;
        }
        throw PyRaise.typeError("codec must pass exception instance");
    }

    @CApi
    public static long PyCodec_IgnoreErrors(long exc) {
        Kind k = kind(exc);
        if (k == null) {
            throw unknown(exc);
        }
        return result(new int[0], range(exc, k)[1]);
    }

    @CApi
    public static long PyCodec_ReplaceErrors(long exc) {
        Kind k = kind(exc);
        if (k == null) {
            throw unknown(exc);
        }
        long[] r = range(exc, k);
        int n = (int) Math.max(0, r[1] - r[0]);
        int[] rep = k == Kind.DECODE ? new int[] {0xFFFD} : new int[n];
        if (k != Kind.DECODE) {
            java.util.Arrays.fill(rep, k == Kind.ENCODE ? '?' : 0xFFFD);
        }
        return result(rep, r[1]);
    }

    @CApi
    public static long PyCodec_XMLCharRefReplaceErrors(long exc) {
        if (kind(exc) != Kind.ENCODE) {
            throw unknown(exc);
        }
        long[] r = range(exc, Kind.ENCODE);
        StrMethods.IntBuilder b = new StrMethods.IntBuilder(16);
        for (int c : chars(exc, r)) {
            b.add("&#" + c + ";");
        }
        return result(b.toArray(), r[1]);
    }

    @CApi
    public static long PyCodec_BackslashReplaceErrors(long exc) {
        Kind k = kind(exc);
        if (k == null) {
            throw unknown(exc);
        }
        long[] r = range(exc, k);
        StrMethods.IntBuilder b = new StrMethods.IntBuilder(16);
        if (k == Kind.DECODE) {
            long o = ErrorsApi.PyUnicodeDecodeError_GetObject(exc);
            byte[] v = dev.ftcheck.runtime.obj.Bytes.value(o);
            Native.decref(o);
            for (long i = r[0]; i < r[1]; i++) {
                b.add(String.format("\\x%02x", v[(int) i] & 0xff));
            }
        } else {
            for (int c : chars(exc, r)) {
                b.add(Codecs.backslash(c));
            }
        }
        return result(b.toArray(), r[1]);
    }

    @CApi
    public static long PyCodec_NameReplaceErrors(long exc) {
        if (kind(exc) != Kind.ENCODE) {
            throw unknown(exc);
        }
        long[] r = range(exc, Kind.ENCODE);
        StrMethods.IntBuilder b = new StrMethods.IntBuilder(16);
        for (int c : chars(exc, r)) {
            String n = UnicodeNames.name(c);
            b.add(n != null ? "\\N{" + n + "}" : Codecs.backslash(c));
        }
        return result(b.toArray(), r[1]);
    }
}
