/* atexitcb for ImportsTest: its exec slot registers two atexit callbacks (C functions that print their argument),
   and boom() registers one that raises; CPython runs them at exit, the last registered first. */
#include <Python.h>
#include <stdio.h>

static PyObject *say(PyObject *self, PyObject *what)
{
    printf("atexit: %s\n", PyUnicode_AsUTF8(what));
    fflush(stdout);
    Py_RETURN_NONE;
}

static PyObject *fail(PyObject *self, PyObject *unused)
{
    PyErr_SetString(PyExc_RuntimeError, "callback failed");
    return NULL;
}

static PyMethodDef callbacks[] = {
    {"say", say, METH_O, NULL},
    {"fail", fail, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyObject *register_callback(PyObject *module, const char *name, const char *arg)
{
    PyObject *atexit = PyImport_ImportModule("atexit");
    PyObject *f = atexit != NULL ? PyObject_GetAttrString(module, name) : NULL;
    PyObject *r = f != NULL ? (arg != NULL ? PyObject_CallMethod(atexit, "register", "Os", f, arg)
                                           : PyObject_CallMethod(atexit, "register", "O", f)) : NULL;
    Py_XDECREF(f);
    Py_XDECREF(atexit);
    return r;
}

static PyObject *boom(PyObject *module, PyObject *unused)
{
    PyObject *r = register_callback(module, "fail", NULL);
    if (r == NULL) {
        return NULL;
    }
    Py_DECREF(r);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"boom", boom, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int exec_atexitcb(PyObject *m)
{
    if (PyModule_AddFunctions(m, callbacks) < 0) {
        return -1;
    }
    for (const char **w = (const char *[]) {"first", "second", NULL}; *w != NULL; w++) {
        PyObject *r = register_callback(m, "say", *w);
        if (r == NULL) {
            return -1;
        }
        Py_DECREF(r);
    }
    return 0;
}

static PyModuleDef_Slot slots[] = {{Py_mod_exec, exec_atexitcb}, {Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "atexitcb", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_atexitcb(void)
{
    return PyModuleDef_Init(&module);
}
