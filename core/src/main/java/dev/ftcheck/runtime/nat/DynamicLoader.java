package dev.ftcheck.runtime.nat;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * dlopen/dlsym/dlerror through FFM. {@code System.load} would load RTLD_LOCAL, and extensions resolve their
 * {@code Py*} symbols from libraries loaded RTLD_GLOBAL, so the bridge must be loaded this way.
 */
public final class DynamicLoader {
    public static final int RTLD_LAZY = 0x1;
    public static final int RTLD_NOW = 0x2;
    public static final int RTLD_GLOBAL = 0x100;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle DLOPEN = libc("dlopen",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle DLSYM = libc("dlsym",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    private static final MethodHandle DLERROR = libc("dlerror", FunctionDescriptor.of(ValueLayout.JAVA_LONG));

    private DynamicLoader() {}

    private static MethodHandle libc(String name, FunctionDescriptor fd) {
        MemorySegment sym = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no " + name + " (glibc >= 2.34 needed)"));
        return LINKER.downcallHandle(sym, fd);
    }

    /** Loads a library; throws {@link LoadException} with dlerror's text when that fails. */
    public static long open(Path library, int flags) {
        try (Arena a = Arena.ofConfined()) {
            long h = (long) DLOPEN.invokeExact(a.allocateFrom(library.toString()), flags);
            if (h == 0) {
                throw new LoadException(lastError());
            }
            return h;
        } catch (LoadException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("dlopen failed: " + t, t);
        }
    }

    /** Address of a symbol, or 0 when absent. */
    public static long symbol(long handle, String name) {
        try (Arena a = Arena.ofConfined()) {
            lastError(); // clear a stale error so a NULL result is attributable
            return (long) DLSYM.invokeExact(handle, a.allocateFrom(name));
        } catch (Throwable t) {
            throw new IllegalStateException("dlsym failed: " + t, t);
        }
    }

    /** Address of a symbol that must exist. */
    public static long require(long handle, String name, String what) {
        long addr = symbol(handle, name);
        if (addr == 0) {
            throw new LoadException(what + " does not export " + name);
        }
        return addr;
    }

    private static String lastError() {
        try {
            long p = (long) DLERROR.invokeExact();
            return p == 0 ? "unknown dlopen error" : Mem.cString(p);
        } catch (Throwable t) {
            return "dlerror failed: " + t;
        }
    }

    /** A failure to load a library or find a required symbol. */
    public static final class LoadException extends RuntimeException {
        public LoadException(String message) {
            super(message);
        }
    }
}
