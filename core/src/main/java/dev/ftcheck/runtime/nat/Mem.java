package dev.ftcheck.runtime.nat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * Raw access to native memory by address. Objects live at stable native addresses, so the runtime reads and writes
 * their fields directly; one unbounded segment avoids creating a segment per access.
 */
public final class Mem {
    /** Every address of the process. Only used with addresses the runtime got from the C side or allocated. */
    public static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final VarHandle LONG_VH = ValueLayout.JAVA_LONG.varHandle();

    private Mem() {}

    public static long getLong(long addr) {
        return ALL.get(LONG, addr);
    }

    public static void putLong(long addr, long v) {
        ALL.set(LONG, addr, v);
    }

    public static long getLongVolatile(long addr) {
        return (long) LONG_VH.getVolatile(ALL, addr);
    }

    public static void putLongVolatile(long addr, long v) {
        LONG_VH.setVolatile(ALL, addr, v);
    }

    public static long getAndAddLong(long addr, long delta) {
        return (long) LONG_VH.getAndAdd(ALL, addr, delta);
    }

    public static boolean casLong(long addr, long expect, long update) {
        return LONG_VH.compareAndSet(ALL, addr, expect, update);
    }

    public static int getInt(long addr) {
        return ALL.get(INT, addr);
    }

    public static void putInt(long addr, int v) {
        ALL.set(INT, addr, v);
    }

    public static short getShort(long addr) {
        return ALL.get(ValueLayout.JAVA_SHORT_UNALIGNED, addr);
    }

    public static void putShort(long addr, short v) {
        ALL.set(ValueLayout.JAVA_SHORT_UNALIGNED, addr, v);
    }

    public static byte getByte(long addr) {
        return ALL.get(ValueLayout.JAVA_BYTE, addr);
    }

    public static void putByte(long addr, byte v) {
        ALL.set(ValueLayout.JAVA_BYTE, addr, v);
    }

    public static double getDouble(long addr) {
        return ALL.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, addr);
    }

    public static void putDouble(long addr, double v) {
        ALL.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, addr, v);
    }

    public static float getFloat(long addr) {
        return ALL.get(ValueLayout.JAVA_FLOAT_UNALIGNED, addr);
    }

    public static void putFloat(long addr, float v) {
        ALL.set(ValueLayout.JAVA_FLOAT_UNALIGNED, addr, v);
    }

    public static void copy(long from, long to, long bytes) {
        MemorySegment.copy(ALL, from, ALL, to, bytes);
    }

    public static void fill(long addr, long bytes, byte value) {
        ALL.asSlice(addr, bytes).fill(value);
    }

    public static byte[] bytes(long addr, long len) {
        return ALL.asSlice(addr, len).toArray(ValueLayout.JAVA_BYTE);
    }

    public static void putBytes(long addr, byte[] data) {
        MemorySegment.copy(data, 0, ALL, ValueLayout.JAVA_BYTE, addr, data.length);
    }

    /** Length of the NUL-terminated string at addr. */
    public static long strlen(long addr) {
        long n = 0;
        while (ALL.get(ValueLayout.JAVA_BYTE, addr + n) != 0) {
            n++;
        }
        return n;
    }

    /** The NUL-terminated UTF-8 string at addr, or null for NULL. */
    public static String cString(long addr) {
        if (addr == 0) {
            return null;
        }
        return new String(bytes(addr, strlen(addr)), StandardCharsets.UTF_8);
    }
}
