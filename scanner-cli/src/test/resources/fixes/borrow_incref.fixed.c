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

static PyObject *
owner_and_main(PyObject *self, PyObject *ref)
{
    PyObject *owner, *main_mod, *other;
    if (PyWeakref_GetRef(ref, &owner) == 0) {
        owner = Py_NewRef(Py_None);
    }
    main_mod = PyImport_AddModuleRef("__main__");
    other = PyWeakref_GET_OBJECT(ref);   /* no error path to keep: left alone */
    Py_INCREF(other);
    PyObject *borrowed = PyImport_AddModule("sys");   /* no incref: a decref on every path is not mechanical */
    if (borrowed == NULL || main_mod == NULL) {
        Py_XDECREF(owner);
        Py_XDECREF(main_mod);
        Py_DECREF(other);
        return NULL;
    }
    Py_XDECREF(main_mod);
    Py_DECREF(other);
    return owner;
}
