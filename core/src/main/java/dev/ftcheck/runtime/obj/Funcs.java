package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Downcalls;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Python function objects (CPython 3.13t's PyFunctionObject layout), bound and instance methods, and the
 * classmethod / staticmethod wrappers. A function's code is never executed: calling one runs its vectorcall only
 * when an extension installed one with PyFunction_SetVectorcall, and otherwise raises.
 */
public final class Funcs {
    private Funcs() {}

    public static final long FUNC_GLOBALS = 32, FUNC_BUILTINS = 40, FUNC_NAME = 48, FUNC_QUALNAME = 56,
            FUNC_CODE = 64, FUNC_DEFAULTS = 72, FUNC_KWDEFAULTS = 80, FUNC_CLOSURE = 88, FUNC_DOC = 96,
            FUNC_DICT = 104, FUNC_MODULE = 120, FUNC_ANNOTATIONS = 128, FUNC_TYPEPARAMS = 136,
            FUNC_VECTORCALL = 144, FUNC_VERSION = 152, FUNC_SIZE = 160;
    // PyMethodObject, PyInstanceMethodObject, classmethod / staticmethod.
    public static final long IM_FUNC = 32, IM_SELF = 40, METHOD_SIZE = 64, IMETHOD_FUNC = 32, IMETHOD_SIZE = 40,
            WRAPPED_CALLABLE = 32, WRAPPED_DICT = 40, WRAPPER_SIZE = 48;
    private static final int CO_NESTED = 0x10;

    public static boolean isFunction(long o) {
        return o != 0 && Heap.type(o) == Types.FUNCTION;
    }

    public static long check(long o) {
        if (!isFunction(o)) {
            throw PyRaise.badInternalCall();
        }
        return o;
    }

    /** PyFunction_NewWithQualName: name and qualname from the code, doc from its first constant if a str. */
    public static long create(long code, long globals, long qualname) {
        Codes.check(code);
        if (globals == 0 || !Dicts.isDict(globals)) {
            throw PyRaise.badInternalCall();
        }
        long module = Dicts.getRef(globals, Strs.intern("__name__"));
        if (module == 0 && Errors.current() != 0) {
            throw ErrorAlreadySet.INSTANCE;   // CPython's lookup fails while an exception is set
        }
        long builtins = Dicts.getRef(globals, Strs.intern("__builtins__"));
        if (builtins != 0 && Types.kindOf(builtins) == TypeKind.MODULE) {
            long d = Heap.newRef(Modules.dict(builtins));
            Native.decref(builtins);
            builtins = d;
        }
        long consts = Mem.getLong(code + Codes.CO_CONSTS);
        long doc = Tuples.size(consts) >= 1 && Strs.isStr(Tuples.get(consts, 0)) ? Tuples.get(consts, 0)
                : Singletons.NONE;
        long f = Heap.alloc(Types.FUNCTION, FUNC_SIZE);
        Mem.putLong(f + FUNC_GLOBALS, Heap.newRef(globals));
        Mem.putLong(f + FUNC_BUILTINS, builtins);
        Mem.putLong(f + FUNC_NAME, Heap.newRef(Mem.getLong(code + Codes.CO_NAME)));
        Mem.putLong(f + FUNC_QUALNAME, Heap.newRef(qualname != 0 ? qualname : Mem.getLong(code + Codes.CO_QUALNAME)));
        Mem.putLong(f + FUNC_CODE, Heap.newRef(code));
        Mem.putLong(f + FUNC_DOC, Heap.newRef(doc));
        Mem.putLong(f + FUNC_MODULE, module);
        if ((Mem.getInt(code + Codes.CO_FLAGS) & CO_NESTED) == 0) {
            Codes.deferRefcount(f);   // as 3.13t does for functions that are not nested
        }
        notify(EVENT_CREATE, f, 0);
        return f;
    }

    /** A borrowed field, 0 when unset. */
    public static long field(long f, long offset) {
        return Mem.getLong(check(f) + offset);
    }

    /** Replaces a field (reference taken on value), after telling the watchers about the change when watched. */
    public static void replace(long f, long offset, long value, int event) {
        if (event >= 0) {
            notify(event, f, value);
        }
        Mem.putInt(f + FUNC_VERSION, 0);
        long old;
        synchronized (lockFor(f)) {
            old = Mem.getLong(f + offset);
            Mem.putLong(f + offset, value == 0 ? 0 : Heap.newRef(value));
        }
        Native.xdecref(old);
    }

    private static Object lockFor(long f) {
        return LOCKS[(int) ((f >>> 4) & (LOCKS.length - 1))];
    }

    private static final Object[] LOCKS = new Object[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    /** func_annotations as a dict: CPython turns a stored (name, value, ...) tuple into one on first read. */
    public static long annotations(long f) {
        long a = field(f, FUNC_ANNOTATIONS);
        if (a == 0 || !Tuples.isTuple(a)) {
            return a;
        }
        long d = Dicts.create("function annotations");
        for (long i = 0; i + 1 < Tuples.size(a); i += 2) {
            Dicts.set(d, Tuples.get(a, i), Tuples.get(a, i + 1));
        }
        replace(f, FUNC_ANNOTATIONS, d, -1);
        Native.decref(d);
        return d;
    }

    /** Calling a function object: its replaced vectorcall, or an error, since its bytecode cannot run here. */
    public static long call(long f, long[] args, long kwargs) {
        long vc = Mem.getLong(f + FUNC_VECTORCALL);
        if (vc == 0) {
            throw PyRaise.systemError("ftcheck: cannot call function '%s': it is Python bytecode, and ftcheck has "
                    + "no bytecode interpreter", Strs.value(Mem.getLong(f + FUNC_QUALNAME)));
        }
        long[] keys = kwargs == 0 ? new long[0] : Dicts.items(kwargs);
        int nkw = keys.length / 2;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argv = arena.allocate(ValueLayout.JAVA_LONG, Math.max(1, args.length + nkw));
            for (int i = 0; i < args.length; i++) {
                argv.setAtIndex(ValueLayout.JAVA_LONG, i, args[i]);
            }
            long kwnames = 0;
            if (nkw > 0) {
                kwnames = Tuples.create(nkw);
                for (int i = 0; i < nkw; i++) {
                    Tuples.set(kwnames, i, Heap.newRef(keys[2 * i]));
                    argv.setAtIndex(ValueLayout.JAVA_LONG, args.length + i, keys[2 * i + 1]);
                }
            }
            try {
                return Calls.checkResult(Downcalls.call4(vc, f, argv.address(), args.length, kwnames),
                        Strs.value(Mem.getLong(f + FUNC_QUALNAME)) + "()");
            } finally {
                Native.xdecref(kwnames);
                for (long k : keys) {
                    Native.decref(k);
                }
            }
        }
    }

    // ---- watchers ----

    public static final int EVENT_CREATE = 0, EVENT_DESTROY = 1, EVENT_MODIFY_CODE = 2, EVENT_MODIFY_DEFAULTS = 3,
            EVENT_MODIFY_KWDEFAULTS = 4;
    private static final String[] EVENT_NAMES = {"PyFunction_EVENT_CREATE", "PyFunction_EVENT_DESTROY",
        "PyFunction_EVENT_MODIFY_CODE", "PyFunction_EVENT_MODIFY_DEFAULTS", "PyFunction_EVENT_MODIFY_KWDEFAULTS"};
    private static final int MAX_WATCHERS = 8;
    private static final AtomicLongArray WATCHERS = new AtomicLongArray(MAX_WATCHERS);

    public static int addWatcher(long callback) {
        for (int i = 0; i < MAX_WATCHERS; i++) {
            if (WATCHERS.compareAndSet(i, 0, callback)) {
                return i;
            }
        }
        throw new PyRaise(Exceptions.RuntimeError, "no more func watcher IDs available");
    }

    public static void clearWatcher(int id) {
        if (id < 0 || id >= MAX_WATCHERS) {
            throw PyRaise.valueError("invalid func watcher ID %d", id);
        }
        if (WATCHERS.getAndSet(id, 0) == 0) {
            throw PyRaise.valueError("no func watcher set for ID %d", id);
        }
    }

    private static void notify(int event, long f, long newValue) {
        for (int i = 0; i < MAX_WATCHERS; i++) {
            long cb = WATCHERS.get(i);
            if (cb != 0 && Downcalls.int3(cb, event, f, newValue) < 0) {
                Errors.unraisable("Exception ignored in " + EVENT_NAMES[event] + " watcher callback for function "
                        + Strs.value(Mem.getLong(f + FUNC_QUALNAME)) + " at 0x" + Long.toHexString(f));
            }
        }
    }

    // ---- methods and wrappers ----

    public static long newMethod(long func, long self) {
        if (self == 0 || func == 0) {
            throw PyRaise.badInternalCall();
        }
        FieldMembers.ensure();
        long m = Heap.alloc(Types.METHOD, METHOD_SIZE);
        Mem.putLong(m + IM_FUNC, Heap.newRef(func));
        Mem.putLong(m + IM_SELF, Heap.newRef(self));
        return m;
    }

    /** A one-field wrapper (instancemethod, classmethod, staticmethod) around a callable. */
    public static long wrap(long type, long callable, long size) {
        FieldMembers.ensure();
        long w = Heap.alloc(type, size);
        Mem.putLong(w + WRAPPED_CALLABLE, Heap.newRef(callable));
        return w;
    }

    /** The wrapped field of an object that must be of {@code type}; SystemError otherwise. */
    public static long unwrap(long o, long type, long offset) {
        if (o == 0 || Heap.type(o) != type) {
            throw PyRaise.badInternalCall();
        }
        return Mem.getLong(o + offset);
    }

    /** Calls of method, instancemethod and staticmethod objects: the wrapped callable, with self first for methods. */
    public static long callWrapper(long o, TypeKind kind, long[] args, long kwargs) {
        if (kind == TypeKind.BOUND_METHOD) {
            long[] withSelf = new long[args.length + 1];
            withSelf[0] = Mem.getLong(o + IM_SELF);
            System.arraycopy(args, 0, withSelf, 1, args.length);
            return Calls.call(Mem.getLong(o + IM_FUNC), withSelf, kwargs);
        }
        if (kind == TypeKind.CLASSMETHOD) {
            throw PyRaise.typeError("'classmethod' object is not callable");
        }
        return Calls.call(Mem.getLong(o + WRAPPED_CALLABLE), args, kwargs);
    }

    /** What a function, classmethod or staticmethod found on an instance's type gives (new reference), else 0. */
    static long bindOnInstance(long d, long obj) {
        long t = Heap.type(d);
        if (t == Types.FUNCTION) {
            return newMethod(d, obj);
        }
        if (t == Types.CLASSMETHOD) {
            return newMethod(Mem.getLong(d + WRAPPED_CALLABLE), Heap.type(obj));
        }
        if (t == Types.STATICMETHOD) {
            return Heap.newRef(Mem.getLong(d + WRAPPED_CALLABLE));
        }
        if (t == Types.INSTANCEMETHOD) {   // instancemethod.__get__ binds its function like a Python function
            return newMethod(Mem.getLong(d + WRAPPED_CALLABLE), obj);
        }
        return 0;
    }

    static String repr(long f) {
        return "<function " + Strs.value(Mem.getLong(f + FUNC_QUALNAME)) + " at 0x" + Long.toHexString(f) + ">";
    }

    static void dealloc(long o, TypeKind kind) {
        switch (kind) {
            case FUNCTION -> {
                notify(EVENT_DESTROY, o, 0);
                for (long off = FUNC_GLOBALS; off <= FUNC_TYPEPARAMS; off += 8) {
                    if (off != 112) {   // func_weakreflist
                        Native.xdecref(Mem.getLong(o + off));
                    }
                }
                Weakrefs.clear(o);
            }
            case BOUND_METHOD -> {
                Native.xdecref(Mem.getLong(o + IM_FUNC));
                Native.xdecref(Mem.getLong(o + IM_SELF));
            }
            default -> {
                Native.xdecref(Mem.getLong(o + WRAPPED_CALLABLE));
                if (kind != TypeKind.INSTANCEMETHOD) {
                    Native.xdecref(Mem.getLong(o + WRAPPED_DICT));
                }
            }
        }
    }
}
