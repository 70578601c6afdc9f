#include <Python.h>
#include "ftcompat.h"

static PyObject *
first(PyObject *self, PyObject *args)
{
    PyObject *list, *dict, *item, *v, *w;
    if (!PyArg_ParseTuple(args, "OO", &list, &dict)) {
        return NULL;
    }
    item = PyList_GetItemRef(list, 0);
    if (PyDict_GetItemRef(dict, item, &v) < 0) {
        PyErr_Clear();
    }
    if (PyDict_GetItemStringRef(dict, "key", &w) < 0) {
        PyErr_Clear();
    }
    PyObject *z = PyList_GetItemRef(list, 1);
    PyObject *q = PyDict_GetItemWithError(dict, z);   /* declaration: left alone */
    Py_XINCREF(q);
    Py_XDECREF(q);
    Py_DECREF(z);
    Py_XDECREF(w);
    Py_XDECREF(v);
    return item;
}
