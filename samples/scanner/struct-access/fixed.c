/*
 * Fast paths that reach into object internals (an old-style speedups module).
 * Fixed twin: the accessor functions.
 */
#include <Python.h>

/* Reuse the tuple in place when we hold the only reference (3.14: PyUnstable_Object_IsUniquelyReferenced). */
static int
can_reuse(PyObject *o)
{
    return Py_REFCNT(o) == 1;
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
