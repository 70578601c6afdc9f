/* A PyDict_Next loop over a dict that another thread mutates: unsafe without a critical section on the dict.
 * iterate() shows the bug; iterate_locked() is the fix. */
#include <Python.h>

static PyObject *shared_dict;

static PyObject *mutate(PyObject *module, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    for (long i = 0; i < n; i++) {
        PyObject *key = PyLong_FromLong(1000 + i % 64);
        PyObject *val = PyLong_FromLong(i);
        if (key == NULL || val == NULL) {
            Py_XDECREF(key);
            Py_XDECREF(val);
            return NULL;
        }
        int rc = (i / 64) % 2 == 0 ? PyDict_SetItem(shared_dict, key, val) : PyDict_DelItem(shared_dict, key);
        if (rc < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
            PyErr_Clear();
            rc = 0;
        }
        Py_DECREF(key);
        Py_DECREF(val);
        if (rc < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

static long walk(void)
{
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    long seen = 0;
    while (PyDict_Next(shared_dict, &pos, &key, &value)) {
        if (PyLong_Check(key) && PyLong_Check(value)) {
            seen++;
        }
    }
    return seen;
}

/* Walks the dict n times without locking it (the hazard). */
static PyObject *iterate(PyObject *module, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    long total = 0;
    for (long i = 0; i < n; i++) {
        total += walk();
    }
    return PyLong_FromLong(total);
}

/* The fix: each walk inside a critical section on the dict. */
static PyObject *iterate_locked(PyObject *module, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    long total = 0;
    for (long i = 0; i < n; i++) {
        Py_BEGIN_CRITICAL_SECTION(shared_dict);
        total += walk();
        Py_END_CRITICAL_SECTION();
    }
    return PyLong_FromLong(total);
}

static PyObject *size(PyObject *module, PyObject *unused)
{
    return PyLong_FromSsize_t(PyDict_Size(shared_dict));
}

static PyMethodDef methods[] = {
    {"mutate", mutate, METH_O, NULL},
    {"iterate", iterate, METH_O, NULL},
    {"iterate_locked", iterate_locked, METH_O, NULL},
    {"size", size, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int exec_module(PyObject *module)
{
    shared_dict = PyDict_New();
    if (shared_dict == NULL) {
        return -1;
    }
    return PyModule_AddObjectRef(module, "shared", shared_dict);
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ftdictrace", NULL, 0, methods, slots,
};

PyMODINIT_FUNC PyInit_ftdictrace(void)
{
    return PyModuleDef_Init(&module_def);
}
