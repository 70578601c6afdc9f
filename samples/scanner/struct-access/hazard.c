/*
 * Fast paths that reach into object internals (an old-style speedups module).
 * Hazard twin: ob_refcnt, ob_item, ma_used and Py_TYPE assignment.
 */
#include <Python.h>

/* Reuse the tuple in place when we hold the only reference. */
static int
can_reuse(PyObject *o)
{
    return o->ob_refcnt == 1;
}

static PyObject *
first_item(PyObject *seq)
{
    if (PyList_CheckExact(seq) && PyList_GET_SIZE(seq) > 0) {
        PyObject *item = ((PyListObject *)seq)->ob_item[0];
        return Py_NewRef(item);
    }
    return PySequence_GetItem(seq, 0);
}

static Py_ssize_t
mapping_size(PyObject *d)
{
    return ((PyDictObject *)d)->ma_used;
}

static void
become(PyObject *o, PyTypeObject *type)
{
    Py_TYPE(o) = type;
}
