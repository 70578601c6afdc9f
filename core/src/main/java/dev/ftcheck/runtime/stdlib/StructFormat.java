package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.FloatApi;
import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Types;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled struct format ("<hi", "@5sx2q") as CPython's _struct reads it on x86-64 Linux: the byte-order
 * prefix, native sizes and alignment for '@', standard sizes for '=', '<', '>' and '!', and the packing and
 * unpacking of each code with _struct's range checks and messages.
 */
final class StructFormat {
    /** One run of a code: count items (or, for 's' and 'p', one item of count bytes) at offset. */
    private record Item(char code, int count, int offset, int size) {}

    final String text;
    final int size;
    /** How many values pack() takes and unpack() returns. */
    final int length;
    private final boolean littleEndian;
    private final List<Item> items;

    private StructFormat(String text, int size, int length, boolean littleEndian, List<Item> items) {
        this.text = text;
        this.size = size;
        this.length = length;
        this.littleEndian = littleEndian;
        this.items = items;
    }

    /** Parses fmt; a bad format raises struct.error, as Struct(fmt) does. */
    static StructFormat compile(String fmt, long error) {
        int i = 0;
        boolean nativeMode = true;
        boolean little = true;
        if (!fmt.isEmpty() && "@=<>!".indexOf(fmt.charAt(0)) >= 0) {
            char c = fmt.charAt(0);
            nativeMode = c == '@';
            little = c == '@' || c == '=' || c == '<';
            i = 1;
        }
        List<Item> items = new ArrayList<>();
        long offset = 0;
        int length = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            long count = 1;
            if (c >= '0' && c <= '9') {
                count = 0;
                while (i < fmt.length() && fmt.charAt(i) >= '0' && fmt.charAt(i) <= '9') {
                    count = count * 10 + (fmt.charAt(i) - '0');
                    if (count > Integer.MAX_VALUE) {
                        throw new PyRaise(error, "total struct size too long");
                    }
                    i++;
                }
                if (i == fmt.length()) {
                    throw new PyRaise(error, "repeat count given without format specifier");
                }
                c = fmt.charAt(i);
            }
            int itemSize = itemSize(c, nativeMode);
            if (itemSize < 0) {
                throw new PyRaise(error, "bad char in struct format");
            }
            if (nativeMode && itemSize > 1 && c != 's' && c != 'p') {
                offset = (offset + itemSize - 1) / itemSize * itemSize;
            }
            boolean bytesRun = c == 's' || c == 'p';
            long runSize = bytesRun ? count : count * itemSize;
            if (offset + runSize > Integer.MAX_VALUE) {
                throw new PyRaise(error, "total struct size too long");
            }
            if (c != 'x') {
                items.add(new Item(c, (int) count, (int) offset, itemSize));
                length += bytesRun ? 1 : (int) count;
            }
            offset += runSize;
            i++;
        }
        return new StructFormat(fmt, (int) offset, length, little, List.copyOf(items));
    }

    /** The size of one item of code c, or -1 when the code is not allowed in this mode. */
    private static int itemSize(char c, boolean nativeMode) {
        return switch (c) {
            case 'x', 'c', 'b', 'B', '?', 's', 'p' -> 1;
            case 'h', 'H', 'e' -> 2;
            case 'i', 'I', 'f' -> 4;
            case 'q', 'Q', 'd' -> 8;
            case 'l', 'L' -> nativeMode ? 8 : 4;
            case 'n', 'N', 'P' -> nativeMode ? 8 : -1;
            default -> -1;
        };
    }

    /** The packed bytes of values (borrowed), which must number exactly {@link #length}. */
    byte[] pack(long[] values, int first, long error) {
        byte[] out = new byte[size];
        int v = first;
        for (Item it : items) {
            if (it.code == 's' || it.code == 'p') {
                packBytes(out, it, values[v++], error);
                continue;
            }
            for (int k = 0; k < it.count; k++) {
                packOne(out, it.offset + k * it.size, it.code, it.size, values[v++], error);
            }
        }
        return out;
    }

    private static void packBytes(byte[] out, Item it, long value, long error) {
        byte[] data;
        if (Bytes.isBytes(value)) {
            data = Bytes.value(value);
        } else if (Types.isInstance(value, Types.BYTEARRAY)) {
            data = Bytes.byteArrayValue(value);
        } else {
            throw new PyRaise(error, "argument for '" + it.code + "' must be a bytes object");
        }
        if (it.code == 's') {
            System.arraycopy(data, 0, out, it.offset, Math.min(data.length, it.count));
        } else if (it.count > 0) {
            int n = Math.min(Math.min(data.length, it.count - 1), 255);
            out[it.offset] = (byte) n;
            System.arraycopy(data, 0, out, it.offset + 1, n);
        }
    }

    private void packOne(byte[] out, int at, char code, int width, long value, long error) {
        switch (code) {
            case '?' -> out[at] = (byte) (ObjectApi.PyObject_IsTrue(value) != 0 ? 1 : 0);
            case 'c' -> {
                byte[] b = Bytes.isBytes(value) ? Bytes.value(value)
                        : Types.isInstance(value, Types.BYTEARRAY) ? Bytes.byteArrayValue(value) : null;
                if (b == null || b.length != 1) {
                    throw new PyRaise(error, "char format requires a bytes object of length 1");
                }
                out[at] = b[0];
            }
            case 'e' -> putBits(out, at, 2, HalfFloat.pack(floatArg(value, error)));
            case 'f' -> {
                double d = floatArg(value, error);
                float f = (float) d;
                if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                    throw new PyRaise(Exceptions.byName("OverflowError"), "float too large to pack with f format");
                }
                putBits(out, at, 4, Float.floatToRawIntBits(f));
            }
            case 'd' -> putBits(out, at, 8, Double.doubleToRawLongBits(floatArg(value, error)));
            default -> putBits(out, at, width, integerArg(value, code, width, error));
        }
    }

    /** The integer for code, range-checked as _struct does ("'h' format requires -32768 <= number <= 32767"). */
    private static long integerArg(long value, char code, int width, long error) {
        BigInteger n = index(value, error);
        boolean signed = Character.isLowerCase(code) || code == 'P';
        BigInteger lo = signed ? BigInteger.ONE.shiftLeft(8 * width - 1).negate() : BigInteger.ZERO;
        BigInteger hi = (signed && code != 'P' ? BigInteger.ONE.shiftLeft(8 * width - 1)
                : BigInteger.ONE.shiftLeft(8 * width)).subtract(BigInteger.ONE);
        if (n.compareTo(lo) < 0 || n.compareTo(hi) > 0) {
            if (code == 'P') {
                throw new PyRaise(Exceptions.byName("OverflowError"), "int too big to convert");
            }
            throw new PyRaise(error, "'" + code + "' format requires " + lo + " <= number <= " + hi);
        }
        return n.longValue();
    }

    /** An int, or an object with __index__ (whose own errors pass through); anything else is struct.error. */
    private static BigInteger index(long value, long error) {
        if (Ints.isInt(value)) {
            return Ints.value(value);
        }
        long i;
        try {
            i = AbstractApi.PyNumber_Index(value);
        } catch (PyRaise e) {
            if (e.type != Exceptions.TypeError) {
                throw e;
            }
            throw new PyRaise(error, "required argument is not an integer");
        }
        try {
            return Ints.value(i);
        } finally {
            Native.decref(i);
        }
    }

    /** PyFloat_AsDouble of value; any failure becomes "required argument is not a float", as in _struct. */
    private static double floatArg(long value, long error) {
        if (Floats.isFloat(value)) {
            return Floats.asDouble(value);
        }
        try {
            return FloatApi.PyFloat_AsDouble(value);
        } catch (PyRaise | ErrorAlreadySet e) {
            Native.xdecref(Errors.take());
            throw new PyRaise(error, "required argument is not a float");
        }
    }

    private void putBits(byte[] out, int at, int width, long bits) {
        for (int k = 0; k < width; k++) {
            out[littleEndian ? at + k : at + width - 1 - k] = (byte) (bits >>> (8 * k));
        }
    }

    private long getBits(byte[] in, int at, int width) {
        long bits = 0;
        for (int k = 0; k < width; k++) {
            bits |= (in[littleEndian ? at + k : at + width - 1 - k] & 0xFFL) << (8 * k);
        }
        return bits;
    }

    /** New references to the values data (exactly {@link #size} bytes from start) holds. */
    long[] unpack(byte[] data, int start) {
        long[] out = new long[length];
        int v = 0;
        for (Item it : items) {
            int at = start + it.offset;
            switch (it.code) {
                case 's' -> out[v++] = Bytes.fromJava(java.util.Arrays.copyOfRange(data, at, at + it.count));
                case 'p' -> {
                    int n = it.count == 0 ? 0 : Math.min(data[at] & 0xFF, it.count - 1);
                    out[v++] = Bytes.fromJava(java.util.Arrays.copyOfRange(data, at + 1, at + 1 + n));
                }
                default -> {
                    for (int k = 0; k < it.count; k++) {
                        out[v++] = unpackOne(data, at + k * it.size, it.code, it.size);
                    }
                }
            }
        }
        return out;
    }

    private long unpackOne(byte[] data, int at, char code, int width) {
        long bits = getBits(data, at, width);
        return switch (code) {
            case '?' -> Singletons.bool(bits != 0);
            case 'c' -> Bytes.fromJava(new byte[] {data[at]});
            case 'e' -> Floats.fromDouble(HalfFloat.unpack((int) bits));
            case 'f' -> Floats.fromDouble(Float.intBitsToFloat((int) bits));
            case 'd' -> Floats.fromDouble(Double.longBitsToDouble(bits));
            case 'b', 'h', 'i', 'l', 'q', 'n' -> Ints.fromLong(bits << (64 - 8 * width) >> (64 - 8 * width));
            default -> Ints.fromUnsigned(bits);
        };
    }
}
