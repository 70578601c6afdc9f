/* Reference-counting bugs for checked mode (docs/runtime.md "Checked mode"): a release too many, a read after the
 * free, leaks and reference cycles, next to balanced twins that must stay silent. CPython runs the buggy ones
 * silently or crashes somewhere later; checked mode reports each where it happens. */
#include <Python.h>

/* One Py_DECREF too many: the second release touches a freed object. */
static PyObject *double_decref(PyObject *self, PyObject *unused)
{
    PyObject *o = PyFloat_FromDouble(2.5);
    if (o == NULL) {
        return NULL;
    }
    Py_DECREF(o);
    Py_DECREF(o);
    Py_RETURN_NONE;
}

/* Releases its only reference, then reads the object: a use after free. */
static PyObject *read_after_free(PyObject *self, PyObject *unused)
{
    PyObject *o = PyLong_FromLong(123456789);
    if (o == NULL) {
        return NULL;
    }
    Py_DECREF(o);
    long v = PyLong_AsLong(o);
    if (v == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromLong(v);
}

/* Creates n ints and keeps every one of them alive by forgetting to release it. */
static PyObject *leak(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    for (long i = 0; i < n; i++) {
        if (PyLong_FromLong(1000000 + i) == NULL) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

/* The same work, balanced. */
static PyObject *balanced(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    for (long i = 0; i < n; i++) {
        PyObject *o = PyLong_FromLong(1000000 + i);
        if (o == NULL) {
            return NULL;
        }
        Py_DECREF(o);
    }
    Py_RETURN_NONE;
}

/* n lists that each contain themselves: unreachable cycles only a collector could free. */
static PyObject *self_cycles(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    for (long i = 0; i < n; i++) {
        PyObject *l = PyList_New(0);
        if (l == NULL || PyList_Append(l, l) < 0) {
            Py_XDECREF(l);
            return NULL;
        }
        Py_DECREF(l);
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"double_decref", double_decref, METH_NOARGS, NULL},
    {"read_after_free", read_after_free, METH_NOARGS, NULL},
    {"leak", leak, METH_O, NULL},
    {"balanced", balanced, METH_O, NULL},
    {"self_cycles", self_cycles, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "ftrefbugs", "Reference-counting bugs for checked mode.", 0, methods, slots,
};

PyMODINIT_FUNC PyInit_ftrefbugs(void)
{
    return PyModuleDef_Init(&module);
}
