/* tupleobject.h: size and item access natively (the hottest calls: an upcall into Java would cost ~15x more),
   and PyTuple_Pack, which is variadic and so cannot be an upcall. */
#include <stdarg.h>
#include "Python.h"

Py_ssize_t PyTuple_Size(PyObject *op)
{
    if (op == NULL || !PyTuple_Check(op)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return Py_SIZE(op);
}

PyObject *PyTuple_GetItem(PyObject *op, Py_ssize_t i)
{
    if (op == NULL || !PyTuple_Check(op)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (i < 0 || i >= Py_SIZE(op)) {
        PyErr_SetString(PyExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return ((PyTupleObject *)op)->ob_item[i];
}

PyObject *PyTuple_Pack(Py_ssize_t n, ...)
{
    PyObject *t = PyTuple_New(n);
    if (t == NULL) {
        return NULL;
    }
    va_list va;
    va_start(va, n);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyTuple_SET_ITEM(t, i, Py_NewRef(va_arg(va, PyObject *)));
    }
    va_end(va);
    return t;
}
