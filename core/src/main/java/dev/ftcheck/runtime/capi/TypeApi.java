package dev.ftcheck.runtime.capi;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Mem;
import dev.ftcheck.runtime.nat.Native;
import dev.ftcheck.runtime.obj.CFunctions;
import dev.ftcheck.runtime.obj.Descriptors;
import dev.ftcheck.runtime.obj.Heap;
import dev.ftcheck.runtime.obj.Modules;
import dev.ftcheck.runtime.obj.PyRaise;
import dev.ftcheck.runtime.obj.PyType;
import dev.ftcheck.runtime.obj.Strs;
import dev.ftcheck.runtime.obj.TypeReady;
import dev.ftcheck.runtime.obj.Types;
import dev.ftcheck.runtime.obj.Weakrefs;

/** Types (static and heap), object allocation for extension types, GC API, functions and descriptors. */
public final class TypeApi {
    private TypeApi() {}

    static long type(long t) {
        if (t == 0 || !Types.isType(t)) {
            throw PyRaise.badInternalCall();
        }
        return t;
    }

    @CApi
    public static int PyType_Ready(long type) {
        TypeReady.ready(type);
        return 0;
    }


    @CApi
    public static long PyType_GetFlags(long type) {
        return Mem.getLong(type + TP_FLAGS);
    }

    @CApi
    public static void PyType_Modified(long type) {
        // No method cache to invalidate: attribute lookups always read the type dict.
    }

    @CApi
    public static long PyType_GenericAlloc(long type, long nitems) {
        long basic = Mem.getLong(type + TP_BASICSIZE);
        long item = Mem.getLong(type + TP_ITEMSIZE);
        long size = (basic + (nitems + 1) * item + 7) & ~7L;
        long p = Heap.alloc(type, size);
        if (item != 0) {
            Mem.putLong(p + OB_SIZE, nitems);
        }
        return p;
    }

    @CApi
    public static long PyType_GenericNew(long type, long args, long kwds) {
        long alloc = Mem.getLong(type + TP_ALLOC);
        if (alloc == 0 || alloc == BridgeAddresses.genericAlloc()) {
            return PyType_GenericAlloc(type, 0);
        }
        return dev.ftcheck.runtime.obj.Calls.checkResult(
                dev.ftcheck.runtime.nat.Downcalls.call2(alloc, type, 0), "tp_alloc");
    }

    @CApi
    public static long PyObject_Init(long op, long type) {
        if (op == 0) {
            throw new PyRaise(dev.ftcheck.runtime.obj.Exceptions.MemoryError, null);
        }
        Native.markObject(op);
        Heap.initHeader(op, type);
        return op;
    }

    @CApi
    public static long PyObject_InitVar(long op, long type, long size) {
        PyObject_Init(op, type);
        Mem.putLong(op + OB_SIZE, size);
        return op;
    }

    @CApi
    public static long _PyObject_New(long type) {
        return Heap.alloc(type, Mem.getLong(type + TP_BASICSIZE));
    }

    @CApi
    public static long _PyObject_NewVar(long type, long nitems) {
        return Heap.allocVar(type, Mem.getLong(type + TP_BASICSIZE), Mem.getLong(type + TP_ITEMSIZE), nitems);
    }

    @CApi
    public static long _PyObject_GC_New(long type) {
        return _PyObject_New(type);
    }

    @CApi
    public static long _PyObject_GC_NewVar(long type, long nitems) {
        return _PyObject_NewVar(type, nitems);
    }

    @CApi
    public static void PyObject_GC_Track(long op) {
        // Reference cycles are not collected (no cyclic GC in the runtime); tracking has no effect.
    }

    @CApi
    public static void PyObject_GC_UnTrack(long op) {
        // See PyObject_GC_Track.
    }

    @CApi
    public static void PyObject_GC_Del(long op) {
        Heap.removeState(op);
        Native.objectFree(op);
    }

    @CApi
    public static int PyObject_GC_IsTracked(long op) {
        return (Mem.getLong(Heap.type(op) + TP_FLAGS) & TPF_HAVE_GC) != 0 ? 1 : 0;
    }

    @CApi
    public static int PyObject_GC_IsFinalized(long op) {
        return 0;
    }

    @CApi
    public static int PyObject_IS_GC(long op) {
        return (Mem.getLong(Heap.type(op) + TP_FLAGS) & TPF_HAVE_GC) != 0 ? 1 : 0;
    }

    @CApi
    public static long PyGC_Collect() {
        return 0; // nothing is ever found: the runtime has no cycle collector (documented)
    }

    @CApi
    public static long PyType_FromSpec(long spec) {
        return TypeReady.fromSpec(0, 0, spec, 0);
    }

    @CApi
    public static long PyType_FromSpecWithBases(long spec, long bases) {
        return TypeReady.fromSpec(0, 0, spec, bases);
    }

    @CApi
    public static long PyType_FromModuleAndSpec(long module, long spec, long bases) {
        return TypeReady.fromSpec(0, module, spec, bases);
    }

    @CApi
    public static long PyType_FromMetaclass(long metaclass, long module, long spec, long bases) {
        return TypeReady.fromSpec(metaclass, module, spec, bases);
    }

    @CApi
    public static long PyType_GetModule(long type) {
        PyType t = Types.of(type(type));
        if ((t.flags() & TPF_HEAPTYPE) == 0 || t.module == 0) {
            throw PyRaise.typeError("PyType_GetModule: Type '%s' has no associated module", t.fullName());
        }
        return t.module;
    }

    @CApi
    public static long PyType_GetModuleState(long type) {
        return Modules.state(PyType_GetModule(type));
    }

    @CApi
    public static long PyType_GetModuleByDef(long type, long def) {
        for (long t = type; t != 0; t = Mem.getLong(t + TP_BASE)) {
            PyType pt = Types.of(t);
            if (pt.module != 0 && Modules.isModule(pt.module) && Modules.def(pt.module) == def) {
                return pt.module;
            }
        }
        throw PyRaise.typeError("PyType_GetModuleByDef: No superclass of '%s' has the given module",
                Types.of(type).name());
    }

    @CApi
    public static long PyType_GetName(long type) {
        return Strs.fromJava(Types.of(type(type)).name());
    }

    @CApi
    public static long PyType_GetQualName(long type) {
        return Strs.fromJava(Types.of(type(type)).name());
    }

    @CApi
    public static long PyType_GetFullyQualifiedName(long type) {
        return Strs.fromJava(Types.of(type(type)).fullName());
    }

    @CApi
    public static long PyCFunction_NewEx(long ml, long self, long module) {
        return CFunctions.create(ml, self, module, 0);
    }

    @CApi
    public static long PyCFunction_New(long ml, long self) {
        return CFunctions.create(ml, self, 0, 0);
    }

    @CApi
    public static long PyCMethod_New(long ml, long self, long module, long cls) {
        return CFunctions.create(ml, self, module, cls);
    }

    @CApi
    public static long PyCFunction_GetFunction(long f) {
        return CFunctions.meth(CFunctions.def(f));
    }

    @CApi
    public static long PyCFunction_GetSelf(long f) {
        return CFunctions.self(f);
    }

    @CApi
    public static int PyCFunction_GetFlags(long f) {
        return CFunctions.flags(CFunctions.def(f));
    }

    @CApi
    public static long PyDescr_NewMethod(long type, long ml) {
        return Descriptors.create(Types.METHOD_DESCR, type, ml);
    }

    @CApi
    public static long PyDescr_NewMember(long type, long member) {
        return Descriptors.create(Types.MEMBER_DESCR, type, member);
    }

    @CApi
    public static long PyDescr_NewGetSet(long type, long getset) {
        return Descriptors.create(Types.GETSET_DESCR, type, getset);
    }

    @CApi
    public static long PyMember_GetOne(long objAddr, long member) {
        return Descriptors.Members.get(objAddr, member);
    }

    @CApi
    public static int PyMember_SetOne(long objAddr, long member, long value) {
        Descriptors.Members.set(objAddr, member, value);
        return 0;
    }

    @CApi
    public static int PyType_SUPPORTS_WEAKREFS(long type) {
        return Weakrefs.typeSupports(type) ? 1 : 0;
    }
}
