package dev.ftcheck.runtime;

import dev.ftcheck.runtime.capi.ApiBinder;
import dev.ftcheck.runtime.diag.Diagnostics;
import dev.ftcheck.runtime.home.RuntimeHome;
import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dealloc;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeReady;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.thread.ThreadState;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The C-API runtime: loads the bridge, sets up the built-in objects and the API binding once per process, then
 * loads extension modules and calls into them with free-threaded semantics.
 *
 * <p>The native world (bridge, types, singletons) is per process; a runtime adds the GIL policy, the diagnostics
 * stream and the loaded modules. One runtime is active at a time; starting another replaces it (tests do this).
 */
public final class FtRuntime {
    private static volatile FtRuntime active;
    private static boolean processInitialised;

    private final RuntimeOptions options;
    private final GilPolicy gilPolicy;
    private final Diagnostics diagnostics = new Diagnostics();
    private final List<ExtensionModule> modules = new CopyOnWriteArrayList<>();

    /** A call's result: the converted Java value and the Python repr of the object. */
    public record CallResult(Object value, String repr) {}

    private FtRuntime(RuntimeOptions options) {
        this.options = options;
        this.gilPolicy = new GilPolicy(options.gil());
        PrintStream err = options.stderr();
        if (err != null) {
            diagnostics.onDiagnostic(d -> err.println(d.render()));
            diagnostics.onWarning(w -> err.println(w));
        }
    }

    public static synchronized FtRuntime start(RuntimeOptions options) {
        Path bridgePath = options.bridge() != null ? options.bridge() : RuntimeHome.get().bridgeLibrary();
        Bridge bridge = Bridge.load(bridgePath);
        FtRuntime rt = new FtRuntime(options);
        ThreadState.installGil(rt.gilPolicy.gil());
        active = rt;
        if (!processInitialised) {
            initProcess(bridge);
            processInitialised = true;
        }
        return rt;
    }

    public static FtRuntime active() {
        FtRuntime rt = active;
        if (rt == null) {
            throw new IllegalStateException("no ftcheck runtime has been started");
        }
        return rt;
    }

    private static void initProcess(Bridge bridge) {
        Linker linker = Linker.nativeLinker();
        try {
            var lookup = MethodHandles.lookup();
            long reportHook = linker.upcallStub(
                    lookup.findStatic(FtRuntime.class, "nativeReport",
                            MethodType.methodType(void.class, long.class, long.class, long.class)),
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                    Arena.global()).address();
            bridge.fn("ftb_set_report_hook", FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG), false)
                    .invokeExact(reportHook);
            long deallocStub = linker.upcallStub(
                    lookup.findStatic(FtRuntime.class, "nativeDealloc", MethodType.methodType(void.class, long.class)),
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG), Arena.global()).address();
            installHook(bridge, "ftb_set_missing_handler", "nativeMissing",
                    MethodType.methodType(void.class, long.class), FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG));
            installHook(bridge, "ftb_set_fatal_handler", "nativeFatal",
                    MethodType.methodType(void.class, long.class, long.class),
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
            long before = upcall("nativeBeforeBlocking", MethodType.methodType(void.class), FunctionDescriptor.ofVoid());
            long after = upcall("nativeAfterBlocking", MethodType.methodType(void.class), FunctionDescriptor.ofVoid());
            bridge.fn("ftb_set_block_hooks", FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                    false).invokeExact(before, after);
            csSuspendAll = bridge.fn("ftb_cs_suspend_all", FunctionDescriptor.ofVoid(), false);
            csResumeTop = bridge.fn("ftb_cs_resume_top", FunctionDescriptor.ofVoid(), false);
            ThreadState ts = ThreadState.current();
            ts.attach();
            try {
                Types.init(bridge, deallocStub);
                Exceptions.init(bridge, deallocStub);
                Singletons.init(bridge);
                Ints.init();
                Tuples.init();
                TypeReady.init(bridge.require("PyType_GenericAlloc"), bridge.require("PyType_GenericNew"),
                        bridge.require("PyObject_Free"), bridge.require("PyObject_GC_Del"),
                        bridge.require("PyObject_GenericGetAttr"), bridge.require("PyObject_GenericSetAttr"),
                        deallocStub);
                Attributes.init(bridge.require("PyObject_GenericGetAttr"), bridge.require("PyObject_GenericSetAttr"));
                ApiBinder.bindAll(bridge);
                dev.ftcheck.runtime.obj.builtins.BuiltinTypes.installAll();
            } finally {
                ts.detach();
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("runtime start failed: " + t, t);
        }
    }

    private static java.lang.invoke.MethodHandle csSuspendAll;
    private static java.lang.invoke.MethodHandle csResumeTop;

    private static long upcall(String method, MethodType type, FunctionDescriptor fd) throws ReflectiveOperationException {
        return Linker.nativeLinker().upcallStub(MethodHandles.lookup().findStatic(FtRuntime.class, method, type), fd,
                Arena.global()).address();
    }

    private static void installHook(Bridge bridge, String setter, String method, MethodType type, FunctionDescriptor fd)
            throws Throwable {
        long stub = upcall(method, type, fd);
        bridge.fn(setter, FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG), false).invokeExact(stub);
    }

    /** Upcall target: a declared function with no implementation was called. Raises SystemError naming it. */
    private static void nativeMissing(long name) {
        try {
            String n = Mem.cString(name);
            Errors.set(Exceptions.SystemError, "ftcheck: C-API function " + n + " is not implemented");
        } catch (Throwable t) {
            System.err.println("ftcheck: failed to report a missing C-API function: " + t);
        }
    }

    /**
     * Upcall target: fatal API misuse detected natively (unlocking an unlocked PyMutex, negative refcount...).
     * Reported as CPython prints it and recorded; the misused call then does nothing further, so the process
     * survives to write its report.
     */
    private static void nativeFatal(long function, long message) {
        try {
            String text = "Fatal Python error: " + Mem.cString(function) + ": " + Mem.cString(message);
            System.err.println(text);
            diagnose("fatal-error", Mem.cString(function), text);
        } catch (Throwable t) {
            System.err.println("ftcheck: failed to report a fatal error: " + t);
        }
    }

    /** Upcall target: a thread is about to wait on a contended PyMutex: detach (drop the GIL, suspend sections). */
    private static void nativeBeforeBlocking() {
        try {
            ThreadState ts = ThreadState.current();
            if (ts.attached()) {
                ts.save();
                ts.blockedDetach = true;
            }
            csSuspendAll.invokeExact();
        } catch (Throwable t) {
            internalError("PyMutex_Lock", t);
        }
    }

    private static void nativeAfterBlocking() {
        try {
            ThreadState ts = ThreadState.current();
            if (ts.blockedDetach) {
                ts.blockedDetach = false;
                ts.restore();
            }
            csResumeTop.invokeExact();
        } catch (Throwable t) {
            internalError("PyMutex_Lock", t);
        }
    }

    /** Upcall target: reports from native code (allocators, PyMutex, ...). Never throws. */
    private static void nativeReport(long kind, long cFunction, long message) {
        try {
            diagnose(Mem.cString(kind), Mem.cString(cFunction), Mem.cString(message));
        } catch (Throwable t) {
            System.err.println("ftcheck: failed to record a native diagnostic: " + t);
        }
    }

    /** Upcall target: tp_dealloc of built-in types. Never throws (an escaping exception would kill the JVM). */
    private static void nativeDealloc(long op) {
        try {
            Dealloc.dealloc(op);
        } catch (Throwable t) {
            internalError("tp_dealloc", t);
        }
    }

    /** Records a diagnostic on the active runtime (or stderr before one exists). */
    public static void diagnose(String kind, String cFunction, String message) {
        FtRuntime rt = active;
        if (rt == null) {
            System.err.println("ftcheck: " + kind + " in " + cFunction + ": " + message);
            return;
        }
        rt.diagnostics.report(kind, cFunction, message);
    }

    /** A bug in ftcheck itself surfaced at the C boundary: recorded with its stack for the report. */
    public static void internalError(String cFunction, Throwable t) {
        java.io.StringWriter sw = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(sw));
        diagnose("internal-error", cFunction, sw.toString());
    }

    /** Emits a Python warning (category name + text) to the stream and report. */
    public void warn(String category, String text) {
        diagnostics.warn(category, text);
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    public boolean gilEnabled() {
        return gilPolicy.enabled();
    }

    public GilPolicy gilPolicy() {
        return gilPolicy;
    }

    public List<ExtensionModule> modules() {
        return List.copyOf(modules);
    }

    /** Objects currently alive in the object domain (for leak checks). */
    public long liveObjects() {
        return Native.liveObjects();
    }

    /** Loads an extension module file and runs its initialisation. */
    public ExtensionModule load(Path file) {
        ExtensionModule m = new ModuleLoader(this).load(file);
        modules.add(m);
        return m;
    }

    /** Runs body with an attached thread state; Python errors become {@link PythonException}. */
    public <T> T withThreadState(String context, Supplier<T> body) {
        ThreadState ts = ThreadState.current();
        String outer = ts.context;
        ts.attach();
        ts.context = context;
        try {
            return body.get();
        } catch (PyRaise | ErrorAlreadySet e) {
            Errors.fromThrowable(e, context);
            throw pendingAsJava();
        } finally {
            ts.context = outer;
            ts.detach();
        }
    }

    /** Converts and clears the thread's error indicator. */
    static PythonException pendingAsJava() {
        long exc = Errors.take();
        if (exc == 0) {
            return new PythonException("SystemError", "error return without exception set");
        }
        try {
            String type = Types.typeOf(exc).fullName();
            if (type.startsWith("builtins.")) {
                type = type.substring(9);
            }
            return new PythonException(type, Exceptions.message(exc));
        } finally {
            Native.decref(exc);
        }
    }

    CallResult invokeAttr(long module, String moduleName, String function, Object[] args) {
        return withThreadState(moduleName + "." + function, () -> {
            long f = Attributes.get(module, Strs.intern(function));
            try {
                return callConverted(f, args);
            } finally {
                Native.decref(f);
            }
        });
    }

    CallResult invokeMethod(long obj, String method, Object[] args) {
        return withThreadState(Types.name(obj) + "." + method, () -> {
            long f = Attributes.get(obj, Strs.intern(method));
            try {
                return callConverted(f, args);
            } finally {
                Native.decref(f);
            }
        });
    }

    CallResult invokeCallable(long callable, String what, Object[] args) {
        return withThreadState(what, () -> callConverted(callable, args));
    }

    Object getAttr(long obj, String name) {
        return withThreadState("getattr " + name, () -> {
            long v = Attributes.get(obj, Strs.intern(name));
            try {
                return Convert.toJava(this, v);
            } finally {
                Native.decref(v);
            }
        });
    }

    private CallResult callConverted(long f, Object[] args) {
        long[] py = new long[args.length];
        try {
            for (int i = 0; i < args.length; i++) {
                py[i] = Convert.toPy(args[i]);
            }
            long r = Calls.call(f, py, 0);
            try {
                return new CallResult(Convert.toJava(this, r), Repr.repr(r));
            } finally {
                Native.decref(r);
            }
        } finally {
            for (long p : py) {
                if (p != 0) {
                    Native.decref(p);
                }
            }
        }
    }

    RuntimeOptions options() {
        return options;
    }

    /** Java-side check used by tests: reference count of a handle's object. */
    public long refcount(PyObjectHandle h) {
        return Heap.refcnt(h.address());
    }
}
