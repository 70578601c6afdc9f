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
    if (PyModule_AddIntConstant(m, "answer", 42) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
