/* boolobject.h: the two bool singletons and the identity tests for them. */
#include "ftb_runtime.h"

/* bool values are ints: False is zero (sign tag 1, no digits), True is one (one digit, value 1). Their type is
   generated storage the runtime fills in at start-up. */
PyLongObject _Py_FalseStruct = { FTB_IMMORTAL_HEADER(&PyBool_Type), { 1, { 0 } } };
PyLongObject _Py_TrueStruct = { FTB_IMMORTAL_HEADER(&PyBool_Type), { (1 << _PyLong_NON_SIZE_BITS), { 1 } } };

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
