package dev.ftcheck.runtime.obj.builtins;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Contexts;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Objects;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import java.util.Arrays;

/**
 * The Python face of _contextvars' Context, ContextVar and Token (the C-API is in capi.ContextApi, the state in
 * obj.Contexts): their constructors, methods, attributes and CPython's messages.
 */
public final class ContextTypes {
    /** Token.MISSING: what old_value is when the variable had no value before the set. */
    public static long MISSING;

    private ContextTypes() {}

    static void install() {
        MISSING = Heap.alloc(Types.OBJECT, dev.ftcheck.runtime.obj.Layout.HEAD);
        Heap.immortalizeAllocated(MISSING);
        Heap.putState(MISSING, (Repr.Custom) self -> "<Token.MISSING>");
        context().install(Types.CONTEXT);
        var().install(Types.CONTEXTVAR);
        token().install(Types.CONTEXT_TOKEN);
        BuiltinTable.constructor(Types.CONTEXT, (type, args, kw) -> {
            if (args.length > 0 || (kw != 0 && Dicts.size(kw) > 0)) {
                throw PyRaise.typeError("Context() does not accept any arguments");
            }
            return Contexts.newContext();
        });
        BuiltinTable.constructor(Types.CONTEXTVAR, (type, args, kw) -> {
            if (args.length != 1) {
                throw PyRaise.typeError("ContextVar() takes %s 1 positional argument (%d given)",
                        args.length == 0 ? "exactly" : "at most", args.length);
            }
            long[] a = Args.clinic("ContextVar", args, kw, 1, "name", "default");
            if (!Strs.isStr(a[0])) {
                throw PyRaise.typeError("context variable name must be a str");
            }
            return Contexts.newVar(a[0], a[1]);
        });
    }

    private static BuiltinTable context() {
        BuiltinTable t = new BuiltinTable();
        t.method("run", (self, args, kw) -> {
            if (args.length == 0) {
                throw PyRaise.typeError("run() missing 1 required positional argument");
            }
            Contexts.enter(self);
            try {
                return Calls.call(args[0], Arrays.copyOfRange(args, 1, args.length), kw);
            } finally {
                Contexts.exit(self);
            }
        });
        t.method("copy", (self, args, kw) -> {
            Args.none("Context.copy", args, kw);
            return Contexts.copy(self);
        });
        t.method("get", (self, args, kw) -> {
            Args.positional("get", args, kw, 1, 2);
            long v = Contexts.lookup(self, varKey(args[0]));
            return v != 0 ? v : Heap.newRef(args.length > 1 ? args[1] : Singletons.NONE);
        });
        t.slot("__getitem__", (self, args, kw) -> {
            long v = Contexts.lookup(self, varKey(Args.one("__getitem__", args, kw)));
            if (v == 0) {
                throw new PyRaise(Exceptions.KeyError, Repr.repr(args[0]));
            }
            return v;
        });
        t.slot("__contains__", (self, args, kw) -> {
            long v = Contexts.lookup(self, varKey(Args.one("__contains__", args, kw)));
            Native.xdecref(v);
            return Singletons.bool(v != 0);
        });
        t.slot("__len__", (self, args, kw) -> {
            Args.none("__len__", args, kw);
            long[] kv = Contexts.items(self);
            release(kv);
            return dev.ftcheck.runtime.obj.Ints.fromLong(kv.length / 2);
        });
        t.slot("__iter__", (self, args, kw) -> Objects.newIterator(part(self, 0)));
        t.method("keys", (self, args, kw) -> Lists.of(part(self, 0)));
        t.method("values", (self, args, kw) -> Lists.of(part(self, 1)));
        t.method("items", (self, args, kw) -> {
            long[] kv = Contexts.items(self);
            long[] pairs = new long[kv.length / 2];
            for (int i = 0; i < kv.length; i += 2) {
                pairs[i / 2] = Tuples.of(kv[i], kv[i + 1]);
            }
            return Lists.of(pairs);
        });
        return t;
    }

    private static BuiltinTable var() {
        BuiltinTable t = new BuiltinTable();
        t.getter("name", self -> Heap.newRef(Contexts.name(self)));
        t.method("get", (self, args, kw) -> {
            Args.positional("get", args, kw, 0, 1);
            long v = Contexts.get(self, args.length > 0 ? args[0] : 0);
            if (v == 0) {
                throw new PyRaise(Exceptions.byName("LookupError"), Repr.repr(self));
            }
            return v;
        });
        t.method("set", (self, args, kw) -> Contexts.set(self, Args.one("ContextVar.set", args, kw)));
        t.method("reset", (self, args, kw) -> {
            long token = Args.one("ContextVar.reset", args, kw);
            if (!Contexts.isToken(token)) {
                throw PyRaise.typeError("expected an instance of Token, got %s", Repr.repr(token));
            }
            Contexts.reset(self, token);
            return Heap.newRef(Singletons.NONE);
        });
        NativeBuiltins.classGetItem(t);
        return t;
    }

    private static BuiltinTable token() {
        BuiltinTable t = new BuiltinTable();
        t.getter("var", self -> Heap.newRef(Contexts.tokenVar(self)));
        t.getter("old_value", self -> {
            long old = Contexts.tokenOld(self);
            return Heap.newRef(old != 0 ? old : MISSING);
        });
        t.value("MISSING", MISSING);
        NativeBuiltins.classGetItem(t);
        return t;
    }

    /** The key of a Context lookup: a ContextVar, else TypeError as CPython words it. */
    private static long varKey(long o) {
        if (!Contexts.isVar(o)) {
            throw PyRaise.typeError("a ContextVar key was expected, got %s", Repr.repr(o));
        }
        return o;
    }

    /** The keys (which = 0) or values (1) of a context, as new references. */
    private static long[] part(long ctx, int which) {
        long[] kv = Contexts.items(ctx);
        long[] out = new long[kv.length / 2];
        for (int i = 0; i < kv.length; i += 2) {
            out[i / 2] = kv[i + which];
            Native.decref(kv[i + 1 - which]);
        }
        return out;
    }


    private static void release(long[] refs) {
        for (long r : refs) {
            Native.decref(r);
        }
    }
}
