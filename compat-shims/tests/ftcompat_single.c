/*
 * Test extension for ftcompat.h's single-phase GIL declaration. PyInit_ creates the module itself and declares
 * GIL independence with ftcompat_Module_SetGILNotUsed, which must compile everywhere and return 0.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "ftcompat.h"

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ftcompat_single", "Tests for ftcompat.h (single-phase init).", -1, NULL, NULL,
    NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_ftcompat_single(void)
{
    PyObject *module = PyModule_Create(&module_def);
    int rc;
    if (module == NULL) {
        return NULL;
    }
    rc = ftcompat_Module_SetGILNotUsed(module);
    if (rc != 0 || PyModule_AddIntConstant(module, "SET_GIL_RESULT", rc) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
