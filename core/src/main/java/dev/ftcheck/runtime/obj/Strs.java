package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * str objects in the compact PEP 393 layout, so the headers' inline KIND/DATA/READ/GET_LENGTH work: ASCII strings
 * keep 1-byte data right after the 56-byte PyASCIIObject; others keep 1-, 2- or 4-byte data after the 72-byte
 * PyCompactUnicodeObject and get a lazily built UTF-8 copy. Interned strings are immortal.
 */
public final class Strs {
    private static final ConcurrentHashMap<String, Long> INTERNED = new ConcurrentHashMap<>();
    private static final int INTERNED_IMMORTAL = 2; // SSTATE_INTERNED_IMMORTAL, in both ABIs' interned field

    private Strs() {}

    /** The state word of a compact, not interned str of this kind. */
    private static int state(int kind, boolean ascii) {
        return (kind << STR_KIND_SHIFT) | STR_COMPACT | (ascii ? STR_ASCII : 0);
    }

    /** Whether the str is interned (the state word's interned field is non-zero). */
    public static boolean interned(long p) {
        return (Mem.getInt(p + STR_STATE) & STR_INTERNED_MASK) != 0;
    }

    public static long fromJava(String s) {
        return fromCodePoints(s.codePoints().toArray());
    }

    /** A new str of exactly these code points (lone surrogates stay single code points). */
    public static long fromCodePoints(int[] cps) {
        int max = 0;
        for (int c : cps) {
            max = Math.max(max, c);
        }
        int n = cps.length;
        long p;
        if (max < 128) {
            p = Heap.alloc(Types.STR, ASCII_SIZE + n + 1);
            for (int i = 0; i < n; i++) {
                Mem.putByte(p + ASCII_SIZE + i, (byte) cps[i]);
            }
            Mem.putInt(p + STR_STATE, state(1, true));
        } else {
            int kind = max < 256 ? 1 : max < 65536 ? 2 : 4;
            p = Heap.alloc(Types.STR, COMPACT_SIZE + (long) (n + 1) * kind);
            long data = p + COMPACT_SIZE;
            for (int i = 0; i < n; i++) {
                switch (kind) {
                    case 1 -> Mem.putByte(data + i, (byte) cps[i]);
                    case 2 -> Mem.putShort(data + 2L * i, (short) cps[i]);
                    default -> Mem.putInt(data + 4L * i, cps[i]);
                }
            }
            Mem.putInt(p + STR_STATE, state(kind, false));
        }
        Mem.putLong(p + STR_LENGTH, n);
        Mem.putLong(p + STR_HASH, -1);
        return p;
    }

    /** An uninitialised compact string of n code points able to hold maxchar (PyUnicode_New). */
    public static long allocate(long n, int maxchar) {
        if (maxchar > 0x10FFFF) {
            throw PyRaise.systemError("invalid maximum character passed to PyUnicode_New");
        }
        long p;
        if (maxchar < 128) {
            p = Heap.alloc(Types.STR, ASCII_SIZE + n + 1);
            Mem.putInt(p + STR_STATE, state(1, true));
        } else {
            int kind = maxchar < 256 ? 1 : maxchar < 65536 ? 2 : 4;
            p = Heap.alloc(Types.STR, COMPACT_SIZE + (n + 1) * kind);
            Mem.putInt(p + STR_STATE, state(kind, false));
        }
        Mem.putLong(p + STR_LENGTH, n);
        Mem.putLong(p + STR_HASH, -1);
        return p;
    }

    /**
     * A new instance of type (a str subclass) with the text of the str p (str.__new__(type, p)). It is laid out
     * compact like an exact str, so the runtime's readers work on it; CPython's subclass instances keep their data
     * apart, which C code reading through the PyUnicode macros does not see.
     */
    public static long ofSubtype(long type, long p) {
        long n = length(p);
        int kind = kind(p);
        boolean ascii = ascii(p);
        long q = Heap.alloc(type, (ascii ? ASCII_SIZE : COMPACT_SIZE) + (n + 1) * kind);
        Mem.putInt(q + STR_STATE, state(kind, ascii));
        Mem.putLong(q + STR_LENGTH, n);
        Mem.putLong(q + STR_HASH, -1);
        Mem.copy(data(p), data(q), n * kind); // the terminator is already zero
        return q;
    }

    /** New reference from UTF-8 bytes; UnicodeDecodeError on malformed input. */
    public static long fromUtf8(byte[] b) {
        var dec = StandardCharsets.UTF_8.newDecoder();
        try {
            return fromJava(dec.decode(java.nio.ByteBuffer.wrap(b)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new PyRaise(Exceptions.UnicodeDecodeError, "'utf-8' codec can't decode bytes: invalid utf-8 data");
        }
    }

    public static boolean isStr(long obj) {
        return (Mem.getLong(Heap.type(obj) + TP_FLAGS) & TPF_UNICODE_SUBCLASS) != 0;
    }

    public static long length(long p) {
        return Mem.getLong(p + STR_LENGTH);
    }

    public static int kind(long p) {
        return (Mem.getInt(p + STR_STATE) >> STR_KIND_SHIFT) & 7;
    }

    public static boolean ascii(long p) {
        return (Mem.getInt(p + STR_STATE) & STR_ASCII) != 0;
    }

    public static long data(long p) {
        return p + (ascii(p) ? ASCII_SIZE : COMPACT_SIZE);
    }

    public static int codePointAt(long p, long i) {
        long d = data(p);
        return switch (kind(p)) {
            case 1 -> Byte.toUnsignedInt(Mem.getByte(d + i));
            case 2 -> Short.toUnsignedInt(Mem.getShort(d + 2 * i));
            default -> Mem.getInt(d + 4 * i);
        };
    }

    public static String value(long p) {
        long n = length(p);
        if (ascii(p)) {
            return new String(Mem.bytes(data(p), n), StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder((int) n);
        for (long i = 0; i < n; i++) {
            sb.appendCodePoint(codePointAt(p, i));
        }
        return sb.toString();
    }

    /** The code points, one per element (a surrogate pair stored as two code points stays two). */
    public static int[] codePoints(long p) {
        int n = (int) length(p);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = codePointAt(p, i);
        }
        return out;
    }

    /** The str's value; TypeError naming {@code what} for non-str arguments. */
    public static String check(long obj, String what) {
        if (obj == 0 || !isStr(obj)) {
            throw PyRaise.typeError("%s must be str, not %s", what, obj == 0 ? "NULL" : Types.name(obj));
        }
        return value(obj);
    }

    /** Pointer to the NUL-terminated UTF-8 form, cached in the object (PyUnicode_AsUTF8AndSize). */
    public static long utf8(long p) {
        if (ascii(p)) {
            return data(p);
        }
        long cached = Mem.getLongVolatile(p + STR_UTF8);
        if (cached != 0) {
            return cached;
        }
        String s = value(p);
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i)) && !Character.isSurrogatePair(s.charAt(i),
                    i + 1 < s.length() ? s.charAt(i + 1) : 0)) {
                throw new PyRaise(Exceptions.UnicodeEncodeError,
                        "'utf-8' codec can't encode character: surrogates not allowed");
            }
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long buf = Native.memMalloc(b.length + 1);
        Mem.putBytes(buf, b);
        Mem.putByte(buf + b.length, (byte) 0);
        Mem.putLong(p + STR_UTF8_LENGTH, b.length);
        if (!Mem.casLong(p + STR_UTF8, 0, buf)) {
            Native.memFree(buf); // another thread cached it first; theirs is identical
            return Mem.getLongVolatile(p + STR_UTF8);
        }
        return buf;
    }

    public static long utf8Length(long p) {
        return ascii(p) ? length(p) : Mem.getLong(p + STR_UTF8_LENGTH);
    }

    public static long hash(long p) {
        long h = Mem.getLong(p + STR_HASH);
        if (h == -1) {
            h = mixHash(value(p).hashCode());
            Mem.putLong(p + STR_HASH, h);
        }
        return h;
    }

    static long mixHash(long x) {
        long h = x * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        return h == -1 ? -2 : h;
    }

    /** An interned (immortal, unique per value) string. */
    public static long intern(String s) {
        return INTERNED.computeIfAbsent(s, k -> {
            long p = fromJava(k);
            Heap.immortalizeAllocated(p);
            Mem.putInt(p + STR_STATE, Mem.getInt(p + STR_STATE) | INTERNED_IMMORTAL);
            return p;
        });
    }

    public static void dealloc(long p) {
        if (!ascii(p)) {
            long u = Mem.getLong(p + STR_UTF8);
            if (u != 0) {
                Native.memFree(u);
            }
        }
    }
}
