package dev.ftcheck.runtime.script;

import dev.ftcheck.runtime.Importer;
import dev.ftcheck.runtime.PyComplex;
import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.ComplexApi;
import dev.ftcheck.runtime.capi.SliceApi;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Bytes;
import dev.ftcheck.runtime.obj.CFunctions;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Iteration;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Sets;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.script.Ast.*;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Runs the syntax tree against the runtime's objects. Every value is an object address holding one strong
 * reference: {@link #eval} returns a new reference that its caller consumes or releases, variables own theirs
 * ({@link Namespace}). Python exceptions travel as {@link ScriptRaise}; a function made by {@code def} is a real
 * built-in function object, so extension code can call it too. The caller holds an attached thread state.
 */
final class Interpreter {
    private final String file;
    private final Importer importer;
    private final PrintWriter out;
    private final Namespace globals = new Namespace();
    private final long builtins;
    private final long print;
    /** A module whose attributes unqualified names reach after the globals (--call's module), or 0. */
    private long fallback;
    /** One method definition per def statement; the object's self is the tuple of its defaults. */
    private final Map<Def, Long> defs = new ConcurrentHashMap<>();
    /** The exception a script function last raised into C on this thread, and its line, for the traceback. */
    private final ThreadLocal<long[]> lastRaised = new ThreadLocal<>();

    /** A function call's (or the top level's) variables; def null at the top level, where globals are used. */
    private static final class Frame {
        final Def def;
        final Namespace locals;
        final Deque<ScriptRaise> handling = new ArrayDeque<>();

        Frame(Def def, Namespace locals) {
            this.def = def;
            this.locals = locals;
        }
    }

    private static final class BreakSignal extends RuntimeException {
        static final BreakSignal INSTANCE = new BreakSignal();

        private BreakSignal() {
            super(null, null, false, false);
        }
    }

    private static final class ContinueSignal extends RuntimeException {
        static final ContinueSignal INSTANCE = new ContinueSignal();

        private ContinueSignal() {
            super(null, null, false, false);
        }
    }

    private static final class ReturnSignal extends RuntimeException {
        final long value;

        ReturnSignal(long value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    Interpreter(String file, Importer importer, PrintWriter out) {
        this.file = file;
        this.importer = importer;
        this.out = out;
        this.builtins = importer.importModule("builtins");
        long ml = dev.ftcheck.runtime.obj.builtins.BuiltinTable.functionDef("print", (self, args, kw) -> print(args, kw));
        this.print = CFunctions.create(ml, 0, 0, 0);
    }

    String file() {
        return file;
    }

    // ---- the session's entry points

    void runModule(Program m) {
        execBlock(m.body(), new Frame(null, null));
    }

    /** The value of a one-expression script (new reference). */
    long evalExpression(Program m) {
        return eval(((ExprStmt) m.body().get(0)).value(), new Frame(null, null));
    }

    void bindGlobal(String name, long value) {
        globals.set(name, value);
    }

    /** New reference to a global, or 0. */
    long global(String name) {
        return globals.getRef(name);
    }

    void fallbackTo(long module) {
        Native.xdecref(fallback);
        fallback = module;
    }

    /** Calls a callable from the session (worker(i)); new reference. */
    long callObject(long callable, long[] args, int line) {
        return op(line, () -> Calls.call(callable, args, 0));
    }

    void close() {
        globals.clear();
        fallbackTo(0);
        Native.decref(print);
        Native.decref(builtins);
    }

    /** The entries of exc.__traceback__, outermost first (what C code added with PyTraceBack_Here). */
    private static List<ScriptFailure.TracebackEntry> tracebackOf(long exc) {
        List<ScriptFailure.TracebackEntry> out = new java.util.ArrayList<>();
        for (long tb = dev.ftcheck.runtime.nat.Mem.getLong(exc + Exceptions.TRACEBACK); tb != 0 && dev.ftcheck.runtime.obj.Frames.isTraceback(tb);
                tb = dev.ftcheck.runtime.nat.Mem.getLong(tb + dev.ftcheck.runtime.obj.Frames.TB_NEXT)) {
            long co = dev.ftcheck.runtime.obj.Frames.code(dev.ftcheck.runtime.nat.Mem.getLong(tb + dev.ftcheck.runtime.obj.Frames.TB_FRAME));
            out.add(new ScriptFailure.TracebackEntry(Strs.value(dev.ftcheck.runtime.nat.Mem.getLong(co + dev.ftcheck.runtime.obj.Codes.CO_FILENAME)),
                    dev.ftcheck.runtime.obj.Frames.tracebackLine(tb), Strs.value(dev.ftcheck.runtime.nat.Mem.getLong(co + dev.ftcheck.runtime.obj.Codes.CO_NAME))));
        }
        return out;
    }

    /** Converts an uncaught exception for Java, releasing it. */
    ScriptFailure failure(ScriptRaise r) {
        try {
            String type = Types.typeOf(r.exc).qualifiedName();
            return new ScriptFailure(type.startsWith("builtins.") ? type.substring(9) : type,
                    Exceptions.message(r.exc), file, r.line, tracebackOf(r.exc));
        } finally {
            r.release();
        }
    }

    // ---- statements

    private void execBlock(List<Stmt> body, Frame f) {
        for (Stmt s : body) {
            exec(s, f);
        }
    }

    private void exec(Stmt s, Frame f) {
        switch (s) {
            case ExprStmt e -> Native.decref(eval(e.value(), f));
            case Assign a -> {
                long v = eval(a.value(), f);
                try {
                    for (Expr t : a.targets()) {
                        assign(t, v, f);
                    }
                } finally {
                    Native.decref(v);
                }
            }
            case AugAssign a -> augAssign(a, f);
            case Assert a -> {
                if (!truth(a.test(), f)) {
                    long type = Exceptions.byName("AssertionError");
                    long[] args = a.message() == null ? new long[0] : new long[] {eval(a.message(), f)};
                    try {
                        throw new ScriptRaise(op(a.line(), () -> Calls.call(type, args, 0)), a.line());
                    } finally {
                        release(args);
                    }
                }
            }
            case If i -> execBlock(truth(i.test(), f) ? i.body() : i.orElse(), f);
            case While w -> {
                boolean broke = false;
                while (truth(w.test(), f)) {
                    try {
                        execBlock(w.body(), f);
                    } catch (BreakSignal b) {
                        broke = true;
                        break;
                    } catch (ContinueSignal c) {
                        // next round
                    }
                }
                if (!broke) {
                    execBlock(w.orElse(), f);
                }
            }
            case For fo -> forLoop(fo, f);
            case Def d -> define(d, f);
            case Return r -> throw new ReturnSignal(r.value() == null ? Heap.newRef(Singletons.NONE)
                    : eval(r.value(), f));
            case Global g -> { } // resolved at parse time (Def.globals)
            case Try t -> tryStatement(t, f);
            case Raise r -> raise(r, f);
            case Pass p -> { }
            case Break b -> throw BreakSignal.INSTANCE;
            case Continue c -> throw ContinueSignal.INSTANCE;
            case Del d -> {
                for (Expr t : d.targets()) {
                    delete(t, f);
                }
            }
            case Import im -> {
                for (Alias a : im.names()) {
                    long m = op(im.line(), () -> importer.importModule(a.name()));
                    if (a.asName() != null) {
                        store(a.asName(), m, f);
                    } else {
                        Native.decref(m);
                        String top = a.name().split("\\.", 2)[0];
                        store(top, op(im.line(), () -> importer.importModule(top)), f);
                    }
                }
            }
            case ImportFrom im -> importFrom(im, f);
        }
    }

    private void forLoop(For fo, Frame f) {
        long iterable = eval(fo.iter(), f);
        long it;
        try {
            it = op(fo.line(), () -> Iteration.iter(iterable));
        } finally {
            Native.decref(iterable);
        }
        try {
            while (true) {
                long item = op(fo.line(), () -> Iteration.next(it));
                if (item == 0) {
                    execBlock(fo.orElse(), f);
                    return;
                }
                try {
                    assign(fo.target(), item, f);
                } finally {
                    Native.decref(item);
                }
                try {
                    execBlock(fo.body(), f);
                } catch (BreakSignal b) {
                    return;
                } catch (ContinueSignal c) {
                    // next item
                }
            }
        } finally {
            Native.decref(it);
        }
    }

    private void tryStatement(Try t, Frame f) {
        RuntimeException pending = null;
        try {
            boolean completed = false;
            try {
                execBlock(t.body(), f);
                completed = true;
            } catch (ScriptRaise r) {
                Handler h;
                try {
                    h = handlerFor(t.handlers(), r, f);
                } catch (RuntimeException e) {
                    r.release();
                    throw e;
                }
                if (h == null) {
                    throw r;
                }
                handle(h, r, f);
            }
            if (completed) {
                execBlock(t.orElse(), f);
            }
        } catch (RuntimeException e) {
            pending = e;
        }
        if (!t.finalBody().isEmpty()) {
            try {
                execBlock(t.finalBody(), f);
            } catch (RuntimeException e) {
                discard(pending); // what finally raises (or returns, breaks) replaces what was pending
                throw e;
            }
        }
        if (pending != null) {
            throw pending;
        }
    }

    private Handler handlerFor(List<Handler> handlers, ScriptRaise r, Frame f) {
        for (Handler h : handlers) {
            if (h.type() == null) {
                return h;
            }
            long type = eval(h.type(), f);
            try {
                if (!catchable(type)) {
                    throw raise(h.line(), Exceptions.TypeError,
                            "catching classes that do not inherit from BaseException is not allowed");
                }
                if (Errors.givenMatches(r.exc, type)) {
                    return h;
                }
            } finally {
                Native.decref(type);
            }
        }
        return null;
    }

    private static boolean catchable(long type) {
        if (Tuples.isTuple(type)) {
            for (long i = 0; i < Tuples.size(type); i++) {
                if (!catchable(Tuples.get(type, i))) {
                    return false;
                }
            }
            return true;
        }
        return Types.isType(type) && Types.isSubtype(type, Exceptions.BaseException);
    }

    /** Runs an except clause; the exception is released at its end, and the as-name unbound, as in Python. */
    private void handle(Handler h, ScriptRaise r, Frame f) {
        f.handling.push(r);
        try {
            if (h.name() != null) {
                store(h.name(), Heap.newRef(r.exc), f);
            }
            execBlock(h.body(), f);
        } finally {
            f.handling.pop();
            if (h.name() != null) {
                unbind(h.name(), f);
            }
            r.release();
        }
    }

    private void raise(Raise r, Frame f) {
        if (r.exc() == null) {
            ScriptRaise current = f.handling.peek();
            if (current == null) {
                throw raise(r.line(), Exceptions.byName("RuntimeError"), "No active exception to reraise");
            }
            throw new ScriptRaise(Heap.newRef(current.exc), current.line);
        }
        long v = eval(r.exc(), f);
        if (Types.isType(v) && Types.isSubtype(v, Exceptions.BaseException)) {
            long type = v;
            try {
                v = op(r.line(), () -> Calls.call(type, new long[0], 0));
            } finally {
                Native.decref(type);
            }
        }
        if (!Exceptions.isInstance(v)) {
            Native.decref(v);
            throw raise(r.line(), Exceptions.TypeError, "exceptions must derive from BaseException");
        }
        throw new ScriptRaise(v, r.line());
    }

    private void define(Def d, Frame f) {
        long[] defaults = new long[d.defaults().size()];
        try {
            for (int i = 0; i < defaults.length; i++) {
                defaults[i] = eval(d.defaults().get(i), f);
            }
        } catch (RuntimeException e) {
            release(defaults);
            throw e;
        }
        long self = Tuples.of(defaults);
        long ml = defs.computeIfAbsent(d, key -> dev.ftcheck.runtime.obj.builtins.BuiltinTable.functionDef(
                key.name(), (s, args, kw) -> enter(key, s, args, kw)));
        try {
            store(d.name(), CFunctions.create(ml, self, 0, 0), f);
        } finally {
            Native.decref(self);
        }
    }

    /** A script function called from anywhere (script or C): a ScriptRaise goes into the error indicator. */
    private long enter(Def d, long defaults, long[] args, long kw) {
        try {
            return invoke(d, defaults, args, kw);
        } catch (ScriptRaise r) {
            lastRaised.set(new long[] {r.exc, r.line});
            Errors.setObject(0, r.exc);
            throw ErrorAlreadySet.INSTANCE;
        }
    }

    private long invoke(Def d, long defaults, long[] args, long kw) {
        int n = d.params().size();
        int nDefaults = (int) Tuples.size(defaults);
        if (args.length > n) {
            String takes = nDefaults == 0 ? n + " positional argument" + (n == 1 ? "" : "s")
                    : "from " + (n - nDefaults) + " to " + n + " positional arguments";
            throw raise(d.line(), Exceptions.TypeError, d.name() + "() takes " + takes + " but " + args.length
                    + (args.length == 1 ? " was" : " were") + " given");
        }
        Namespace locals = new Namespace();
        try {
            for (int i = 0; i < args.length; i++) {
                locals.set(d.params().get(i), Heap.newRef(args[i]));
            }
            if (kw != 0) {
                for (long key : Iteration.toArray(kw)) {
                    try {
                        String name = Strs.value(key);
                        if (!d.params().contains(name)) {
                            throw raise(d.line(), Exceptions.TypeError, d.name()
                                    + "() got an unexpected keyword argument '" + name + "'");
                        }
                        if (locals.has(name)) {
                            throw raise(d.line(), Exceptions.TypeError, d.name()
                                    + "() got multiple values for argument '" + name + "'");
                        }
                        locals.set(name, Dicts.getRef(kw, key));
                    } finally {
                        Native.decref(key);
                    }
                }
            }
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String p = d.params().get(i);
                if (!locals.has(p)) {
                    if (i >= n - nDefaults) {
                        locals.set(p, Heap.newRef(Tuples.get(defaults, i - (n - nDefaults))));
                    } else {
                        missing.add("'" + p + "'");
                    }
                }
            }
            if (!missing.isEmpty()) {
                String names = missing.size() == 1 ? missing.get(0) : missing.size() == 2
                        ? missing.get(0) + " and " + missing.get(1)
                        : String.join(", ", missing.subList(0, missing.size() - 1)) + ", and "
                        + missing.get(missing.size() - 1);
                throw raise(d.line(), Exceptions.TypeError, d.name() + "() missing " + missing.size()
                        + " required positional argument" + (missing.size() == 1 ? "" : "s") + ": " + names);
            }
            try {
                execBlock(d.body(), new Frame(d, locals));
                return Heap.newRef(Singletons.NONE);
            } catch (ReturnSignal r) {
                return r.value;
            }
        } finally {
            locals.clear();
        }
    }

    private void importFrom(ImportFrom im, Frame f) {
        long m = op(im.line(), () -> importer.importModule(im.module()));
        try {
            long[] names = new long[im.names().size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = Strs.fromJava(im.names().get(i).name());
            }
            long fromlist = Tuples.of(names);
            try {
                op(im.line(), () -> {
                    importer.importFromlist(m, im.module(), fromlist);
                    return 0;
                });
            } finally {
                Native.decref(fromlist);
            }
            for (Alias a : im.names()) {
                long v = op(im.line(), () -> Modules.isModule(m) ? Modules.getAttr(m, a.name())
                        : Attributes.get(m, Strs.intern(a.name())));
                if (v == 0) {
                    throw raise(im.line(), Exceptions.byName("ImportError"), "cannot import name '" + a.name()
                            + "' from '" + im.module() + "'");
                }
                store(a.asName() != null ? a.asName() : a.name(), v, f);
            }
        } finally {
            Native.decref(m);
        }
    }

    // ---- targets

    /** Binds target to value (borrowed). */
    private void assign(Expr target, long value, Frame f) {
        switch (target) {
            case Name n -> store(n.id(), Heap.newRef(value), f);
            case Attribute a -> {
                long obj = eval(a.obj(), f);
                try {
                    op(a.line(), () -> {
                        Attributes.set(obj, Strs.intern(a.name()), value);
                        return 0;
                    });
                } finally {
                    Native.decref(obj);
                }
            }
            case Subscript s -> {
                long obj = eval(s.obj(), f);
                try {
                    long key = index(s.index(), f);
                    try {
                        op(s.line(), () -> checkInt(AbstractApi.PyObject_SetItem(obj, key, value)));
                    } finally {
                        Native.decref(key);
                    }
                } finally {
                    Native.decref(obj);
                }
            }
            case TupleExpr t -> unpack(t.items(), value, t, f);
            case ListExpr l -> unpack(l.items(), value, l, f);
            default -> throw new IllegalStateException("the parser let through target " + target);
        }
    }

    private void unpack(List<Expr> targets, long value, Expr at, Frame f) {
        long[][] box = new long[1][];
        op(at.line(), () -> {
            long it;
            try {
                it = Iteration.iter(value);
            } catch (PyRaise e) {
                if (e.type == Exceptions.TypeError) {
                    throw PyRaise.typeError("cannot unpack non-iterable %s object", Types.name(value));
                }
                throw e;
            }
            Native.decref(it);
            box[0] = Iteration.toArray(value);
            return 0;
        });
        long[] items = box[0];
        try {
            if (items.length != targets.size()) {
                throw raise(at.line(), Exceptions.ValueError, items.length < targets.size()
                        ? "not enough values to unpack (expected " + targets.size() + ", got " + items.length + ")"
                        : "too many values to unpack (expected " + targets.size() + ")");
            }
            for (int i = 0; i < items.length; i++) {
                assign(targets.get(i), items[i], f);
            }
        } finally {
            release(items);
        }
    }

    private void augAssign(AugAssign a, Frame f) {
        switch (a.target()) {
            case Name n -> {
                long old = load(n, f);
                try {
                    long v = eval(a.value(), f);
                    try {
                        store(n.id(), op(a.line(), () -> Operators.inPlace(a.op(), old, v)), f);
                    } finally {
                        Native.decref(v);
                    }
                } finally {
                    Native.decref(old);
                }
            }
            case Attribute at -> {
                long obj = eval(at.obj(), f);
                try {
                    long name = Strs.intern(at.name());
                    long old = op(at.line(), () -> Attributes.get(obj, name));
                    long result = inPlace(a, old, f);
                    try {
                        op(a.line(), () -> {
                            Attributes.set(obj, name, result);
                            return 0;
                        });
                    } finally {
                        Native.decref(result);
                    }
                } finally {
                    Native.decref(obj);
                }
            }
            case Subscript s -> {
                long obj = eval(s.obj(), f);
                try {
                    long key = index(s.index(), f);
                    try {
                        long old = op(s.line(), () -> AbstractApi.PyObject_GetItem(obj, key));
                        long result = inPlace(a, old, f);
                        try {
                            op(a.line(), () -> checkInt(AbstractApi.PyObject_SetItem(obj, key, result)));
                        } finally {
                            Native.decref(result);
                        }
                    } finally {
                        Native.decref(key);
                    }
                } finally {
                    Native.decref(obj);
                }
            }
            default -> throw new IllegalStateException("the parser let through target " + a.target());
        }
    }

    /** old op= value, consuming old; new reference. */
    private long inPlace(AugAssign a, long old, Frame f) {
        try {
            long v = eval(a.value(), f);
            try {
                return op(a.line(), () -> Operators.inPlace(a.op(), old, v));
            } finally {
                Native.decref(v);
            }
        } finally {
            Native.decref(old);
        }
    }

    private void delete(Expr target, Frame f) {
        switch (target) {
            case Name n -> {
                if (!unbind(n.id(), f)) {
                    throw raise(n.line(), Exceptions.byName("NameError"), "name '" + n.id() + "' is not defined");
                }
            }
            case Subscript s -> {
                long obj = eval(s.obj(), f);
                try {
                    long key = index(s.index(), f);
                    try {
                        op(s.line(), () -> checkInt(AbstractApi.PyObject_DelItem(obj, key)));
                    } finally {
                        Native.decref(key);
                    }
                } finally {
                    Native.decref(obj);
                }
            }
            case Attribute a -> {
                long obj = eval(a.obj(), f);
                try {
                    op(a.line(), () -> {
                        Attributes.set(obj, Strs.intern(a.name()), 0);
                        return 0;
                    });
                } finally {
                    Native.decref(obj);
                }
            }
            default -> throw new IllegalStateException("the parser let through del " + target);
        }
    }

    // ---- names

    private boolean isLocal(String id, Frame f) {
        return f.def != null && f.def.locals().contains(id);
    }

    private void store(String id, long value, Frame f) {
        (isLocal(id, f) ? f.locals : globals).set(id, value);
    }

    private boolean unbind(String id, Frame f) {
        return (isLocal(id, f) ? f.locals : globals).delete(id);
    }

    private long load(Name n, Frame f) {
        String id = n.id();
        if (isLocal(id, f)) {
            long v = f.locals.getRef(id);
            if (v == 0) {
                throw raise(n.line(), Exceptions.byName("UnboundLocalError"), "cannot access local variable '" + id
                        + "' where it is not associated with a value");
            }
            return v;
        }
        long v = globals.getRef(id);
        if (v != 0) {
            return v;
        }
        if (fallback != 0) {
            v = op(n.line(), () -> Modules.getAttr(fallback, id));
            if (v != 0) {
                return v;
            }
        }
        if (id.equals("print")) {
            return Heap.newRef(print);
        }
        v = op(n.line(), () -> Modules.getAttr(builtins, id));
        if (v != 0) {
            return v;
        }
        throw raise(n.line(), Exceptions.byName("NameError"), "name '" + id + "' is not defined");
    }

    // ---- expressions

    /** The value of e as a new reference. */
    private long eval(Expr e, Frame f) {
        return switch (e) {
            case Const c -> constant(c.value());
            case Name n -> load(n, f);
            case Attribute a -> {
                long obj = eval(a.obj(), f);
                try {
                    yield op(a.line(), () -> Attributes.get(obj, Strs.intern(a.name())));
                } finally {
                    Native.decref(obj);
                }
            }
            case Call c -> call(c, f);
            case Subscript s -> {
                long obj = eval(s.obj(), f);
                try {
                    long key = index(s.index(), f);
                    try {
                        yield op(s.line(), () -> AbstractApi.PyObject_GetItem(obj, key));
                    } finally {
                        Native.decref(key);
                    }
                } finally {
                    Native.decref(obj);
                }
            }
            case Slice s -> throw new IllegalStateException("a slice outside a subscript");
            case Unary u -> {
                long v = eval(u.operand(), f);
                try {
                    yield op(u.line(), () -> Operators.unary(u.op(), v));
                } finally {
                    Native.decref(v);
                }
            }
            case Binary b -> {
                long l = eval(b.left(), f);
                try {
                    long r = eval(b.right(), f);
                    try {
                        yield op(b.line(), () -> Operators.binary(b.op(), l, r));
                    } finally {
                        Native.decref(r);
                    }
                } finally {
                    Native.decref(l);
                }
            }
            case BoolOp b -> {
                long v = 0;
                for (int i = 0; i < b.values().size(); i++) {
                    v = eval(b.values().get(i), f);
                    if (i == b.values().size() - 1) {
                        break;
                    }
                    long cur = v;
                    boolean t = op(b.line(), () -> Protocols.isTrue(cur) ? 1 : 0) == 1;
                    if (t != b.and()) {
                        break; // or: first true value; and: first false value
                    }
                    Native.decref(v);
                }
                yield v;
            }
            case Compare c -> compare(c, f);
            case IfExpr i -> eval(truth(i.test(), f) ? i.body() : i.orElse(), f);
            case TupleExpr t -> Tuples.of(evalAll(t.items(), f));
            case ListExpr l -> Lists.of(evalAll(l.items(), f));
            case SetExpr s -> {
                long[] items = evalAll(s.items(), f);
                long set = Sets.create(Types.SET);
                try {
                    for (long item : items) {
                        op(s.line(), () -> Sets.add(set, item) ? 1 : 0);
                    }
                } catch (RuntimeException ex) {
                    Native.decref(set);
                    throw ex;
                } finally {
                    release(items);
                }
                yield set;
            }
            case DictExpr d -> {
                long dict = Dicts.create("a dict display");
                try {
                    for (int i = 0; i < d.keys().size(); i++) {
                        long k = eval(d.keys().get(i), f);
                        try {
                            long v = eval(d.values().get(i), f);
                            try {
                                op(d.line(), () -> {
                                    Dicts.set(dict, k, v);
                                    return 0;
                                });
                            } finally {
                                Native.decref(v);
                            }
                        } finally {
                            Native.decref(k);
                        }
                    }
                } catch (RuntimeException ex) {
                    Native.decref(dict);
                    throw ex;
                }
                yield dict;
            }
        };
    }

    private long compare(Compare c, Frame f) {
        long left = eval(c.first(), f);
        try {
            for (int i = 0; i < c.ops().size(); i++) {
                long right = eval(c.rest().get(i), f);
                long l = left;
                String o = c.ops().get(i);
                long r;
                try {
                    r = op(c.line(), () -> Operators.compare(o, l, right));
                } catch (RuntimeException e) {
                    Native.decref(right);
                    throw e;
                }
                if (i == c.ops().size() - 1 || !(op(c.line(), () -> Protocols.isTrue(r) ? 1 : 0) == 1)) {
                    Native.decref(right);
                    return r; // the last comparison, or the first false one
                }
                Native.decref(r);
                Native.decref(left);
                left = right;
            }
            throw new IllegalStateException("a comparison without operators");
        } finally {
            Native.decref(left);
        }
    }

    private long call(Call c, Frame f) {
        long fn = eval(c.fn(), f);
        List<Long> args = new ArrayList<>();
        long kw = 0;
        try {
            for (Arg a : c.args()) {
                switch (a.kind()) {
                    case POS -> args.add(eval(a.value(), f));
                    case STAR -> {
                        long v = eval(a.value(), f);
                        try {
                            for (long item : toArray(c.line(), v)) {
                                args.add(item);
                            }
                        } finally {
                            Native.decref(v);
                        }
                    }
                    case KEYWORD -> {
                        kw = kw == 0 ? Dicts.create("keyword arguments") : kw;
                        long v = eval(a.value(), f);
                        long key = Strs.fromJava(a.name());
                        try {
                            keyword(c, kw, key, v);
                        } finally {
                            Native.decref(key);
                            Native.decref(v);
                        }
                    }
                    case DSTAR -> {
                        kw = kw == 0 ? Dicts.create("keyword arguments") : kw;
                        long m = eval(a.value(), f);
                        try {
                            for (long key : toArray(c.line(), m)) {
                                try {
                                    long v = op(c.line(), () -> AbstractApi.PyObject_GetItem(m, key));
                                    try {
                                        keyword(c, kw, key, v);
                                    } finally {
                                        Native.decref(v);
                                    }
                                } finally {
                                    Native.decref(key);
                                }
                            }
                        } finally {
                            Native.decref(m);
                        }
                    }
                }
            }
            long[] pos = args.stream().mapToLong(Long::longValue).toArray();
            long kwargs = kw;
            return op(c.line(), () -> Calls.call(fn, pos, kwargs));
        } finally {
            args.forEach(Native::decref);
            Native.xdecref(kw);
            Native.decref(fn);
        }
    }

    private void keyword(Call c, long kw, long key, long value) {
        if (!Strs.isStr(key)) {
            throw raise(c.line(), Exceptions.TypeError, "keywords must be strings");
        }
        if (Dicts.getBorrowed(kw, key) != 0) {
            throw raise(c.line(), Exceptions.TypeError, "got multiple values for keyword argument '"
                    + Strs.value(key) + "'");
        }
        Dicts.set(kw, key, value);
    }

    /** A subscript's key: a slice object for a:b:c, tuples of them, or any value. */
    private long index(Expr e, Frame f) {
        if (e instanceof Slice s) {
            long[] parts = new long[3];
            try {
                Expr[] exprs = {s.lo(), s.hi(), s.step()};
                for (int i = 0; i < 3; i++) {
                    parts[i] = exprs[i] == null ? 0 : eval(exprs[i], f);
                }
                return op(s.line(), () -> SliceApi.PySlice_New(parts[0], parts[1], parts[2]));
            } finally {
                for (long p : parts) {
                    Native.xdecref(p);
                }
            }
        }
        if (e instanceof TupleExpr t && t.items().stream().anyMatch(i -> i instanceof Slice)) {
            long[] items = new long[t.items().size()];
            try {
                for (int i = 0; i < items.length; i++) {
                    items[i] = index(t.items().get(i), f);
                }
            } catch (RuntimeException ex) {
                release(items);
                throw ex;
            }
            return Tuples.of(items);
        }
        return eval(e, f);
    }

    private boolean truth(Expr e, Frame f) {
        long v = eval(e, f);
        try {
            return op(e.line(), () -> Protocols.isTrue(v) ? 1 : 0) == 1;
        } finally {
            Native.decref(v);
        }
    }

    private long[] evalAll(List<Expr> items, Frame f) {
        long[] out = new long[items.size()];
        try {
            for (int i = 0; i < out.length; i++) {
                out[i] = eval(items.get(i), f);
            }
        } catch (RuntimeException e) {
            release(out);
            throw e;
        }
        return out;
    }

    private long[] toArray(int line, long iterable) {
        long[][] box = new long[1][];
        op(line, () -> {
            box[0] = Iteration.toArray(iterable);
            return 0;
        });
        return box[0];
    }

    private static long constant(Object v) {
        return switch (v) {
            case Keyword k -> Heap.newRef(switch (k) {
                case NONE -> Singletons.NONE;
                case TRUE -> Singletons.TRUE;
                case FALSE -> Singletons.FALSE;
                case ELLIPSIS -> Singletons.ELLIPSIS;
            });
            case Long l -> Ints.fromLong(l);
            case BigInteger b -> Ints.fromBig(b);
            case Double d -> Floats.fromDouble(d);
            case PyComplex c -> ComplexApi.PyComplex_FromDoubles(c.real(), c.imag());
            case String s -> Strs.fromJava(s);
            case byte[] b -> Bytes.fromJava(b);
            default -> throw new IllegalStateException("literal " + v);
        };
    }

    // ---- print

    private long print(long[] args, long kw) {
        String sep = " ";
        String end = "\n";
        boolean flush = false;
        if (kw != 0) {
            for (long key : Iteration.toArray(kw)) {
                try {
                    String name = Strs.value(key);
                    long v = Dicts.getBorrowed(kw, key);
                    switch (name) {
                        case "sep" -> sep = v == Singletons.NONE ? " " : textArgument("sep", v);
                        case "end" -> end = v == Singletons.NONE ? "\n" : textArgument("end", v);
                        case "flush" -> flush = Protocols.isTrue(v);
                        case "file" -> throw new PyRaise(Exceptions.byName("NotImplementedError"),
                                "ftcheck scripts: print(file=...) is not supported; print writes to stdout");
                        default -> throw PyRaise.typeError("'%s' is an invalid keyword argument for print()", name);
                    }
                } finally {
                    Native.decref(key);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(Repr.str(args[i]));
        }
        sb.append(end);
        synchronized (out) {
            out.print(sb);
            out.flush(); // interleaves with the extension's own output in order; flush= changes nothing
        }
        return Heap.newRef(Singletons.NONE);
    }

    private static String textArgument(String name, long v) {
        if (!Strs.isStr(v)) {
            throw PyRaise.typeError("%s must be None or a string, not %s", name, Types.name(v));
        }
        return Strs.value(v);
    }

    // ---- errors

    /** Runs one runtime operation; a Python error it raises becomes a ScriptRaise at line. */
    private long op(int line, LongSupplier operation) {
        try {
            return operation.getAsLong();
        } catch (PyRaise | ErrorAlreadySet t) {
            Errors.fromThrowable(t, "ftcheck script");
            long exc = Errors.take();
            long[] inner = lastRaised.get();
            int at = line;
            if (inner != null) {
                lastRaised.remove();
                if (inner[0] == exc) {
                    at = (int) inner[1]; // raised inside a script function: its line, as a traceback's last
                }
            }
            return throwRaise(exc, at);
        }
    }

    private static long throwRaise(long exc, int line) {
        throw new ScriptRaise(exc, line);
    }

    /** A new exception of type with message, to throw. */
    private static ScriptRaise raise(int line, long type, String message) {
        Errors.set(type, message);
        return new ScriptRaise(Errors.take(), line);
    }

    private static long checkInt(int r) {
        if (r < 0) {
            throw ErrorAlreadySet.INSTANCE;
        }
        return r;
    }

    private static void release(long[] refs) {
        if (refs == null) {
            return;
        }
        for (long r : refs) {
            Native.xdecref(r);
        }
    }

    private static void discard(RuntimeException pending) {
        if (pending instanceof ScriptRaise r) {
            r.release();
        } else if (pending instanceof ReturnSignal r) {
            Native.decref(r.value);
        }
    }
}
