/* ceval.h: the slice-index converters Argument Clinic output calls (1 on success, 0 with an exception, as in
   CPython 3.13), and the deprecated PyEval_InitThreads. */
#include "Python.h"

static int slice_index(PyObject *v, Py_ssize_t *pi, int none_allowed)
{
    if (none_allowed && (v == NULL || v == Py_None)) {
        return 1;
    }
    if (v == NULL || !PyIndex_Check(v)) {
        PyErr_SetString(PyExc_TypeError, "slice indices must be integers or None or have an __index__ method");
        return 0;
    }
    Py_ssize_t x = PyNumber_AsSsize_t(v, NULL);   /* NULL: clamp instead of raising OverflowError */
    if (x == -1 && PyErr_Occurred()) {
        return 0;
    }
    *pi = x;
    return 1;
}

int _PyEval_SliceIndex(PyObject *v, Py_ssize_t *pi)
{
    return slice_index(v, pi, 1);
}

int _PyEval_SliceIndexNotNone(PyObject *v, Py_ssize_t *pi)
{
    return slice_index(v, pi, 0);
}

/* A no-op since 3.9: the runtime's thread support is always initialized. */
void PyEval_InitThreads(void)
{
}
