/* pkg._back for ImportsTest: imports struct (a stand-in) while it initialises, and NEEDS (a module named at
   build time, -DNEEDS="name") when defined, as extensions import what they use at init. */
#include <Python.h>

static PyObject *value(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(42);
}

static PyMethodDef methods[] = {{"value", value, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};

static int exec_back(PyObject *m)
{
    PyObject *s = PyImport_ImportModule("struct");
    if (s == NULL) {
        return -1;
    }
    int rc = PyModule_AddObjectRef(m, "calcsize", PyObject_GetAttrString(s, "calcsize"));
    Py_DECREF(s);
#ifdef NEEDS
    PyObject *needed = PyImport_ImportModule(NEEDS);
    if (needed == NULL) {
        return -1;
    }
    Py_DECREF(needed);
#endif
    return rc;
}

static PyModuleDef_Slot slots[] = {{Py_mod_exec, exec_back}, {Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "pkg._back", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit__back(void)
{
    return PyModuleDef_Init(&module);
}
