/* A small extension that uses the 3.14 functions through compat314_fallbacks.h, as ported code does. */
#include <Python.h>
#include "compat314_fallbacks.h"

static PyMutex table_lock;

static PyObject *roundtrip(PyObject *self, PyObject *arg)
{
    (void)self;
    int32_t i32;
    uint32_t u32;
    int64_t i64;
    uint64_t u64;
    if (PyLong_AsInt32(arg, &i32) < 0 || PyLong_AsUInt32(arg, &u32) < 0 || PyLong_AsInt64(arg, &i64) < 0
            || PyLong_AsUInt64(arg, &u64) < 0) {
        return NULL;
    }
    PyObject *parts[4] = {PyLong_FromInt32(i32), PyLong_FromUInt32(u32), PyLong_FromInt64(i64),
                          PyLong_FromUInt64(u64)};
    PyObject *out = PyTuple_New(4);
    for (int k = 0; k < 4; k++) {
        if (parts[k] == NULL || out == NULL) {
            for (int j = 0; j < 4; j++) {
                Py_XDECREF(parts[j]);
            }
            Py_XDECREF(out);
            return NULL;
        }
    }
    for (int k = 0; k < 4; k++) {
        PyTuple_SET_ITEM(out, k, parts[k]);
    }
    return out;
}

static PyObject *misc(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *a;
    PyObject *b;
    if (!PyArg_ParseTuple(args, "OO", &a, &b)) {
        return NULL;
    }
    int equal = PyUnicode_Equal(a, b);
    if (equal < 0) {
        return NULL;
    }
    if (PyUnstable_TryIncRef(a)) {
        Py_DECREF(a);
    }
    PyUnstable_EnableTryIncRef(b);
    PyMutex_Lock(&table_lock);
    int locked = PyMutex_IsLocked(&table_lock);
    PyMutex_Unlock(&table_lock);
    Py_hash_t h = Py_HashBuffer("abc", 3);
    if (h == -1) {
        return NULL;
    }
    return Py_BuildValue("(iin)", equal, locked, (Py_ssize_t)h);
}

static PyObject *join_and_iterate(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *sep;
    PyObject *items;
    if (!PyArg_ParseTuple(args, "OO", &sep, &items)) {
        return NULL;
    }
    PyObject *joined = PyBytes_Join(sep, items);
    if (joined == NULL) {
        return NULL;
    }
    PyObject *iter = PyObject_GetIter(items);
    if (iter == NULL) {
        Py_DECREF(joined);
        return NULL;
    }
    Py_ssize_t n = 0;
    PyObject *item;
    int rc;
    while ((rc = PyIter_NextItem(iter, &item)) == 1) {
        n++;
        Py_DECREF(item);
    }
    Py_DECREF(iter);
    if (rc < 0) {
        Py_DECREF(joined);
        return NULL;
    }
    PyObject *path_sep = PyImport_ImportModuleAttrString("os", "sep");
    if (path_sep == NULL) {
        Py_DECREF(joined);
        return NULL;
    }
    PyObject *mod = PyUnicode_FromString("os");
    PyObject *attr = PyUnicode_FromString("linesep");
    PyObject *line_sep = mod != NULL && attr != NULL ? PyImport_ImportModuleAttr(mod, attr) : NULL;
    Py_XDECREF(mod);
    Py_XDECREF(attr);
    if (line_sep == NULL) {
        Py_DECREF(joined);
        Py_DECREF(path_sep);
        return NULL;
    }
    return Py_BuildValue("(NnNN)", joined, n, path_sep, line_sep);
}

static PyMethodDef methods[] = {
    {"roundtrip", roundtrip, METH_O, PyDoc_STR("int through the fixed-width conversions")},
    {"misc", misc, METH_VARARGS, PyDoc_STR("string equality, references, mutex, buffer hash")},
    {"join_and_iterate", join_and_iterate, METH_VARARGS, PyDoc_STR("bytes join, iteration, attribute import")},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "compat314", NULL, -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_compat314(void)
{
    return PyModule_Create(&module);
}
