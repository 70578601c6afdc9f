/* u(fmt, obj) parses obj with the one-unit format fmt ("s", "s#", "y*", ...) and returns what the unit gave:
   bytes of the data, or None for a NULL pointer. ArgUnitsTest compares the answers with CPython 3.13t's. */
#include <Python.h>

static PyObject *as_result(const char *p, Py_ssize_t n)
{
    return p == NULL ? Py_NewRef(Py_None) : PyBytes_FromStringAndSize(p, n);
}

static PyObject *u(PyObject *self, PyObject *args)
{
    const char *fmt;
    PyObject *o;
    if (!PyArg_ParseTuple(args, "sO", &fmt, &o)) {
        return NULL;
    }
    PyObject *t = PyTuple_Pack(1, o);
    if (t == NULL) {
        return NULL;
    }
    PyObject *res = NULL;
    const char *p = NULL;
    Py_ssize_t n = -1;
    if (fmt[1] == '*') {
        Py_buffer b;
        if (PyArg_ParseTuple(t, fmt, &b)) {
            res = PyBytes_FromStringAndSize(b.buf ? b.buf : "", b.len);
            PyBuffer_Release(&b);
        }
    } else if (fmt[1] == '#') {
        if (PyArg_ParseTuple(t, fmt, &p, &n)) {
            res = as_result(p, n);
        }
    } else if (PyArg_ParseTuple(t, fmt, &p)) {
        res = as_result(p, p ? (Py_ssize_t)strlen(p) : 0);
    }
    Py_DECREF(t);
    return res;
}

static PyMethodDef methods[] = {{"u", u, METH_VARARGS, NULL}, {NULL, NULL, 0, NULL}};
static PyModuleDef_Slot slots[] = {{Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "argunits", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_argunits(void)
{
    return PyModuleDef_Init(&def);
}
