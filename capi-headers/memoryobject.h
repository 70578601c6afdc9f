/* memoryview objects. */
#ifndef Py_MEMORYOBJECT_H
#define Py_MEMORYOBJECT_H

PyAPI_DATA(PyTypeObject) PyMemoryView_Type;
#define PyMemoryView_Check(op) Py_IS_TYPE((op), &PyMemoryView_Type)

PyAPI_FUNC(PyObject *) PyMemoryView_FromObject(PyObject *base);
PyAPI_FUNC(PyObject *) PyMemoryView_FromMemory(char *mem, Py_ssize_t size, int flags);
PyAPI_FUNC(PyObject *) PyMemoryView_FromBuffer(const Py_buffer *info);
PyAPI_FUNC(PyObject *) PyMemoryView_GetContiguous(PyObject *base, int buffertype, char order);

/* The layout the runtime gives memoryviews (CPython 3.13's): views share a managed buffer that holds the exporter's
   buffer until the last view on it is released. */
typedef struct {
    PyObject_HEAD
    int flags;             /* released */
    Py_ssize_t exports;    /* views registered on this buffer */
    Py_buffer master;      /* the exporter's buffer */
} _PyManagedBufferObject;

#define _Py_MANAGED_BUFFER_RELEASED 0x001
#define _Py_MANAGED_BUFFER_FREE_FORMAT 0x002

#define _Py_MEMORYVIEW_RELEASED 0x001
#define _Py_MEMORYVIEW_C 0x002
#define _Py_MEMORYVIEW_FORTRAN 0x004
#define _Py_MEMORYVIEW_SCALAR 0x008
#define _Py_MEMORYVIEW_PIL 0x010
#define _Py_MEMORYVIEW_RESTRICTED 0x020

typedef struct {
    PyObject_VAR_HEAD
    _PyManagedBufferObject *mbuf;
    Py_hash_t hash;          /* -1 until a read-only view is hashed */
    int flags;               /* _Py_MEMORYVIEW_* */
    Py_ssize_t exports;      /* buffers exported from this view */
    Py_buffer view;          /* this view's copy of the buffer (shape, strides, suboffsets in ob_array) */
    PyObject *weakreflist;
    Py_ssize_t ob_array[1];
} PyMemoryViewObject;

/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */
PyAPI_FUNC(Py_buffer *) PyMemoryView_GET_BUFFER(PyObject *op);
PyAPI_FUNC(PyObject *) PyMemoryView_GET_BASE(PyObject *op);

#endif
