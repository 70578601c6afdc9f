package dev.ftcheck.runtime.nat;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * The loaded bridge library ({@code libftbridge.so}) and the native entry points the Java side calls into.
 * Loaded once per process with RTLD_GLOBAL so extensions resolve their {@code Py*} symbols from it.
 */
public final class Bridge {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final ValueLayout.OfLong J = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static volatile Bridge instance;

    public final Path path;
    public final long handle;

    final MethodHandle objectNew;
    final MethodHandle objectFree;
    final MethodHandle memMalloc;
    final MethodHandle memRealloc;
    final MethodHandle memFree;
    final MethodHandle markObject;
    final MethodHandle immortalized;
    final MethodHandle liveObjects;
    final MethodHandle registerExtension;
    final MethodHandle setAttached;
    final MethodHandle threadId;
    final MethodHandle mergePending;
    final MethodHandle incref;
    final MethodHandle decref;
    final MethodHandle csBegin;
    final MethodHandle csEnd;

    private Bridge(Path path) {
        this.path = path;
        this.handle = DynamicLoader.open(path, DynamicLoader.RTLD_NOW | DynamicLoader.RTLD_GLOBAL);
        objectNew = fn("ftb_object_new", FunctionDescriptor.of(J, J), true);
        objectFree = fn("PyObject_Free", FunctionDescriptor.ofVoid(J), false);
        memMalloc = fn("PyMem_Malloc", FunctionDescriptor.of(J, J), false);
        memRealloc = fn("PyMem_Realloc", FunctionDescriptor.of(J, J, J), false);
        memFree = fn("PyMem_Free", FunctionDescriptor.ofVoid(J), false);
        markObject = fn("ftb_mark_object", FunctionDescriptor.ofVoid(J), true);
        immortalized = fn("ftb_object_immortalized", FunctionDescriptor.ofVoid(J), true);
        liveObjects = fn("ftb_live_objects", FunctionDescriptor.of(J), true);
        registerExtension = fn("ftb_register_extension", FunctionDescriptor.ofVoid(J), false);
        setAttached = fn("ftb_set_attached", FunctionDescriptor.ofVoid(I), true);
        threadId = fn("ftb_brc_register_thread", FunctionDescriptor.of(J), true);
        mergePending = fn("ftb_brc_merge_pending", FunctionDescriptor.of(I), false);
        incref = fn("ftb_incref", FunctionDescriptor.ofVoid(J), true);
        decref = fn("ftb_decref", FunctionDescriptor.ofVoid(J), false);
        csBegin = fn("PyCriticalSection_Begin", FunctionDescriptor.ofVoid(J, J), false);
        csEnd = fn("PyCriticalSection_End", FunctionDescriptor.ofVoid(J), false);
    }

    /** Loads the bridge at {@code path} the first time; later calls must name the same file. */
    public static Bridge load(Path path) {
        Bridge b = instance;
        if (b == null) {
            synchronized (Bridge.class) {
                b = instance;
                if (b == null) {
                    b = new Bridge(path);
                    instance = b;
                }
            }
        }
        return b;
    }

    public static Bridge get() {
        Bridge b = instance;
        if (b == null) {
            throw new IllegalStateException("the ftcheck bridge is not loaded: start an FtRuntime first");
        }
        return b;
    }

    public long symbol(String name) {
        return DynamicLoader.symbol(handle, name);
    }

    public long require(String name) {
        return DynamicLoader.require(handle, name, "the bridge " + path);
    }

    /** A downcall to a bridge function; {@code critical} only for functions that never call back into Java. */
    public MethodHandle fn(String name, FunctionDescriptor fd, boolean critical) {
        MemorySegment sym = MemorySegment.ofAddress(require(name));
        return critical ? LINKER.downcallHandle(sym, fd, Linker.Option.critical(false)) : LINKER.downcallHandle(sym, fd);
    }
}
