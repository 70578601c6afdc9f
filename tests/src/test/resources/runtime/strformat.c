/* Formatting: PyObject_Format with the format-spec mini-language of str, int, bool and float (fill, align, sign,
   z, #, 0, width, grouping, precision, every type), str.format and str.format_map (field names, attributes,
   keys, conversions, nested specs, escapes, CPython's errors), and printf-style str % args through
   PyNumber_Remainder and str.__mod__/__rmod__. Errors come back as "Type: message" strings.
   KnownAnswerModulesTest compares the answers with CPython 3.13's. */
#include <Python.h>

static PyObject *error_text(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    PyObject *r = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

static PyObject *or_error(PyObject *r)
{
    return r != NULL ? r : error_text();
}

/* fmt(value, spec1, spec2, ...): PyObject_Format(value, spec) for each spec. */
static PyObject *fmt(PyObject *self, PyObject *args)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < 1) {
        PyErr_SetString(PyExc_TypeError, "fmt(value, spec, ...)");
        return NULL;
    }
    PyObject *value = PyTuple_GET_ITEM(args, 0);
    PyObject *out = PyTuple_New(n - 1);
    for (Py_ssize_t i = 1; out != NULL && i < n; i++) {
        PyTuple_SET_ITEM(out, i - 1, or_error(PyObject_Format(value, PyTuple_GET_ITEM(args, i))));
    }
    return out;
}

/* ffmt(name, spec1, ...): fmt of the float 'inf', '-inf' or 'nan'. */
static PyObject *ffmt(PyObject *self, PyObject *args)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < 1) {
        PyErr_SetString(PyExc_TypeError, "ffmt(text, spec, ...)");
        return NULL;
    }
    const char *name = PyUnicode_AsUTF8(PyTuple_GET_ITEM(args, 0));
    if (name == NULL) {
        return NULL;
    }
    double d = strcmp(name, "inf") == 0 ? Py_INFINITY : strcmp(name, "-inf") == 0 ? -Py_INFINITY : Py_NAN;
    PyObject *value = PyFloat_FromDouble(d);
    PyObject *rest = PyTuple_GetSlice(args, 1, n);
    PyObject *all = PyTuple_Pack(1, value);
    PyObject *joined = PySequence_Concat(all, rest);
    PyObject *r = fmt(self, joined);
    Py_DECREF(joined);
    Py_DECREF(all);
    Py_DECREF(rest);
    Py_DECREF(value);
    return r;
}

/* Small objects to format through attributes and keys. */
static PyObject *point(void)
{
    PyObject *ns = PyDict_New();
    PyDict_SetItemString(ns, "x", PyLong_FromLong(3));
    return ns;
}

/* sformat(template, args, kwargs): template.format(*args, **kwargs). */
static PyObject *sformat(PyObject *self, PyObject *args)
{
    PyObject *t, *pos, *kw;
    if (!PyArg_ParseTuple(args, "OO!O!", &t, &PyTuple_Type, &pos, &PyDict_Type, &kw)) {
        return NULL;
    }
    PyObject *m = PyObject_GetAttrString(t, "format");
    if (m == NULL) {
        return error_text();
    }
    PyObject *r = PyObject_Call(m, pos, kw);
    Py_DECREF(m);
    return or_error(r);
}

/* fmap(template, mapping): template.format_map(mapping). */
static PyObject *fmap(PyObject *self, PyObject *args)
{
    PyObject *t, *mapping;
    if (!PyArg_ParseTuple(args, "OO", &t, &mapping)) {
        return NULL;
    }
    return or_error(PyObject_CallMethod(t, "format_map", "O", mapping));
}

/* mod(template, args): (template % args, template.__mod__(args), args.__rmod__ if args is a str). */
static PyObject *mod(PyObject *self, PyObject *args)
{
    PyObject *t, *a;
    if (!PyArg_ParseTuple(args, "OO", &t, &a)) {
        return NULL;
    }
    PyObject *r1 = or_error(PyNumber_Remainder(t, a));
    PyObject *r2 = or_error(PyObject_CallMethod(t, "__mod__", "O", a));
    PyObject *r3 = or_error(PyObject_CallMethod(t, "__rmod__", "O", a));
    return Py_BuildValue("(NNN)", r1, r2, r3);
}

/* attrs(): format fields that read attributes and items of real objects. */
static PyObject *attrs(PyObject *self, PyObject *unused)
{
    PyObject *d = point();
    PyObject *lst = Py_BuildValue("[iii]", 10, 20, 30);
    PyObject *out = PyList_New(0);
    const char *templates[] = {"{0[x]}", "{0[y]}", "{1[2]}", "{1[-1]}", "{1[5]}", "{0.keys}", "{1.__len__.__name__}",
                               "{0.nope}", "{2.real}", "{2.imag:>4}", "{2.denominator!r:_^6}", "{1[0]:{2}}",
                               "{1[0]:{w}}", "{1[1]!s:>{w}.{2}}", "{1[1]:{2}{w}}", "{0.__class__.__name__!a}"};
    for (size_t i = 0; out != NULL && i < sizeof(templates) / sizeof(templates[0]); i++) {
        PyObject *t = PyUnicode_FromString(templates[i]);
        PyObject *kw = Py_BuildValue("{s:i}", "w", 7);
        PyObject *m = PyObject_GetAttrString(t, "format");
        PyObject *pos = Py_BuildValue("(OOi)", d, lst, 3);
        PyObject *r = or_error(PyObject_Call(m, pos, kw));
        PyObject *text = PyUnicode_Check(r) && strstr(templates[i], "keys") != NULL
                             ? PyUnicode_FromString(PyUnicode_AsUTF8(r)[0] == '<' ? "<bound method>" : "?")
                             : Py_NewRef(r);
        PyList_Append(out, text);
        Py_DECREF(text);
        Py_DECREF(r);
        Py_DECREF(pos);
        Py_DECREF(m);
        Py_DECREF(kw);
        Py_DECREF(t);
    }
    Py_DECREF(d);
    Py_DECREF(lst);
    return out;
}

static PyMethodDef methods[] = {
    {"fmt", fmt, METH_VARARGS, NULL},
    {"ffmt", ffmt, METH_VARARGS, NULL},
    {"sformat", sformat, METH_VARARGS, NULL},
    {"fmap", fmap, METH_VARARGS, NULL},
    {"mod", mod, METH_VARARGS, NULL},
    {"attrs", attrs, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "strformat", NULL, -1, methods};

PyMODINIT_FUNC PyInit_strformat(void)
{
    return PyModule_Create(&module);
}
