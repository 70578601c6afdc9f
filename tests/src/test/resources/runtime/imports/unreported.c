/* unreported for ImportsTest: a PyInit that returns its module with an exception still set, which CPython turns
   into SystemError "... raised unreported exception" caused by the exception left set. */
#include <Python.h>

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "unreported", NULL, 0, NULL};

PyMODINIT_FUNC PyInit_unreported(void)
{
    PyErr_SetString(PyExc_ValueError, "left set");
    return PyModule_Create(&module);
}
