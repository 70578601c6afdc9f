/* The fixed twin of ftrace_dictnext.c: the same dict and mutate(), but walk() holds a critical section on the
 * dict for the whole PyDict_Next loop, so no other thread can change the table or free an entry while it is read
 * (PyDict_SetItem and PyDict_DelItem take the same per-object lock). */
#include <Python.h>

#define KEYS 256

static PyObject *table; /* shared dict, strong reference, created at init */

static int put(long k)
{
    PyObject *key = PyLong_FromLong(1000000L + k);
    PyObject *val = PyLong_FromLong((1000000L + k) * 3 + 1);
    int rc = key && val ? PyDict_SetItem(table, key, val) : -1;
    Py_XDECREF(key);
    Py_XDECREF(val);
    return rc;
}

/* mutate(n): n inserts or deletes of keys in a sliding window; a delete frees the entry's key and value, and the
 * inserts make the table grow (a resize replaces it). */
static PyObject *mutate(PyObject *module, PyObject *arg)
{
    static long step;
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    for (long i = 0; i < n; i++) {
        long s = step++;
        long k = s % KEYS;
        int rc;
        if ((s / KEYS) % 2 == 0) {
            rc = put(k);
        }
        else {
            PyObject *key = PyLong_FromLong(1000000L + k);
            rc = key ? PyDict_DelItem(table, key) : -1;
            Py_XDECREF(key);
            if (rc < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
                PyErr_Clear();
                rc = 0;
            }
        }
        if (rc < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

/* walk(): sums the values of the dict inside a critical section on it: the borrowed keys and values PyDict_Next
 * returns stay valid until Py_END_CRITICAL_SECTION. */
static PyObject *walk(PyObject *module, PyObject *unused)
{
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    long long sum = 0;
    int failed = 0;
    Py_BEGIN_CRITICAL_SECTION(table);
    while (PyDict_Next(table, &pos, &key, &value)) {
        long k = PyLong_AsLong(key);
        long v = PyLong_AsLong(value);
        if (PyErr_Occurred()) {
            failed = 1;
            break;
        }
        if (v != k * 3 + 1) {
            PyErr_Format(PyExc_RuntimeError, "entry %ld -> %ld: not an entry of the dict (freed while walked?)",
                         k, v);
            failed = 1;
            break;
        }
        sum += v;
    }
    Py_END_CRITICAL_SECTION();
    return failed ? NULL : PyLong_FromLongLong(sum);
}

static PyObject *size(PyObject *module, PyObject *unused)
{
    return PyLong_FromSsize_t(PyDict_Size(table));
}

static PyMethodDef methods[] = {
    {"mutate", mutate, METH_O, "mutate(n): n inserts or deletes"},
    {"walk", walk, METH_NOARGS, "walk(): sum of the values, PyDict_Next in a critical section"},
    {"size", size, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int exec_module(PyObject *module)
{
    table = PyDict_New();
    if (table == NULL) {
        return -1;
    }
    for (long k = 0; k < KEYS / 2; k++) {
        if (put(k) < 0) {
            return -1;
        }
    }
    return PyModule_AddObjectRef(module, "table", table);
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ftrace_dictnext_fixed",
    "PyDict_Next in a critical section on a dict another thread mutates.", 0, methods, slots,
};

PyMODINIT_FUNC PyInit_ftrace_dictnext_fixed(void)
{
    return PyModuleDef_Init(&module_def);
}
