package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Weak references (wr_object at 32, wr_callback at 40). The runtime tracks referent → weakrefs; when a referent
 * dies its weakrefs are pointed at None (dead) and their callbacks run.
 */
public final class Weakrefs {
    private static final long WR_OBJECT = 32, WR_CALLBACK = 40;
    private static final HashMap<Long, List<Long>> BY_REFERENT = new HashMap<>();

    private Weakrefs() {}

    private static boolean supports(long ob) {
        PyType t = Types.typeOf(ob);
        return switch (t.kind) {
            case TYPE, SET, FROZENSET, MODULE, CFUNCTION, EXCEPTION -> true;
            case EXTENSION -> Mem.getLong(t.addr + TP_WEAKLISTOFFSET) > 0 || (t.flags() & (1L << 3)) != 0;
            default -> false;
        };
    }

    /** Whether instances of type can be weakly referenced, as in CPython (where it is tp_weaklistoffset != 0). */
    public static boolean typeSupports(long type) {
        for (long t = type; t != 0; t = Mem.getLong(t + TP_BASE)) {
            PyType pt = Types.of(t);
            if (Mem.getLong(t + TP_WEAKLISTOFFSET) != 0 || (pt.flags() & (1L << 3)) != 0) {
                return true;
            }
            if (pt.builtin) {
                return switch (pt.kind) {
                    case TYPE, SET, FROZENSET, MODULE, CFUNCTION -> true;
                    default -> false;
                };
            }
            if (pt.kind == TypeKind.EXCEPTION) {
                // the built-in exceptions have no __weakref__; classes made at run time (heap classes) do
                return !Exceptions.isBuiltinClass(t);
            }
        }
        return false;
    }

    /** Kills ob's weakrefs without running their callbacks (PyUnstable_Object_ClearWeakRefsNoCallbacks). */
    public static void clearWithoutCallbacks(long ob) {
        synchronized (BY_REFERENT) {
            List<Long> refs = BY_REFERENT.remove(ob);
            if (refs != null) {
                for (long wr : refs) {
                    Mem.putLong(wr + WR_OBJECT, Singletons.NONE);
                }
            }
        }
    }

    public static long newRef(long ob, long callback) {
        if (!supports(ob)) {
            throw PyRaise.typeError("cannot create weak reference to '%s' object", Types.name(ob));
        }
        long wr = Heap.alloc(Types.WEAKREF, 88);
        Mem.putLong(wr + WR_OBJECT, ob);
        Mem.putLong(wr + 48, -1);
        if (callback != 0 && callback != Singletons.NONE) {
            Mem.putLong(wr + WR_CALLBACK, Heap.newRef(callback));
        }
        synchronized (BY_REFERENT) {
            BY_REFERENT.computeIfAbsent(ob, k -> new ArrayList<>()).add(wr);
        }
        return wr;
    }

    /** How many weakrefs point at ob (weakref.getweakrefcount). */
    public static int count(long ob) {
        synchronized (BY_REFERENT) {
            List<Long> l = BY_REFERENT.get(ob);
            return l == null ? 0 : l.size();
        }
    }

    public static boolean isWeakref(long o) {
        return Types.isInstance(o, Types.WEAKREF);
    }

    /** New reference to the referent, or 0 when it is dead (PyWeakref_GetRef). */
    public static long get(long wr) {
        synchronized (BY_REFERENT) {
            long ob = Mem.getLong(wr + WR_OBJECT);
            if (ob == 0 || ob == Singletons.NONE || Heap.refcnt(ob) == 0) {
                return 0;
            }
            return Heap.newRef(ob);
        }
    }

    /** Called while a referent dies: kills its weakrefs and runs their callbacks. */
    public static void clear(long ob) {
        List<Long> refs;
        synchronized (BY_REFERENT) {
            refs = BY_REFERENT.remove(ob);
            if (refs == null) {
                return;
            }
            for (long wr : refs) {
                Mem.putLong(wr + WR_OBJECT, Singletons.NONE);
            }
        }
        for (long wr : refs) {
            long cb = Mem.getLong(wr + WR_CALLBACK);
            if (cb != 0) {
                try {
                    Native.decref(Calls.call(cb, new long[] {wr}, 0));
                } catch (RuntimeException e) {
                    Errors.clear();
                }
            }
        }
    }

    public static void dealloc(long wr) {
        synchronized (BY_REFERENT) {
            long ob = Mem.getLong(wr + WR_OBJECT);
            List<Long> l = BY_REFERENT.get(ob);
            if (l != null) {
                l.remove(wr);
                if (l.isEmpty()) {
                    BY_REFERENT.remove(ob);
                }
            }
        }
        Native.xdecref(Mem.getLong(wr + WR_CALLBACK));
    }
}
