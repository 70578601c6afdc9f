/* One iterator advanced from several threads (checked mode reports `shared-iterator`): advance() takes the next
 * item of whatever iterator it is given, as C code walking a caller's iterable does. Shared between threads, a
 * free-threaded CPython iterator may skip or repeat items; ftsharediter.stress.py shares one, and
 * ftsharediter_own.stress.py gives each call its own (clean). */
#include <Python.h>

static PyObject *advance(PyObject *self, PyObject *it)
{
    PyObject *item = PyIter_Next(it);
    if (item == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    return item;
}

static PyMethodDef methods[] = {
    {"advance", advance, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "ftsharediter", "An iterator advanced from several threads.", 0, methods, slots,
};

PyMODINIT_FUNC PyInit_ftsharediter(void)
{
    return PyModuleDef_Init(&module);
}
