/* Hazard twin: the limited API is selected unconditionally in the source too. */
#define Py_LIMITED_API 0x03090000
#include <Python.h>

static PyObject *
checksum_sum(PyObject *module, PyObject *arg)
{
    Py_ssize_t n = PyObject_Length(arg);
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

static PyMethodDef checksum_methods[] = {
    {"sum", checksum_sum, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot checksum_slots[] = {
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef checksum_module = {
    PyModuleDef_HEAD_INIT, "_checksum", NULL, 0, checksum_methods, checksum_slots
};

PyMODINIT_FUNC
PyInit__checksum(void)
{
    return PyModuleDef_Init(&checksum_module);
}
