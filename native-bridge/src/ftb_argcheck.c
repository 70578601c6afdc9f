/* The argument checks Argument Clinic output calls (_PyArg_CheckPositional and friends) and the slice-index
   converters of ceval.h. Messages and return conventions are CPython 3.13's: 1 on success, 0 with an exception. */
#include "Python.h"

int _PyArg_CheckPositional(const char *name, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max)
{
    if (nargs < min || nargs > max) {
        Py_ssize_t bound = nargs < min ? min : max;
        const char *qualifier = min == max ? "" : nargs < min ? "at least " : "at most ";
        if (name != NULL) {
            PyErr_Format(PyExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name, qualifier, bound,
                         bound == 1 ? "" : "s", nargs);
        } else {
            PyErr_Format(PyExc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd", qualifier,
                         bound, bound == 1 ? "" : "s", nargs);
        }
        return 0;
    }
    return 1;
}

void _PyArg_BadArgument(const char *fname, const char *displayname, const char *expected, PyObject *arg)
{
    PyErr_Format(PyExc_TypeError, "%.200s() %.200s must be %.50s, not %.50s", fname, displayname, expected,
                 arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
}

/* Shared by the three "takes no ..." checks: NULL and empty are fine, a wrong container is the caller's bug. */
static int refuse_if_any(const char *funcname, PyObject *o, int is_right_kind, Py_ssize_t size, const char *what)
{
    if (o == NULL) {
        return 1;
    }
    if (!is_right_kind) {
        PyErr_BadInternalCall();
        return 0;
    }
    if (size == 0) {
        return 1;
    }
    PyErr_Format(PyExc_TypeError, "%.200s() takes no %s arguments", funcname, what);
    return 0;
}

int _PyArg_NoKeywords(const char *funcname, PyObject *kwargs)
{
    return refuse_if_any(funcname, kwargs, kwargs != NULL && PyDict_Check(kwargs),
                         kwargs != NULL && PyDict_Check(kwargs) ? PyDict_GET_SIZE(kwargs) : 0, "keyword");
}

int _PyArg_NoPositional(const char *funcname, PyObject *args)
{
    return refuse_if_any(funcname, args, args != NULL && PyTuple_Check(args),
                         args != NULL && PyTuple_Check(args) ? PyTuple_GET_SIZE(args) : 0, "positional");
}

int _PyArg_NoKwnames(const char *funcname, PyObject *kwnames)
{
    return refuse_if_any(funcname, kwnames, kwnames != NULL && PyTuple_Check(kwnames),
                         kwnames != NULL && PyTuple_Check(kwnames) ? PyTuple_GET_SIZE(kwnames) : 0, "keyword");
}

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
