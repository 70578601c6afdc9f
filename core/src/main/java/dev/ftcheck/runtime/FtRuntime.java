package dev.ftcheck.runtime;

import dev.ftcheck.runtime.abi.ProcessAbi;
import dev.ftcheck.runtime.checked.LeakCheck;
import dev.ftcheck.runtime.nat.CodeSites;
import dev.ftcheck.runtime.diag.Diagnostics;
import dev.ftcheck.runtime.home.RuntimeHome;
import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Contexts;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.stdlib.AtexitModule;
import dev.ftcheck.runtime.stdlib.StandInModule;
import dev.ftcheck.runtime.stdlib.StandInModules;
import dev.ftcheck.runtime.thread.ThreadState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
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
    private static boolean processChecked;
    /** Names native code addresses for checked-mode reports (one per process: it caches symbol tables). */
    private static final CodeSites SITES = new CodeSites();

    private final RuntimeOptions options;
    private final GilPolicy gilPolicy;
    private final Diagnostics diagnostics = new Diagnostics();
    private final List<ExtensionModule> modules = new CopyOnWriteArrayList<>();
    private final Importer importer;
    private final LeakCheck leakCheck;

    /** A call's result: the converted Java value and the Python repr of the object. */
    public record CallResult(Object value, String repr) {}

    private FtRuntime(RuntimeOptions options, LeakCheck leakCheck) {
        this.options = options;
        this.leakCheck = leakCheck;
        this.gilPolicy = new GilPolicy(options.gil());
        this.importer = new Importer(this, options.stubModules());
        PrintStream err = options.stderr();
        if (err != null) {
            diagnostics.onDiagnostic(d -> err.println(d.render()));
            diagnostics.onWarning(w -> err.println(w));
        }
    }

    public static synchronized FtRuntime start(RuntimeOptions options) {
        ProcessAbi.fix(options.abi());
        Path bridgePath = options.bridge() != null ? options.bridge() : RuntimeHome.get().bridgeLibrary(options.abi());
        Bridge bridge = Bridge.load(bridgePath);
        FtRuntime rt = new FtRuntime(options, options.checked() ? new LeakCheck(bridge, SITES) : null);
        ThreadState.installGil(rt.gilPolicy.gil());
        active = rt;
        if (!processInitialised) {
            ProcessStartup.init(bridge, options.checked(), SITES);
            processInitialised = true;
            processChecked = options.checked();
        } else if (processChecked != options.checked()) {
            throw new IllegalStateException("this process's runtime is " + (processChecked ? "" : "not ")
                    + "in checked mode, which its first runtime fixed; start another process to switch");
        }
        StandInModules.supply(ServiceLoader.load(StandInModule.class, FtRuntime.class.getClassLoader()));
        StandInModules.supply(options.standIns());
        rt.withThreadState("start-up", () -> {
            SearchPath.install(options.searchPath());
            // CPython's sys.modules always holds builtins and sys: code reads them from there without importing
            // (Cython's free-threaded module init makes an empty module for a name sys.modules lacks)
            for (String name : new String[] {"builtins", "sys"}) {
                dev.ftcheck.runtime.nat.Native.decref(StandInModules.load(name));
            }
            return null;
        });
        return rt;
    }

    /** The active runtime, or null before the first start (native reports can arrive that early). */
    static FtRuntime activeOrNull() {
        return active;
    }

    public static FtRuntime active() {
        FtRuntime rt = active;
        if (rt == null) {
            throw new IllegalStateException("no ftcheck runtime has been started");
        }
        return rt;
    }

    /** Emits a Python warning (category name + text) to the stream and report. */
    public void warn(String category, String text) {
        diagnostics.warn(category, text);
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** The leak check (checked mode only; otherwise an IllegalStateException says so). */
    public LeakCheck leakCheck() {
        if (leakCheck == null) {
            throw new IllegalStateException("leak checks need checked mode (RuntimeOptions.withChecked(true))");
        }
        return leakCheck;
    }

    /** Whether checked mode is on (see {@link RuntimeOptions#withChecked}). */
    public boolean checked() {
        return options.checked();
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

    /**
     * Loads an extension module file and runs its initialisation. The directory its import name starts from
     * (above its packages) goes first on sys.path, as CPython puts a script's directory there, so the modules
     * next to it import one another.
     */
    public ExtensionModule load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        withThreadState("start-up", () -> {
            SearchPath.prepend(ModuleLoader.importRoot(abs));
            return null;
        });
        ExtensionModule m = new ModuleLoader(this).load(file);
        modules.add(m);
        return m;
    }

    /** An extension the import system found for name (see {@link Importer}); Python errors propagate. */
    ExtensionModule importExtension(Path file, String name) {
        ExtensionModule m = new ModuleLoader(this).importAs(file, name);
        modules.add(m);
        return m;
    }

    /**
     * Runs the callbacks extensions registered with atexit, the last first, as CPython does at interpreter exit;
     * one that raises is reported as unraisable. {@code ftcheck run} calls this after the last call.
     */
    public void runExitCallbacks() {
        withThreadState("atexit", () -> {
            AtexitModule.runAll();
            return null;
        });
    }

    /**
     * A thread (not started) that runs body in a copy of the calling thread's context variables, as free-threaded
     * CPython 3.14 starts each thread in a copy of its starter's context; ftcheck run's worker threads are these.
     */
    public Thread newThread(Runnable body) {
        long context = withThreadState("thread start", () -> Contexts.copy(Contexts.current()));
        return new Thread(() -> {
            withThreadState("thread start", () -> {
                Contexts.adopt(context);
                return null;
            });
            body.run();
        });
    }

    /** The import system of this runtime: PyImport_Import and friends resolve names through it. */
    public Importer importer() {
        return importer;
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
        return pendingAsJava(false);
    }

    /**
     * As {@link #pendingAsJava()}; with {@code withCause}, the message ends with the chain of __cause__s, which
     * is all a failed import leaves to say what went wrong ("raised unreported exception").
     */
    static PythonException pendingAsJava(boolean withCause) {
        long exc = Errors.take();
        if (exc == 0) {
            return new PythonException("SystemError", "error return without exception set");
        }
        try {
            StringBuilder message = new StringBuilder(Exceptions.message(exc));
            for (long c = Mem.getLong(exc + Exceptions.CAUSE); withCause && c != 0 && c != Singletons.NONE;
                    c = Mem.getLong(c + Exceptions.CAUSE)) {
                message.append(" (caused by ").append(typeName(c)).append(": ").append(Exceptions.message(c))
                        .append(")");
            }
            return new PythonException(typeName(exc), message.toString());
        } finally {
            Native.decref(exc);
        }
    }

    private static String typeName(long exc) {
        String type = Types.typeOf(exc).qualifiedName();
        return type.startsWith("builtins.") ? type.substring(9) : type;
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
