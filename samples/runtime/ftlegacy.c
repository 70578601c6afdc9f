/* A single-phase module as written before free-threading: it never calls PyUnstable_Module_SetGIL, so importing
   it turns the GIL on (with CPython's RuntimeWarning) unless PYTHON_GIL=0. */
#include <Python.h>

static long hits;   /* unguarded on purpose: safe only because the GIL serialises callers */

static PyObject *hit(PyObject *module, PyObject *unused) {
    hits++;
    return PyLong_FromLong(hits);
}

static PyMethodDef legacy_methods[] = {
    {"hit", hit, METH_NOARGS, "Count a call; returns the running total."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef legacy_module = {
    PyModuleDef_HEAD_INIT, "ftlegacy", "single-phase module with no GIL declaration", -1, legacy_methods,
};

PyMODINIT_FUNC PyInit_ftlegacy(void) {
    return PyModule_Create(&legacy_module);
}
