/* Cell objects (closure variables). */
#ifndef Py_CELLOBJECT_H
#define Py_CELLOBJECT_H

typedef struct {
    PyObject_HEAD
    PyObject *ob_ref; /* content, or NULL when empty */
} PyCellObject;

PyAPI_DATA(PyTypeObject) PyCell_Type;
#define PyCell_Check(op) Py_IS_TYPE((op), &PyCell_Type)

PyAPI_FUNC(PyObject *) PyCell_New(PyObject *obj);
PyAPI_FUNC(PyObject *) PyCell_Get(PyObject *cell);
PyAPI_FUNC(int) PyCell_Set(PyObject *cell, PyObject *value);

/* Borrowed, unlocked reads and writes. */
#define PyCell_GET(op) (_Py_CAST(PyCellObject *, (op))->ob_ref)
#define PyCell_SET(op, v) ((void)(_Py_CAST(PyCellObject *, (op))->ob_ref = (v)))

#endif
