package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.FtRuntime;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Contexts;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.ErrorAlreadySet;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Lists;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.Protocols;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Repr;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The {@code warnings} module and the filter engine behind the PyErr_Warn* functions. The filters are
 * context-aware, as in free-threaded CPython 3.14 ({@code sys.flags.context_aware_warnings}): the filter list and
 * the record log live in a state object that a context variable holds; {@code catch_warnings} sets that variable to
 * a copy, so filters changed inside it affect only that context (and threads the runtime starts from it, which
 * inherit a copy of the context). Outside every catch_warnings the process-wide state applies. Warnings issued from
 * C have no Python frame to attribute them to, so, as CPython does without a frame, their location is module
 * "sys", file "&lt;sys&gt;", line 0.
 */
public final class WarningsModule {
    private static final Set<String> ACTIONS = Set.of("error", "ignore", "always", "default", "module", "once");

    /** One filter; category is a type (kept alive by the type's own immortality or the module). */
    private record Filter(String action, Pattern message, long category, Pattern module, int lineno) {
        boolean sameAs(Filter o) {
            return action.equals(o.action) && category == o.category && lineno == o.lineno
                    && Objects.equals(text(message), text(o.message)) && Objects.equals(text(module), text(o.module));
        }

        private static String text(Pattern p) {
            return p == null ? null : p.pattern() + "/" + p.flags();
        }
    }

    /** A warnings context: the filters (an immutable list, replaced on change) and the record log (a list or 0). */
    private static final class State implements StandInTypes.Behaviour {
        volatile List<Filter> filters;
        final long log;

        State(List<Filter> filters, long log) {
            this.filters = filters;
            this.log = log;
        }
    }

    private static final State GLOBAL = new State(defaultFilters(), 0);
    /** Bumped on every filter change anywhere: "default"/"module" registries remembered under an older one reset. */
    private static final AtomicLong VERSION = new AtomicLong();
    /** Where frameless warnings are remembered (CPython's sys.__warningregistry__): keys with the VERSION seen. */
    private static final Set<List<Object>> FRAMELESS_REGISTRY = new HashSet<>();
    private static long framelessVersion = -1;
    /** The "once" registry: (text, category) pairs, never reset by filter changes. */
    private static final Set<List<Object>> ONCE = new HashSet<>();

    private static volatile long contextVar, stateType, catchType, messageType;

    private WarningsModule() {}

    private static List<Filter> defaultFilters() {
        // Not made before the exception types exist: the runtime starts before any warning can be issued.
        return null;
    }

    private static synchronized void init() {
        if (contextVar != 0) {
            return;
        }
        if (GLOBAL.filters == null) {
            GLOBAL.filters = List.of(
                    new Filter("default", null, Exceptions.DeprecationWarning, Pattern.compile("__main__"), 0),
                    new Filter("ignore", null, Exceptions.DeprecationWarning, null, 0),
                    new Filter("ignore", null, Exceptions.byName("PendingDeprecationWarning"), null, 0),
                    new Filter("ignore", null, Exceptions.byName("ImportWarning"), null, 0),
                    new Filter("ignore", null, Exceptions.byName("ResourceWarning"), null, 0));
        }
        stateType = StandInTypes.define("warnings._WarningsContext", new BuiltinTable(), (t, a, k) -> {
            throw PyRaise.typeError("cannot create 'warnings._WarningsContext' instances");
        });
        messageType = StandInTypes.define("warnings.WarningMessage", messageMethods(), (t, a, k) -> {
            long[] v = Args.clinic("WarningMessage", a, k, 4, "message", "category", "filename", "lineno", "file",
                    "line", "source");
            return StandInTypes.instance(t, new Message(v));
        });
        catchType = StandInTypes.define("warnings.catch_warnings", catchMethods(), (t, a, k) -> {
            if (a.length > 0) {
                throw PyRaise.typeError("catch_warnings.__init__() takes 1 positional argument but %d were given",
                        a.length + 1);
            }
            long[] v = Args.clinic("catch_warnings", a, k, 0, "record", "module", "action", "category", "lineno",
                    "append");
            if (!Args.isNone(v[1])) {
                throw new PyRaise(Exceptions.byName("NotImplementedError"),
                        "ftcheck: catch_warnings(module=...) is not supported (the runtime has one warnings module)");
            }
            Catch c = new Catch(v[0] != 0 && Protocols.isTrue(v[0]));
            if (!Args.isNone(v[2])) {
                c.filter = parseSimple(v[2], v[3], v[4], v[5]);
            }
            return StandInTypes.instance(t, c);
        });
        long name = Strs.fromJava("warnings_context");
        contextVar = Contexts.newVar(name, 0);
        Native.decref(name);
    }

    private static State current() {
        init();
        long v = Contexts.get(contextVar, 0);
        if (v == 0) {
            return GLOBAL;
        }
        Native.decref(v); // the context keeps it alive
        return (State) Heap.state(v);
    }

    static long create() {
        init();
        long m = Modules.create("warnings");
        Modules.setAttr(m, "catch_warnings", catchType);
        Modules.setAttr(m, "WarningMessage", messageType);
        BuiltinTable t = new BuiltinTable();
        t.method("warn", (self, args, kw) -> {
            long[] a = Args.clinic("warn", args, kw, 1, "message", "category", "stacklevel", "source",
                    "skip_file_prefixes");
            long category = category(a[0], a[1]);
            warn(category, a[0], "<sys>", 0, null, 0);
            return Heap.newRef(Singletons.NONE);
        });
        t.method("warn_explicit", (self, args, kw) -> {
            long[] a = Args.clinic("warn_explicit", args, kw, 4, "message", "category", "filename", "lineno",
                    "module", "registry", "module_globals", "source");
            String file = Strs.check(a[2], "filename");
            int line = Ints.value(a[3]).intValue();
            String module = Args.isNone(a[4]) ? null : Strs.check(a[4], "module");
            warn(category(a[0], a[1]), a[0], file, line, module, Args.isNone(a[5]) ? 0 : a[5]);
            return Heap.newRef(Singletons.NONE);
        });
        t.method("simplefilter", (self, args, kw) -> {
            long[] a = Args.clinic("simplefilter", args, kw, 1, "action", "category", "lineno", "append");
            addFilter(parseSimple(a[0], a[1], a[2], a[3]), a[3] != 0 && Protocols.isTrue(a[3]));
            return Heap.newRef(Singletons.NONE);
        });
        t.method("filterwarnings", (self, args, kw) -> {
            long[] a = Args.clinic("filterwarnings", args, kw, 1, "action", "message", "category", "module",
                    "lineno", "append");
            String action = action(a[0]);
            if (a[1] != 0 && !Strs.isStr(a[1])) {
                throw PyRaise.typeError("message must be a string");
            }
            long cat = a[2] == 0 ? Exceptions.Warning : a[2];
            if (!Types.isType(cat) || !Types.isSubtype(cat, Exceptions.Warning)) {
                throw PyRaise.typeError("category must be a Warning subclass");
            }
            if (a[3] != 0 && !Strs.isStr(a[3])) {
                throw PyRaise.typeError("module must be a string");
            }
            int lineno = lineno(a[4]);
            String msg = a[1] == 0 ? "" : Strs.value(a[1]);
            String mod = a[3] == 0 ? "" : Strs.value(a[3]);
            Filter f = new Filter(action,
                    msg.isEmpty() ? null : Pattern.compile(msg, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                    cat, mod.isEmpty() ? null : Pattern.compile(mod), lineno);
            addFilter(f, a[5] != 0 && Protocols.isTrue(a[5]));
            return Heap.newRef(Singletons.NONE);
        });
        t.method("resetwarnings", (self, args, kw) -> {
            Args.clinic("resetwarnings", args, kw, 0);
            State s = current();
            synchronized (s) {
                s.filters = List.of();
            }
            VERSION.incrementAndGet();
            return Heap.newRef(Singletons.NONE);
        });
        t.installFunctions(m);
        return m;
    }

    private static String action(long a) {
        String action = Strs.isStr(a) ? Strs.value(a) : null;
        if (action == null || !ACTIONS.contains(action)) {
            throw PyRaise.valueError("invalid action: %s", Repr.repr(a));
        }
        return action;
    }

    private static int lineno(long l) {
        if (l == 0) {
            return 0;
        }
        if (!Ints.isInt(l)) {
            throw PyRaise.typeError("lineno must be an int");
        }
        BigInteger v = Ints.value(l);
        if (v.signum() < 0) {
            throw PyRaise.valueError("lineno must be an int >= 0");
        }
        return v.bitLength() > 31 ? Integer.MAX_VALUE : v.intValue();
    }

    private static Filter parseSimple(long action, long category, long lineno, long append) {
        String a = action(action);
        int l = lineno(lineno);
        return new Filter(a, null, category == 0 ? Exceptions.Warning : category, null, l);
    }

    private static void addFilter(Filter f, boolean append) {
        State s = current();
        synchronized (s) {
            List<Filter> next = new ArrayList<>(s.filters);
            if (!append) {
                next.removeIf(f::sameAs);
                next.addFirst(f);
            } else if (next.stream().noneMatch(f::sameAs)) {
                next.add(f);
            }
            s.filters = List.copyOf(next);
        }
        VERSION.incrementAndGet();
    }

    /** warnings.warn's category: the message's class for a Warning instance, UserWarning for None. */
    private static long category(long message, long category) {
        long c;
        if (Types.isInstance(message, Exceptions.Warning)) {
            c = Heap.type(message);
        } else {
            c = Args.isNone(category) ? Exceptions.UserWarning : category;
        }
        if (!Types.isType(c) || !Types.isSubtype(c, Exceptions.Warning)) {
            throw PyRaise.typeError("category must be a Warning subclass, not '%s'", Types.name(c));
        }
        return c;
    }

    /**
     * Issues a warning as CPython's warn_explicit does: message is a str or a Warning instance; the filters of the
     * current context decide. "error" raises (PyRaise/ErrorAlreadySet, for the caller to return -1).
     */
    public static void warn(long category, long message, String filename, int lineno, String module, long registry) {
        State state = current();
        long cat = category;
        long text;
        long instance;
        if (Types.isInstance(message, Exceptions.Warning)) {
            cat = Heap.type(message);
            text = dev.ftcheck.runtime.capi.ObjectApi.PyObject_Str(message);
            instance = Heap.newRef(message);
        } else {
            text = Heap.newRef(message);
            instance = dev.ftcheck.runtime.obj.Calls.call(cat, new long[] {message}, 0);
        }
        try {
            String textValue = Strs.isStr(text) ? Strs.value(text) : Repr.str(text);
            String mod = module != null ? module : filename.isEmpty() ? "<unknown>"
                    : filename.endsWith(".py") ? filename.substring(0, filename.length() - 3) : filename;
            List<Object> key = List.of(textValue, cat, lineno);
            if (alreadyWarned(registry, key, text, cat, lineno, false)) {
                return;
            }
            String action = "default";
            for (Filter f : state.filters) {
                if ((f.message == null || f.message.matcher(textValue).lookingAt())
                        && Types.isSubtype(cat, f.category)
                        && (f.module == null || f.module.matcher(mod).lookingAt())
                        && (f.lineno == 0 || f.lineno == lineno)) {
                    action = f.action;
                    break;
                }
            }
            switch (action) {
                case "error" -> {
                    Errors.setValue(cat, instance);
                    throw ErrorAlreadySet.INSTANCE;
                }
                case "ignore" -> {
                    return;
                }
                case "always" -> { }
                default -> {
                    alreadyWarned(registry, key, text, cat, lineno, true);
                    if (action.equals("once")) {
                        synchronized (ONCE) {
                            if (!ONCE.add(List.of(textValue, cat))) {
                                return;
                            }
                        }
                    } else if (action.equals("module")) {
                        if (alreadyWarned(registry, List.of(textValue, cat, 0), text, cat, 0, true)) {
                            return;
                        }
                    }
                }
            }
            show(state, instance, cat, textValue, filename, lineno);
        } finally {
            Native.decref(text);
            Native.decref(instance);
        }
    }

    /**
     * Whether key is in the registry (a dict given to warn_explicit, else the frameless one); with mark, records it
     * and says whether it was there. A registry remembered under older filters is cleared first, as CPython does.
     */
    private static boolean alreadyWarned(long registry, List<Object> key, long text, long cat, int lineno,
            boolean mark) {
        long version = VERSION.get();
        if (registry == 0) {
            synchronized (FRAMELESS_REGISTRY) {
                if (framelessVersion != version) {
                    FRAMELESS_REGISTRY.clear();
                    framelessVersion = version;
                }
                return mark ? !FRAMELESS_REGISTRY.add(key) : FRAMELESS_REGISTRY.contains(key);
            }
        }
        if (!Dicts.isDict(registry)) {
            throw PyRaise.typeError("'registry' must be a dict or None");
        }
        long vkey = Strs.fromJava("version");
        long ln = Ints.fromLong(lineno);
        long k = Tuples.of(Heap.newRef(text), Heap.newRef(cat), ln);
        try {
            long seen = Dicts.getBorrowed(registry, vkey);
            if (seen == 0 || !Ints.isInt(seen) || Ints.value(seen).longValue() != version) {
                Dicts.clear(registry);
                long v = Ints.fromLong(version);
                Dicts.set(registry, vkey, v);
                Native.decref(v);
            }
            boolean there = Dicts.getBorrowed(registry, k) != 0;
            if (mark) {
                Dicts.set(registry, k, Singletons.TRUE);
            }
            return there;
        } finally {
            Native.decref(vkey);
            Native.decref(k);
        }
    }

    private static void show(State state, long instance, long cat, String text, String filename, int lineno) {
        if (state.log != 0) {
            long f = Strs.fromJava(filename);
            long l = Ints.fromLong(lineno);
            long msg = StandInTypes.instance(messageType, new Message(new long[] {instance, cat, f, l, 0, 0, 0}));
            Native.decref(f);
            Native.decref(l);
            try {
                Lists.append(state.log, msg);
            } finally {
                Native.decref(msg);
            }
            return;
        }
        FtRuntime.active().warn(typeName(cat), text);
    }

    private static String typeName(long type) {
        return Types.get(type) != null ? Types.get(type).name() : Types.name(type);
    }

    // ---- catch_warnings ----

    private static final class Catch implements StandInTypes.Behaviour {
        final boolean record;
        Filter filter;
        long token;
        boolean entered;

        Catch(boolean record) {
            this.record = record;
        }

        @Override
        public String repr(long self) {
            return "catch_warnings(" + (record ? "record=True" : "") + ")";
        }
    }

    private static BuiltinTable catchMethods() {
        BuiltinTable t = new BuiltinTable();
        t.method("__enter__", (self, args, kw) -> {
            Catch c = (Catch) Heap.state(self);
            State outer = current();
            synchronized (c) {
                if (c.entered) {
                    throw new PyRaise(Exceptions.RuntimeError, "Cannot enter " + c.repr(self) + " twice");
                }
                c.entered = true;
            }
            long log = c.record ? Lists.create(0) : 0;
            long s = StandInTypes.instance(stateType, new State(outer.filters, log));
            c.token = Contexts.set(contextVar, s);
            Native.decref(s);
            VERSION.incrementAndGet();
            if (c.filter != null) {
                addFilter(c.filter, false);
            }
            return log != 0 ? Heap.newRef(log) : Heap.newRef(Singletons.NONE);
        });
        t.method("__exit__", (self, args, kw) -> {
            Catch c = (Catch) Heap.state(self);
            long token;
            synchronized (c) {
                if (!c.entered || c.token == 0) {
                    throw new PyRaise(Exceptions.RuntimeError, "Cannot exit " + c.repr(self)
                            + " without entering first");
                }
                token = c.token;
                c.token = 0;
            }
            try {
                Contexts.reset(contextVar, token);
            } finally {
                Native.decref(token);
            }
            VERSION.incrementAndGet();
            return Heap.newRef(Singletons.NONE);
        });
        return t;
    }

    // ---- WarningMessage ----

    /** message, category, filename, lineno, file, line, source (strong references; 0 reads as None). */
    private record Message(long[] fields) implements StandInTypes.Behaviour {
        Message {
            fields = fields.clone();
            for (long f : fields) {
                if (f != 0) {
                    Native.incref(f);
                }
            }
        }

        @Override
        public String str(long self) {
            String cat = fields[1] == 0 || fields[1] == Singletons.NONE ? "None" : "'" + typeName(fields[1]) + "'";
            return "{message : " + Repr.repr(or(fields[0])) + ", category : " + cat + ", filename : "
                    + Repr.repr(or(fields[2])) + ", lineno : " + Repr.str(or(fields[3])) + ", line : "
                    + Repr.repr(or(fields[5])) + "}";
        }

        long categoryName() {
            return fields[1] == 0 || fields[1] == Singletons.NONE ? Heap.newRef(Singletons.NONE)
                    : Strs.fromJava(typeName(fields[1]));
        }

        private static long or(long f) {
            return f == 0 ? Singletons.NONE : f;
        }
    }

    private static BuiltinTable messageMethods() {
        BuiltinTable t = new BuiltinTable();
        String[] names = {"message", "category", "filename", "lineno", "file", "line", "source"};
        for (int i = 0; i < names.length; i++) {
            int k = i;
            t.getter(names[i], o -> {
                long f = ((Message) Heap.state(o)).fields[k];
                return Heap.newRef(f == 0 ? Singletons.NONE : f);
            });
        }
        t.getter("_category_name", o -> ((Message) Heap.state(o)).categoryName());
        return t;
    }
}
