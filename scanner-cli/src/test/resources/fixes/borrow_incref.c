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

static PyObject *
owner_and_main(PyObject *self, PyObject *ref)
{
    PyObject *owner, *main_mod, *other;
    owner = PyWeakref_GetObject(ref);
    Py_XINCREF(owner);
    main_mod = PyImport_AddModule("__main__");
    Py_XINCREF(main_mod);
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
