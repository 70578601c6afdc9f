package dev.ftcheck.runtime.script;

import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Strs;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Runs scripts against a runtime: one global namespace, the runtime's importer, {@code print} to {@code out}.
 * Every method attaches a thread state for its duration and may be called from many threads at once (the
 * namespace is shared, each call has its own frame). Uncaught Python exceptions surface as {@link ScriptFailure}.
 * Close the session to release every object its variables hold.
 */
public final class ScriptSession implements AutoCloseable {
    private final FtRuntime rt;
    private final Interpreter interpreter;

    public ScriptSession(FtRuntime rt, String file, PrintWriter out) {
        this.rt = rt;
        this.interpreter = rt.withThreadState("ftcheck script", () -> new Interpreter(file, rt.importer(), out));
    }

    /** import NAME, as the script's first line would do it (the extension under test). */
    public void importModule(String name) {
        attached(() -> {
            String top = name.split("\\.", 2)[0];
            long module = rt.importer().importModule(name);
            try {
                // crc32c._crc32c and cells define functions named like their import: the function wins
                boolean shadows = Modules.isModule(module)
                        && Dicts.getBorrowed(Modules.dict(module), Strs.intern(top)) != 0;
                if (!shadows) {
                    interpreter.bindGlobal(top, rt.importer().importModule(top));
                }
            } finally {
                Native.decref(module);
            }
            return null;
        });
    }

    /** Unqualified names not bound by the script resolve to this module's attributes, before builtins. */
    public void resolveNamesIn(String module) {
        attached(() -> {
            interpreter.fallbackTo(rt.importer().importModule(module));
            return null;
        });
    }

    /** Runs a script's statements. */
    public void run(Script s) {
        attached(() -> {
            interpreter.runModule(s.module);
            return null;
        });
    }

    /**
     * Runs one --call: the repr of its value when it is an expression, empty when it is statements (an
     * assignment, an import...).
     */
    public Optional<String> evaluate(Script s) {
        return attached(() -> {
            if (!s.isExpression()) {
                interpreter.runModule(s.module);
                return Optional.empty();
            }
            long v = interpreter.evalExpression(s.module);
            try {
                return Optional.of(Repr.repr(v));
            } finally {
                Native.decref(v);
            }
        });
    }

    /** Whether the script defined (or bound) a global of that name. */
    public boolean hasGlobal(String name) {
        return attached(() -> {
            long v = interpreter.global(name);
            Native.xdecref(v);
            return v != 0;
        });
    }

    /** Calls the global function name(index), discarding its result (a stress worker). */
    public void callWithIndex(String name, long index) {
        attached(() -> {
            long i = Ints.fromLong(index);
            try {
                callGlobal(name, new long[] {i});
            } finally {
                Native.decref(i);
            }
            return null;
        });
    }

    /** Calls the global function name(), discarding its result. */
    public void callNoArguments(String name) {
        attached(() -> {
            callGlobal(name, new long[0]);
            return null;
        });
    }

    private void callGlobal(String name, long[] args) {
        long fn = interpreter.global(name);
        if (fn == 0) {
            throw new IllegalArgumentException(interpreter.file() + " defines no " + name + "()");
        }
        try {
            Native.decref(interpreter.callObject(fn, args, 0));
        } finally {
            Native.decref(fn);
        }
    }

    @Override
    public void close() {
        rt.withThreadState("ftcheck script", () -> {
            interpreter.close();
            return null;
        });
    }

    private <T> T attached(java.util.function.Supplier<T> body) {
        return rt.withThreadState("ftcheck script", () -> {
            try {
                return body.get();
            } catch (ScriptRaise r) {
                throw interpreter.failure(r);
            }
        });
    }
}
