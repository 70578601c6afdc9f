/* longobject.h: PyLong_AsNativeBytes (sizes, flags, the return-value rules, overflow), FromNativeBytes,
   FromUnsignedNativeBytes, FromUnicodeObject and GetInfo. KnownAnswerModulesTest compares with CPython 3.13t. */
#include <Python.h>

static PyObject *error_name(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    /* SystemError's message names a CPython source file: the type alone */
    PyObject *r = PyErr_GivenExceptionMatches(exc, PyExc_SystemError)
        ? PyUnicode_FromString(Py_TYPE(exc)->tp_name) : PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

/* as_native(v, n, flags) -> (return value, the buffer's bytes) */
static PyObject *as_native(PyObject *self, PyObject *args)
{
    PyObject *v;
    Py_ssize_t n;
    int flags;
    if (!PyArg_ParseTuple(args, "Oni", &v, &n, &flags)) {
        return NULL;
    }
    unsigned char buf[64];
    memset(buf, 0xAA, sizeof(buf));
    Py_ssize_t r = PyLong_AsNativeBytes(v, n > 0 ? buf : NULL, n, flags);
    if (r < 0) {
        return error_name();
    }
    return Py_BuildValue("(ny#)", r, buf, n > 0 ? (n < 64 ? n : 64) : 0);
}

static PyObject *from_native(PyObject *self, PyObject *args)
{
    const char *b;
    Py_ssize_t n;
    int flags, is_unsigned;
    if (!PyArg_ParseTuple(args, "y#ii", &b, &n, &flags, &is_unsigned)) {
        return NULL;
    }
    PyObject *r = is_unsigned ? PyLong_FromUnsignedNativeBytes(b, n, flags) : PyLong_FromNativeBytes(b, n, flags);
    return r != NULL ? r : error_name();
}

static PyObject *from_unicode(PyObject *self, PyObject *args)
{
    PyObject *u;
    int base;
    if (!PyArg_ParseTuple(args, "Oi", &u, &base)) {
        return NULL;
    }
    PyObject *r = PyLong_FromUnicodeObject(u, base);
    return r != NULL ? r : error_name();
}

static PyObject *infos(PyObject *self, PyObject *args)
{
    PyObject *li = PyLong_GetInfo();
    PyObject *fi = PyFloat_GetInfo();
    if (li == NULL || fi == NULL) {
        return NULL;
    }
    PyObject *r = Py_BuildValue("(NNsn)", li, PyObject_Repr(fi), Py_TYPE(fi)->tp_name, PyTuple_Size(fi));
    Py_DECREF(fi);
    return r;
}

static PyMethodDef methods[] = {
    {"as_native", as_native, METH_VARARGS, NULL},
    {"from_native", from_native, METH_VARARGS, NULL},
    {"from_unicode", from_unicode, METH_VARARGS, NULL},
    {"infos", infos, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "longs", NULL, 0, methods};

PyMODINIT_FUNC PyInit_longs(void)
{
    return PyModule_Create(&module);
}
