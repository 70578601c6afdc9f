package dev.ftcheck.runtime.obj;

import static dev.ftcheck.runtime.obj.Layout.*;

import dev.ftcheck.runtime.nat.Bridge;
import dev.ftcheck.runtime.nat.Mem;
import java.lang.foreign.Arena;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The type registry and the built-in type objects. Built-in types are data symbols of the bridge when it exports
 * them (so extensions can take {@code &PyList_Type}); the few it does not export are allocated here. Fields are
 * filled once at start: name, sizes, flags, base, and tp_dealloc pointing at the runtime's Java deallocator.
 */
public final class Types {
    private static final ConcurrentHashMap<Long, PyType> REGISTRY = new ConcurrentHashMap<>();

    public static long TYPE, OBJECT, NONE_TYPE, NOTIMPL_TYPE, ELLIPSIS_TYPE, BOOL, INT, FLOAT, STR, BYTES, BYTEARRAY,
            TUPLE, LIST, DICT, SET, FROZENSET, MODULE, CFUNCTION, CMETHOD, METHOD_DESCR, MEMBER_DESCR, GETSET_DESCR,
            SLICE, CAPSULE, WEAKREF, ITERATOR, CONTEXT, CONTEXTVAR, CONTEXT_TOKEN;
    /** The descriptor types of built-in methods (BuiltinTable): slot wrappers, their bound form, class methods. */
    public static long WRAPPER_DESCR, METHOD_WRAPPER, CLASSMETHOD_DESCR;
    public static long CODE, FRAME, TRACEBACK, FUNCTION, METHOD, INSTANCEMETHOD, CLASSMETHOD, STATICMETHOD;
    public static long SUPER;

    private static volatile boolean initialised;

    private Types() {}

    /** Sets up the built-in types once per process. */
    public static synchronized void init(Bridge bridge, long deallocStub) {
        if (initialised) {
            return;
        }
        long objectFree = bridge.require("PyObject_Free");
        TYPE = builtin(bridge, "PyType_Type", "type", TypeKind.TYPE, HEAPTYPE_SIZE, 8, TPF_TYPE_SUBCLASS | TPF_BASETYPE);
        OBJECT = builtin(bridge, "PyBaseObject_Type", "object", TypeKind.OBJECT, HEAD, 0, TPF_BASETYPE);
        NONE_TYPE = builtin(bridge, "_PyNone_Type", "NoneType", TypeKind.NONE, HEAD, 0, 0);
        NOTIMPL_TYPE = builtin(bridge, "_PyNotImplemented_Type", "NotImplementedType", TypeKind.NOTIMPLEMENTED, HEAD, 0, 0);
        ELLIPSIS_TYPE = builtin(bridge, "PyEllipsis_Type", "ellipsis", TypeKind.ELLIPSIS, HEAD, 0, 0);
        INT = builtin(bridge, "PyLong_Type", "int", TypeKind.INT, LONG_DIGITS, 4, TPF_LONG_SUBCLASS | TPF_BASETYPE);
        BOOL = builtin(bridge, "PyBool_Type", "bool", TypeKind.BOOL, LONG_DIGITS, 4, TPF_LONG_SUBCLASS);
        FLOAT = builtin(bridge, "PyFloat_Type", "float", TypeKind.FLOAT, FLOAT_SIZE, 0, TPF_BASETYPE);
        STR = builtin(bridge, "PyUnicode_Type", "str", TypeKind.STR, 80, 0, TPF_UNICODE_SUBCLASS | TPF_BASETYPE);
        BYTES = builtin(bridge, "PyBytes_Type", "bytes", TypeKind.BYTES, BYTES_SVAL + 1, 1, TPF_BYTES_SUBCLASS | TPF_BASETYPE);
        BYTEARRAY = builtin(bridge, "PyByteArray_Type", "bytearray", TypeKind.BYTEARRAY, BYTEARRAY_SIZE, 0, TPF_BASETYPE);
        TUPLE = builtin(bridge, "PyTuple_Type", "tuple", TypeKind.TUPLE, TUPLE_ITEMS, 8,
                TPF_TUPLE_SUBCLASS | TPF_BASETYPE | TPF_HAVE_GC | TPF_SEQUENCE);
        LIST = builtin(bridge, "PyList_Type", "list", TypeKind.LIST, LIST_SIZE, 0,
                TPF_LIST_SUBCLASS | TPF_BASETYPE | TPF_HAVE_GC | TPF_SEQUENCE);
        DICT = builtin(bridge, "PyDict_Type", "dict", TypeKind.DICT, DICT_SIZE, 0,
                TPF_DICT_SUBCLASS | TPF_BASETYPE | TPF_HAVE_GC | TPF_MAPPING);
        SET = builtin(bridge, "PySet_Type", "set", TypeKind.SET, 216, 0, TPF_BASETYPE | TPF_HAVE_GC);
        FROZENSET = builtin(bridge, "PyFrozenSet_Type", "frozenset", TypeKind.FROZENSET, 216, 0, TPF_BASETYPE | TPF_HAVE_GC);
        MODULE = builtin(bridge, "PyModule_Type", "module", TypeKind.MODULE, 96, 0, TPF_BASETYPE | TPF_HAVE_GC);
        CFUNCTION = builtin(bridge, "PyCFunction_Type", "builtin_function_or_method", TypeKind.CFUNCTION, 72, 0,
                TPF_HAVE_GC);
        CMETHOD = builtin(bridge, "PyCMethod_Type", "builtin_method", TypeKind.CFUNCTION, 80, 0, TPF_HAVE_GC);
        METHOD_DESCR = builtin(bridge, "PyMethodDescr_Type", "method_descriptor", TypeKind.METHOD_DESCR, 64, 0,
                TPF_METHOD_DESCRIPTOR);
        MEMBER_DESCR = builtin(bridge, "PyMemberDescr_Type", "member_descriptor", TypeKind.MEMBER_DESCR, 64, 0, 0);
        GETSET_DESCR = builtin(bridge, "PyGetSetDescr_Type", "getset_descriptor", TypeKind.GETSET_DESCR, 64, 0, 0);
        SLICE = builtin(bridge, "PySlice_Type", "slice", TypeKind.SLICE, 56, 0, 0);
        CAPSULE = builtin(bridge, "PyCapsule_Type", "PyCapsule", TypeKind.CAPSULE, 64, 0, 0);
        WEAKREF = builtin(bridge, "_PyWeakref_RefType", "weakref.ReferenceType", TypeKind.WEAKREF, 88, 0, TPF_BASETYPE);
        ITERATOR = builtin(bridge, "PySeqIter_Type", "iterator", TypeKind.ITERATOR, HEAD + 8, 0, 0);
        CONTEXT = builtin(bridge, "PyContext_Type", "_contextvars.Context", TypeKind.CONTEXT, HEAD, 0, 0);
        CONTEXTVAR = builtin(bridge, "PyContextVar_Type", "_contextvars.ContextVar", TypeKind.CONTEXTVAR, HEAD, 0, 0);
        CONTEXT_TOKEN = builtin(bridge, "PyContextToken_Type", "_contextvars.Token", TypeKind.CONTEXT_TOKEN, HEAD, 0,
                0);
        WRAPPER_DESCR = builtin(bridge, "PyWrapperDescr_Type", "wrapper_descriptor", TypeKind.METHOD_DESCR, 64, 0,
                TPF_METHOD_DESCRIPTOR);
        METHOD_WRAPPER = builtin(bridge, "_PyMethodWrapper_Type", "method-wrapper", TypeKind.CFUNCTION, 72, 0,
                TPF_HAVE_GC);
        CLASSMETHOD_DESCR = builtin(bridge, "PyClassMethodDescr_Type", "classmethod_descriptor",
                TypeKind.METHOD_DESCR, 64, 0, 0);
        CODE = builtin(bridge, "PyCode_Type", "code", TypeKind.CODE, Codes.CO_CODE_ADAPTIVE, 2, 0);
        FRAME = builtin(bridge, "PyFrame_Type", "frame", TypeKind.FRAME, Frames.F_DATA + Frames.IF_LOCALSPLUS, 8,
                TPF_HAVE_GC);
        TRACEBACK = builtin(bridge, "PyTraceBack_Type", "traceback", TypeKind.TRACEBACK, Frames.TB_SIZE, 0,
                TPF_HAVE_GC);
        FUNCTION = builtin(bridge, "PyFunction_Type", "function", TypeKind.FUNCTION, Funcs.FUNC_SIZE, 0,
                TPF_HAVE_GC | TPF_METHOD_DESCRIPTOR);
        METHOD = builtin(bridge, "PyMethod_Type", "method", TypeKind.BOUND_METHOD, Funcs.METHOD_SIZE, 0, TPF_HAVE_GC);
        INSTANCEMETHOD = builtin(bridge, "PyInstanceMethod_Type", "instancemethod", TypeKind.INSTANCEMETHOD,
                Funcs.IMETHOD_SIZE, 0, TPF_HAVE_GC);
        CLASSMETHOD = builtin(bridge, "PyClassMethod_Type", "classmethod", TypeKind.CLASSMETHOD, Funcs.WRAPPER_SIZE, 0,
                TPF_HAVE_GC | TPF_BASETYPE);
        STATICMETHOD = builtin(bridge, "PyStaticMethod_Type", "staticmethod", TypeKind.STATICMETHOD,
                Funcs.WRAPPER_SIZE, 0, TPF_HAVE_GC | TPF_BASETYPE);
        SUPER = builtin(bridge, "PySuper_Type", "super", TypeKind.SUPER, PyClasses.SUPER_SIZE, 0,
                TPF_HAVE_GC | TPF_BASETYPE);
        long[] all = {SUPER, WRAPPER_DESCR, METHOD_WRAPPER, CLASSMETHOD_DESCR, TYPE, OBJECT, NONE_TYPE, NOTIMPL_TYPE,
            ELLIPSIS_TYPE, INT, BOOL, FLOAT, STR, BYTES, BYTEARRAY,
            TUPLE, LIST, DICT, SET, FROZENSET, MODULE, CFUNCTION, CMETHOD, METHOD_DESCR, MEMBER_DESCR, GETSET_DESCR,
            SLICE, CAPSULE, WEAKREF, ITERATOR, CONTEXT, CONTEXTVAR, CONTEXT_TOKEN, CODE, FRAME, TRACEBACK,
            FUNCTION, METHOD, INSTANCEMETHOD, CLASSMETHOD, STATICMETHOD};
        for (long t : all) {
            Mem.putLong(t + OB_TYPE, TYPE);
            Mem.putLong(t + TP_BASE, t == OBJECT ? 0 : OBJECT);
            Mem.putLong(t + TP_DEALLOC, deallocStub);
            Mem.putLong(t + TP_FREE, objectFree);
        }
        // Extensions call these slots directly (Py_TYPE(it)->tp_iternext(it)); a NULL slot would crash them.
        long slotIter = bridge.require("ftb_slot_iter");
        builtinIterSlot = slotIter;
        for (long t : new long[] {STR, BYTES, BYTEARRAY, TUPLE, LIST, DICT, SET, FROZENSET}) {
            Mem.putLong(t + TP_ITER, slotIter);
        }
        Mem.putLong(ITERATOR + TP_ITER, bridge.require("PyObject_SelfIter"));
        Mem.putLong(ITERATOR + TP_ITERNEXT, bridge.require("ftb_slot_iternext"));
        Mem.putLong(BOOL + TP_BASE, INT);
        Mem.putLong(CMETHOD + TP_BASE, CFUNCTION);
        initialised = true;
    }

    private static volatile long builtinIterSlot;

    /** The tp_iter the built-in containers share: it forwards to PyObject_GetIter. */
    public static long builtinIterSlot() {
        return builtinIterSlot;
    }

    /** Storage for a built-in type: the bridge's data symbol if exported, else a permanent allocation. */
    private static long builtin(Bridge bridge, String symbol, String name, TypeKind kind, long basicSize,
            long itemSize, long flags) {
        long addr = bridge.symbol(symbol);
        if (addr == 0) {
            addr = Arena.global().allocate(HEAPTYPE_SIZE, 16).address();
        }
        Mem.putLong(addr + OB_TID, 0);
        Mem.putInt(addr + OB_REF_LOCAL, IMMORTAL_LOCAL);
        Mem.putLong(addr + TP_NAME, Arena.global().allocateFrom(name).address());
        Mem.putLong(addr + TP_BASICSIZE, basicSize);
        Mem.putLong(addr + TP_ITEMSIZE, itemSize);
        Mem.putLong(addr + TP_FLAGS, flags | TPF_READY | TPF_IMMUTABLETYPE | TPF_STATIC_BUILTIN);
        REGISTRY.put(addr, new PyType(addr, kind, true));
        return addr;
    }

    /** Registers a type created or readied at run time (exception classes, extension types). */
    public static PyType register(long addr, TypeKind kind) {
        return REGISTRY.computeIfAbsent(addr, a -> new PyType(a, kind, false));
    }

    public static void unregister(long addr) {
        REGISTRY.remove(addr);
    }

    /** The Java view of the type at addr, or null if addr is not a known type. */
    public static PyType get(long addr) {
        return REGISTRY.get(addr);
    }

    /** The Java view of a type, readying static extension types that were used without PyType_Ready. */
    public static PyType of(long typeAddr) {
        PyType t = REGISTRY.get(typeAddr);
        if (t == null) {
            t = TypeReady.ready(typeAddr);
        }
        return t;
    }

    public static PyType typeOf(long obj) {
        return of(Heap.type(obj));
    }

    /**
     * The kind of the nearest built-in type along obj's type's tp_base chain (the type itself when built in,
     * object at worst): what the slots a type inherits from a built-in base do for obj.
     */
    public static TypeKind builtinKind(long obj) {
        for (long t = Heap.type(obj); t != 0; t = Mem.getLong(t + TP_BASE)) {
            PyType p = REGISTRY.get(t);
            if (p != null && p.builtin) {
                return p.kind;
            }
        }
        return TypeKind.OBJECT;
    }

    /** The built-in kind an object is implemented by. Exact built-in types are answered without a map lookup. */
    public static TypeKind kindOf(long obj) {
        long t = Heap.type(obj);
        if (t == INT) {
            return TypeKind.INT;
        }
        if (t == STR) {
            return TypeKind.STR;
        }
        if (t == LIST) {
            return TypeKind.LIST;
        }
        if (t == TUPLE) {
            return TypeKind.TUPLE;
        }
        if (t == DICT) {
            return TypeKind.DICT;
        }
        if (t == FLOAT) {
            return TypeKind.FLOAT;
        }
        return of(t).kind;
    }

    /** The method resolution order: tp_mro when set, else the tp_base chain (object last). */
    public static long[] mro(long type) {
        long mro = Mem.getLong(type + TP_MRO);
        if (mro != 0) {
            long[] r = new long[(int) Tuples.size(mro)];
            for (int i = 0; i < r.length; i++) {
                r[i] = Tuples.get(mro, i);
            }
            return r;
        }
        int n = 0;
        for (long t = type; t != 0; t = Mem.getLong(t + TP_BASE)) {
            n++;
        }
        long[] r = new long[n];
        int i = 0;
        for (long t = type; t != 0; t = Mem.getLong(t + TP_BASE)) {
            r[i++] = t;
        }
        return r;
    }

    /**
     * Fills tp_bases and tp_mro of a static type from its tp_base chain when it has none (single inheritance).
     * Heap types get tp_bases (owned by the type, released by its dealloc; code such as Cython's vtable merging
     * reads it) but no tp_mro: their MRO would hold a reference to the type itself, a cycle that nothing here could
     * collect.
     */
    public static void linkHierarchy(long type) {
        if ((Mem.getLong(type + TP_FLAGS) & TPF_HEAPTYPE) != 0) {
            if (Mem.getLong(type + TP_BASES) == 0) {
                long base = Mem.getLong(type + TP_BASE);
                Mem.putLong(type + TP_BASES, base == 0 ? Tuples.create(0) : Tuples.of(Heap.newRef(base)));
            }
            return;
        }
        if (Mem.getLong(type + TP_MRO) != 0) {
            return;
        }
        long base = Mem.getLong(type + TP_BASE);
        if (Mem.getLong(type + TP_BASES) == 0) {
            long bases = base == 0 ? Tuples.create(0) : Tuples.of(Heap.newRef(base));
            Heap.immortalizeAllocated(bases);
            Mem.putLong(type + TP_BASES, bases);
        }
        long[] chain = mro(type);
        long t = Tuples.create(chain.length);
        for (int i = 0; i < chain.length; i++) {
            Tuples.set(t, i, Heap.newRef(chain[i]));
        }
        Heap.immortalizeAllocated(t);
        Mem.putLong(type + TP_MRO, t);
    }

    /** Every registered type (built-in, exception and extension). */
    public static java.util.Collection<PyType> all() {
        return REGISTRY.values();
    }

    /** PyType_IsSubtype: along tp_mro for a heap type that has one (several bases), else the tp_base chain. */
    public static boolean isSubtype(long sub, long base) {
        long mro = (Mem.getLong(sub + TP_FLAGS) & TPF_HEAPTYPE) != 0 ? Mem.getLong(sub + TP_MRO) : 0;
        if (mro != 0) {
            for (long i = 0, n = Tuples.size(mro); i < n; i++) {
                if (Tuples.get(mro, i) == base) {
                    return true;
                }
            }
            return base == OBJECT;
        }
        for (long t = sub; t != 0; t = Mem.getLong(t + TP_BASE)) {
            if (t == base) {
                return true;
            }
        }
        return base == OBJECT;
    }

    public static boolean isInstance(long obj, long type) {
        return isSubtype(Heap.type(obj), type);
    }

    public static boolean isType(long obj) {
        return (Mem.getLong(Heap.type(obj) + TP_FLAGS) & TPF_TYPE_SUBCLASS) != 0;
    }

    /** The name Python uses for an object's type in messages ("list", "Counter"). */
    public static String name(long obj) {
        return typeOf(obj).name();
    }
}
