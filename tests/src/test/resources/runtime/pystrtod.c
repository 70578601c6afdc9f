/* pystrtod.h and other small runtime facts: PyOS_double_to_string (every format code and flag), PyOS_string_to_double
   (end pointer, overflow), PyOS_strtol/strtoul (CPython's base and prefix rules), case-insensitive compares,
   pointer hashing, PyPreConfig defaults, the import magic, universal-newline fgets. KnownAnswerModulesTest compares
   the answers with CPython 3.13t's. */
#include <Python.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static PyObject *error_name(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    PyObject *name = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return name;
}

/* d2s(value as text, code, precision, flags) -> (text, type) */
static PyObject *d2s(PyObject *self, PyObject *args)
{
    const char *text, *code;
    int precision, flags;
    if (!PyArg_ParseTuple(args, "ssii", &text, &code, &precision, &flags)) {
        return NULL;
    }
    double v = strtod(text, NULL);
    int type = -1;
    char *s = PyOS_double_to_string(v, code[0], precision, flags, &type);
    if (s == NULL) {
        /* only the type: CPython's SystemError message names its source line */
        PyObject *exc = PyErr_GetRaisedException();
        PyObject *name = PyUnicode_FromString(Py_TYPE(exc)->tp_name);
        Py_DECREF(exc);
        return name;
    }
    PyObject *r = Py_BuildValue("(si)", s, type);
    PyMem_Free(s);
    return r;
}

/* Every code, precision and flag combination for one value, as one tuple. */
static PyObject *d2s_all(PyObject *self, PyObject *args)
{
    const char *text;
    if (!PyArg_ParseTuple(args, "s", &text)) {
        return NULL;
    }
    double v = strtod(text, NULL);
    static const char codes[] = "eEfFgG";
    static const int precisions[] = {0, 1, 2, 3, 6, 12, 17};
    PyObject *out = PyList_New(0);
    char *s = PyOS_double_to_string(v, 'r', 0, 0, NULL);
    PyList_Append(out, PyUnicode_FromString(s));
    PyMem_Free(s);
    for (int flags = 0; flags < 16; flags++) {
        s = PyOS_double_to_string(v, 'r', 0, flags, NULL);
        PyObject *u = PyUnicode_FromString(s);
        PyList_Append(out, u);
        Py_DECREF(u);
        PyMem_Free(s);
        for (const char *c = codes; *c; c++) {
            for (size_t p = 0; p < sizeof precisions / sizeof precisions[0]; p++) {
                s = PyOS_double_to_string(v, *c, precisions[p], flags, NULL);
                u = PyUnicode_FromString(s);
                PyList_Append(out, u);
                Py_DECREF(u);
                PyMem_Free(s);
            }
        }
    }
    PyObject *t = PyList_AsTuple(out);
    Py_DECREF(out);
    return t;
}

/* s2d(text, mode): mode 0 no end pointer, 1 end pointer, 2 end pointer and OverflowError, 3 OverflowError only */
static PyObject *s2d(PyObject *self, PyObject *args)
{
    const char *text;
    int mode;
    if (!PyArg_ParseTuple(args, "si", &text, &mode)) {
        return NULL;
    }
    char *end = (char *)"unset";
    PyObject *ovf = mode >= 2 ? PyExc_OverflowError : NULL;
    double v = PyOS_string_to_double(text, mode == 1 || mode == 2 ? &end : NULL, ovf);
    PyObject *err = PyErr_Occurred() ? error_name() : PyUnicode_FromString("no error");
    char *r = PyOS_double_to_string(v, 'r', 0, 0, NULL);
    PyObject *res = Py_BuildValue("(sNn)", r, err, (mode == 1 || mode == 2) ? (Py_ssize_t)(end - text) : (Py_ssize_t)-99);
    PyMem_Free(r);
    return res;
}

static PyObject *strtol_(PyObject *self, PyObject *args)
{
    const char *text;
    int base;
    if (!PyArg_ParseTuple(args, "si", &text, &base)) {
        return NULL;
    }
    char *end;
    errno = 0;
    long l = PyOS_strtol(text, &end, base);
    int e1 = errno == ERANGE;
    Py_ssize_t n1 = end - text;
    errno = 0;
    unsigned long u = PyOS_strtoul(text, &end, base);
    int e2 = errno == ERANGE;
    return Py_BuildValue("(lniknii)", l, n1, e1, u, (Py_ssize_t)(end - text), e2, 0);
}

static PyObject *compare(PyObject *self, PyObject *args)
{
    const char *a, *b;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "ssn", &a, &b, &n)) {
        return NULL;
    }
    return Py_BuildValue("(ii)", PyOS_mystricmp(a, b), PyOS_mystrnicmp(a, b, n));
}

static PyObject *facts(PyObject *self, PyObject *args)
{
    PyPreConfig python, isolated;
    PyPreConfig_InitPythonConfig(&python);
    PyPreConfig_InitIsolatedConfig(&isolated);
    int *a = (int *)&python, *b = (int *)&isolated;
    PyObject *pa = PyTuple_New(10), *pb = PyTuple_New(10);
    for (int i = 0; i < 10; i++) {
        PyTuple_SET_ITEM(pa, i, PyLong_FromLong(a[i]));
        PyTuple_SET_ITEM(pb, i, PyLong_FromLong(b[i]));
    }
    PyObject *info = PyThread_GetInfo();
    PyObject *name = PyObject_GetAttrString(info, "name");
    PyObject *tname = PyUnicode_FromString(Py_TYPE(info)->tp_name);
    Py_ssize_t len = PyObject_Length(info);
    Py_DECREF(info);
    return Py_BuildValue("(NNslsNNnnnnns)", pa, pb, Py_GetPlatform(), PyImport_GetMagicNumber(),
                         PyImport_GetMagicTag(), name, tname, len,
                         Py_HashPointer((void *)0x1000), Py_HashPointer((void *)1),
                         Py_HashPointer((void *)0x12345678), Py_HashPointer((void *)(uintptr_t)0xfffffffffffffff0u),
                         Py_GETENV("FTCHECK_SURELY_UNSET_VARIABLE") == NULL ? "unset" : "set");
}

static PyObject *fgets_(PyObject *self, PyObject *args)
{
    const char *text;
    int n;
    if (!PyArg_ParseTuple(args, "si", &text, &n)) {
        return NULL;
    }
    FILE *f = tmpfile();
    fputs(text, f);
    rewind(f);
    PyObject *out = PyList_New(0);
    char buf[64];
    while (Py_UniversalNewlineFgets(buf, n, f, NULL) != NULL) {
        PyObject *s = PyUnicode_FromString(buf);
        PyList_Append(out, s);
        Py_DECREF(s);
    }
    errno = 0;
    int refused = Py_UniversalNewlineFgets(buf, n, f, out) == NULL && errno == ENXIO;
    fclose(f);
    return Py_BuildValue("(Ni)", out, refused);
}

static PyMethodDef methods[] = {
    {"d2s", d2s, METH_VARARGS, NULL},
    {"d2s_all", d2s_all, METH_VARARGS, NULL},
    {"s2d", s2d, METH_VARARGS, NULL},
    {"strtol", strtol_, METH_VARARGS, NULL},
    {"compare", compare, METH_VARARGS, NULL},
    {"facts", facts, METH_NOARGS, NULL},
    {"fgets", fgets_, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "pystrtod", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_pystrtod(void)
{
    return PyModuleDef_Init(&module);
}
