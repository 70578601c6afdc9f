package dev.ftcheck.runtime.stdlib;

import static dev.ftcheck.runtime.obj.Layout.MP_LENGTH;
import static dev.ftcheck.runtime.obj.Layout.MP_SUBSCRIPT;
import static dev.ftcheck.runtime.obj.Layout.SQ_ITEM;
import static dev.ftcheck.runtime.obj.Layout.SQ_LENGTH;
import static dev.ftcheck.runtime.obj.Layout.TPF_BASETYPE;
import static dev.ftcheck.runtime.obj.Layout.TPF_IMMUTABLETYPE;
import static dev.ftcheck.runtime.obj.Layout.TP_AS_ASYNC;
import static dev.ftcheck.runtime.obj.Layout.TP_AS_BUFFER;
import static dev.ftcheck.runtime.obj.Layout.TP_AS_MAPPING;
import static dev.ftcheck.runtime.obj.Layout.TP_AS_SEQUENCE;
import static dev.ftcheck.runtime.obj.Layout.TP_BASE;
import static dev.ftcheck.runtime.obj.Layout.TP_BASES;
import static dev.ftcheck.runtime.obj.Layout.TP_CALL;
import static dev.ftcheck.runtime.obj.Layout.TP_FLAGS;
import static dev.ftcheck.runtime.obj.Layout.TP_HASH;
import static dev.ftcheck.runtime.obj.Layout.TP_ITER;
import static dev.ftcheck.runtime.obj.Layout.TP_ITERNEXT;
import static dev.ftcheck.runtime.obj.Layout.TP_MRO;
import static dev.ftcheck.runtime.obj.Layout.TP_NEW;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Calls;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.PyType;
import dev.ftcheck.runtime.obj.Sets;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Tuples;
import dev.ftcheck.runtime.obj.TypeReady;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code abc} module: the metaclass ABCMeta (register, __instancecheck__, __subclasscheck__ with
 * __subclasshook__, the registry and real subclassing, as CPython's _abc decides them), the class ABC, and
 * abstractmethod and get_cache_token. The abstract classes themselves (collections.abc's, numbers') are made in
 * Java by {@link #newAbc}: ABCMeta(name, bases, namespace) from C is not supported, as there is no interpreter to
 * run a class body. There are no caches: every check is answered afresh, so nothing can go stale when a class is
 * freed and its address reused.
 */
final class AbcModule {
    /** Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING, which registering with Sequence or Mapping gives a class. */
    static final long TPF_SEQUENCE = dev.ftcheck.runtime.obj.Layout.TPF_SEQUENCE;
    static final long TPF_MAPPING = dev.ftcheck.runtime.obj.Layout.TPF_MAPPING;
    /** Py_TPFLAGS_IS_ABSTRACT. */
    static final long TPF_IS_ABSTRACT = 1L << 20;

    /** What the runtime keeps of each abstract class: its registered virtual subclasses and its ABC subclasses. */
    private static final class AbcState {
        final List<Long> registry = new CopyOnWriteArrayList<>();
        final List<Long> subclasses = new CopyOnWriteArrayList<>();
    }

    private static final Map<Long, AbcState> STATES = new ConcurrentHashMap<>();
    private static final AtomicLong TOKEN = new AtomicLong();
    private static volatile long meta, abc;

    private AbcModule() {}

    static long create() {
        long m = Modules.create("abc");
        Modules.setAttr(m, "ABCMeta", meta());
        Modules.setAttr(m, "ABC", abcClass());
        BuiltinTable t = new BuiltinTable();
        t.method("abstractmethod", (self, args, kw) -> {
            long f = Args.one("abstractmethod", args, kw);
            dev.ftcheck.runtime.capi.ObjectApi.PyObject_SetAttr(f, Strs.intern("__isabstractmethod__"),
                    Singletons.TRUE);
            return Heap.newRef(f);
        });
        t.method("get_cache_token", (self, args, kw) -> {
            Args.none("get_cache_token", args, kw);
            return Ints.fromLong(TOKEN.get());
        });
        t.installFunctions(m);
        return m;
    }

    /** abc.ABCMeta (borrowed, permanent). */
    static synchronized long meta() {
        if (meta == 0) {
            Arena arena = Arena.global();
            MemorySegment spec = arena.allocate(32, 8);
            spec.set(ADDRESS, 0, arena.allocateFrom("abc.ABCMeta"));
            spec.set(JAVA_INT, 16, (int) TPF_BASETYPE);
            spec.set(ADDRESS, 24, arena.allocate(16, 8));
            long type = TypeReady.fromSpec(0, 0, spec.address(), Types.TYPE);
            Heap.immortalize(type);
            Mem.putLong(type + TP_NEW, 0);
            BuiltinTable.constructor(type, (cls, args, kw) -> {
                // ABCMeta.__new__(mcls, name, bases, namespace, /, **kwargs) is a Python function in CPython
                String[] missing = {"'name', 'bases', and 'namespace'", "'bases' and 'namespace'", "'namespace'"};
                if (args.length < 3) {
                    throw PyRaise.typeError("ABCMeta.__new__() missing %d required positional argument%s: %s",
                            3 - args.length, args.length == 2 ? "" : "s", missing[args.length]);
                }
                if (args.length > 3) {
                    throw PyRaise.typeError("ABCMeta.__new__() takes 4 positional arguments but %d were given",
                            args.length + 1);
                }
                throw new PyRaise(Exceptions.byName("NotImplementedError"), "ftcheck: ABCMeta(name, bases, "
                        + "namespace) is not implemented: there is no interpreter to make a class from a namespace");
            });
            metaMethods().install(type);
            meta = type;
        }
        return meta;
    }

    /** abc.ABC (borrowed, permanent). */
    static synchronized long abcClass() {
        if (abc == 0) {
            abc = newAbc("abc", "ABC", new long[0], new String[0], null, 0);
        }
        return abc;
    }

    private static BuiltinTable metaMethods() {
        BuiltinTable t = new BuiltinTable();
        t.method("register", (cls, args, kw) -> register(cls, Args.one("register", args, kw)));
        t.method("__instancecheck__", (cls, args, kw) ->
                Singletons.bool(instanceCheck(cls, Args.one("__instancecheck__", args, kw))));
        t.method("__subclasscheck__", (cls, args, kw) ->
                Singletons.bool(subclassCheck(cls, Args.one("__subclasscheck__", args, kw))));
        t.method("_abc_registry_clear", (cls, args, kw) -> {
            Args.none("_abc_registry_clear", args, kw);
            state(cls).registry.clear();
            return Singletons.NONE;
        });
        t.method("_abc_caches_clear", (cls, args, kw) -> {
            Args.none("_abc_caches_clear", args, kw);
            return Singletons.NONE; // no caches
        });
        return t;
    }

    private static AbcState state(long cls) {
        AbcState s = STATES.get(cls);
        if (s == null) {
            throw PyRaise.typeError("ftcheck: %s is not an abstract class made by the runtime", Types.of(cls).name());
        }
        return s;
    }

    /**
     * A new abstract class module.name with metaclass ABCMeta, its MRO the C3 linearisation of bases; abstracts are
     * its __abstractmethods__; hookMethods, when given, the methods its __subclasshook__ looks for (answering for
     * the class itself only, NotImplemented for its subclasses, as the hooks of collections.abc do). Permanent.
     */
    static long newAbc(String module, String name, long[] bases, String[] abstracts, String[] hookMethods,
            long extraFlags) {
        Arena arena = Arena.global();
        MemorySegment spec = arena.allocate(32, 8);
        spec.set(ADDRESS, 0, arena.allocateFrom(name));
        spec.set(JAVA_INT, 16, (int) TPF_BASETYPE);
        spec.set(ADDRESS, 24, arena.allocate(16, 8));
        long base = bases.length > 0 ? bases[0] : Types.OBJECT;
        long type = TypeReady.fromSpec(meta(), 0, spec.address(), base);
        Heap.immortalize(type);
        long flags = Mem.getLong(type + TP_FLAGS) | extraFlags | (Mem.getLong(base + TP_FLAGS)
                & (TPF_SEQUENCE | TPF_MAPPING));
        if (abstracts.length > 0) {
            flags |= TPF_IS_ABSTRACT;
        }
        Mem.putLong(type + TP_FLAGS, flags);
        long[] direct = bases.length > 0 ? bases : new long[] {Types.OBJECT};
        long basesTuple = tupleOf(direct);
        Heap.immortalizeAllocated(basesTuple);
        Mem.putLong(type + TP_BASES, basesTuple);
        long mroTuple = tupleOf(linearise(type, direct));
        Heap.immortalizeAllocated(mroTuple);
        Mem.putLong(type + TP_MRO, mroTuple);
        PyType pt = Types.of(type);
        pt.put("__module__", Strs.fromJava(module));
        pt.put("__slots__", Tuples.create(0));
        long abstractSet = Sets.create(Types.FROZENSET);
        for (String a : abstracts) {
            long s = Strs.fromJava(a);
            Sets.add(abstractSet, s);
            Native.decref(s);
        }
        pt.put("__abstractmethods__", abstractSet);
        if (hookMethods != null) {
            BuiltinTable hook = new BuiltinTable();
            hook.classMethod("__subclasshook__", (cls, args, kw) -> {
                long c = Args.one("__subclasshook__", args, kw);
                return cls == type ? checkMethods(c, hookMethods) : Singletons.NOTIMPLEMENTED;
            });
            hook.install(type);
        }
        if (abstracts.length > 0) {
            Mem.putLong(type + TP_NEW, 0);
            String[] sorted = abstracts.clone();
            Arrays.sort(sorted);
            String message = "Can't instantiate abstract class " + name + " without an implementation for abstract "
                    + (sorted.length == 1 ? "method '" : "methods '") + String.join("', '", sorted) + "'";
            BuiltinTable.constructor(type, (cls, args, kw) -> {
                throw PyRaise.typeError("%s", message);
            });
        }
        STATES.put(type, new AbcState());
        for (long b : direct) {
            AbcState bs = STATES.get(b);
            if (bs != null) {
                bs.subclasses.add(type);
            }
        }
        return type;
    }

    /** C3: the class, then the merge of its bases' MROs and the list of bases. */
    private static long[] linearise(long type, long[] bases) {
        List<List<Long>> seqs = new ArrayList<>();
        for (long b : bases) {
            List<Long> l = new ArrayList<>();
            for (long t : Types.mro(b)) {
                l.add(t);
            }
            seqs.add(l);
        }
        List<Long> direct = new ArrayList<>();
        for (long b : bases) {
            direct.add(b);
        }
        seqs.add(direct);
        List<Long> out = new ArrayList<>(List.of(type));
        while (seqs.stream().anyMatch(s -> !s.isEmpty())) {
            Long head = null;
            for (List<Long> s : seqs) {
                if (s.isEmpty()) {
                    continue;
                }
                Long candidate = s.get(0);
                if (seqs.stream().noneMatch(o -> o.indexOf(candidate) > 0)) {
                    head = candidate;
                    break;
                }
            }
            if (head == null) {
                throw PyRaise.typeError("Cannot create a consistent method resolution order (MRO)");
            }
            out.add(head);
            for (List<Long> s : seqs) {
                s.remove(head);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static long tupleOf(long[] items) {
        long t = Tuples.create(items.length);
        for (int i = 0; i < items.length; i++) {
            Tuples.set(t, i, Heap.newRef(items[i]));
        }
        return t;
    }

    /** ABCMeta.register: the class, made a virtual subclass unless it already is one. */
    static long register(long cls, long subclass) {
        if (!Types.isType(subclass)) {
            throw PyRaise.typeError("Can only register classes");
        }
        if (AbstractApi.PyObject_IsSubclass(subclass, cls) != 0) {
            return Heap.newRef(subclass);
        }
        if (AbstractApi.PyObject_IsSubclass(cls, subclass) != 0) {
            throw new PyRaise(Exceptions.RuntimeError, "Refusing to create an inheritance cycle");
        }
        state(cls).registry.add(Heap.newRef(subclass));
        TOKEN.incrementAndGet();
        long collection = Mem.getLong(cls + TP_FLAGS) & (TPF_SEQUENCE | TPF_MAPPING);
        if (collection != 0) {
            setCollectionFlag(subclass, collection);
        }
        return Heap.newRef(subclass);
    }

    /** What CPython does on registering with Sequence or Mapping: the flag on the class, unless it is immutable. */
    private static void setCollectionFlag(long type, long flag) {
        long flags = Mem.getLong(type + TP_FLAGS);
        if ((flags & TPF_IMMUTABLETYPE) != 0 || (flags & (TPF_SEQUENCE | TPF_MAPPING)) == flag) {
            return;
        }
        Mem.putLong(type + TP_FLAGS, (flags & ~(TPF_SEQUENCE | TPF_MAPPING)) | flag);
        AbcState s = STATES.get(type);
        if (s != null) {
            for (long sub : s.subclasses) {
                setCollectionFlag(sub, flag);
            }
        }
    }

    static boolean instanceCheck(long cls, long instance) {
        long subtype = Heap.type(instance);
        if (subclassCheck(cls, subtype)) {
            return true;
        }
        long klass = Lookups.optionalAttr(instance, "__class__");
        try {
            return klass != 0 && klass != subtype && Types.isType(klass) && subclassCheck(cls, klass);
        } finally {
            Native.xdecref(klass);
        }
    }

    static boolean subclassCheck(long cls, long subclass) {
        if (!Types.isType(subclass)) {
            throw PyRaise.typeError("issubclass() arg 1 must be a class");
        }
        AbcState s = state(cls);
        long ok = Calls.callMethod(cls, "__subclasshook__", new long[] {subclass}, 0);
        try {
            if (ok == Singletons.TRUE) {
                return true;
            }
            if (ok == Singletons.FALSE) {
                return false;
            }
            if (ok != Singletons.NOTIMPLEMENTED) {
                throw new PyRaise(Exceptions.byName("AssertionError"),
                        "__subclasshook__ must return either False, True, or NotImplemented");
            }
        } finally {
            Native.decref(ok);
        }
        for (long t : Types.mro(subclass)) {
            if (t == cls) {
                return true;
            }
        }
        for (long r : s.registry) {
            if (AbstractApi.PyObject_IsSubclass(subclass, r) != 0) {
                return true;
            }
        }
        for (long sub : s.subclasses) {
            if (AbstractApi.PyObject_IsSubclass(subclass, sub) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * collections.abc's _check_methods: True when each name is found along C's MRO, NotImplemented when one is
     * missing or None there. A class's dict answers first; a C type that fills the slot itself (rather than
     * inheriting it) counts as defining the name, as CPython's slot wrappers would show it.
     */
    static long checkMethods(long c, String[] names) {
        long[] mro = Types.mro(c);
        for (String name : names) {
            int found = 0; // 1 defined, -1 None
            for (long b : mro) {
                PyType pt = Types.of(b);
                Long v = pt.dict.get(name);
                if (v != null) {
                    found = v == Singletons.NONE ? -1 : 1;
                    break;
                }
                if (!pt.builtin) {
                    long slot = slot(b, name);
                    long base = Mem.getLong(b + TP_BASE);
                    if (slot != 0 && (base == 0 || slot(base, name) != slot)) {
                        found = name.equals("__hash__") && slot == hashNotImplemented() ? -1 : 1;
                        break;
                    }
                }
            }
            if (found != 1) {
                return Singletons.NOTIMPLEMENTED;
            }
        }
        return Singletons.TRUE;
    }

    private static long hashNotImplemented() {
        return Bridge.get().symbol("PyObject_HashNotImplemented");
    }

    /** The C slot behind a special method name, or 0 (also for names no slot serves). */
    private static long slot(long type, String name) {
        return switch (name) {
            case "__hash__" -> Mem.getLong(type + TP_HASH);
            case "__iter__" -> Mem.getLong(type + TP_ITER);
            case "__next__" -> Mem.getLong(type + TP_ITERNEXT);
            case "__call__" -> Mem.getLong(type + TP_CALL);
            case "__len__" -> {
                long sq = sub(type, TP_AS_SEQUENCE, SQ_LENGTH);
                yield sq != 0 ? sq : sub(type, TP_AS_MAPPING, MP_LENGTH);
            }
            case "__getitem__" -> {
                long mp = sub(type, TP_AS_MAPPING, MP_SUBSCRIPT);
                yield mp != 0 ? mp : sub(type, TP_AS_SEQUENCE, SQ_ITEM);
            }
            case "__contains__" -> sub(type, TP_AS_SEQUENCE, 56);
            case "__await__" -> sub(type, TP_AS_ASYNC, 0);
            case "__aiter__" -> sub(type, TP_AS_ASYNC, 8);
            case "__anext__" -> sub(type, TP_AS_ASYNC, 16);
            case "__buffer__" -> sub(type, TP_AS_BUFFER, 0);
            default -> 0;
        };
    }

    private static long sub(long type, long table, long offset) {
        long t = Mem.getLong(type + table);
        return t == 0 ? 0 : Mem.getLong(t + offset);
    }

    /** The registered type named tp_name (a built-in the runtime has), or 0. */
    static long builtinType(String fullName) {
        for (PyType t : Types.all()) {
            if (t.fullName().equals(fullName) && (t.flags() & dev.ftcheck.runtime.obj.Layout.TPF_HEAPTYPE) == 0) {
                return t.addr;
            }
        }
        return 0;
    }

    /** cls.register(each type the runtime has of these names), as the stdlib registers built-in types. */
    static void registerBuiltins(long cls, String... names) {
        for (String n : names) {
            long t = builtinType(n);
            if (t != 0) {
                Native.decref(register(cls, t));
            }
        }
    }
}
