package dev.ftcheck.runtime.obj.builtins;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.capi.UnicodeApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeKind;
import dev.ftcheck.runtime.obj.Types;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * {@code bytes % args} and {@code bytearray % args} (PEP 461): %s and %b take buffers or objects with __bytes__,
 * %a and %r give ascii(), %c an int in range(256) or a single byte; the numeric conversions are str's (one spec
 * at a time through PyUnicode_Format, whose text is ASCII), so their results and errors are str's too.
 */
final class BytesFormat {
    private final byte[] fmt;
    private final long args;
    private final long dict;
    private final long argCount;
    private long argIndex;
    private int pos;

    private BytesFormat(byte[] fmt, long args) {
        this.fmt = fmt;
        this.args = args;
        boolean tuple = Tuples.isTuple(args);
        this.argCount = tuple ? Tuples.size(args) : -1;
        TypeKind k = Types.kindOf(args);
        boolean subscriptable = AbstractApi.PyMapping_Check(args) != 0 || k == TypeKind.LIST;
        this.dict = !tuple && k != TypeKind.BYTES && k != TypeKind.BYTEARRAY && !Strs.isStr(args) && subscriptable
                ? args : 0;
    }

    /** self % args: a new bytes, or bytearray when self is one. */
    static long format(long self, long args) {
        byte[] r = new BytesFormat(BytesMethods.value(self), args).run();
        return Types.kindOf(self) == TypeKind.BYTEARRAY ? Bytes.newByteArrayFrom(r) : Bytes.fromJava(r);
    }

    private long nextArg() {
        if (argCount < 0) {
            if (argIndex++ == 0) {
                return args;
            }
        } else if (argIndex < argCount) {
            return Tuples.get(args, argIndex++);
        }
        throw PyRaise.typeError("not enough arguments for format string");
    }

    private int peek() {
        if (pos >= fmt.length) {
            throw PyRaise.valueError("incomplete format");
        }
        return fmt[pos] & 0xff;
    }

    private byte[] run() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(fmt.length + 16);
        while (pos < fmt.length) {
            int c = fmt[pos++] & 0xff;
            if (c != '%') {
                out.write(c);
                continue;
            }
            if (pos < fmt.length && fmt[pos] == '%') {
                out.write('%');
                pos++;
                continue;
            }
            long keyed = 0;
            if (pos < fmt.length && fmt[pos] == '(') {
                keyed = keyed();
            }
            try {
                spec(out, keyed);
            } finally {
                Native.xdecref(keyed);
            }
        }
        if (argCount >= 0 ? argIndex < argCount : argIndex == 0 && dict == 0) {
            throw PyRaise.typeError("not all arguments converted during bytes formatting");
        }
        return out.toByteArray();
    }

    /** %(key): the mapping's value for the bytes key (a new reference). */
    private long keyed() {
        if (dict == 0) {
            throw PyRaise.typeError("format requires a mapping");
        }
        int depth = 1;
        int start = ++pos;
        while (pos < fmt.length && depth > 0) {
            if (fmt[pos] == '(') {
                depth++;
            } else if (fmt[pos] == ')') {
                depth--;
            }
            pos++;
        }
        if (depth > 0) {
            throw PyRaise.valueError("incomplete format key");
        }
        long key = Bytes.fromJava(java.util.Arrays.copyOfRange(fmt, start, pos - 1));
        try {
            long value = Types.isInstance(dict, Types.DICT) ? Dicts.getRef(dict, key)
                    : AbstractApi.PyObject_GetItem(dict, key);
            if (value == 0) {
                Errors.setValue(Exceptions.KeyError, key);
                throw ErrorAlreadySet.INSTANCE;
            }
            if (argCount < 0) {
                argIndex = 1;
            }
            return value;
        } finally {
            Native.decref(key);
        }
    }

    private int starArg() {
        long a = nextArg();
        if (!Ints.isInt(a)) {
            throw PyRaise.typeError("* wants int");
        }
        BigInteger v = Ints.value(a);
        if (v.bitLength() > 31) {
            throw PyRaise.valueError("width too big");
        }
        return v.intValue();
    }

    private int digits(int none) {
        int n = none;
        while (pos < fmt.length && fmt[pos] >= '0' && fmt[pos] <= '9') {
            n = (n < 0 ? 0 : n) * 10 + (fmt[pos++] - '0');
        }
        return n;
    }

    private void spec(ByteArrayOutputStream out, long keyed) {
        StringBuilder flags = new StringBuilder();
        boolean left = false;
        for (boolean more = true; more; ) {
            int c = peek();
            more = c == '-' || c == '+' || c == ' ' || c == '#' || c == '0';
            if (more) {
                left |= c == '-';
                flags.append((char) c);
                pos++;
            }
        }
        int width;
        if (peek() == '*') {
            pos++;
            width = starArg();
            if (width < 0) {
                left = true;
                flags.append('-');
                width = -width;
            }
        } else {
            width = digits(-1);
        }
        int prec = -1;
        if (peek() == '.') {
            pos++;
            if (peek() == '*') {
                pos++;
                prec = Math.max(0, starArg());
            } else {
                prec = digits(0);
            }
        }
        while (peek() == 'h' || peek() == 'l' || peek() == 'L') {
            pos++;
        }
        int conv = fmt[pos++] & 0xff;
        byte[] body;
        switch (conv) {
            case 's', 'b', 'a', 'r', 'c' -> {
                long v = keyed != 0 ? keyed : nextArg();
                body = conv == 'c' ? character(v) : conv == 's' || conv == 'b' ? bytesOf(v) : ascii(v);
                if (prec >= 0 && conv != 'c' && body.length > prec) {
                    body = java.util.Arrays.copyOf(body, prec);
                }
                int pad = Math.max(0, width - body.length);
                if (!left) {
                    out.writeBytes(" ".repeat(pad).getBytes(StandardCharsets.US_ASCII));
                }
                out.writeBytes(body);
                if (left) {
                    out.writeBytes(" ".repeat(pad).getBytes(StandardCharsets.US_ASCII));
                }
            }
            case 'd', 'i', 'u', 'x', 'X', 'o', 'e', 'E', 'f', 'F', 'g', 'G' -> {
                long v = keyed != 0 ? keyed : nextArg();
                String spec = "%" + flags + (width >= 0 ? String.valueOf(width) : "")
                        + (prec >= 0 ? "." + prec : "") + (char) conv;
                long s = Strs.fromJava(spec);
                long t = Tuples.of(Heap.newRef(v));
                try {
                    long r = Slots.checkPtr(UnicodeApi.PyUnicode_Format(s, t));
                    try {
                        out.writeBytes(Strs.value(r).getBytes(StandardCharsets.ISO_8859_1));
                    } finally {
                        Native.decref(r);
                    }
                } finally {
                    Native.decref(t);
                    Native.decref(s);
                }
            }
            default -> throw PyRaise.valueError("unsupported format character '%c' (0x%x) at index %d",
                    conv >= 32 && conv <= 126 ? (char) conv : '?', conv, pos - 1);
        }
    }

    /** %s / %b: a buffer's bytes or __bytes__(). */
    private static byte[] bytesOf(long v) {
        if (BytesMethods.isBytesLike(v)) {
            return BytesMethods.value(v);
        }
        long method = Attributes.lookupInType(Heap.type(v), "__bytes__");
        if (method != 0) {
            long r = Calls.call(method, new long[] {v}, 0);
            try {
                if (Types.kindOf(r) != TypeKind.BYTES) {
                    throw PyRaise.typeError("__bytes__ returned non-bytes (type %s)", Types.name(r));
                }
                return Bytes.value(r);
            } finally {
                Native.decref(r);
            }
        }
        throw PyRaise.typeError("%%b requires a bytes-like object, or an object that implements __bytes__, not '%s'",
                Types.name(v));
    }

    private static byte[] ascii(long v) {
        long r = Slots.checkPtr(ObjectApi.PyObject_ASCII(v));
        try {
            return Strs.value(r).getBytes(StandardCharsets.ISO_8859_1);
        } finally {
            Native.decref(r);
        }
    }

    private static byte[] character(long v) {
        if (Ints.isInt(v)) {
            BigInteger n = Ints.value(v);
            if (n.signum() < 0 || n.bitLength() > 8) {
                throw PyRaise.overflow("%c arg not in range(256)");
            }
            return new byte[] {(byte) n.intValue()};
        }
        TypeKind k = Types.kindOf(v);
        if ((k == TypeKind.BYTES || k == TypeKind.BYTEARRAY) && Heap.size(v) == 1) {
            return BytesMethods.value(v);
        }
        throw PyRaise.typeError("%%c requires an integer in range(256) or a single byte");
    }
}
