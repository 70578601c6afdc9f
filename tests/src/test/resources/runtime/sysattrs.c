/* sysmodule.h and the sys module: PySys_GetObject (borrowed, NULL without an error when absent), PySys_SetObject
   (set, delete, delete when absent), importing sys, and the attributes and functions extensions read: version
   facts, limits, flags, int/hash/float info, intern, recursion limits, getrefcount and the free-threading answers
   (abiflags, _is_gil_enabled, flags.gil). The module declares Py_MOD_GIL_NOT_USED, so loading it keeps the GIL
   off. Errors are "Type: message". KnownAnswerModulesTest compares the answers with CPython 3.13's. */
#include <Python.h>

static PyObject *error_text(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("NULL, no error");
    }
    PyObject *r = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

static PyObject *or_error(PyObject *r)
{
    return r != NULL ? r : error_text();
}

#define ADD(expr) do { PyObject *v_ = or_error(expr); PyList_Append(out, v_); Py_DECREF(v_); } while (0)

/* sys.NAME through PySys_GetObject. */
static PyObject *get(PyObject *self, PyObject *name)
{
    PyObject *v = PySys_GetObject(PyUnicode_AsUTF8(name));
    return v != NULL ? Py_NewRef(v) : error_text();
}

/* sys.NAME(*args) through the module object. */
static PyObject *call(PyObject *self, PyObject *args)
{
    PyObject *sys = PyImport_ImportModule("sys");
    if (sys == NULL) {
        return error_text();
    }
    PyObject *f = PyObject_GetAttr(sys, PyTuple_GET_ITEM(args, 0));
    Py_DECREF(sys);
    if (f == NULL) {
        return error_text();
    }
    PyObject *rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
    PyObject *r = PyObject_Call(f, rest, NULL);
    Py_DECREF(rest);
    Py_DECREF(f);
    return or_error(r);
}

/* PySys_SetObject: set, read back (the same object), delete, read back (NULL), delete again. */
static PyObject *setobject(PyObject *self, PyObject *args)
{
    const char *name;
    PyObject *value;
    if (!PyArg_ParseTuple(args, "sO", &name, &value)) {
        return NULL;
    }
    PyObject *out = PyList_New(0);
    ADD(PyLong_FromLong(PySys_SetObject(name, value)));
    PyObject *back = PySys_GetObject(name);
    ADD(PyBool_FromLong(back == value));
    ADD(PyLong_FromLong(PySys_SetObject(name, NULL)));
    ADD(PyBool_FromLong(PySys_GetObject(name) == NULL && !PyErr_Occurred()));
    ADD(PyLong_FromLong(PySys_SetObject(name, NULL)));
    ADD(PyBool_FromLong(PyErr_Occurred() != NULL));
    return out;
}

/* What does not depend on the micro version or the build: the shape of version_info and flags, the limits. */
static PyObject *facts(PyObject *self, PyObject *unused)
{
    PyObject *sys = PyImport_ImportModule("sys");
    if (sys == NULL) {
        return error_text();
    }
    PyObject *out = PyList_New(0);
    PyObject *modules = PyImport_GetModuleDict();
    ADD(PyBool_FromLong(PyDict_GetItemString(modules, "sys") == sys));
    ADD(PyBool_FromLong(PySys_GetObject("modules") == modules));
    PyObject *vi = PyObject_GetAttrString(sys, "version_info");
    ADD(PyUnicode_FromString(Py_TYPE(vi)->tp_name));
    ADD(PyLong_FromSsize_t(PyObject_Length(vi)));
    ADD(PySequence_GetSlice(vi, 0, 2));
    ADD(PyObject_GetAttrString(vi, "major"));
    ADD(PyObject_GetAttrString(vi, "releaselevel"));
    PyObject *t = Py_BuildValue("(ii)", 3, 13);
    ADD(PyObject_RichCompare(vi, t, Py_GE));
    ADD(PyBool_FromLong(PyTuple_Check(vi)));
    Py_DECREF(t);
    Py_DECREF(vi);
    PyObject *hex = PyObject_GetAttrString(sys, "hexversion");
    ADD(PyLong_FromLong(PyLong_AsLong(hex) >> 16));
    ADD(PyBool_FromLong(PyLong_AsUnsignedLong(hex) == Py_Version));
    Py_DECREF(hex);
    PyObject *flags = PyObject_GetAttrString(sys, "flags");
    ADD(PyUnicode_FromString(Py_TYPE(flags)->tp_name));
    ADD(PyLong_FromSsize_t(PyObject_Length(flags)));
    ADD(PyObject_GetAttrString(flags, "int_max_str_digits"));
    ADD(PyObject_GetAttrString(flags, "optimize"));
    ADD(PyObject_GetAttrString(flags, "dev_mode"));
    Py_DECREF(flags);
    const char *names[] = {"maxsize", "maxunicode", "byteorder", "platform", "api_version", "int_info",
                           "hash_info", "float_info", NULL};
    for (const char **n = names; *n != NULL; n++) {
        ADD(PyObject_GetAttrString(sys, *n));
    }
    PyObject *path = PySys_GetObject("path");
    ADD(PyBool_FromLong(path != NULL && PyList_Check(path)));
    PyObject *v = PyObject_GetAttrString(sys, "version");
    ADD(PyBool_FromLong(v != NULL && PyUnicode_Check(v)));
    ADD(PyBool_FromLong(v != NULL && strncmp(PyUnicode_AsUTF8(v), PY_VERSION, strlen(PY_VERSION)) == 0));
    Py_XDECREF(v);
    Py_DECREF(sys);
    return out;
}

/* sys.intern: the same object for equal strings made apart. */
static PyObject *interned(PyObject *self, PyObject *unused)
{
    PyObject *a = PyUnicode_FromString("ftcheck-interned-name");
    PyObject *b = PyUnicode_FromFormat("ftcheck-%s-name", "interned");
    PyObject *sys = PyImport_ImportModule("sys");
    PyObject *ia = PyObject_CallMethod(sys, "intern", "O", a);
    PyObject *ib = PyObject_CallMethod(sys, "intern", "O", b);
    PyObject *r = Py_BuildValue("(OOO)", a == b ? Py_True : Py_False, ia == ib ? Py_True : Py_False, ia);
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(ia);
    Py_DECREF(ib);
    Py_DECREF(sys);
    return r;
}

/* sys.getrefcount of a new object, before and after one more reference. */
static PyObject *refcounts(PyObject *self, PyObject *unused)
{
    PyObject *o = PyList_New(0);
    PyObject *sys = PyImport_ImportModule("sys");
    PyObject *one = PyObject_CallMethod(sys, "getrefcount", "O", o);
    Py_INCREF(o);
    PyObject *two = PyObject_CallMethod(sys, "getrefcount", "O", o);
    Py_DECREF(o);
    Py_DECREF(o);
    Py_DECREF(sys);
    return Py_BuildValue("(NN)", one, two);
}

/* sys.setrecursionlimit then getrecursionlimit, restoring the old limit. */
static PyObject *recursion(PyObject *self, PyObject *arg)
{
    PyObject *sys = PyImport_ImportModule("sys");
    PyObject *old = PyObject_CallMethod(sys, "getrecursionlimit", NULL);
    PyObject *set = PyObject_CallMethod(sys, "setrecursionlimit", "O", arg);
    PyObject *r = set == NULL ? error_text() : PyObject_CallMethod(sys, "getrecursionlimit", NULL);
    Py_XDECREF(set);
    PyObject *restored = PyObject_CallMethod(sys, "setrecursionlimit", "O", old);
    Py_XDECREF(restored);
    Py_DECREF(old);
    Py_DECREF(sys);
    return Py_BuildValue("(NN)", r, PyLong_FromLong(Py_GetRecursionLimit()));
}

/* The free-threaded build's answers (a GIL build gives '', True, 1, False). */
static PyObject *freethreading(PyObject *self, PyObject *unused)
{
    PyObject *sys = PyImport_ImportModule("sys");
    PyObject *flags = PyObject_GetAttrString(sys, "flags");
    PyObject *version = PyObject_GetAttrString(sys, "version");
    PyObject *r = Py_BuildValue("(NNNN)", or_error(PyObject_GetAttrString(sys, "abiflags")),
                                or_error(PyObject_CallMethod(sys, "_is_gil_enabled", NULL)),
                                or_error(PyObject_GetAttrString(flags, "gil")),
                                PyBool_FromLong(strstr(PyUnicode_AsUTF8(version), "free-threading") != NULL));
    Py_DECREF(version);
    Py_DECREF(flags);
    Py_DECREF(sys);
    return r;
}

static PyMethodDef methods[] = {
    {"get", get, METH_O, NULL},
    {"call", call, METH_VARARGS, NULL},
    {"setobject", setobject, METH_VARARGS, NULL},
    {"facts", facts, METH_NOARGS, NULL},
    {"interned", interned, METH_NOARGS, NULL},
    {"refcounts", refcounts, METH_NOARGS, NULL},
    {"recursion", recursion, METH_O, NULL},
    {"freethreading", freethreading, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "sysattrs", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_sysattrs(void)
{
    return PyModuleDef_Init(&module);
}
