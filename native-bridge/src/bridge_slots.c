/* Slot functions for the runtime's built-in types, which extensions may call straight through the type object
   (Py_TYPE(it)->tp_iternext(it)) instead of through the API: each forwards to the API function. */
#include "Python.h"

PyObject *ftb_slot_iter(PyObject *o)
{
    return PyObject_GetIter(o);
}

PyObject *ftb_slot_iternext(PyObject *it)
{
    return PyIter_Next(it);   /* NULL without an exception at the end, the tp_iternext convention */
}
