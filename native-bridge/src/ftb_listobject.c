/* listobject.h: size and item access natively, and the old private _PyList_Extend. */
#include "Python.h"

/* Hot read-only calls, served without leaving C as CPython does (an upcall into Java would cost ~15x more). They
   read the native layout the Java side maintains and lock exactly as it does (a critical section on the list), so
   both sides agree; anything unusual goes to the regular API, which may be Java. */
PyObject *PyList_GetItemRef(PyObject *op, Py_ssize_t i)
{
    if (op == NULL || !PyList_Check(op)) {
        PyErr_SetString(PyExc_TypeError, "expected a list");
        return NULL;
    }
    PyObject *item = NULL;
    Py_BEGIN_CRITICAL_SECTION(op);
    if (i >= 0 && i < Py_SIZE(op)) {
        item = Py_NewRef(((PyListObject *)op)->ob_item[i]);
    }
    Py_END_CRITICAL_SECTION();
    if (item == NULL) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
    }
    return item;
}

Py_ssize_t PyList_Size(PyObject *op)
{
    if (op == NULL || !PyList_Check(op)) {
        PyErr_Format(PyExc_TypeError, "expected list, got %s", op == NULL ? "NULL" : Py_TYPE(op)->tp_name);
        return -1;
    }
    return __atomic_load_n(&((PyVarObject *)op)->ob_size, __ATOMIC_RELAXED);
}

/* list.extend(iterable) as the old private entry point: None, or NULL with the exception set. CPython 3.13 no
   longer declares it but libpython still exports it, so binaries built for older versions load. */
PyObject *_PyList_Extend(PyListObject *self, PyObject *iterable)
{
    if (PyList_Extend((PyObject *)self, iterable) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}
