/* Which objects are immortal once a second thread runs: 3.14t immortalizes only code constants and interned
   strings (and the small ints and singletons every build has), never functions, modules or types. */
#include <Python.h>

/* Immortal objects report a reference count of 3 << 30 (3.14) or UINT32_MAX (3.13); live counts stay tiny. */
static PyObject *immortal(PyObject *self, PyObject *obj)
{
    return PyBool_FromLong(Py_REFCNT(obj) >= ((Py_ssize_t)1 << 30));
}

static PyType_Slot kind_slots[] = {{0, NULL}};
static PyType_Spec kind_spec = {"immortals.Kind", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, kind_slots};

static int exec_module(PyObject *m)
{
    PyObject *kind = PyType_FromModuleAndSpec(m, &kind_spec, NULL);
    if (kind == NULL) {
        return -1;
    }
    return PyModule_Add(m, "Kind", kind);
}

static PyMethodDef methods[] = {
    {"immortal", immortal, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "immortals", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_immortals(void)
{
    return PyModuleDef_Init(&def);
}
