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

/* w* on a bytearray made here (no literal makes one): writes through the buffer, returns the bytearray. */
static PyObject *write_through(PyObject *self, PyObject *args)
{
    PyObject *ba = PyByteArray_FromStringAndSize("xy", 2);
    PyObject *t = ba != NULL ? PyTuple_Pack(1, ba) : NULL;
    Py_buffer b;
    int ok = t != NULL && PyArg_ParseTuple(t, "w*", &b);
    Py_XDECREF(t);
    if (!ok) {
        Py_XDECREF(ba);
        return NULL;
    }
    ((char *)b.buf)[0] = 'Z';
    PyObject *r = Py_BuildValue("(Nni)", ba, b.len, b.readonly);
    PyBuffer_Release(&b);
    return r;
}

/* str.encode through the C-API, whose strict errors name the codec, the character and its position. */
static PyObject *encode(PyObject *self, PyObject *args)
{
    PyObject *str;
    const char *encoding;
    if (!PyArg_ParseTuple(args, "Us", &str, &encoding)) {
        return NULL;
    }
    return PyUnicode_AsEncodedString(str, encoding, NULL);
}

static PyMethodDef methods[] = {
    {"u", u, METH_VARARGS, NULL}, {"encode", encode, METH_VARARGS, NULL}, {"write_through", write_through, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
static PyModuleDef_Slot slots[] = {{Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "argunits", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_argunits(void)
{
    return PyModuleDef_Init(&def);
}
