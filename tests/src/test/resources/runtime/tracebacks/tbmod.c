/* An exception escaping with traceback entries added the way Cython adds them: each function, as the exception
   passes through it, puts a frame for its .pyx line in front with PyTraceBack_Here (innermost added first). */
#include <Python.h>
#include <frameobject.h>

/* As Cython's __Pyx_AddTraceback: the exception is taken out while the code object and frame are made. */
static int add_frame(const char *file, const char *func, int line)
{
    PyObject *exc = PyErr_GetRaisedException();
    PyCodeObject *code = PyCode_NewEmpty(file, func, line);
    PyObject *globals = PyDict_New();
    PyFrameObject *frame = code != NULL && globals != NULL
                           ? PyFrame_New(PyThreadState_Get(), code, globals, NULL) : NULL;
    Py_XDECREF(code);
    Py_XDECREF(globals);
    if (frame == NULL) {
        Py_XDECREF(exc);
        return -1;
    }
    PyErr_SetRaisedException(exc);
    int rc = PyTraceBack_Here(frame);
    Py_DECREF(frame);
    return rc;
}

/* fail(): ValueError('boom') from inner (x.pyx:12) called by outer (x.pyx:3). */
static PyObject *fail(PyObject *self, PyObject *unused)
{
    PyErr_SetString(PyExc_ValueError, "boom");
    add_frame("x.pyx", "inner", 12);
    add_frame("x.pyx", "outer", 3);
    return NULL;
}

/* plain(): a TypeError with no traceback entries. */
static PyObject *plain(PyObject *self, PyObject *unused)
{
    PyErr_SetString(PyExc_TypeError, "plain");
    return NULL;
}

static PyMethodDef methods[] = {
    {"fail", fail, METH_NOARGS, NULL},
    {"plain", plain, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef moddef = {PyModuleDef_HEAD_INIT, "tbmod", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_tbmod(void)
{
    return PyModuleDef_Init(&moddef);
}
