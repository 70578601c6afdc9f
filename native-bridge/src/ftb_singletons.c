/* Data symbols with fixed contents: the immortal singletons and identity helpers. Their type objects are
   generated storage the runtime fills in at start-up. */
#include "Python.h"

#define IMMORTAL_HEADER(type) { 0, 0, { 0 }, 0, _Py_IMMORTAL_REFCNT_LOCAL, 0, (type) }

PyObject _Py_NoneStruct = IMMORTAL_HEADER(&_PyNone_Type);
PyObject _Py_NotImplementedStruct = IMMORTAL_HEADER(&_PyNotImplemented_Type);
PyObject _Py_EllipsisObject = IMMORTAL_HEADER(&PyEllipsis_Type);

/* bool values are ints: False is zero (sign tag 1, no digits), True is one (one digit, value 1). */
PyLongObject _Py_FalseStruct = { IMMORTAL_HEADER(&PyBool_Type), { 1, { 0 } } };
PyLongObject _Py_TrueStruct = { IMMORTAL_HEADER(&PyBool_Type), { (1 << _PyLong_NON_SIZE_BITS), { 1 } } };

/* What PyByteArray_AS_STRING returns for an empty bytearray. */
char _PyByteArray_empty_string[1];

#undef Py_Is
int Py_Is(PyObject *x, PyObject *y)
{
    return x == y;
}

#undef Py_IsNone
int Py_IsNone(PyObject *x)
{
    return x == Py_None;
}

#undef Py_IsTrue
int Py_IsTrue(PyObject *x)
{
    return x == Py_True;
}

#undef Py_IsFalse
int Py_IsFalse(PyObject *x)
{
    return x == Py_False;
}

/* CPython's rule: search the MRO tuple when the type has one; before that, follow tp_base (and everything
   derives from object). The runtime keeps tp_mro filled for types with several bases. */
#undef PyType_IsSubtype
int PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b)
{
    PyObject *mro = a->tp_mro;
    if (mro != NULL) {
        Py_ssize_t n = PyTuple_GET_SIZE(mro);
        for (Py_ssize_t i = 0; i < n; i++) {
            if (PyTuple_GET_ITEM(mro, i) == (PyObject *)b) {
                return 1;
            }
        }
        return 0;
    }
    for (PyTypeObject *t = a; t != NULL; t = t->tp_base) {
        if (t == b) {
            return 1;
        }
    }
    return b == &PyBaseObject_Type;
}
