/* Multi-phase sample that does not declare Py_mod_gil: importing it re-enables the GIL (with CPython's
 * RuntimeWarning), after which calls from many threads are serialised. Its counter is deliberately unguarded C
 * state: correct only because the GIL serialises callers. */
#include <Python.h>

static long long counter;

static PyObject *add(PyObject *module, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    for (long i = 0; i < n; i++) {
        long long v = counter; /* an unprotected read-modify-write: racy without the GIL */
        counter = v + 1;
    }
    Py_RETURN_NONE;
}

static PyObject *value(PyObject *module, PyObject *unused)
{
    return PyLong_FromLongLong(counter);
}

static PyObject *reset(PyObject *module, PyObject *unused)
{
    counter = 0;
    Py_RETURN_NONE;
}

/* sleep_detached(): releases the GIL around a blocking call, as extensions should. */
static PyObject *sleep_detached(PyObject *module, PyObject *arg)
{
    double seconds = PyFloat_AsDouble(arg);
    if (seconds == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    struct timespec ts = {(time_t)seconds, (long)((seconds - (time_t)seconds) * 1e9)};
    nanosleep(&ts, NULL);
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"add", add, METH_O, NULL},
    {"value", value, METH_NOARGS, NULL},
    {"reset", reset, METH_NOARGS, NULL},
    {"sleep_detached", sleep_detached, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ftgilneeded", NULL, 0, methods, slots,
};

PyMODINIT_FUNC PyInit_ftgilneeded(void)
{
    return PyModuleDef_Init(&module_def);
}
