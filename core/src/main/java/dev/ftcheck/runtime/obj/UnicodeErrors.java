package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;

/**
 * UnicodeDecodeError, UnicodeEncodeError and UnicodeTranslateError instances in CPython 3.13's
 * PyUnicodeErrorObject layout: the base exception fields, then encoding, object, start, end and reason. The
 * Python attributes are member descriptors over those fields, as in CPython.
 */
public final class UnicodeErrors {
    public static final long ENCODING = 88, OBJECT = 96, START = 104, END = 112, REASON = 120, SIZE = 128;

    private UnicodeErrors() {}

    /** Gives UnicodeError and its subclasses their instance size and attributes (called once, at start). */
    static void init() {
        ExceptionFields.install("UnicodeError", new String[] {"UnicodeError", "UnicodeDecodeError",
            "UnicodeEncodeError", "UnicodeTranslateError"}, SIZE, new Object[][] {
                {"encoding", ExceptionFields.T_OBJECT, ENCODING}, {"object", ExceptionFields.T_OBJECT, OBJECT},
                {"start", ExceptionFields.T_PYSSIZET, START}, {"end", ExceptionFields.T_PYSSIZET, END},
                {"reason", ExceptionFields.T_OBJECT, REASON}});
    }

    public static boolean isUnicodeError(long exc) {
        return Types.isSubtype(Heap.type(exc), Exceptions.byName("UnicodeError"));
    }

    /** A new exception of {@code type}; object is borrowed; args are (encoding, object, start, end, reason). */
    public static long create(long type, String encoding, long object, long start, long end, String reason) {
        long enc = encoding == null ? 0 : Strs.fromJava(encoding);
        long why = Strs.fromJava(reason);
        long args = encoding == null
                ? Tuples.of(Heap.newRef(object), Ints.fromLong(start), Ints.fromLong(end), Heap.newRef(why))
                : Tuples.of(Heap.newRef(enc), Heap.newRef(object), Ints.fromLong(start), Ints.fromLong(end),
                        Heap.newRef(why));
        long e = Exceptions.instantiate(type, args);
        Mem.putLong(e + ENCODING, enc);
        Mem.putLong(e + OBJECT, Heap.newRef(object));
        Mem.putLong(e + START, start);
        Mem.putLong(e + END, end);
        Mem.putLong(e + REASON, why);
        return e;
    }

    public static long decodeError(String encoding, byte[] input, long start, long end, String reason) {
        long b = Bytes.fromJava(input);
        try {
            return create(Exceptions.UnicodeDecodeError, encoding, b, start, end, reason);
        } finally {
            Native.decref(b);
        }
    }

    public static long encodeError(String encoding, long str, long start, long end, String reason) {
        return create(Exceptions.UnicodeEncodeError, encoding, str, start, end, reason);
    }

    /** Raises the exception (reference stolen). */
    public static ErrorAlreadySet raise(long exc) {
        Errors.setObject(Heap.type(exc), exc);
        return ErrorAlreadySet.INSTANCE;
    }

    /**
     * str(exc) as CPython 3.13 formats each kind; null while the object is unset (the runtime's own message-only
     * errors, shown from their args).
     */
    static String message(long exc) {
        long obj = Mem.getLong(exc + OBJECT);
        long reasonObj = Mem.getLong(exc + REASON);
        if (obj == 0 || reasonObj == 0) {
            return null;
        }
        String reason = Repr.str(reasonObj);
        long start = Mem.getLong(exc + START);
        long end = Mem.getLong(exc + END);
        long t = Heap.type(exc);
        if (Types.isSubtype(t, Exceptions.UnicodeDecodeError)) {
            String enc = Repr.str(Mem.getLong(exc + ENCODING));
            if (Bytes.isBytes(obj) && start >= 0 && start < Heap.size(obj) && end == start + 1) {
                int b = Mem.getByte(obj + BYTES_SVAL + start) & 0xff;
                return String.format("'%s' codec can't decode byte 0x%02x in position %d: %s", enc, b, start, reason);
            }
            return String.format("'%s' codec can't decode bytes in position %d-%d: %s", enc, start, end - 1, reason);
        }
        boolean encode = Types.isSubtype(t, Exceptions.UnicodeEncodeError);
        String prefix = encode ? "'" + Repr.str(Mem.getLong(exc + ENCODING)) + "' codec can't encode" : "can't translate";
        if (Strs.isStr(obj) && start >= 0 && start < Strs.length(obj) && end == start + 1) {
            return String.format("%s character '%s' in position %d: %s", prefix,
                    escape(Strs.codePointAt(obj, start)), start, reason);
        }
        return String.format("%s characters in position %d-%d: %s", prefix, start, end - 1, reason);
    }

    /** The \x, \\u or \U escape CPython's messages show for a character. */
    static String escape(int c) {
        return c <= 0xff ? String.format("\\x%02x", c) : c <= 0xffff ? String.format("\\u%04x", c)
                : String.format("\\U%08x", c);
    }
}
