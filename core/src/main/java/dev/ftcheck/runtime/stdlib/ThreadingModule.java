package dev.ftcheck.runtime.stdlib;

import static dev.ftcheck.runtime.obj.Layout.TP_GETATTRO;
import static dev.ftcheck.runtime.obj.Layout.TP_SETATTRO;

import dev.ftcheck.runtime.capi.AbstractApi;
import dev.ftcheck.runtime.capi.ObjectApi;
import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Attributes;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Floats;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import dev.ftcheck.runtime.obj.builtins.NativeSlots;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The part of {@code threading} extensions use: get_ident, Lock, RLock, local, current_thread and main_thread
 * (the thread that first imported the module, as in CPython), with CPython 3.13's results and messages.
 */
final class ThreadingModule {
    private ThreadingModule() {}

    private static volatile MethodHandle identHandle;
    private static volatile long mainThreadType, dummyThreadType, mainThread;
    private static long mainIdent;
    private static final Map<Thread, Long> DUMMIES = new WeakHashMap<>();
    private static final AtomicInteger DUMMY_COUNT = new AtomicInteger();

    static long create() {
        long m = Modules.create("threading");
        BuiltinTable t = new BuiltinTable();
        t.method("get_ident", (self, args, kw) -> {
            noArgs("get_ident", args, kw);
            return Ints.fromUnsigned(ident());
        });
        t.method("current_thread", (self, args, kw) -> {
            noArgs("current_thread", args, kw);
            return currentThread();
        });
        t.method("main_thread", (self, args, kw) -> {
            noArgs("main_thread", args, kw);
            return Heap.newRef(mainThread);
        });
        t.installFunctions(m);
        Modules.setAttr(m, "Lock", StandInTypes.define("_thread.lock", lockMethods(false), (type, args, kw) -> {
            Args.unpack("lock", args, kw, 0, 0);
            return StandInTypes.instance(type, new Lock());
        }));
        Modules.setAttr(m, "RLock", StandInTypes.define("_thread.RLock", lockMethods(true),
                (type, args, kw) -> StandInTypes.instance(type, new Lock())));
        Modules.setAttr(m, "local", localType());
        BuiltinTable tm = new BuiltinTable();
        tm.getter("name", self -> Strs.fromJava(((ThreadInfo) Heap.state(self)).name));
        tm.getter("ident", self -> Ints.fromUnsigned(((ThreadInfo) Heap.state(self)).ident));
        tm.getter("daemon", self -> Singletons.bool(((ThreadInfo) Heap.state(self)).daemon));
        tm.method("is_alive", (self, args, kw) -> {
            Args.none("is_alive", args, kw);
            return Singletons.bool(true);
        });
        BuiltinTable.Impl noNew = (type, args, kw) -> {
            throw PyRaise.typeError("cannot create '%s' instances", Types.of(type).fullName());
        };
        mainThreadType = StandInTypes.define("threading._MainThread", tm, noNew);
        dummyThreadType = StandInTypes.define("threading._DummyThread", tm, noNew);
        mainIdent = ident();
        mainThread = StandInTypes.instance(mainThreadType, new ThreadInfo("MainThread", "_MainThread", mainIdent, false));
        Heap.immortalize(mainThread);
        return m;
    }

    private static void noArgs(String name, long[] args, long kw) {
        if (args.length > 0 || kw != 0) {
            throw PyRaise.typeError("_thread.%s() takes no arguments (%d given)", name, args.length);
        }
    }

    /** PyThread_get_thread_ident of the calling thread (an unsigned long, kept in a long). */
    static long ident() {
        MethodHandle h = identHandle;
        if (h == null) {
            h = Bridge.get().fn("PyThread_get_thread_ident", FunctionDescriptor.of(ValueLayout.JAVA_LONG), false);
            identHandle = h;
        }
        try {
            return (long) h.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private record ThreadInfo(String name, String kind, long ident, boolean daemon) implements StandInTypes.Behaviour {
        @Override
        public String repr(long self) {
            return "<" + kind + "(" + name + ", started " + (daemon ? "daemon " : "") + Long.toUnsignedString(ident)
                    + ")>";
        }
    }

    private static long currentThread() {
        if (ident() == mainIdent) {
            return Heap.newRef(mainThread);
        }
        synchronized (DUMMIES) {
            Long t = DUMMIES.get(Thread.currentThread());
            if (t == null) {
                t = StandInTypes.instance(dummyThreadType,
                        new ThreadInfo("Dummy-" + DUMMY_COUNT.incrementAndGet(), "_DummyThread", ident(), true));
                DUMMIES.put(Thread.currentThread(), t);
            }
            return Heap.newRef(t);
        }
    }

    /** Lock and RLock: an RLock has an owner and a count, any thread may release a Lock. */
    private static final class Lock implements StandInTypes.Behaviour {
        Thread owner;
        long count;

        synchronized boolean acquire(boolean reentrant, long timeoutNanos) throws InterruptedException {
            Thread me = Thread.currentThread();
            if (reentrant && count > 0 && owner == me) {
                count++;
                return true;
            }
            long deadline = System.nanoTime() + timeoutNanos;
            while (count > 0) {
                if (timeoutNanos < 0) {
                    wait();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                }
            }
            owner = me;
            count = 1;
            return true;
        }

        synchronized void release(boolean reentrant) {
            if (reentrant) {
                if (count == 0 || owner != Thread.currentThread()) {
                    throw new PyRaise(Exceptions.RuntimeError, "cannot release un-acquired lock");
                }
            } else if (count == 0) {
                throw new PyRaise(Exceptions.RuntimeError, "release unlocked lock");
            }
            if (--count == 0) {
                owner = null;
                notifyAll();
            }
        }

        synchronized boolean owned() {
            return count > 0 && owner == Thread.currentThread();
        }

        @Override
        public String repr(long self) {
            synchronized (this) {
                return "<" + (count > 0 ? "locked" : "unlocked") + " " + Types.typeOf(self).fullName() + " object at 0x"
                        + Long.toHexString(self) + ">";
            }
        }
    }

    /** acquire(blocking=True, timeout=-1)'s timeout in nanoseconds, -1 for none. */
    private static long timeout(long[] a) {
        boolean blocking = a[0] == 0 || ObjectApi.PyObject_IsTrue(a[0]) != 0;
        double secs = -1;
        if (a[1] != 0) {
            if (Floats.isFloat(a[1])) {
                secs = Floats.value(a[1]);
            } else {
                long i = AbstractApi.PyNumber_Index(a[1]);
                BigInteger v = Ints.value(i);
                Native.decref(i);
                if (v.bitLength() > 62) {
                    throw PyRaise.overflow("timeout value is too large");
                }
                secs = v.doubleValue();
            }
        }
        if (!blocking && secs != -1) {
            throw PyRaise.valueError("can't specify a timeout for a non-blocking call");
        }
        if (secs < 0 && secs != -1) {
            throw PyRaise.valueError("timeout value must be a non-negative number");
        }
        if (!blocking) {
            return 0;
        }
        if (secs == -1) {
            return -1;
        }
        if (secs * 1e9 > Long.MAX_VALUE / 2) {
            throw PyRaise.overflow("timeout value is too large");
        }
        return (long) Math.ceil(secs * 1e9);
    }

    private static BuiltinTable lockMethods(boolean reentrant) {
        BuiltinTable t = new BuiltinTable();
        BuiltinTable.Impl acquire = (self, args, kw) -> {
            long nanos = timeout(Args.clinic("acquire", args, kw, 0, "blocking", "timeout"));
            Lock l = Heap.state(self);
            try {
                return Singletons.bool(l.acquire(reentrant, nanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PyRaise(Exceptions.RuntimeError, "lock acquire interrupted");
            }
        };
        BuiltinTable.Impl release = (self, args, kw) -> {
            Args.none("release", args, kw);
            ((Lock) Heap.state(self)).release(reentrant);
            return Heap.newRef(Singletons.NONE);
        };
        t.method("acquire", acquire).method("__enter__", acquire);
        t.method("release", release);
        t.method("__exit__", (self, args, kw) -> {
            ((Lock) Heap.state(self)).release(reentrant);
            return Heap.newRef(Singletons.NONE);
        });
        if (reentrant) {
            t.method("_is_owned", (self, args, kw) -> {
                Args.none("_is_owned", args, kw);
                return Singletons.bool(((Lock) Heap.state(self)).owned());
            });
            t.method("_recursion_count", (self, args, kw) -> {
                Args.none("_recursion_count", args, kw);
                Lock l = Heap.state(self);
                synchronized (l) {
                    return Ints.fromLong(l.owned() ? l.count : 0);
                }
            });
        } else {
            t.method("acquire_lock", acquire).method("release_lock", release);
            BuiltinTable.Impl locked = (self, args, kw) -> {
                Args.none("locked", args, kw);
                Lock l = Heap.state(self);
                synchronized (l) {
                    return Singletons.bool(l.count > 0);
                }
            };
            t.method("locked", locked).method("locked_lock", locked);
        }
        return t;
    }

    /** threading.local's attributes: one map per thread, each value a reference the local owns. */
    private static final class Local implements StandInTypes.Behaviour, Heap.Owner {
        final Map<Thread, Map<String, Long>> perThread = new WeakHashMap<>();

        synchronized Map<String, Long> mine() {
            return perThread.computeIfAbsent(Thread.currentThread(), k -> new HashMap<>());
        }

        @Override
        public synchronized void release() {
            for (Map<String, Long> m : perThread.values()) {
                m.values().forEach(Native::decref);
            }
            perThread.clear();
        }
    }

    private static long localType() {
        BuiltinTable t = new BuiltinTable();
        t.slot("__getattribute__", (self, args, kw) -> getattr(self, Args.one("__getattribute__", args, kw)));
        t.slot("__setattr__", (self, args, kw) -> {
            Args.unpack("__setattr__", args, kw, 2, 2);
            setattr(self, args[0], args[1]);
            return Heap.newRef(Singletons.NONE);
        });
        t.slot("__delattr__", (self, args, kw) -> {
            setattr(self, Args.one("__delattr__", args, kw), 0);
            return Heap.newRef(Singletons.NONE);
        });
        long type = StandInTypes.define("_thread._local", t, (tp, args, kw) -> {
            if (args.length > 0 || kw != 0) {
                throw PyRaise.typeError("Initialization arguments are not supported");
            }
            return StandInTypes.instance(tp, new Local());
        });
        Mem.putLong(type + TP_GETATTRO, NativeSlots.stub(ThreadingModule.class, "getattroSlot"));
        Mem.putLong(type + TP_SETATTRO, NativeSlots.stub(ThreadingModule.class, "setattroSlot"));
        return type;
    }

    private static long getattr(long self, long name) {
        String n = Strs.check(name, "attribute name");
        if (Heap.state(self) instanceof Local l) {
            synchronized (l) {
                Long v = l.mine().get(n);
                if (v != null) {
                    return Heap.newRef(v);
                }
            }
        }
        return Attributes.generic(self, n);
    }

    private static void setattr(long self, long name, long value) {
        String n = Strs.check(name, "attribute name");
        if (!(Heap.state(self) instanceof Local l)) {
            Attributes.genericSet(self, n, value);
            return;
        }
        if (n.equals("__dict__")) {
            throw new PyRaise(Exceptions.AttributeError,
                    "'" + Types.name(self) + "' object attribute '__dict__' is read-only");
        }
        Long old;
        synchronized (l) {
            old = value != 0 ? l.mine().put(n, Heap.newRef(value)) : l.mine().remove(n);
        }
        if (old != null) {
            Native.decref(old);
        } else if (value == 0) {
            throw new PyRaise(Exceptions.AttributeError,
                    "'" + Types.name(self) + "' object has no attribute '" + n + "'");
        }
    }

    private static long getattroSlot(long self, long name) {
        try {
            return getattr(self, name);
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__getattribute__");
            return 0;
        }
    }

    private static int setattroSlot(long self, long name, long value) {
        try {
            setattr(self, name, value);
            return 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__setattr__");
            return -1;
        }
    }
}
