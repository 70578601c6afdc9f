package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Native;
import java.util.HashMap;
import java.util.Map;

/**
 * Context variables (PEP 567): contexts are immutable maps from ContextVar to value, replaced on every set, so a
 * copy is cheap and never sees later changes; each thread has its own current context. The objects are
 * header-only native objects whose state lives here, keyed by address.
 */
public final class Contexts {
    private Contexts() {}

    /** A context: its current mapping (strong references to keys and values) and whether a thread entered it. */
    static final class Context implements Repr.Custom {
        Map<Long, Long> vars = Map.of();
        boolean entered;
        long previous;   // the context that was current before this one was entered

        @Override
        public String repr(long self) {
            return "<_contextvars.Context object at 0x" + Long.toHexString(self) + ">";
        }
    }

    record Var(long name, long defaultValue) implements Repr.Custom {
        @Override
        public String repr(long self) {
            return "<ContextVar name=" + Repr.repr(name) + (defaultValue != 0 ? " default=" + Repr.repr(defaultValue)
                    : "") + " at 0x" + Long.toHexString(self) + ">";
        }
    }

    /** What Reset needs to undo a Set: the value before it (0: the variable was not set). */
    static final class Token implements Repr.Custom {
        final long context;
        final long var;
        final long old;
        boolean used;

        Token(long context, long var, long old) {
            this.context = context;
            this.var = var;
            this.old = old;
        }

        @Override
        public synchronized String repr(long self) {
            return "<Token" + (used ? " used" : "") + " var=" + Repr.repr(var) + " at 0x" + Long.toHexString(self)
                    + ">";
        }
    }

    private static final ThreadLocal<long[]> CURRENT = ThreadLocal.withInitial(() -> new long[1]);

    public static boolean isContext(long o) {
        return o != 0 && Types.kindOf(o) == TypeKind.CONTEXT;
    }

    public static boolean isVar(long o) {
        return o != 0 && Types.kindOf(o) == TypeKind.CONTEXTVAR;
    }

    public static boolean isToken(long o) {
        return o != 0 && Types.kindOf(o) == TypeKind.CONTEXT_TOKEN;
    }

    public static long newContext() {
        long c = Heap.alloc(Types.CONTEXT, HEAD);
        Heap.putState(c, new Context());
        return c;
    }

    /** A new context with the same variables. */
    public static long copy(long ctx) {
        Context from = Heap.state(ctx);
        long c = newContext();
        Context to = Heap.state(c);
        synchronized (from) {
            to.vars = from.vars;
        }
        to.vars.forEach((k, v) -> {
            Native.incref(k);
            Native.incref(v);
        });
        return c;
    }

    /** The calling thread's context, created empty on first use (a borrowed reference). */
    public static long current() {
        long[] cur = CURRENT.get();
        if (cur[0] == 0) {
            cur[0] = newContext();
        }
        return cur[0];
    }

    public static void enter(long ctx) {
        Context c = Heap.state(ctx);
        synchronized (c) {
            if (c.entered) {
                throw new PyRaise(Exceptions.RuntimeError, "cannot enter context: " + Repr.repr(ctx)
                        + " is already entered");
            }
            c.entered = true;
            c.previous = current();
        }
        Native.incref(ctx);
        CURRENT.get()[0] = ctx;
    }

    public static void exit(long ctx) {
        Context c = Heap.state(ctx);
        synchronized (c) {
            if (!c.entered) {
                throw new PyRaise(Exceptions.RuntimeError, "cannot exit context: " + Repr.repr(ctx)
                        + " has not been entered");
            }
            if (CURRENT.get()[0] != ctx) {
                throw new PyRaise(Exceptions.RuntimeError,
                        "cannot exit context: thread state references a different context object");
            }
            c.entered = false;
            CURRENT.get()[0] = c.previous;
            c.previous = 0;
        }
        Native.decref(ctx);
    }

    public static long newVar(long name, long defaultValue) {
        long v = Heap.alloc(Types.CONTEXTVAR, HEAD);
        Native.incref(name);
        if (defaultValue != 0) {
            Native.incref(defaultValue);
        }
        Heap.putState(v, new Var(name, defaultValue));
        return v;
    }

    /** The variable's value in the current context as a new reference, else its default, else 0. */
    public static long get(long var, long defaultValue) {
        Context c = Heap.state(current());
        Long v;
        synchronized (c) {
            v = c.vars.get(var);
            if (v != null) {
                Native.incref(v);
                return v;
            }
        }
        if (defaultValue != 0) {
            return Heap.newRef(defaultValue);
        }
        Var d = Heap.state(var);
        return d.defaultValue == 0 ? 0 : Heap.newRef(d.defaultValue);
    }

    /** Sets the variable in the current context; the token (a new reference) can undo it. */
    public static long set(long var, long value) {
        long ctx = current();
        Context c = Heap.state(ctx);
        long old;
        synchronized (c) {
            Map<Long, Long> next = new HashMap<>(c.vars);
            Long prev = next.put(var, value);
            Native.incref(value);
            if (prev == null) {
                Native.incref(var);
            }
            old = prev == null ? 0 : prev;   // the token takes over the map's reference to the old value
            c.vars = Map.copyOf(next);
        }
        long t = Heap.alloc(Types.CONTEXT_TOKEN, HEAD);
        Native.incref(ctx);
        Native.incref(var);
        Heap.putState(t, new Token(ctx, var, old));
        return t;
    }

    public static void reset(long var, long token) {
        Token t = Heap.state(token);
        long ctx = current();
        synchronized (t) {
            if (t.used) {
                throw new PyRaise(Exceptions.RuntimeError, Repr.repr(token) + " has already been used once");
            }
            if (t.var != var) {
                throw PyRaise.valueError("%s was created by a different ContextVar", Repr.repr(token));
            }
            if (t.context != ctx) {
                throw PyRaise.valueError("%s was created in a different Context", Repr.repr(token));
            }
            t.used = true;
        }
        Context c = Heap.state(ctx);
        synchronized (c) {
            Map<Long, Long> next = new HashMap<>(c.vars);
            Long now = t.old == 0 ? next.remove(var) : next.put(var, t.old);
            if (t.old != 0) {
                Native.incref(t.old);
            } else if (now != null) {
                Native.decref(var);
            }
            if (now != null) {
                Native.decref(now);
            }
            c.vars = Map.copyOf(next);
        }
    }

    /** The variable's name (borrowed). */
    public static long name(long var) {
        return ((Var) Heap.state(var)).name();
    }

    /** The token's variable (borrowed). */
    public static long tokenVar(long token) {
        return ((Token) Heap.state(token)).var;
    }

    /** The value the variable had before the set that made token (borrowed), 0 when it had none. */
    public static long tokenOld(long token) {
        return ((Token) Heap.state(token)).old;
    }

    /** New references to the context's variables and values, in pairs. */
    public static long[] items(long ctx) {
        Context c = Heap.state(ctx);
        Map<Long, Long> vars;
        synchronized (c) {
            vars = c.vars;
            long[] out = new long[vars.size() * 2];
            int i = 0;
            for (Map.Entry<Long, Long> e : vars.entrySet()) {
                out[i++] = Heap.newRef(e.getKey());
                out[i++] = Heap.newRef(e.getValue());
            }
            return out;
        }
    }

    /** The variable's value in ctx (a new reference), 0 when ctx does not hold it. */
    public static long lookup(long ctx, long var) {
        Context c = Heap.state(ctx);
        synchronized (c) {
            Long v = c.vars.get(var);
            return v == null ? 0 : Heap.newRef(v);
        }
    }

    /**
     * Makes ctx (stolen) the calling thread's context without entering it: a new thread's starting context, as
     * free-threaded CPython 3.14 gives each thread it starts a copy of its starter's.
     */
    public static void adopt(long ctx) {
        long[] cur = CURRENT.get();
        long old = cur[0];
        cur[0] = ctx;
        Native.xdecref(old);
    }

    static void dealloc(long op, TypeKind kind) {
        Object s = Heap.state(op);
        switch (s) {
            case Context c -> c.vars.forEach((k, v) -> {
                Native.decref(v);
                Native.decref(k);
            });
            case Var v -> {
                Native.decref(v.name());
                Native.xdecref(v.defaultValue());
            }
            case Token t -> {
                Native.decref(t.context);
                Native.decref(t.var);
                Native.xdecref(t.old);
            }
            case null, default -> { }
        }
    }
}
