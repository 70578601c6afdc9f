/*
 * _fastjson: number formatting helpers with module-wide caches (ujson/simplejson-style).
 * Fixed twin: a stack buffer, an atomic counter, and the cached type created once in module exec.
 */
#include <Python.h>
#include <stdio.h>

typedef struct {
    PyObject *decimal_type;              /* created in module exec, read-only afterwards */
} fastjson_state;

static _Atomic unsigned long encode_calls;

static PyObject *
fastjson_encode_float(PyObject *module, PyObject *arg)
{
    char buffer[64];                     /* per call */
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
    fastjson_state *st = (fastjson_state *)PyModule_GetState(module);
    return PyObject_CallOneArg(st->decimal_type, arg);
}

static PyObject *
fastjson_stats(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromUnsignedLong(encode_calls);
}

static int
fastjson_exec(PyObject *module)
{
    fastjson_state *st = (fastjson_state *)PyModule_GetState(module);
    PyObject *mod = PyImport_ImportModule("decimal");
    if (mod == NULL) {
        return -1;
    }
    st->decimal_type = PyObject_GetAttrString(mod, "Decimal");
    Py_DECREF(mod);
    return st->decimal_type == NULL ? -1 : 0;
}

static PyMethodDef fastjson_methods[] = {
    {"encode_float", fastjson_encode_float, METH_O, NULL},
    {"to_decimal", fastjson_to_decimal, METH_O, NULL},
    {"stats", fastjson_stats, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot fastjson_slots[] = {
    {Py_mod_exec, fastjson_exec},
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef fastjson_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_fastjson",
    .m_size = sizeof(fastjson_state),
    .m_methods = fastjson_methods,
    .m_slots = fastjson_slots,
};

PyMODINIT_FUNC
PyInit__fastjson(void)
{
    return PyModuleDef_Init(&fastjson_module);
}
