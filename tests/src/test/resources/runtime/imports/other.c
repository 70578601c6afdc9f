/* other for ImportsTest: a top-level module in a directory given with --path. */
#include <Python.h>

static PyModuleDef_Slot slots[] = {{Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "other", NULL, 0, NULL, slots};

PyMODINIT_FUNC PyInit_other(void)
{
    return PyModuleDef_Init(&module);
}
