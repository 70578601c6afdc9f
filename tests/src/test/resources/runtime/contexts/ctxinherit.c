/* ctxinherit for ContextInheritanceTest: its exec slot sets a context variable in the importing thread's context;
   get() reads it in whatever thread calls, and set(v) sets it there. */
#include <Python.h>

static PyObject *var;

static PyObject *get(PyObject *self, PyObject *unused)
{
    PyObject *v;
    if (PyContextVar_Get(var, NULL, &v) < 0) {
        return NULL;
    }
    return v != NULL ? v : PyUnicode_FromString("unset");
}

static PyObject *set(PyObject *self, PyObject *v)
{
    PyObject *token = PyContextVar_Set(var, v);
    if (token == NULL) {
        return NULL;
    }
    Py_DECREF(token);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"get", get, METH_NOARGS, NULL},
    {"set", set, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static int exec_ctx(PyObject *m)
{
    var = PyContextVar_New("ctxinherit.value", NULL);
    if (var == NULL) {
        return -1;
    }
    PyObject *five = PyLong_FromLong(5);
    PyObject *token = PyContextVar_Set(var, five);
    Py_DECREF(five);
    if (token == NULL) {
        return -1;
    }
    Py_DECREF(token);
    return 0;
}

static PyModuleDef_Slot slots[] = {{Py_mod_exec, exec_ctx}, {Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "ctxinherit", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_ctxinherit(void)
{
    return PyModuleDef_Init(&module);
}
