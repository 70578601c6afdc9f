/* Misdeclared multi-phase sample: two Py_mod_gil slots, which CPython rejects with SystemError. */
#include <Python.h>

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {Py_mod_gil, Py_MOD_GIL_USED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "fttwogil", NULL, 0, NULL, slots,
};

PyMODINIT_FUNC PyInit_fttwogil(void)
{
    return PyModuleDef_Init(&module_def);
}
