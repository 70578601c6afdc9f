package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code atexit} module: callbacks run last-registered first by {@code _run_exitfuncs}, which the runtime
 * calls when a run ends ({@link #runAll}), as CPython calls them at interpreter exit; an exception in a callback
 * is reported as unraisable and the others still run.
 */
public final class AtexitModule {
    /** One registration: the callable, its positional arguments (a tuple) and keyword arguments (a dict or 0). */
    private record Callback(long function, long args, long kwargs) {
        void release() {
            Native.decref(function);
            Native.decref(args);
            Native.xdecref(kwargs);
        }
    }

    private static final List<Callback> CALLBACKS = new ArrayList<>();

    private AtexitModule() {}

    static long create() {
        long m = Modules.create("atexit");
        BuiltinTable t = new BuiltinTable();
        t.method("register", (self, args, kw) -> {
            if (args.length == 0) {
                throw PyRaise.typeError("register() takes at least 1 argument (0 given)");
            }
            if (ObjectApi.PyCallable_Check(args[0]) == 0) {
                throw PyRaise.typeError("the first argument must be callable");
            }
            long rest = Tuples.of(Arrays.stream(args, 1, args.length).map(Heap::newRef).toArray());
            synchronized (CALLBACKS) {
                CALLBACKS.add(new Callback(Heap.newRef(args[0]), rest, kw == 0 ? 0 : Heap.newRef(kw)));
            }
            return Heap.newRef(args[0]);
        });
        t.method("unregister", (self, args, kw) -> {
            long f = Args.one("atexit.unregister", args, kw);
            List<Callback> removed = new ArrayList<>();
            synchronized (CALLBACKS) {
                CALLBACKS.removeIf(c -> Protocols.equal(c.function, f) && removed.add(c));
            }
            removed.forEach(Callback::release);
            return Heap.newRef(Singletons.NONE);
        });
        t.method("_run_exitfuncs", (self, args, kw) -> {
            Args.none("atexit._run_exitfuncs", args, kw);
            runAll();
            return Heap.newRef(Singletons.NONE);
        });
        t.method("_clear", (self, args, kw) -> {
            Args.none("atexit._clear", args, kw);
            take().forEach(Callback::release);
            return Heap.newRef(Singletons.NONE);
        });
        t.method("_ncallbacks", (self, args, kw) -> {
            Args.none("atexit._ncallbacks", args, kw);
            synchronized (CALLBACKS) {
                return Ints.fromLong(CALLBACKS.size());
            }
        });
        t.installFunctions(m);
        return m;
    }

    private static List<Callback> take() {
        synchronized (CALLBACKS) {
            List<Callback> all = new ArrayList<>(CALLBACKS);
            CALLBACKS.clear();
            return all;
        }
    }

    /** Runs and forgets every registered callback, the last registered first (with the thread attached). */
    public static void runAll() {
        List<Callback> all = take();
        for (int i = all.size() - 1; i >= 0; i--) {
            Callback c = all.get(i);
            try {
                long[] pos = new long[(int) Tuples.size(c.args)];
                for (int k = 0; k < pos.length; k++) {
                    pos[k] = Tuples.get(c.args, k);
                }
                Native.decref(Calls.call(c.function, pos, c.kwargs));
            } catch (PyRaise | ErrorAlreadySet e) {
                Errors.fromThrowable(e, "atexit callback");
                Errors.unraisable("Exception ignored in atexit callback " + Repr.repr(c.function));
            } finally {
                c.release();
            }
        }
    }
}
