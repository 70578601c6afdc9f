#include <Python.h>

static PyObject *
first(PyObject *self, PyObject *args)
{
    PyObject *list, *dict, *item, *v, *w;
    if (!PyArg_ParseTuple(args, "OO", &list, &dict)) {
        return NULL;
    }
    item = PyList_GetItem(list, 0);
    Py_XINCREF(item);
    v = PyDict_GetItem(dict, item);
    Py_XINCREF(v);
    w = PyDict_GetItemString(dict, "key");
    Py_XINCREF(w);
    PyObject *z = PyList_GetItem(list, 1);
    Py_INCREF(z);
    PyObject *q = PyDict_GetItemWithError(dict, z);   /* declaration: left alone */
    Py_XINCREF(q);
    Py_XDECREF(q);
    Py_DECREF(z);
    Py_XDECREF(w);
    Py_XDECREF(v);
    return item;
}
