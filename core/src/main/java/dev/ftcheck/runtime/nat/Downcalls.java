package dev.ftcheck.runtime.nat;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Calls into C function pointers the extension handed us (ml_meth, tp_* slots, PyInit_*, module slots), one
 * cached downcall handle per C signature. Pointers are long, int is int, as in the upcall mapping.
 */
public final class Downcalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final ValueLayout.OfLong J = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;

    private static final MethodHandle L_V = handle(FunctionDescriptor.of(J));
    private static final MethodHandle L_L = handle(FunctionDescriptor.of(J, J));
    private static final MethodHandle L_LL = handle(FunctionDescriptor.of(J, J, J));
    private static final MethodHandle L_LLL = handle(FunctionDescriptor.of(J, J, J, J));
    private static final MethodHandle L_LLI = handle(FunctionDescriptor.of(J, J, J, I));
    private static final MethodHandle L_LLLL = handle(FunctionDescriptor.of(J, J, J, J, J));
    private static final MethodHandle L_LLLLL = handle(FunctionDescriptor.of(J, J, J, J, J, J));
    private static final MethodHandle I_L = handle(FunctionDescriptor.of(I, J));
    private static final MethodHandle I_LL = handle(FunctionDescriptor.of(I, J, J));
    private static final MethodHandle I_LLL = handle(FunctionDescriptor.of(I, J, J, J));
    private static final MethodHandle V_L = handle(FunctionDescriptor.ofVoid(J));
    private static final MethodHandle V_LL = handle(FunctionDescriptor.ofVoid(J, J));

    private Downcalls() {}

    private static MethodHandle handle(FunctionDescriptor fd) {
        return LINKER.downcallHandle(fd);
    }

    private static MemorySegment fn(long addr) {
        if (addr == 0) {
            throw new IllegalArgumentException("call through a NULL function pointer");
        }
        return MemorySegment.ofAddress(addr);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    public static long call0(long f) {
        try {
            return (long) L_V.invokeExact(fn(f));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long call1(long f, long a) {
        try {
            return (long) L_L.invokeExact(fn(f), a);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long call2(long f, long a, long b) {
        try {
            return (long) L_LL.invokeExact(fn(f), a, b);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long call3(long f, long a, long b, long c) {
        try {
            return (long) L_LLL.invokeExact(fn(f), a, b, c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long call2i(long f, long a, long b, int c) {
        try {
            return (long) L_LLI.invokeExact(fn(f), a, b, c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long call4(long f, long a, long b, long c, long d) {
        try {
            return (long) L_LLLL.invokeExact(fn(f), a, b, c, d);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long call5(long f, long a, long b, long c, long d, long e) {
        try {
            return (long) L_LLLLL.invokeExact(fn(f), a, b, c, d, e);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int int1(long f, long a) {
        try {
            return (int) I_L.invokeExact(fn(f), a);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int int2(long f, long a, long b) {
        try {
            return (int) I_LL.invokeExact(fn(f), a, b);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int int3(long f, long a, long b, long c) {
        try {
            return (int) I_LLL.invokeExact(fn(f), a, b, c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void void1(long f, long a) {
        try {
            V_L.invokeExact(fn(f), a);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void void2(long f, long a, long b) {
        try {
            V_LL.invokeExact(fn(f), a, b);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
