#include <Python.h>
#include "ftcompat.h"

static struct PyModuleDef spam_module = {
    PyModuleDef_HEAD_INIT, "spam", NULL, -1, NULL,
};

PyMODINIT_FUNC
PyInit_spam(void)
{
    PyObject *m = PyModule_Create(&spam_module);
    if (m == NULL) {
        return NULL;
    }
    (void)ftcompat_Module_SetGILNotUsed(m);
    if (PyModule_AddIntConstant(m, "answer", 42) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
