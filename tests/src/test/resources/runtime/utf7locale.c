/* UTF-7 decoding (stateful and not) and the locale codec (PyUnicode_DecodeLocale*, EncodeLocale) in a UTF-8
   locale, with their errors. KnownAnswerModulesTest compares the answers with CPython 3.13t's. */
#include <Python.h>

/* The raised exception as "Type: message", with start, end and object for Unicode errors; cleared. */
static PyObject *error_text(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    PyObject *r = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    if (PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_UnicodeError)) {
        r = Py_BuildValue("(NNNN)", r, PyObject_GetAttrString(exc, "start"), PyObject_GetAttrString(exc, "end"),
                          PyObject_GetAttrString(exc, "object"));
    }
    Py_DECREF(exc);
    return r;
}

static PyObject *or_error(PyObject *o)
{
    return o != NULL ? o : error_text();
}

static PyObject *decode_locale(PyObject *self, PyObject *args)
{
    const char *data, *errors;
    Py_ssize_t len;
    if (!PyArg_ParseTuple(args, "y#z", &data, &len, &errors)) {
        return NULL;
    }
    return Py_BuildValue("(NN)", or_error(PyUnicode_DecodeLocaleAndSize(data, len, errors)),
                         or_error(PyUnicode_DecodeLocale(data, errors)));
}

static PyObject *encode_locale(PyObject *self, PyObject *args)
{
    PyObject *u;
    const char *errors;
    if (!PyArg_ParseTuple(args, "Oz", &u, &errors)) {
        return NULL;
    }
    return or_error(PyUnicode_EncodeLocale(u, errors));
}

static PyObject *utf7(PyObject *self, PyObject *args)
{
    const char *data, *errors;
    Py_ssize_t len, consumed = -1;
    if (!PyArg_ParseTuple(args, "y#z", &data, &len, &errors)) {
        return NULL;
    }
    PyObject *partial = or_error(PyUnicode_DecodeUTF7Stateful(data, len, errors, &consumed));
    return Py_BuildValue("(NnN)", or_error(PyUnicode_DecodeUTF7(data, len, errors)), consumed, partial);
}

static PyMethodDef methods[] = {
    {"decode_locale", decode_locale, METH_VARARGS, NULL},
    {"encode_locale", encode_locale, METH_VARARGS, NULL},
    {"utf7", utf7, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "utf7locale", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_utf7locale(void)
{
    return PyModuleDef_Init(&module);
}
