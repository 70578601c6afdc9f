package dev.ftcheck.runtime.stdlib;

import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.Dicts;
import dev.ftcheck.runtime.obj.Errors;
import dev.ftcheck.runtime.obj.Exceptions;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Ints;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.Weakrefs;
import dev.ftcheck.runtime.obj.builtins.Args;
import dev.ftcheck.runtime.obj.builtins.BuiltinTable;
import dev.ftcheck.runtime.obj.builtins.NativeSlots;

/**
 * The part of {@code weakref} extensions use: ref (the runtime's weakref type), getweakrefcount and
 * WeakValueDictionary (a dict of key to weakref; an entry whose value died is gone).
 */
final class WeakrefModule {
    private WeakrefModule() {}

    /** Py_mp_ass_subscript, Py_mp_length, Py_mp_subscript, Py_sq_contains. */
    private static final int MP_ASS = 3, MP_LEN = 4, MP_SUB = 5, SQ_CONTAINS = 41;

    private static volatile long wvdType;

    static long create() {
        long m = Modules.create("weakref");
        Modules.setAttr(m, "ref", Types.WEAKREF);
        Modules.setAttr(m, "ReferenceType", Types.WEAKREF);
        BuiltinTable wm = new BuiltinTable();
        wm.method("get", (self, args, kw) -> {
            Args.unpack("get", args, kw, 1, 2);
            long v = lookup(self, args[0]);
            return v != 0 ? v : Heap.newRef(args.length == 2 ? args[1] : Singletons.NONE);
        });
        wm.method("keys", (self, args, kw) -> {
            Args.none("keys", args, kw);
            long list = dev.ftcheck.runtime.obj.Lists.create(0);
            long[] kv = live(self);
            for (int i = 0; i < kv.length; i += 2) {
                dev.ftcheck.runtime.obj.Lists.append(list, kv[i]);
            }
            release(kv);
            return list;
        });
        wvdType = StandInTypes.define("weakref.WeakValueDictionary", wm, WeakrefModule::newWvd, false,
                new int[] {MP_ASS, MP_LEN, MP_SUB, SQ_CONTAINS},
                new long[] {NativeSlots.stub(WeakrefModule.class, "assSlot"),
                    NativeSlots.stub(WeakrefModule.class, "lenSlot"),
                    NativeSlots.stub(WeakrefModule.class, "subSlot"),
                    NativeSlots.stub(WeakrefModule.class, "containsSlot")});
        Modules.setAttr(m, "WeakValueDictionary", wvdType);
        BuiltinTable t = new BuiltinTable();
        t.method("getweakrefcount", (self, args, kw) -> {
            long o = Args.clinic("getweakrefcount", args, kw, 1, "object")[0];
            return Ints.fromLong(Weakrefs.count(o));
        });
        t.installFunctions(m);
        return m;
    }

    /** The key to weakref dict, owned by the instance. */
    private record Wvd(long data) implements StandInTypes.Behaviour, Heap.Owner {
        @Override
        public String repr(long self) {
            return "<WeakValueDictionary at 0x" + Long.toHexString(self) + ">";
        }

        @Override
        public void release() {
            Native.decref(data);
        }
    }

    private static long newWvd(long type, long[] args, long kw) {
        if (args.length > 1) {
            throw PyRaise.typeError("expected at most 1 argument, got %d", args.length);
        }
        long self = StandInTypes.instance(type, new Wvd(Dicts.create("WeakValueDictionary")));
        try {
            for (long src : new long[] {args.length == 1 ? args[0] : 0, kw}) {
                if (src == 0) {
                    continue;
                }
                if (!Dicts.isDict(src)) {
                    throw PyRaise.typeError("WeakValueDictionary takes a dict");
                }
                long[] kv = Dicts.items(src);
                try {
                    for (int i = 0; i < kv.length; i += 2) {
                        put(self, kv[i], kv[i + 1]);
                    }
                } finally {
                    release(kv);
                }
            }
        } catch (RuntimeException e) {
            Native.decref(self);
            throw e;
        }
        return self;
    }

    private static long data(long self) {
        return ((Wvd) Heap.state(self)).data;
    }

    private static void put(long self, long key, long value) {
        long wr = Weakrefs.newRef(value, 0);
        try {
            Dicts.set(data(self), key, wr);
        } finally {
            Native.decref(wr);
        }
    }

    /** New reference to the live value under key, or 0. */
    private static long lookup(long self, long key) {
        long wr = Dicts.getRef(data(self), key);
        if (wr == 0) {
            return 0;
        }
        try {
            return Weakrefs.get(wr);
        } finally {
            Native.decref(wr);
        }
    }

    /** Key, value pairs (new references) of the live entries; dead ones are dropped from the dict. */
    private static long[] live(long self) {
        long d = data(self);
        long[] kv = Dicts.items(d);
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            long v = Weakrefs.get(kv[i + 1]);
            if (v == 0) {
                Native.xdecref(Dicts.pop(d, kv[i]));
            } else {
                out.add(Heap.newRef(kv[i]));
                out.add(v);
            }
        }
        release(kv);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static void release(long[] refs) {
        for (long r : refs) {
            Native.decref(r);
        }
    }

    private static void keyError(long key) {
        Errors.setValue(Exceptions.KeyError, key);
    }

    private static long lenSlot(long self) {
        try {
            long[] kv = live(self);
            release(kv);
            return kv.length / 2;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__len__");
            return -1;
        }
    }

    private static long subSlot(long self, long key) {
        try {
            long v = lookup(self, key);
            if (v == 0) {
                keyError(key);
            }
            return v;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__getitem__");
            return 0;
        }
    }

    private static int assSlot(long self, long key, long value) {
        try {
            if (value != 0) {
                put(self, key, value);
                return 0;
            }
            long old = Dicts.pop(data(self), key);
            if (old == 0) {
                keyError(key);
                return -1;
            }
            Native.decref(old);
            return 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__setitem__");
            return -1;
        }
    }

    private static int containsSlot(long self, long key) {
        try {
            long v = lookup(self, key);
            Native.xdecref(v);
            return v != 0 ? 1 : 0;
        } catch (Throwable t) {
            Errors.fromThrowable(t, "__contains__");
            return -1;
        }
    }
}
