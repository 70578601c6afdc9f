/* pkg._front for ImportsTest: imports by name, relative and with a fromlist (PyImport_ImportModuleLevel with this
   module's globals), a sibling extension of its package, and a module's attribute. Answers are the imported
   module's __name__, or "Type: message". */
#include <Python.h>

static PyObject *error_text(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *r = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

static PyObject *name_of(PyObject *m)
{
    if (m == NULL) {
        return error_text();
    }
    PyObject *n = PyObject_GetAttrString(m, "__name__");
    Py_DECREF(m);
    return n != NULL ? n : error_text();
}

static PyObject *imp(PyObject *self, PyObject *name)
{
    return name_of(PyImport_ImportModule(PyUnicode_AsUTF8(name)));
}

/* level(name, fromlist, level): __import__ from this module. */
static PyObject *level(PyObject *self, PyObject *args)
{
    const char *name;
    PyObject *fromlist;
    int lvl;
    if (!PyArg_ParseTuple(args, "sOi", &name, &fromlist, &lvl)) {
        return NULL;
    }
    PyObject *globals = PyModule_GetDict(self);
    return name_of(PyImport_ImportModuleLevel(name, globals, NULL, fromlist == Py_None ? NULL : fromlist, lvl));
}

/* pkg._back.value(), through an import of the sibling extension. */
static PyObject *sibling(PyObject *self, PyObject *unused)
{
    PyObject *m = PyImport_ImportModule("pkg._back");
    if (m == NULL) {
        return error_text();
    }
    PyObject *r = PyObject_CallMethod(m, "value", NULL);
    Py_DECREF(m);
    return r != NULL ? r : error_text();
}

/* getattr(import(name), attr). */
static PyObject *attr(PyObject *self, PyObject *args)
{
    const char *name, *attr;
    if (!PyArg_ParseTuple(args, "ss", &name, &attr)) {
        return NULL;
    }
    PyObject *m = PyImport_ImportModule(name);
    if (m == NULL) {
        return error_text();
    }
    PyObject *r = PyObject_GetAttrString(m, attr);
    Py_DECREF(m);
    return r != NULL ? r : error_text();
}

static PyMethodDef methods[] = {
    {"imp", imp, METH_O, NULL},
    {"level", level, METH_VARARGS, NULL},
    {"sibling", sibling, METH_NOARGS, NULL},
    {"attr", attr, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {{Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "pkg._front", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit__front(void)
{
    return PyModuleDef_Init(&module);
}
