#include <Python.h>

static struct PyModuleDef eggs_module = {
    PyModuleDef_HEAD_INIT, "eggs", NULL, -1, NULL,
};

PyMODINIT_FUNC
PyInit_eggs(void)
{
    PyObject *m = PyModule_Create(&eggs_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    if (PyModule_AddIntConstant(m, "answer", 42) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
