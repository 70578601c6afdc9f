#include <Python.h>
#include "ftcompat.h"

static int
ham_exec(PyObject *m)
{
    return PyModule_AddIntConstant(m, "answer", 42);
}

static PyModuleDef_Slot ham_slots[] = {
    {Py_mod_exec, ham_exec},
    FTCOMPAT_MOD_GIL_NOT_USED_SLOT
    {0, NULL}
};

static struct PyModuleDef ham_module = {
    PyModuleDef_HEAD_INIT, "ham", NULL, 0, NULL, ham_slots,
};

PyMODINIT_FUNC
PyInit_ham(void)
{
    return PyModuleDef_Init(&ham_module);
}
