package dev.ftcheck.runtime.obj;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.StrMethods.IntBuilder;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * The built-in codecs (UTF-8, ASCII, Latin-1, UTF-16, UTF-32, unicode-escape, raw-unicode-escape, charmap) with
 * CPython's error positions, reasons and error handlers. Built-in handler names are handled inline, as CPython's
 * codecs do; any other name is looked up in the codec registry and called with the exception.
 */
public final class Codecs {
    private Codecs() {}

    /** The built-in codecs by module name, with the name their CodecInfo carries. */
    public static final Map<String, String> BUILTIN = Map.ofEntries(Map.entry("utf_8", "utf-8"),
            Map.entry("ascii", "ascii"), Map.entry("latin_1", "iso8859-1"), Map.entry("utf_16", "utf-16"),
            Map.entry("utf_16_le", "utf-16-le"), Map.entry("utf_16_be", "utf-16-be"), Map.entry("utf_32", "utf-32"),
            Map.entry("utf_32_le", "utf-32-le"), Map.entry("utf_32_be", "utf-32-be"),
            Map.entry("unicode_escape", "unicode-escape"), Map.entry("raw_unicode_escape", "raw-unicode-escape"));

    /** encodings.aliases entries that lead to the built-in codecs. */
    private static final Map<String, String> ALIASES = aliases();

    private static Map<String, String> aliases() {
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        String[][] t = {
            {"ascii", "646 ansi_x3.4_1968 ansi_x3.4_1986 ansi_x3_4_1968 cp367 csascii ibm367 iso646_us iso_646.irv_1991"
                    + " iso_ir_6 us us_ascii"},
            {"latin_1", "8859 cp819 csisolatin1 ibm819 iso8859 iso8859_1 iso_8859_1 iso_8859_1_1987 iso_ir_100 l1 latin"
                    + " latin1"},
            {"utf_16", "u16 utf16"}, {"utf_16_be", "unicodebigunmarked utf_16be"},
            {"utf_16_le", "unicodelittleunmarked utf_16le"}, {"utf_32", "u32 utf32"}, {"utf_32_be", "utf_32be"},
            {"utf_32_le", "utf_32le"}, {"utf_8", "cp65001 u8 utf utf8 utf8_ucs2 utf8_ucs4"},
        };
        for (String[] e : t) {
            for (String a : e[1].split(" ")) {
                m.put(a, e[0]);
            }
        }
        return Map.copyOf(m);
    }

    /**
     * CPython's encoding-name normalisation (_Py_normalize_encoding): ASCII letters lowered, letters, digits and
     * '.' kept, every other run of characters one '_', none at either end.
     */
    public static String normalize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean punct = false;
        byte[] utf8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte b : utf8) {
            char c = (char) (b & 0xff);
            if ((c < 128 && Character.isLetterOrDigit(c)) || c == '.') {
                if (punct && sb.length() > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
                punct = false;
            } else {
                punct = true;
            }
        }
        return sb.toString();
    }

    /** The built-in codec module a normalised name resolves to (as the encodings search function would), or null. */
    public static String builtinModule(String normalized) {
        String n = normalized;
        String m = ALIASES.get(n);
        if (m == null) {
            m = ALIASES.get(n.replace('.', '_'));
        }
        if (m == null) {
            m = n.replace('.', '_');
        }
        return BUILTIN.containsKey(m) ? m : null;
    }

    // ---------------------------------------------------------------- error handling

    /** State of one decode: input, output, and the exception object kept across errors, as CPython does. */
    static final class Decoding {
        final String encoding;
        final String errors;
        byte[] in;
        final IntBuilder out;
        long exc;

        Decoding(String encoding, byte[] in, String errors) {
            this.encoding = encoding;
            this.in = in;
            this.errors = errors == null ? "strict" : errors;
            this.out = new IntBuilder(in.length);
        }

        void release() {
            if (exc != 0) {
                Native.decref(exc);
                exc = 0;
            }
        }

        long exception(int start, int end, String reason) {
            release();
            exc = UnicodeErrors.decodeError(encoding, in, start, end, reason);
            return exc;
        }

        /** Handles bytes [start, end) the codec refused; appends the replacement and returns where to go on. */
        int error(int start, int end, String reason) {
            switch (errors) {
                case "strict" -> throw raise(exception(start, end, reason));
                case "ignore" -> {
                    return end;
                }
                case "replace" -> {
                    out.add(0xFFFD);
                    return end;
                }
                case "backslashreplace" -> {
                    for (int i = start; i < end; i++) {
                        out.add(String.format("\\x%02x", in[i] & 0xff));
                    }
                    return end;
                }
                case "surrogateescape" -> {
                    int i = start;
                    while (i < end && i - start < 4 && (in[i] & 0xff) >= 128) {
                        out.add(0xDC00 | (in[i] & 0xff));
                        i++;
                    }
                    if (i == start) {
                        throw raise(exception(start, end, reason));
                    }
                    return i;
                }
                case "surrogatepass" -> {
                    int w = surrogateWidth(encoding);
                    int c = w == 0 || start + w > in.length ? -1 : readSurrogate(encoding, in, start);
                    if (c < 0) {
                        throw raise(exception(start, end, reason));
                    }
                    out.add(c);
                    return start + w;
                }
                default -> {
                    return custom(start, end, reason);
                }
            }
        }

        private int custom(int start, int end, String reason) {
            long e = exception(start, end, reason);
            long r = CodecRegistry.callHandler(errors, e);
            try {
                if (!Tuples.isTuple(r) || Tuples.size(r) != 2 || !Strs.isStr(Tuples.get(r, 0))
                        || !Ints.isInt(Tuples.get(r, 1))) {
                    throw PyRaise.typeError("decoding error handler must return (str, int) tuple");
                }
                long o = java.lang.foreign.MemorySegment.ofAddress(e).reinterpret(UnicodeErrors.SIZE)
                        .get(java.lang.foreign.ValueLayout.JAVA_LONG, UnicodeErrors.OBJECT);
                if (o != 0 && Bytes.isBytes(o)) {
                    in = Bytes.value(o); // the handler may replace the input
                }
                long pos = Ints.asLong(Tuples.get(r, 1));
                if (pos < 0) {
                    pos += in.length;
                }
                if (pos < 0 || pos > in.length) {
                    throw new PyRaise(Exceptions.IndexError, "position " + pos + " from error handler out of bounds");
                }
                out.add(Strs.codePoints(Tuples.get(r, 0)));
                return (int) pos;
            } finally {
                Native.decref(r);
            }
        }

        long result() {
            release();
            return Strs.fromCodePoints(out.toArray());
        }
    }

    static ErrorAlreadySet raise(long exc) {
        Native.incref(exc);
        return UnicodeErrors.raise(exc);
    }

    private static int surrogateWidth(String encoding) {
        return switch (encoding) {
            case "utf-8" -> 3;
            case "utf-16", "utf-16-le", "utf-16-be" -> 2;
            case "utf-32", "utf-32-le", "utf-32-be" -> 4;
            default -> 0;
        };
    }

    /** The surrogate encoded at in[at] in the codec's own form, or -1. */
    private static int readSurrogate(String encoding, byte[] in, int at) {
        int c;
        switch (encoding) {
            case "utf-8" -> {
                int b0 = in[at] & 0xff, b1 = in[at + 1] & 0xff, b2 = in[at + 2] & 0xff;
                if ((b0 & 0xf0) != 0xe0 || (b1 & 0xc0) != 0x80 || (b2 & 0xc0) != 0x80) {
                    return -1;
                }
                c = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
            }
            case "utf-16", "utf-16-le" -> c = (in[at] & 0xff) | (in[at + 1] & 0xff) << 8;
            case "utf-16-be" -> c = (in[at] & 0xff) << 8 | (in[at + 1] & 0xff);
            case "utf-32", "utf-32-le" -> c = (in[at] & 0xff) | (in[at + 1] & 0xff) << 8 | (in[at + 2] & 0xff) << 16
                    | (in[at + 3] & 0xff) << 24;
            default -> c = (in[at] & 0xff) << 24 | (in[at + 1] & 0xff) << 16 | (in[at + 2] & 0xff) << 8
                    | (in[at + 3] & 0xff);
        }
        return c >= 0xD800 && c <= 0xDFFF ? c : -1;
    }

    /** State of one encode of str {@code str} (borrowed). */
    static final class Encoding {
        final String encoding;
        final String errors;
        final long str;
        int[] in;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        long exc;
        /** Characters a str replacement may contain unencoded (128 for ASCII, 256 for Latin-1, else 128). */
        final int replacementLimit;
        /** Writes one character a str replacement produced; false when it cannot be encoded. */
        final java.util.function.IntPredicate writeReplacement;

        Encoding(String encoding, long str, String errors, int replacementLimit,
                java.util.function.IntPredicate writeReplacement) {
            this.encoding = encoding;
            this.str = str;
            this.in = Strs.codePoints(str);
            this.errors = errors == null ? "strict" : errors;
            this.replacementLimit = replacementLimit;
            this.writeReplacement = writeReplacement;
        }

        void release() {
            if (exc != 0) {
                Native.decref(exc);
                exc = 0;
            }
        }

        long exception(int start, int end, String reason) {
            release();
            exc = UnicodeErrors.encodeError(encoding, str, start, end, reason);
            return exc;
        }

        private int curStart, curEnd;
        private String curReason;

        /** Writes a replacement character; one the codec cannot write raises the original error. */
        void emit(int c) {
            if (!writeReplacement.test(c)) {
                throw raise(exception(curStart, curEnd, curReason));
            }
        }

        void ascii(String s) {
            for (int i = 0; i < s.length(); i++) {
                emit(s.charAt(i));
            }
        }

        /** Handles characters [start, end) the codec refused; returns where to go on. */
        int error(int start, int end, String reason) {
            curStart = start;
            curEnd = end;
            curReason = reason;
            switch (errors) {
                case "strict" -> throw raise(exception(start, end, reason));
                case "ignore" -> {
                    return end;
                }
                case "replace" -> {
                    for (int i = start; i < end; i++) {
                        emit('?');
                    }
                    return end;
                }
                case "backslashreplace" -> {
                    for (int i = start; i < end; i++) {
                        ascii(backslash(in[i]));
                    }
                    return end;
                }
                case "xmlcharrefreplace" -> {
                    for (int i = start; i < end; i++) {
                        ascii("&#" + in[i] + ";");
                    }
                    return end;
                }
                case "namereplace" -> {
                    for (int i = start; i < end; i++) {
                        String n = UnicodeNames.name(in[i]);
                        ascii(n != null ? "\\N{" + n + "}" : backslash(in[i]));
                    }
                    return end;
                }
                case "surrogateescape" -> {
                    for (int i = start; i < end; i++) {
                        if (in[i] < 0xDC80 || in[i] > 0xDCFF) {
                            throw raise(exception(start, end, reason));
                        }
                    }
                    for (int i = start; i < end; i++) {
                        out.write(in[i] & 0xff);
                    }
                    return end;
                }
                case "surrogatepass" -> {
                    if (surrogateWidth(encoding) == 0) {
                        throw raise(exception(start, end, reason));
                    }
                    for (int i = start; i < end; i++) {
                        if (in[i] < 0xD800 || in[i] > 0xDFFF) {
                            throw raise(exception(start, end, reason));
                        }
                    }
                    for (int i = start; i < end; i++) {
                        writeSurrogate(encoding, out, in[i]);
                    }
                    return end;
                }
                default -> {
                    return custom(start, end, reason);
                }
            }
        }

        private int custom(int start, int end, String reason) {
            long e = exception(start, end, reason);
            long r = CodecRegistry.callHandler(errors, e);
            try {
                if (!Tuples.isTuple(r) || Tuples.size(r) != 2
                        || !(Strs.isStr(Tuples.get(r, 0)) || Bytes.isBytes(Tuples.get(r, 0)))
                        || !Ints.isInt(Tuples.get(r, 1))) {
                    throw PyRaise.typeError("encoding error handler must return (str/bytes, int) tuple");
                }
                long pos = Ints.asLong(Tuples.get(r, 1));
                if (pos < 0) {
                    pos += in.length;
                }
                if (pos < 0 || pos > in.length) {
                    throw new PyRaise(Exceptions.IndexError, "position " + pos + " from error handler out of bounds");
                }
                long rep = Tuples.get(r, 0);
                if (Bytes.isBytes(rep)) {
                    out.writeBytes(Bytes.value(rep));
                } else {
                    int[] cs = Strs.codePoints(rep);
                    for (int c : cs) {
                        if (c >= replacementLimit) {
                            throw raise(exception(start, end, reason));
                        }
                    }
                    for (int c : cs) {
                        emit(c);
                    }
                }
                return (int) pos;
            } finally {
                Native.decref(r);
            }
        }

        byte[] result() {
            release();
            return out.toByteArray();
        }
    }

    public static String backslash(int c) {
        return c < 0x100 ? String.format("\\x%02x", c) : c < 0x10000 ? String.format("\\u%04x", c)
                : String.format("\\U%08x", c);
    }

    private static void writeSurrogate(String encoding, ByteArrayOutputStream out, int c) {
        switch (encoding) {
            case "utf-8" -> {
                out.write(0xe0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3f));
                out.write(0x80 | (c & 0x3f));
            }
            case "utf-16", "utf-16-le" -> putUnit(out, c, 2, false);
            case "utf-16-be" -> putUnit(out, c, 2, true);
            case "utf-32", "utf-32-le" -> putUnit(out, c, 4, false);
            default -> putUnit(out, c, 4, true);
        }
    }

    static void putUnit(ByteArrayOutputStream out, int v, int width, boolean bigEndian) {
        for (int i = 0; i < width; i++) {
            int shift = bigEndian ? 8 * (width - 1 - i) : 8 * i;
            out.write((v >>> shift) & 0xff);
        }
    }

    // ---------------------------------------------------------------- UTF-8, ASCII, Latin-1

    /** Result of a stateful decode: the str and how many bytes were consumed. */
    public record Decoded(long str, long consumed) {}

    public static Decoded decodeUtf8(byte[] in, String errors, boolean fin) {
        try {
            // valid input (the common case): the JDK's decoder, which refuses exactly what CPython's refuses
            String v = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(in))
                    .toString();
            return new Decoded(Strs.fromJava(v), in.length);
        } catch (java.nio.charset.CharacterCodingException e) {
            // fall through to the exact loop, which places the error as CPython does
        }
        Decoding d = new Decoding("utf-8", in, errors);
        try {
            int i = 0;
            while (i < d.in.length) {
                byte[] b = d.in;
                int c = b[i] & 0xff;
                if (c < 0x80) {
                    d.out.add(c);
                    i++;
                    continue;
                }
                int need;
                int lo = 0x80, hi = 0xbf;
                if (c >= 0xc2 && c <= 0xdf) {
                    need = 1;
                } else if (c >= 0xe0 && c <= 0xef) {
                    need = 2;
                    lo = c == 0xe0 ? 0xa0 : 0x80;
                    hi = c == 0xed ? 0x9f : 0xbf;
                } else if (c >= 0xf0 && c <= 0xf4) {
                    need = 3;
                    lo = c == 0xf0 ? 0x90 : 0x80;
                    hi = c == 0xf4 ? 0x8f : 0xbf;
                } else {
                    i = d.error(i, i + 1, "invalid start byte");
                    continue;
                }
                int k = 1;
                int cp = c & (need == 1 ? 0x1f : need == 2 ? 0x0f : 0x07);
                boolean bad = false;
                while (k <= need && i + k < b.length) {
                    int x = b[i + k] & 0xff;
                    boolean ok = k == 1 ? x >= lo && x <= hi : (x & 0xc0) == 0x80;
                    if (!ok) {
                        bad = true;
                        break;
                    }
                    cp = (cp << 6) | (x & 0x3f);
                    k++;
                }
                if (bad) {
                    i = d.error(i, i + k, "invalid continuation byte");
                } else if (k <= need) {
                    if (!fin) {
                        return new Decoded(d.result(), i);
                    }
                    i = d.error(i, b.length, "unexpected end of data");
                } else {
                    d.out.add(cp);
                    i += need + 1;
                }
            }
            return new Decoded(d.result(), d.in.length);
        } finally {
            d.release();
        }
    }

    /** ASCII (limit 128) or Latin-1 (limit 256) decoding. */
    public static long decodeSingleByte(byte[] in, String errors, int limit) {
        Decoding d = new Decoding(limit == 128 ? "ascii" : "latin-1", in, errors);
        try {
            int i = 0;
            while (i < d.in.length) {
                int c = d.in[i] & 0xff;
                if (c < limit) {
                    d.out.add(c);
                    i++;
                } else {
                    i = d.error(i, i + 1, "ordinal not in range(128)");
                }
            }
            return d.result();
        } finally {
            d.release();
        }
    }

    public static byte[] encodeUtf8(long str, String errors) {
        Encoding[] holder = new Encoding[1];
        Encoding e = new Encoding("utf-8", str, errors, 128, c -> {
            holder[0].out.write(c);
            return true;
        });
        holder[0] = e;
        try {
            int i = 0;
            while (i < e.in.length) {
                int c = e.in[i];
                if (c >= 0xD800 && c <= 0xDFFF) {
                    int j = i;
                    while (j < e.in.length && e.in[j] >= 0xD800 && e.in[j] <= 0xDFFF) {
                        j++;
                    }
                    i = e.error(i, j, "surrogates not allowed");
                    continue;
                }
                writeUtf8(e.out, c);
                i++;
            }
            return e.result();
        } finally {
            e.release();
        }
    }

    static void writeUtf8(ByteArrayOutputStream out, int c) {
        if (c < 0x80) {
            out.write(c);
        } else if (c < 0x800) {
            out.write(0xc0 | (c >> 6));
            out.write(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            out.write(0xe0 | (c >> 12));
            out.write(0x80 | ((c >> 6) & 0x3f));
            out.write(0x80 | (c & 0x3f));
        } else {
            out.write(0xf0 | (c >> 18));
            out.write(0x80 | ((c >> 12) & 0x3f));
            out.write(0x80 | ((c >> 6) & 0x3f));
            out.write(0x80 | (c & 0x3f));
        }
    }

    /** ASCII (limit 128) or Latin-1 (limit 256) encoding. */
    public static byte[] encodeSingleByte(long str, String errors, int limit) {
        Encoding[] holder = new Encoding[1];
        Encoding e = new Encoding(limit == 128 ? "ascii" : "latin-1", str, errors, limit, c -> {
            holder[0].out.write(c);
            return true;
        });
        holder[0] = e;
        String reason = "ordinal not in range(" + limit + ")";
        try {
            int i = 0;
            while (i < e.in.length) {
                if (e.in[i] < limit) {
                    e.out.write(e.in[i++]);
                    continue;
                }
                int j = i;
                while (j < e.in.length && e.in[j] >= limit) {
                    j++;
                }
                i = e.error(i, j, reason);
            }
            return e.result();
        } finally {
            e.release();
        }
    }

    // ---------------------------------------------------------------- UTF-16 and UTF-32

    /**
     * UTF-16 (width 2) or UTF-32 (width 4) decoding. byteorder: -1 little, 1 big, 0 detect from a BOM (then
     * little-endian as on this machine); the order found is stored back in {@code byteorder[0]}.
     */
    public static Decoded decodeUtf16or32(byte[] in, String errors, int[] byteorder, boolean fin, int width) {
        int order = byteorder[0];
        int i = 0;
        String base = width == 2 ? "utf-16" : "utf-32";
        if (order == 0 && in.length >= width) {
            int bom = width == 2 ? ((in[0] & 0xff) | (in[1] & 0xff) << 8)
                    : ((in[0] & 0xff) | (in[1] & 0xff) << 8 | (in[2] & 0xff) << 16 | (in[3] & 0xff) << 24);
            if (bom == 0xFEFF) {
                order = -1;
                i = width;
            } else if (width == 2 ? bom == 0xFFFE : bom == 0xFFFE0000) {
                order = 1;
                i = width;
            }
        }
        boolean big = order > 0;
        String enc = base + (big ? "-be" : "-le");
        byteorder[0] = order; // stored even when decoding then fails, as CPython does
        Decoding d = new Decoding(enc, in, errors);
        try {
            while (i < d.in.length) {
                if (d.in.length - i < width) {
                    if (!fin) {
                        break;
                    }
                    i = d.error(i, d.in.length, "truncated data");
                    continue;
                }
                int u = unit(d.in, i, width, big);
                if (width == 4) {
                    if (Integer.compareUnsigned(u, 0x10FFFF) > 0) {
                        i = d.error(i, i + 4, "code point not in range(0x110000)");
                    } else if (u >= 0xD800 && u <= 0xDFFF) {
                        i = d.error(i, i + 4, "code point in surrogate code point range(0xd800, 0xe000)");
                    } else {
                        d.out.add(u);
                        i += 4;
                    }
                    continue;
                }
                if (u < 0xD800 || u > 0xDFFF) {
                    d.out.add(u);
                    i += 2;
                } else if (u >= 0xDC00) {
                    i = d.error(i, i + 2, "illegal encoding");
                } else if (d.in.length - i < 4) {
                    if (!fin) {
                        break;
                    }
                    i = d.error(i, d.in.length, "unexpected end of data");
                } else {
                    int lo = unit(d.in, i + 2, 2, big);
                    if (lo >= 0xDC00 && lo <= 0xDFFF) {
                        d.out.add(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
                        i += 4;
                    } else {
                        i = d.error(i, i + 2, "illegal UTF-16 surrogate");
                    }
                }
            }
            byteorder[0] = order;
            return new Decoded(d.result(), Math.min(i, d.in.length));
        } finally {
            d.release();
        }
    }

    private static int unit(byte[] b, int at, int width, boolean big) {
        int v = 0;
        for (int k = 0; k < width; k++) {
            int x = b[at + k] & 0xff;
            v |= big ? x << (8 * (width - 1 - k)) : x << (8 * k);
        }
        return v;
    }

    /** UTF-16/32 encoding; byteorder 0 writes a BOM and then little-endian (this machine's order). */
    public static byte[] encodeUtf16or32(long str, String errors, int byteorder, int width) {
        String base = width == 2 ? "utf-16" : "utf-32";
        String enc = byteorder == 0 ? base : base + (byteorder < 0 ? "-le" : "-be");
        boolean big = byteorder > 0;
        Encoding[] holder = new Encoding[1];
        Encoding e = new Encoding(enc, str, errors, 128, c -> {
            putUnit(holder[0].out, c, width, big);
            return true;
        });
        holder[0] = e;
        try {
            if (byteorder == 0) {
                putUnit(e.out, 0xFEFF, width, false);
            }
            int i = 0;
            while (i < e.in.length) {
                int c = e.in[i];
                if (c >= 0xD800 && c <= 0xDFFF) {
                    int j = i;
                    while (j < e.in.length && e.in[j] >= 0xD800 && e.in[j] <= 0xDFFF) {
                        j++;
                    }
                    i = e.error(i, j, "surrogates not allowed");
                    continue;
                }
                if (width == 2 && c >= 0x10000) {
                    putUnit(e.out, 0xD800 + ((c - 0x10000) >> 10), 2, big);
                    putUnit(e.out, 0xDC00 + ((c - 0x10000) & 0x3ff), 2, big);
                } else {
                    putUnit(e.out, c, width, big);
                }
                i++;
            }
            return e.result();
        } finally {
            e.release();
        }
    }

    // ---------------------------------------------------------------- unicode-escape, raw-unicode-escape

    public static byte[] encodeUnicodeEscape(long str, boolean raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int c : Strs.codePoints(str)) {
            String s;
            if (raw) {
                s = c < 0x100 ? null : c < 0x10000 ? String.format("\\u%04x", c) : String.format("\\U%08x", c);
                if (s == null) {
                    out.write(c);
                    continue;
                }
            } else if (c == '\\') {
                s = "\\\\";
            } else if (c == '\t') {
                s = "\\t";
            } else if (c == '\n') {
                s = "\\n";
            } else if (c == '\r') {
                s = "\\r";
            } else if (c >= 0x20 && c < 0x7f) {
                out.write(c);
                continue;
            } else {
                s = backslash(c);
            }
            out.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    public static long decodeUnicodeEscape(byte[] in, String errors, boolean raw) {
        Decoding d = new Decoding(raw ? "rawunicodeescape" : "unicodeescape", in, errors);
        boolean warned = false;
        try {
            int i = 0;
            while (i < d.in.length) {
                byte[] b = d.in;
                int c = b[i] & 0xff;
                if (c != '\\') {
                    d.out.add(c);
                    i++;
                    continue;
                }
                int start = i;
                if (raw) {
                    // the u and U escapes count only after an odd number of backslashes
                    int run = 0;
                    while (i + run < b.length && b[i + run] == '\\') {
                        run++;
                    }
                    boolean escape = i + run < b.length && (b[i + run] == 'u' || b[i + run] == 'U') && run % 2 == 1;
                    int literal = escape ? run - 1 : run;
                    for (int k = 0; k < literal; k++) {
                        d.out.add('\\');
                    }
                    i += literal;
                    if (!escape) {
                        continue;
                    }
                    start = i;
                }
                if (i + 1 >= b.length) {
                    if (raw) {
                        d.out.add('\\');
                        i++;
                        continue;
                    }
                    i = d.error(start, b.length, "\\ at end of string");
                    continue;
                }
                int e = b[i + 1] & 0xff;
                i += 2;
                int digits = 0;
                switch (e) {
                    case '\n' -> {
                        continue;
                    }
                    case '\\' -> d.out.add('\\');
                    case '\'' -> d.out.add('\'');
                    case '"' -> d.out.add('"');
                    case 'b' -> d.out.add('\b');
                    case 'f' -> d.out.add('\f');
                    case 't' -> d.out.add('\t');
                    case 'n' -> d.out.add('\n');
                    case 'r' -> d.out.add('\r');
                    case 'v' -> d.out.add(0x0b);
                    case 'a' -> d.out.add(0x07);
                    case 'x' -> digits = 2;
                    case 'u' -> digits = 4;
                    case 'U' -> digits = 8;
                    case 'N' -> {
                        int close = -1;
                        if (i < b.length && b[i] == '{') {
                            for (int k = i + 1; k < b.length; k++) {
                                if (b[k] == '}') {
                                    close = k;
                                    break;
                                }
                            }
                        }
                        if (close < 0 || close == i + 1) {
                            i = d.error(start, close < 0 ? b.length : close + 1, "malformed \\N character escape");
                            continue;
                        }
                        String name = new String(b, i + 1, close - i - 1, java.nio.charset.StandardCharsets.ISO_8859_1);
                        int cp = UnicodeNames.lookup(name);
                        if (cp < 0) {
                            i = d.error(start, close + 1, "unknown Unicode character name");
                            continue;
                        }
                        d.out.add(cp);
                        i = close + 1;
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            for (int k = 0; k < 2 && i < b.length && b[i] >= '0' && b[i] <= '7'; k++) {
                                v = v * 8 + (b[i++] - '0');
                            }
                            d.out.add(v);
                        } else {
                            d.out.add('\\');
                            d.out.add(e);
                            if (!raw && !warned) {
                                warned = true;
                                dev.ftcheck.runtime.FtRuntime.active().warn("DeprecationWarning",
                                        "invalid escape sequence '\\" + (char) e + "'");
                            }
                        }
                    }
                }
                if (digits > 0) {
                    int v = 0;
                    int k = 0;
                    while (k < digits && i < b.length && Character.digit(b[i], 16) >= 0) {
                        v = v * 16 + Character.digit(b[i], 16);
                        i++;
                        k++;
                    }
                    if (k < digits) {
                        String what = digits == 2 ? "\\xXX" : digits == 4 ? "\\uXXXX" : "\\UXXXXXXXX";
                        i = d.error(start, i, "truncated " + what + " escape");
                    } else if (Integer.compareUnsigned(v, 0x10FFFF) > 0) {
                        i = d.error(start, i, raw ? "\\Uxxxxxxxx out of range" : "illegal Unicode character");
                    } else {
                        d.out.add(v);
                    }
                }
            }
            return d.result();
        } finally {
            d.release();
        }
    }

    // ---------------------------------------------------------------- charmap

    /** mapping[key] as a new reference, or 0 when the mapping raised LookupError (the key is unmapped). */
    public interface Lookup {
        long get(int key);
    }

    private static final String UNDEFINED = "character maps to <undefined>";

    /** Decoding through a mapping: a str (indexed by byte, U+FFFE undefined) or any object looked up by int. */
    public static long decodeCharmap(byte[] in, String errors, long mapping, Lookup lookup) {
        Decoding d = new Decoding("charmap", in, errors);
        int[] table = Strs.isStr(mapping) ? Strs.codePoints(mapping) : null;
        try {
            int i = 0;
            while (i < d.in.length) {
                int b = d.in[i] & 0xff;
                if (table != null) {
                    if (b < table.length && table[b] != 0xFFFE) {
                        d.out.add(table[b]);
                        i++;
                    } else {
                        i = d.error(i, i + 1, UNDEFINED);
                    }
                    continue;
                }
                long r = lookup.get(b);
                if (r == 0 || r == Singletons.NONE) {
                    i = d.error(i, i + 1, UNDEFINED);
                    continue;
                }
                try {
                    if (Ints.isInt(r)) {
                        java.math.BigInteger v = Ints.value(r);
                        if (v.signum() < 0 || v.compareTo(java.math.BigInteger.valueOf(0x10FFFF)) > 0) {
                            throw PyRaise.typeError("character mapping must be in range(0x110000)");
                        }
                        if (v.intValue() == 0xFFFE) {
                            i = d.error(i, i + 1, UNDEFINED);
                            continue;
                        }
                        d.out.add(v.intValue());
                    } else if (Strs.isStr(r)) {
                        int[] cs = Strs.codePoints(r);
                        if (cs.length == 1 && cs[0] == 0xFFFE) {
                            i = d.error(i, i + 1, UNDEFINED);
                            continue;
                        }
                        d.out.add(cs);
                    } else {
                        throw PyRaise.typeError("character mapping must return integer, None or str");
                    }
                } finally {
                    Native.decref(r);
                }
                i++;
            }
            return d.result();
        } finally {
            d.release();
        }
    }

    /** Encoding through a mapping looked up by code point: int (a byte), bytes, or None/missing (undefined). */
    public static byte[] encodeCharmap(long str, String errors, Lookup lookup) {
        Encoding[] holder = new Encoding[1];
        java.util.function.IntPredicate write = c -> mapOne(holder[0].out, c, lookup);
        Encoding e = new Encoding("charmap", str, errors, 0x110000, write);
        holder[0] = e;
        try {
            int i = 0;
            while (i < e.in.length) {
                if (mapOne(e.out, e.in[i], lookup)) {
                    i++;
                    continue;
                }
                int j = i + 1;
                while (j < e.in.length && !mappable(e.in[j], lookup)) {
                    j++;
                }
                i = e.error(i, j, UNDEFINED);
            }
            return e.result();
        } finally {
            e.release();
        }
    }

    private static boolean mappable(int c, Lookup lookup) {
        long r = lookup.get(c);
        boolean ok = r != 0 && r != Singletons.NONE;
        Native.xdecref(r);
        return ok;
    }

    private static boolean mapOne(ByteArrayOutputStream out, int c, Lookup lookup) {
        long r = lookup.get(c);
        if (r == 0 || r == Singletons.NONE) {
            Native.xdecref(r);
            return false;
        }
        try {
            if (Ints.isInt(r)) {
                java.math.BigInteger v = Ints.value(r);
                if (v.signum() < 0 || v.compareTo(java.math.BigInteger.valueOf(255)) > 0) {
                    throw PyRaise.typeError("character mapping must be in range(256)");
                }
                out.write(v.intValue());
            } else if (Bytes.isBytes(r)) {
                out.writeBytes(Bytes.value(r));
            } else {
                throw PyRaise.typeError("character mapping must return integer, bytes or None, not %s", Types.name(r));
            }
            return true;
        } finally {
            Native.decref(r);
        }
    }

    // ---------------------------------------------------------------- UTF-7 (decoding)

    private static int base64Value(int c) {
        return c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
                : c == '+' ? 62 : c == '/' ? 63 : -1;
    }

    /** RFC 2152 decoding with CPython's error ranges and reasons; an open shift at a non-final end is left unread. */
    public static Decoded decodeUtf7(byte[] in, String errors, boolean fin) {
        Decoding d = new Decoding("utf7", in, errors);
        try {
            boolean inShift = false;
            int shiftStart = 0;       // where the '+' of the open shift is
            int outAtShift = 0;       // output length when it opened
            int bits = 0;
            long buffer = 0;
            int surrogate = 0;
            int i = 0;
            while (i < d.in.length) {
                int c = d.in[i] & 0xff;
                if (inShift) {
                    int v = base64Value(c);
                    if (v >= 0) {
                        buffer = (buffer << 6) | v;
                        bits += 6;
                        i++;
                        if (bits >= 16) {
                            int unit = (int) (buffer >> (bits - 16)) & 0xffff;
                            bits -= 16;
                            buffer &= (1L << bits) - 1;
                            if (surrogate != 0) {
                                if (unit >= 0xDC00 && unit <= 0xDFFF) {
                                    d.out.add(0x10000 + ((surrogate - 0xD800) << 10) + (unit - 0xDC00));
                                    surrogate = 0;
                                    continue;
                                }
                                d.out.add(surrogate);
                                surrogate = 0;
                            }
                            if (unit >= 0xD800 && unit <= 0xDBFF) {
                                surrogate = unit;
                            } else {
                                d.out.add(unit);
                            }
                        }
                        continue;
                    }
                    inShift = false;
                    if (bits >= 6 || (bits > 0 && buffer != 0)) {
                        i = d.error(shiftStart, i + 1, bits >= 6 ? "partial character in shift sequence"
                                : "non-zero padding bits in shift sequence");
                        surrogate = 0;
                        continue;
                    }
                    if (surrogate != 0 && c < 0x80 && c != '+') {
                        d.out.add(surrogate);
                    }
                    surrogate = 0;
                    if (c == '-') {
                        i++;
                    }
                    continue;
                }
                if (c == '+') {
                    int start = i++;
                    if (i < d.in.length && d.in[i] == '-') {
                        d.out.add('+');
                        i++;
                    } else if (i < d.in.length && base64Value(d.in[i] & 0xff) < 0) {
                        i = d.error(start, i + 1, "ill-formed sequence");
                    } else {
                        inShift = true;
                        shiftStart = start;
                        outAtShift = d.out.size();
                        bits = 0;
                        buffer = 0;
                        surrogate = 0;
                    }
                } else if (c < 0x80) {
                    d.out.add(c);
                    i++;
                } else {
                    i = d.error(i, i + 1, "unexpected special character");
                }
            }
            if (inShift && !fin) {
                d.out.truncate(outAtShift);
                return new Decoded(d.result(), shiftStart);
            }
            if (inShift && (surrogate != 0 || bits >= 6 || (bits > 0 && buffer != 0))) {
                d.error(shiftStart, d.in.length, "unterminated shift sequence");
            }
            return new Decoded(d.result(), d.in.length);
        } finally {
            d.release();
        }
    }
}
