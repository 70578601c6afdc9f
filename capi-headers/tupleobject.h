/* tuple objects: immutable, items inline after the variable-size header (ob_item at offset 40; 3.14 caches the
   hash first, so ob_item is at 48). */
#ifndef Py_TUPLEOBJECT_H
#define Py_TUPLEOBJECT_H

typedef struct {
    PyObject_VAR_HEAD
#if PY_VERSION_HEX >= 0x030E0000
    Py_hash_t ob_hash;     /* cached hash, -1 until computed */
#endif
    PyObject *ob_item[1];
} PyTupleObject;

PyAPI_DATA(PyTypeObject) PyTuple_Type;
PyAPI_DATA(PyTypeObject) PyTupleIter_Type;

#define PyTuple_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TUPLE_SUBCLASS)
#define PyTuple_CheckExact(op) Py_IS_TYPE((op), &PyTuple_Type)

PyAPI_FUNC(PyObject *) PyTuple_New(Py_ssize_t size);
PyAPI_FUNC(Py_ssize_t) PyTuple_Size(PyObject *p);
PyAPI_FUNC(PyObject *) PyTuple_GetItem(PyObject *p, Py_ssize_t pos);
PyAPI_FUNC(int) PyTuple_SetItem(PyObject *p, Py_ssize_t pos, PyObject *o);
PyAPI_FUNC(PyObject *) PyTuple_GetSlice(PyObject *p, Py_ssize_t low, Py_ssize_t high);
PyAPI_FUNC(PyObject *) PyTuple_Pack(Py_ssize_t n, ...);
PyAPI_FUNC(int) _PyTuple_Resize(PyObject **p, Py_ssize_t newsize);

#define _PyTuple_CAST(op) _Py_CAST(PyTupleObject *, (op))

static inline Py_ssize_t _PyTuple_GET_SIZE(PyObject *op)
{
    return Py_SIZE(op);
}
#define PyTuple_GET_SIZE(op) _PyTuple_GET_SIZE(_PyObject_CAST(op))
#define PyTuple_GET_ITEM(op, index) (_PyTuple_CAST(op)->ob_item[(index)])

/* Only for filling a tuple nobody else can see yet: no locking, steals the reference. */
static inline void _PyTuple_SET_ITEM(PyObject *op, Py_ssize_t index, PyObject *value)
{
    _PyTuple_CAST(op)->ob_item[index] = value;
}
#define PyTuple_SET_ITEM(op, index, value) _PyTuple_SET_ITEM(_PyObject_CAST(op), (index), _PyObject_CAST(value))

#endif
