package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Layout;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Types;
import java.math.BigInteger;

/**
 * cpython/longintrepr.h, 3.14 (PEP 757): exporting an int as native digits and building one from digits. The digit
 * layout is the ints' own (PyLong_GetNativeLayout, native in the bridge): 30-bit digits in 4-byte words, least
 * significant first. An exported int that fits in int64_t is given as its value; a bigger one lends its own digit
 * array, kept alive by a reference until PyLong_FreeExport.
 */
public final class LongintreprApi {
    private LongintreprApi() {}

    /** PyLongExport: int64_t value, uint8_t negative, Py_ssize_t ndigits, const void *digits, uintptr_t _reserved. */
    private static final long EXPORT_VALUE = 0, EXPORT_NEGATIVE = 8, EXPORT_NDIGITS = 16, EXPORT_DIGITS = 24,
            EXPORT_RESERVED = 32;

    @CApi
    public static int PyLong_Export(long obj, long export) {
        if (obj == 0 || !Ints.isInt(obj)) {
            for (long off = 0; off <= EXPORT_RESERVED; off += 8) {
                Mem.putLong(export + off, 0);
            }
            throw PyRaise.typeError("expect int, got %s", obj == 0 ? "NULL" : Types.typeOf(obj).fullName());
        }
        if (Ints.fitsLong(obj)) {
            Mem.putLong(export + EXPORT_VALUE, Ints.asLong(obj));
            Mem.putByte(export + EXPORT_NEGATIVE, (byte) 0);
            Mem.putLong(export + EXPORT_NDIGITS, 0);
            Mem.putLong(export + EXPORT_DIGITS, 0);
            Mem.putLong(export + EXPORT_RESERVED, 0);
            return 0;
        }
        // The digits are the int's own, kept alive by the reference _reserved holds until PyLong_FreeExport.
        Mem.putLong(export + EXPORT_VALUE, 0);
        Mem.putByte(export + EXPORT_NEGATIVE, (byte) (Ints.sign(obj) < 0 ? 1 : 0));
        Mem.putLong(export + EXPORT_NDIGITS, Ints.ndigits(obj));
        Mem.putLong(export + EXPORT_DIGITS, obj + Layout.LONG_DIGITS);
        Mem.putLong(export + EXPORT_RESERVED, Heap.newRef(obj));
        return 0;
    }

    @CApi
    public static void PyLong_FreeExport(long export) {
        long obj = Mem.getLong(export + EXPORT_RESERVED);
        if (obj != 0) {
            Mem.putLong(export + EXPORT_RESERVED, 0);
            Native.decref(obj);
        }
    }

    /**
     * A PyLongWriter is a PyMem block: the sign, the digit count, a marker, then the digits the caller fills in.
     * The marker lets Finish and Discard refuse pointers that are not writers (or writers already used).
     */
    private static final long WRITER_NEGATIVE = 0, WRITER_NDIGITS = 8, WRITER_MARK = 16, WRITER_DIGITS = 24;
    private static final long WRITER_LIVE = 0x46544C4F4E475752L; // "FTLONGWR"
    private static final int DIGIT_BITS = 30;

    @CApi
    public static long PyLongWriter_Create(int negative, long ndigits, long digits) {
        if (digits == 0) {
            throw PyRaise.badInternalCall();
        }
        if (ndigits <= 0) {
            Mem.putLong(digits, 0);
            throw PyRaise.valueError("ndigits must be positive");
        }
        long w = Native.memMalloc(WRITER_DIGITS + 4 * ndigits);
        Mem.putLong(w + WRITER_NEGATIVE, negative != 0 ? 1 : 0);
        Mem.putLong(w + WRITER_NDIGITS, ndigits);
        Mem.putLong(w + WRITER_MARK, WRITER_LIVE);
        for (long i = 0; i < ndigits; i++) {
            Mem.putInt(w + WRITER_DIGITS + 4 * i, 0);
        }
        Mem.putLong(digits, w + WRITER_DIGITS);
        return w;
    }

    private static void checkWriter(long w, String function) {
        if (w == 0 || Mem.getLong(w + WRITER_MARK) != WRITER_LIVE) {
            throw PyRaise.systemError("%s: not a PyLongWriter from PyLongWriter_Create (or already finished)",
                    function);
        }
    }

    private static void freeWriter(long w) {
        Mem.putLong(w + WRITER_MARK, 0);
        Native.memFree(w);
    }

    @CApi
    public static long PyLongWriter_Finish(long w) {
        checkWriter(w, "PyLongWriter_Finish");
        long n = Mem.getLong(w + WRITER_NDIGITS);
        boolean negative = Mem.getLong(w + WRITER_NEGATIVE) != 0;
        BigInteger v = BigInteger.ZERO;
        try {
            for (long i = n - 1; i >= 0; i--) {
                long d = Integer.toUnsignedLong(Mem.getInt(w + WRITER_DIGITS + 4 * i));
                if (d >>> DIGIT_BITS != 0) {
                    throw PyRaise.systemError("PyLongWriter_Finish: digit %d is 0x%x, beyond the layout's %d bits",
                            i, d, DIGIT_BITS);
                }
                v = v.shiftLeft(DIGIT_BITS).or(BigInteger.valueOf(d));
            }
        } finally {
            freeWriter(w);
        }
        return Ints.fromBig(negative ? v.negate() : v);
    }

    @CApi
    public static void PyLongWriter_Discard(long w) {
        if (w == 0) {
            return;
        }
        checkWriter(w, "PyLongWriter_Discard");
        freeWriter(w);
    }
}
