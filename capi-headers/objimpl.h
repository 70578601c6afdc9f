/* The object allocator domain, object creation and the cyclic-GC allocation API. In the free-threaded
   ABI the object domain is for Python objects only; buffers belong in PyMem_Malloc. */
#ifndef Py_OBJIMPL_H
#define Py_OBJIMPL_H

PyAPI_FUNC(void *) PyObject_Malloc(size_t size);
PyAPI_FUNC(void *) PyObject_Calloc(size_t nelem, size_t elsize);
PyAPI_FUNC(void *) PyObject_Realloc(void *ptr, size_t new_size);
PyAPI_FUNC(void) PyObject_Free(void *ptr);

#define PyObject_MALLOC PyObject_Malloc
#define PyObject_REALLOC PyObject_Realloc
#define PyObject_FREE PyObject_Free
#define PyObject_Del PyObject_Free
#define PyObject_DEL PyObject_Free

/* Initialise the header of memory the caller allocated. */
PyAPI_FUNC(PyObject *) PyObject_Init(PyObject *op, PyTypeObject *type);
PyAPI_FUNC(PyVarObject *) PyObject_InitVar(PyVarObject *op, PyTypeObject *type, Py_ssize_t size);
#define PyObject_Init(op, type) PyObject_Init(_PyObject_CAST(op), (type))
#define PyObject_InitVar(op, type, size) PyObject_InitVar(_PyVarObject_CAST(op), (type), (size))

PyAPI_FUNC(PyObject *) _PyObject_New(PyTypeObject *type);
PyAPI_FUNC(PyVarObject *) _PyObject_NewVar(PyTypeObject *type, Py_ssize_t nitems);
#define PyObject_New(type, typeobj) ((type *)_PyObject_New(typeobj))
#define PyObject_NewVar(type, typeobj, n) ((type *)_PyObject_NewVar((typeobj), (n)))
#define PyObject_NEW PyObject_New
#define PyObject_NEW_VAR PyObject_NewVar

/* Size of a variable-size object with n items, rounded up to pointer alignment. */
#define _PyObject_SIZE(typeobj) ((typeobj)->tp_basicsize)
#define _PyObject_VAR_SIZE(typeobj, n) \
    _Py_SIZE_ROUND_UP((typeobj)->tp_basicsize + (size_t)(n) * (typeobj)->tp_itemsize, SIZEOF_VOID_P)

/* ---- cyclic GC ---- */
PyAPI_FUNC(Py_ssize_t) PyGC_Collect(void);
PyAPI_FUNC(int) PyGC_Enable(void);
PyAPI_FUNC(int) PyGC_Disable(void);
PyAPI_FUNC(int) PyGC_IsEnabled(void);

#define PyType_IS_GC(t) PyType_HasFeature((t), Py_TPFLAGS_HAVE_GC)
PyAPI_FUNC(int) PyObject_IS_GC(PyObject *obj);

PyAPI_FUNC(PyObject *) _PyObject_GC_New(PyTypeObject *type);
PyAPI_FUNC(PyVarObject *) _PyObject_GC_NewVar(PyTypeObject *type, Py_ssize_t nitems);
PyAPI_FUNC(PyVarObject *) _PyObject_GC_Resize(PyVarObject *op, Py_ssize_t nitems);
PyAPI_FUNC(void) PyObject_GC_Track(void *op);
PyAPI_FUNC(void) PyObject_GC_UnTrack(void *op);
PyAPI_FUNC(void) PyObject_GC_Del(void *op);
PyAPI_FUNC(int) PyObject_GC_IsTracked(PyObject *op);
PyAPI_FUNC(int) PyObject_GC_IsFinalized(PyObject *op);

#define PyObject_GC_New(type, typeobj) ((type *)_PyObject_GC_New(typeobj))
#define PyObject_GC_NewVar(type, typeobj, n) ((type *)_PyObject_GC_NewVar((typeobj), (n)))
#define PyObject_GC_Resize(type, op, n) ((type *)_PyObject_GC_Resize(_PyVarObject_CAST(op), (n)))

/* Visit a member in a tp_traverse implementation. */
#define Py_VISIT(op) \
    do { \
        if (op) { \
            int _ftc_vret = visit(_PyObject_CAST(op), arg); \
            if (_ftc_vret) { \
                return _ftc_vret; \
            } \
        } \
    } while (0)

#define Py_TRASHCAN_BEGIN(op, dealloc) {
#define Py_TRASHCAN_END }

#define PyObject_INIT(op, typeobj) PyObject_Init(_PyObject_CAST(op), (typeobj))
#define PyObject_INIT_VAR(op, typeobj, size) PyObject_InitVar((PyVarObject *)(op), (typeobj), (size))
typedef struct {
    void *ctx;
    void *(*alloc)(void *ctx, size_t size);
    void (*free)(void *ctx, void *ptr, size_t size);
} PyObjectArenaAllocator;
typedef int (*gcvisitobjects_t)(PyObject *, void *);

/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */
PyAPI_FUNC(void) PyObject_GetArenaAllocator(PyObjectArenaAllocator *);
PyAPI_FUNC(void) PyObject_SetArenaAllocator(PyObjectArenaAllocator *);
PyAPI_FUNC(int) PyType_SUPPORTS_WEAKREFS(PyTypeObject *);
PyAPI_FUNC(PyObject **) PyObject_GET_WEAKREFS_LISTPTR(PyObject *);
PyAPI_FUNC(PyObject *) PyUnstable_Object_GC_NewWithExtraData(PyTypeObject *, size_t);
PyAPI_FUNC(void) PyUnstable_GC_VisitObjects(gcvisitobjects_t, void *);

#endif
