package dev.ftcheck.runtime.capi;

import dev.ftcheck.runtime.checked.BorrowedResults;
import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.Singletons;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.Weakrefs;

/** weakrefobject.h: weak references and clearing an object's weak references. */
public final class WeakrefApi {
    private WeakrefApi() {}

    @CApi
    public static long PyWeakref_NewRef(long ob, long callback) {
        return Weakrefs.newRef(ob, callback);
    }

    /** Proxies are weak references that yield their referent; the runtime gives them the reference type. */
    @CApi
    public static long PyWeakref_NewProxy(long ob, long callback) {
        return Weakrefs.newRef(ob, callback);
    }

    @CApi
    public static int PyWeakref_GetRef(long ref, long pobj) {
        if (ref == 0 || !Weakrefs.isWeakref(ref)) {
            Mem.putLong(pobj, 0);
            throw PyRaise.typeError("expected a weakref, got %s", ref == 0 ? "NULL" : Types.name(ref));
        }
        long o = Weakrefs.get(ref);
        Mem.putLong(pobj, o);
        return o != 0 ? 1 : 0;
    }

    @CApi
    public static long PyWeakref_GetObject(long ref) {
        if (ref == 0 || !Weakrefs.isWeakref(ref)) {
            throw PyRaise.badInternalCall();
        }
        long o = Weakrefs.get(ref);
        if (o == 0) {
            return Singletons.NONE;
        }
        dev.ftcheck.runtime.nat.Native.decref(o); // borrowed, as the hazardous original returns it
        return BorrowedResults.noted(o, BorrowedResults.Api.WEAKREF_GET_OBJECT);
    }

    @CApi
    public static void PyObject_ClearWeakRefs(long o) {
        Weakrefs.clear(o);
    }

    @CApi
    public static void PyUnstable_Object_ClearWeakRefsNoCallbacks(long o) {
        if (Weakrefs.typeSupports(Heap.type(o))) {
            Weakrefs.clearWithoutCallbacks(o);
        }
    }

    /** 3.14: 1 if the referent is gone, 0 if it is alive; TypeError for anything but a weak reference. */
    @CApi
    public static int PyWeakref_IsDead(long ref) {
        if (ref == 0) {
            throw PyRaise.badInternalCall();
        }
        if (!Weakrefs.isWeakref(ref)) {
            throw PyRaise.typeError("expected a weakref, got %s", Types.typeOf(ref).qualifiedName());
        }
        long o = Weakrefs.get(ref);
        if (o == 0) {
            return 1;
        }
        dev.ftcheck.runtime.nat.Native.decref(o);
        return 0;
    }
}
