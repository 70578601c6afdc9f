/*
 * _fastjson: number formatting helpers with module-wide caches (ujson/simplejson-style).
 * Hazard twin: globals and statics written by every call, with no synchronisation.
 */
#include <Python.h>
#include <stdio.h>

static PyObject *decimal_type = NULL;    /* imported lazily on first use */
static unsigned long encode_calls = 0;   /* statistics */

static PyObject *
fastjson_encode_float(PyObject *module, PyObject *arg)
{
    static char buffer[64];              /* scratch space reused by every call */
    double v = PyFloat_AsDouble(arg);
    if (v == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    encode_calls++;
    PyOS_snprintf(buffer, sizeof(buffer), "%.17g", v);
    return PyUnicode_FromString(buffer);
}

static PyObject *
fastjson_to_decimal(PyObject *module, PyObject *arg)
{
    if (decimal_type == NULL) {
        PyObject *mod = PyImport_ImportModule("decimal");
        if (mod == NULL) {
            return NULL;
        }
        decimal_type = PyObject_GetAttrString(mod, "Decimal");
        Py_DECREF(mod);
        if (decimal_type == NULL) {
            return NULL;
        }
    }
    return PyObject_CallOneArg(decimal_type, arg);
}

static PyObject *
fastjson_stats(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromUnsignedLong(encode_calls);
}
