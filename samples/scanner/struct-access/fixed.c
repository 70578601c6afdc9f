/*
 * Fast paths that reach into object internals (an old-style speedups module).
 * Fixed twin: the accessor functions (3.14's uniqueness test comes from compat-shims/ftcompat.h before 3.14).
 */
#include <Python.h>
#include "ftcompat.h"

/* Reuse the tuple in place when we hold the only reference: the count alone cannot tell under free threading. */
static int
can_reuse(PyObject *o)
{
    return PyUnstable_Object_IsUniquelyReferenced(o);
}

static PyObject *
first_item(PyObject *seq)
{
    if (PyList_CheckExact(seq)) {
        return PyList_GetItemRef(seq, 0);
    }
    return PySequence_GetItem(seq, 0);
}

static Py_ssize_t
mapping_size(PyObject *d)
{
    return PyDict_GET_SIZE(d);
}

static void
become(PyObject *o, PyTypeObject *type)
{
    Py_SET_TYPE(o, type);
}
