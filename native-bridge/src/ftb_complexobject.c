/* complexobject.h: the Py_complex conversions, which pass the struct by value (the generated trampolines cannot
   carry it). */
#include "Python.h"

PyObject *PyComplex_FromCComplex(Py_complex c)
{
    return PyComplex_FromDoubles(c.real, c.imag);
}

Py_complex PyComplex_AsCComplex(PyObject *op)
{
    Py_complex c = {-1.0, 0.0};
    if (PyComplex_Check(op)) {
        return ((PyComplexObject *)op)->cval;
    }
    /* Not a complex: the real part goes through __complex__/__float__ and carries any error. */
    double real = PyComplex_RealAsDouble(op);
    if (real == -1.0 && PyErr_Occurred()) {
        return c;
    }
    double imag = PyComplex_ImagAsDouble(op);
    if (imag == -1.0 && PyErr_Occurred()) {
        return c;
    }
    c.real = real;
    c.imag = imag;
    return c;
}
