/* The object header, reference counting and the generic object protocol.
   The header has CPython 3.13's and 3.14's free-threaded layout (facts: 32 bytes, ob_type at 24). */
#ifndef Py_OBJECT_H
#define Py_OBJECT_H

/* ---- the header every object starts with ---- */
struct _object {
    uintptr_t ob_tid;          /* owning thread (thread-pointer value), 0 when unowned */
#if PY_VERSION_HEX >= 0x030E0000
    uint16_t ob_flags;
#else
    uint16_t _padding;         /* named ob_flags from 3.14 */
#endif
    PyMutex ob_mutex;          /* per-object lock used by critical sections */
    uint8_t ob_gc_bits;
    uint32_t ob_ref_local;     /* owner's count; UINT32_MAX marks an immortal object */
    Py_ssize_t ob_ref_shared;  /* other threads' count << 2, flags in the low two bits */
    PyTypeObject *ob_type;
};

typedef struct {
    PyObject ob_base;
    Py_ssize_t ob_size;
} PyVarObject;

#define PyObject_HEAD PyObject ob_base;
#define PyObject_VAR_HEAD PyVarObject ob_base;
#define Py_INVALID_SIZE ((Py_ssize_t)-1)

#define _PyObject_CAST(op) _Py_CAST(PyObject *, (op))
#define _PyVarObject_CAST(op) _Py_CAST(PyVarObject *, (op))

/* Immortal count for the owner's half, and what Py_REFCNT reports for immortal objects. */
#define _Py_IMMORTAL_REFCNT_LOCAL UINT32_MAX
#if PY_VERSION_HEX >= 0x030E0000
/* 3.14: ob_flags marks statically allocated objects, and Py_REFCNT reports an immortal object's count as
   _Py_IMMORTAL_INITIAL_REFCNT. The minimum and the static initial count describe the default (GIL) build's
   single count field; the free-threaded header never holds them, they are declared as CPython declares them. */
#  define _Py_STATICALLY_ALLOCATED_FLAG 4
#  define _Py_IMMORTAL_FLAGS 1
#  define _Py_IMMORTAL_INITIAL_REFCNT (3ULL << 30)
#  define _Py_IMMORTAL_MINIMUM_REFCNT (1ULL << 31)
#  define _Py_STATIC_FLAG_BITS ((Py_ssize_t)(_Py_STATICALLY_ALLOCATED_FLAG | _Py_IMMORTAL_FLAGS))
#  define _Py_STATIC_IMMORTAL_INITIAL_REFCNT \
       (((Py_ssize_t)_Py_IMMORTAL_INITIAL_REFCNT) | (_Py_STATIC_FLAG_BITS << 48))
/* Object memory is at least this aligned (PyObject_Malloc and static objects alike). */
#  define _PyObject_MIN_ALIGNMENT 4
#else
#  define _Py_IMMORTAL_REFCNT ((Py_ssize_t)UINT_MAX)
#endif
#define _Py_UNOWNED_TID 0

/* Flags kept in the low bits of ob_ref_shared. */
#define _Py_REF_SHARED_SHIFT 2
#define _Py_REF_SHARED_FLAG_MASK 0x3
#define _Py_REF_SHARED_INIT 0x0
#define _Py_REF_MAYBE_WEAKREF 0x1
#define _Py_REF_QUEUED 0x2
#define _Py_REF_MERGED 0x3
#define _Py_REF_SHARED(refcnt, flags) (((refcnt) << _Py_REF_SHARED_SHIFT) + (flags))

/* Statically allocated objects are immortal and unowned (from 3.14 also flagged as static in ob_flags). */
#if PY_VERSION_HEX >= 0x030E0000
#  define PyObject_HEAD_INIT(type) \
    { 0, _Py_STATICALLY_ALLOCATED_FLAG, { 0 }, 0, _Py_IMMORTAL_REFCNT_LOCAL, 0, (type) },
#else
#  define PyObject_HEAD_INIT(type) \
    { 0, 0, { 0 }, 0, _Py_IMMORTAL_REFCNT_LOCAL, 0, (type) },
#endif
#define PyVarObject_HEAD_INIT(type, size) \
    { PyObject_HEAD_INIT(type) (size) },

/* ---- identity ---- */
PyAPI_FUNC(int) Py_Is(PyObject *x, PyObject *y);
#define Py_Is(x, y) ((x) == (y))

/* Thread identity as the free-threaded build defines it: the thread-pointer register. */
PyAPI_FUNC(uintptr_t) _Py_GetThreadLocal_Addr(void);

static inline uintptr_t _Py_ThreadId(void)
{
    uintptr_t tid;
    __asm__("movq %%fs:0, %0" : "=r"(tid));
    return tid;
}

static inline int _Py_IsOwnedByCurrentThread(PyObject *ob)
{
    return _Py_atomic_load_uintptr_relaxed(&ob->ob_tid) == _Py_ThreadId();
}

static inline int _Py_IsImmortal(PyObject *op)
{
    return _Py_atomic_load_uint32_relaxed(&op->ob_ref_local) == _Py_IMMORTAL_REFCNT_LOCAL;
}
#define _Py_IsImmortal(op) _Py_IsImmortal(_PyObject_CAST(op))

static inline Py_ssize_t _Py_REFCNT(PyObject *ob)
{
    uint32_t local = _Py_atomic_load_uint32_relaxed(&ob->ob_ref_local);
    Py_ssize_t shared;
    if (local == _Py_IMMORTAL_REFCNT_LOCAL) {
#if PY_VERSION_HEX >= 0x030E0000
        return (Py_ssize_t)_Py_IMMORTAL_INITIAL_REFCNT;
#else
        return _Py_IMMORTAL_REFCNT;
#endif
    }
    shared = _Py_atomic_load_ssize_relaxed(&ob->ob_ref_shared);
    return (Py_ssize_t)local + (shared >> _Py_REF_SHARED_SHIFT);
}
#define Py_REFCNT(ob) _Py_REFCNT(_PyObject_CAST(ob))

static inline PyTypeObject *_Py_TYPE(PyObject *ob)
{
    return ob->ob_type;
}
#define Py_TYPE(ob) _Py_TYPE(_PyObject_CAST(ob))

static inline Py_ssize_t _Py_SIZE(PyObject *ob)
{
    return _Py_atomic_load_ssize_relaxed(&_PyVarObject_CAST(ob)->ob_size);
}
#define Py_SIZE(ob) _Py_SIZE(_PyObject_CAST(ob))

static inline int _Py_IS_TYPE(PyObject *ob, PyTypeObject *type)
{
    return Py_TYPE(ob) == type;
}
#define Py_IS_TYPE(ob, type) _Py_IS_TYPE(_PyObject_CAST(ob), (type))

static inline void _Py_SET_TYPE(PyObject *ob, PyTypeObject *type)
{
    ob->ob_type = type;
}
#define Py_SET_TYPE(ob, type) _Py_SET_TYPE(_PyObject_CAST(ob), (type))

static inline void _Py_SET_SIZE(PyVarObject *ob, Py_ssize_t size)
{
    _Py_atomic_store_ssize_relaxed(&ob->ob_size, size);
}
#define Py_SET_SIZE(ob, size) _Py_SET_SIZE(_PyVarObject_CAST(ob), (size))

/* Setting a count: the owner rewrites its local half; anyone else gives up ownership and stores the
   whole count, already merged, in the shared half. Immortal objects never change. */
PyAPI_FUNC(void) _Py_SetRefcnt(PyObject *ob, Py_ssize_t refcnt);

static inline void _Py_SET_REFCNT(PyObject *ob, Py_ssize_t refcnt)
{
    if (_Py_IsImmortal(ob)) {
        return;
    }
    if (_Py_IsOwnedByCurrentThread(ob)) {
        if ((size_t)refcnt > (size_t)UINT32_MAX) {
            ob->ob_tid = _Py_UNOWNED_TID;
            ob->ob_ref_local = _Py_IMMORTAL_REFCNT_LOCAL;
            ob->ob_ref_shared = 0;
        } else {
            ob->ob_ref_local = (uint32_t)refcnt;
            ob->ob_ref_shared &= _Py_REF_SHARED_FLAG_MASK;
        }
    } else {
        ob->ob_tid = _Py_UNOWNED_TID;
        ob->ob_ref_local = 0;
        ob->ob_ref_shared = _Py_REF_SHARED(refcnt, _Py_REF_MERGED);
    }
}
#define Py_SET_REFCNT(ob, refcnt) _Py_SET_REFCNT(_PyObject_CAST(ob), (refcnt))

/* ---- reference counting (free-threaded biased counting) ---- */
PyAPI_FUNC(void) _Py_Dealloc(PyObject *);
PyAPI_FUNC(void) Py_IncRef(PyObject *);
PyAPI_FUNC(void) Py_DecRef(PyObject *);
PyAPI_FUNC(void) _Py_IncRef(PyObject *);
PyAPI_FUNC(void) _Py_DecRef(PyObject *);
PyAPI_FUNC(void) _Py_DecRefShared(PyObject *);
PyAPI_FUNC(void) _Py_DecRefSharedDebug(PyObject *, const char *, int);
PyAPI_FUNC(void) _Py_MergeZeroLocalRefcount(PyObject *);
PyAPI_FUNC(void) _Py_NegativeRefcount(const char *filename, int lineno, PyObject *op);

static inline Py_ALWAYS_INLINE void _Py_INCREF_impl(PyObject *op)
{
    uint32_t local = _Py_atomic_load_uint32_relaxed(&op->ob_ref_local);
    uint32_t bumped = local + 1;
    if (bumped == 0) {
        return; /* immortal: the local half is pinned at UINT32_MAX */
    }
    if (_Py_IsOwnedByCurrentThread(op)) {
        _Py_atomic_store_uint32_relaxed(&op->ob_ref_local, bumped);
    } else {
        _Py_atomic_add_ssize(&op->ob_ref_shared, (Py_ssize_t)1 << _Py_REF_SHARED_SHIFT);
    }
}
#define Py_INCREF(op) _Py_INCREF_impl(_PyObject_CAST(op))

static inline Py_ALWAYS_INLINE void _Py_DECREF_impl(PyObject *op)
{
    uint32_t local = _Py_atomic_load_uint32_relaxed(&op->ob_ref_local);
    if (local == _Py_IMMORTAL_REFCNT_LOCAL) {
        return;
    }
    if (_Py_IsOwnedByCurrentThread(op)) {
        local--;
        _Py_atomic_store_uint32_relaxed(&op->ob_ref_local, local);
        if (local == 0) {
            _Py_MergeZeroLocalRefcount(op);
        }
    } else {
        _Py_DecRefShared(op);
    }
}
#define Py_DECREF(op) _Py_DECREF_impl(_PyObject_CAST(op))

static inline void _Py_XINCREF_impl(PyObject *op)
{
    if (op != _Py_NULL) {
        Py_INCREF(op);
    }
}
#define Py_XINCREF(op) _Py_XINCREF_impl(_PyObject_CAST(op))

static inline void _Py_XDECREF_impl(PyObject *op)
{
    if (op != _Py_NULL) {
        Py_DECREF(op);
    }
}
#define Py_XDECREF(op) _Py_XDECREF_impl(_PyObject_CAST(op))

PyAPI_FUNC(PyObject *) Py_NewRef(PyObject *obj);
PyAPI_FUNC(PyObject *) Py_XNewRef(PyObject *obj);

static inline PyObject *_Py_NewRef(PyObject *obj)
{
    Py_INCREF(obj);
    return obj;
}
static inline PyObject *_Py_XNewRef(PyObject *obj)
{
    Py_XINCREF(obj);
    return obj;
}
#define Py_NewRef(obj) _Py_NewRef(_PyObject_CAST(obj))
#define Py_XNewRef(obj) _Py_XNewRef(_PyObject_CAST(obj))

/* Clear a reference variable before dropping the reference, so a destructor that looks at the variable
   sees NULL rather than a dying object. */
#define Py_CLEAR(op) \
    do { \
        PyObject **_ftc_slot = (PyObject **)&(op); \
        PyObject *_ftc_old = *_ftc_slot; \
        if (_ftc_old != _Py_NULL) { \
            *_ftc_slot = _Py_NULL; \
            Py_DECREF(_ftc_old); \
        } \
    } while (0)

#define Py_SETREF(dst, src) \
    do { \
        PyObject **_ftc_slot = (PyObject **)&(dst); \
        PyObject *_ftc_old = *_ftc_slot; \
        *_ftc_slot = _PyObject_CAST(src); \
        Py_DECREF(_ftc_old); \
    } while (0)

#define Py_XSETREF(dst, src) \
    do { \
        PyObject **_ftc_slot = (PyObject **)&(dst); \
        PyObject *_ftc_old = *_ftc_slot; \
        *_ftc_slot = _PyObject_CAST(src); \
        Py_XDECREF(_ftc_old); \
    } while (0)

/* Deferred deallocation used by the Py_TRASHCAN macros of CPython 3.13's headers (binaries built with them
   import these); ftcheck's own Py_TRASHCAN_BEGIN/END are plain blocks. Native in the bridge. */
PyAPI_FUNC(void) _PyTrash_thread_deposit_object(PyThreadState *tstate, PyObject *op);
PyAPI_FUNC(void) _PyTrash_thread_destroy_chain(PyThreadState *tstate);

/* ---- the type object and its method suites ---- */
#include "cpython/object.h"

/* ---- type flags (tp_flags bit values) ---- */
#define _Py_TPFLAGS_STATIC_BUILTIN (1 << 1)
#define Py_TPFLAGS_INLINE_VALUES (1 << 2)
#define Py_TPFLAGS_MANAGED_WEAKREF (1 << 3)
#define Py_TPFLAGS_MANAGED_DICT (1 << 4)
#define Py_TPFLAGS_PREHEADER (Py_TPFLAGS_MANAGED_WEAKREF | Py_TPFLAGS_MANAGED_DICT)
#define Py_TPFLAGS_SEQUENCE (1 << 5)
#define Py_TPFLAGS_MAPPING (1 << 6)
#define Py_TPFLAGS_DISALLOW_INSTANTIATION (1UL << 7)
#define Py_TPFLAGS_IMMUTABLETYPE (1UL << 8)
#define Py_TPFLAGS_HEAPTYPE (1UL << 9)
#define Py_TPFLAGS_BASETYPE (1UL << 10)
#define Py_TPFLAGS_HAVE_VECTORCALL (1UL << 11)
#define _Py_TPFLAGS_HAVE_VECTORCALL Py_TPFLAGS_HAVE_VECTORCALL
#define Py_TPFLAGS_READY (1UL << 12)
#define Py_TPFLAGS_READYING (1UL << 13)
#define Py_TPFLAGS_HAVE_GC (1UL << 14)
#define Py_TPFLAGS_HAVE_STACKLESS_EXTENSION 0
#define Py_TPFLAGS_METHOD_DESCRIPTOR (1UL << 17)
#define Py_TPFLAGS_VALID_VERSION_TAG (1UL << 19)
#define Py_TPFLAGS_IS_ABSTRACT (1UL << 20)
#define _Py_TPFLAGS_MATCH_SELF (1UL << 22)
#define Py_TPFLAGS_ITEMS_AT_END (1UL << 23)
#define Py_TPFLAGS_LONG_SUBCLASS (1UL << 24)
#define Py_TPFLAGS_LIST_SUBCLASS (1UL << 25)
#define Py_TPFLAGS_TUPLE_SUBCLASS (1UL << 26)
#define Py_TPFLAGS_BYTES_SUBCLASS (1UL << 27)
#define Py_TPFLAGS_UNICODE_SUBCLASS (1UL << 28)
#define Py_TPFLAGS_DICT_SUBCLASS (1UL << 29)
#define Py_TPFLAGS_BASE_EXC_SUBCLASS (1UL << 30)
#define Py_TPFLAGS_TYPE_SUBCLASS (1UL << 31)
#define Py_TPFLAGS_DEFAULT (Py_TPFLAGS_HAVE_STACKLESS_EXTENSION | 0)
#define Py_TPFLAGS_HAVE_FINALIZE (1UL << 0)
#define Py_TPFLAGS_HAVE_VERSION_TAG (1UL << 18)

static inline int PyType_HasFeature(PyTypeObject *type, unsigned long feature)
{
    return (_Py_atomic_load_ulong_relaxed(&type->tp_flags) & feature) != 0;
}
#define PyType_FastSubclass(type, flag) PyType_HasFeature((type), (flag))

/* ---- built-in type objects and singletons (real data in the bridge) ---- */
PyAPI_DATA(PyTypeObject) PyType_Type;
PyAPI_DATA(PyTypeObject) PyBaseObject_Type;
PyAPI_DATA(PyTypeObject) PySuper_Type;
PyAPI_DATA(PyTypeObject) _PyNone_Type;
PyAPI_DATA(PyTypeObject) _PyNotImplemented_Type;

PyAPI_DATA(PyObject) _Py_NoneStruct;
PyAPI_DATA(PyObject) _Py_NotImplementedStruct;
#define Py_None (&_Py_NoneStruct)
#define Py_NotImplemented (&_Py_NotImplementedStruct)

PyAPI_FUNC(int) Py_IsNone(PyObject *x);
#define Py_IsNone(x) Py_Is((x), Py_None)

#define Py_RETURN_NONE return Py_None
#define Py_RETURN_NOTIMPLEMENTED return Py_NotImplemented

/* Rich comparison operators. */
#define Py_LT 0
#define Py_LE 1
#define Py_EQ 2
#define Py_NE 3
#define Py_GT 4
#define Py_GE 5

#define Py_RETURN_RICHCOMPARE(val1, val2, op) \
    do { \
        switch (op) { \
        case Py_EQ: if ((val1) == (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE; \
        case Py_NE: if ((val1) != (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE; \
        case Py_LT: if ((val1) < (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE; \
        case Py_GT: if ((val1) > (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE; \
        case Py_LE: if ((val1) <= (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE; \
        case Py_GE: if ((val1) >= (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE; \
        default: Py_UNREACHABLE(); \
        } \
    } while (0)

/* Constants reachable by id (3.13). */
#define Py_CONSTANT_NONE 0
#define Py_CONSTANT_FALSE 1
#define Py_CONSTANT_TRUE 2
#define Py_CONSTANT_ELLIPSIS 3
#define Py_CONSTANT_NOT_IMPLEMENTED 4
#define Py_CONSTANT_ZERO 5
#define Py_CONSTANT_ONE 6
#define Py_CONSTANT_EMPTY_STR 7
#define Py_CONSTANT_EMPTY_BYTES 8
#define Py_CONSTANT_EMPTY_TUPLE 9
PyAPI_FUNC(PyObject *) Py_GetConstant(unsigned int constant_id);
PyAPI_FUNC(PyObject *) Py_GetConstantBorrowed(unsigned int constant_id);

/* ---- type API ---- */
PyAPI_FUNC(int) PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b);

static inline int _PyObject_TypeCheck(PyObject *ob, PyTypeObject *type)
{
    return Py_IS_TYPE(ob, type) || PyType_IsSubtype(Py_TYPE(ob), type);
}
#define PyObject_TypeCheck(ob, type) _PyObject_TypeCheck(_PyObject_CAST(ob), (type))

#define PyType_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TYPE_SUBCLASS)
#define PyType_CheckExact(op) Py_IS_TYPE((op), &PyType_Type)

PyAPI_FUNC(unsigned long) PyType_GetFlags(PyTypeObject *type);
PyAPI_FUNC(int) PyType_Ready(PyTypeObject *type);
/* Private in CPython but exported and used by generated code (Cython): name looked up along the type's MRO
   without descriptors being invoked; a borrowed reference or NULL, never an exception. */
PyAPI_FUNC(PyObject *) _PyType_Lookup(PyTypeObject *type, PyObject *name);
PyAPI_FUNC(PyObject *) PyType_GenericAlloc(PyTypeObject *type, Py_ssize_t nitems);
PyAPI_FUNC(PyObject *) PyType_GenericNew(PyTypeObject *type, PyObject *args, PyObject *kwds);
PyAPI_FUNC(unsigned int) PyType_ClearCache(void);
PyAPI_FUNC(void) PyType_Modified(PyTypeObject *type);
PyAPI_FUNC(PyObject *) PyType_FromSpec(PyType_Spec *spec);
PyAPI_FUNC(PyObject *) PyType_FromSpecWithBases(PyType_Spec *spec, PyObject *bases);
PyAPI_FUNC(PyObject *) PyType_FromModuleAndSpec(PyObject *module, PyType_Spec *spec, PyObject *bases);
PyAPI_FUNC(PyObject *) PyType_FromMetaclass(PyTypeObject *metaclass, PyObject *module, PyType_Spec *spec, PyObject *bases);
PyAPI_FUNC(void *) PyType_GetSlot(PyTypeObject *type, int slot);
PyAPI_FUNC(PyObject *) PyType_GetModule(PyTypeObject *type);
PyAPI_FUNC(void *) PyType_GetModuleState(PyTypeObject *type);
PyAPI_FUNC(PyObject *) PyType_GetModuleByDef(PyTypeObject *type, PyModuleDef *def);
PyAPI_FUNC(PyObject *) PyType_GetName(PyTypeObject *type);
PyAPI_FUNC(PyObject *) PyType_GetQualName(PyTypeObject *type);
PyAPI_FUNC(PyObject *) PyType_GetFullyQualifiedName(PyTypeObject *type);
PyAPI_FUNC(PyObject *) PyType_GetModuleName(PyTypeObject *type);
PyAPI_FUNC(PyObject *) PyType_GetDict(PyTypeObject *type);
PyAPI_FUNC(void *) PyObject_GetTypeData(PyObject *obj, PyTypeObject *cls);
PyAPI_FUNC(Py_ssize_t) PyType_GetTypeDataSize(PyTypeObject *cls);
/* 3.14: the first type of the MRO whose Py_tp_token is token (1, *result a new reference; 0 when none); a type
   made with Py_tp_token = Py_TP_USE_SPEC has its PyType_Spec as token. PyType_Freeze makes a type immutable. */
#if PY_VERSION_HEX >= 0x030E0000
PyAPI_FUNC(int) PyType_GetBaseByToken(PyTypeObject *type, void *token, PyTypeObject **result);
PyAPI_FUNC(int) PyType_Freeze(PyTypeObject *type);
#endif

/* ---- generic object protocol ---- */
PyAPI_FUNC(PyObject *) PyObject_Repr(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_Str(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_ASCII(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_Bytes(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_RichCompare(PyObject *a, PyObject *b, int op);
PyAPI_FUNC(int) PyObject_RichCompareBool(PyObject *a, PyObject *b, int op);
PyAPI_FUNC(PyObject *) PyObject_GetAttrString(PyObject *o, const char *name);
PyAPI_FUNC(int) PyObject_SetAttrString(PyObject *o, const char *name, PyObject *value);
PyAPI_FUNC(int) PyObject_DelAttrString(PyObject *o, const char *name);
PyAPI_FUNC(int) PyObject_HasAttrString(PyObject *o, const char *name);
PyAPI_FUNC(PyObject *) PyObject_GetAttr(PyObject *o, PyObject *name);
PyAPI_FUNC(int) PyObject_GetOptionalAttr(PyObject *o, PyObject *name, PyObject **result);
PyAPI_FUNC(int) PyObject_GetOptionalAttrString(PyObject *o, const char *name, PyObject **result);
PyAPI_FUNC(int) PyObject_SetAttr(PyObject *o, PyObject *name, PyObject *value);
PyAPI_FUNC(int) PyObject_DelAttr(PyObject *o, PyObject *name);
PyAPI_FUNC(int) PyObject_HasAttr(PyObject *o, PyObject *name);
PyAPI_FUNC(int) PyObject_HasAttrWithError(PyObject *o, PyObject *name);
PyAPI_FUNC(int) PyObject_HasAttrStringWithError(PyObject *o, const char *name);
PyAPI_FUNC(PyObject *) PyObject_SelfIter(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_GenericGetAttr(PyObject *o, PyObject *name);
PyAPI_FUNC(int) PyObject_GenericSetAttr(PyObject *o, PyObject *name, PyObject *value);
PyAPI_FUNC(PyObject *) PyObject_GenericGetDict(PyObject *o, void *context);
PyAPI_FUNC(int) PyObject_GenericSetDict(PyObject *o, PyObject *value, void *context);
PyAPI_FUNC(Py_hash_t) PyObject_Hash(PyObject *o);
PyAPI_FUNC(Py_hash_t) PyObject_HashNotImplemented(PyObject *o);
PyAPI_FUNC(int) PyObject_IsTrue(PyObject *o);
PyAPI_FUNC(int) PyObject_Not(PyObject *o);
PyAPI_FUNC(int) PyCallable_Check(PyObject *o);
PyAPI_FUNC(PyObject *) PyObject_Dir(PyObject *o);
PyAPI_FUNC(int) Py_ReprEnter(PyObject *o);
PyAPI_FUNC(void) Py_ReprLeave(PyObject *o);
PyAPI_FUNC(int) PyObject_Print(PyObject *o, FILE *fp, int flags);
PyAPI_FUNC(PyObject **) _PyObject_GetDictPtr(PyObject *o);
PyAPI_FUNC(int) PyObject_VisitManagedDict(PyObject *o, visitproc visit, void *arg);
PyAPI_FUNC(void) PyObject_ClearManagedDict(PyObject *o);
PyAPI_FUNC(void) _PyObject_Dump(PyObject *o);
PyAPI_FUNC(void) PyObject_CallFinalizer(PyObject *self);
PyAPI_FUNC(int) PyObject_CallFinalizerFromDealloc(PyObject *self);

#define Py_PRINT_RAW 1

/* ---- 3.14 free-threading additions and reference-count introspection ----
   Visible only when the headers claim 3.14; the bridge exports them regardless. */
#if PY_VERSION_HEX >= 0x030E0000
PyAPI_FUNC(int) PyUnstable_TryIncRef(PyObject *op);
PyAPI_FUNC(void) PyUnstable_EnableTryIncRef(PyObject *op);
PyAPI_FUNC(int) PyUnstable_IsImmortal(PyObject *op);
PyAPI_FUNC(int) PyUnstable_Object_IsUniquelyReferenced(PyObject *op);
PyAPI_FUNC(int) PyUnstable_Object_EnableDeferredRefcount(PyObject *op);
PyAPI_FUNC(int) PyUnstable_Object_IsUniqueReferencedTemporary(PyObject *op);
#endif

#endif
