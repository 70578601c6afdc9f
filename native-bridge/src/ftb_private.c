/* Private functions that CPython 3.13 no longer declares in its headers but still exports from libpython, so
   binaries built for older versions (or from older sources) load; each behaves as libpython's does. */
#include "Python.h"

/* list.extend(iterable) as the old private entry point: None, or NULL with the exception set. */
PyObject *_PyList_Extend(PyListObject *self, PyObject *iterable)
{
    if (PyList_Extend((PyObject *)self, iterable) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Slot functions for the runtime's built-in types, which extensions may call straight through the type object
   (Py_TYPE(it)->tp_iternext(it)) instead of through the API: each forwards to the API function. */
PyObject *ftb_slot_iter(PyObject *o)
{
    return PyObject_GetIter(o);
}

PyObject *ftb_slot_iternext(PyObject *it)
{
    return PyIter_Next(it);   /* NULL without an exception at the end, the tp_iternext convention */
}
