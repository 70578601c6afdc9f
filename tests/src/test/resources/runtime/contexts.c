/* Context variables through the C-API: set/get/reset, copies that do not see later sets, enter/exit, and the
   errors for misuse (by exception type). KnownAnswerModulesTest compares the answers with CPython 3.13t's. */
#include <Python.h>

static PyObject *var;

static PyObject *value(void)
{
    PyObject *v = NULL;
    if (PyContextVar_Get(var, NULL, &v) < 0) {
        return NULL;
    }
    return v != NULL ? v : PyUnicode_FromString("<unset>");
}

/* The exception type's name, cleared: the messages hold object addresses. */
static PyObject *error_name(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    PyObject *name = PyUnicode_FromString(Py_TYPE(exc)->tp_name);
    Py_DECREF(exc);
    return name;
}

static PyObject *roundtrip(PyObject *self, PyObject *args)
{
    PyObject *before = value();
    PyObject *five = PyLong_FromLong(5);
    PyObject *token = PyContextVar_Set(var, five);
    Py_DECREF(five);
    PyObject *during = value();
    PyContextVar_Reset(var, token);
    PyObject *after = value();
    PyObject *again = PyContextVar_Reset(var, token) < 0 ? error_name() : PyUnicode_FromString("no error");
    Py_DECREF(token);
    PyObject *fallback = NULL;
    PyObject *nine = PyLong_FromLong(9);
    PyObject *other = PyContextVar_New("other", NULL);
    PyContextVar_Get(other, nine, &fallback);
    PyObject *none = NULL;
    PyContextVar_Get(other, NULL, &none);
    PyObject *r = Py_BuildValue("(NNNNNO)", before, during, after, again, fallback, none ? none : Py_None);
    Py_XDECREF(none);
    Py_DECREF(nine);
    Py_DECREF(other);
    return r;
}

static PyObject *copies(PyObject *self, PyObject *args)
{
    PyObject *seven = PyLong_FromLong(7), *eight = PyLong_FromLong(8);
    PyObject *t1 = PyContextVar_Set(var, seven);
    PyObject *snapshot = PyContext_CopyCurrent();
    PyObject *t2 = PyContextVar_Set(var, eight);
    PyObject *outside = value();
    PyContext_Enter(snapshot);
    PyObject *inside = value();
    PyObject *reenter = PyContext_Enter(snapshot) < 0 ? error_name() : PyUnicode_FromString("no error");
    PyContext_Exit(snapshot);
    PyObject *back = value();
    PyObject *exit_again = PyContext_Exit(snapshot) < 0 ? error_name() : PyUnicode_FromString("no error");
    PyObject *fresh = PyContext_New();
    PyContext_Enter(fresh);
    PyObject *in_fresh = value();
    PyContext_Exit(fresh);
    PyObject *checks = Py_BuildValue("(iii)", PyContext_CheckExact(snapshot), PyContextVar_CheckExact(var),
                                     PyContextToken_CheckExact(t1));
    PyContextVar_Reset(var, t2);
    PyContextVar_Reset(var, t1);
    Py_DECREF(t1);
    Py_DECREF(t2);
    Py_DECREF(snapshot);
    Py_DECREF(fresh);
    Py_DECREF(seven);
    Py_DECREF(eight);
    return Py_BuildValue("(NNNNNNN)", outside, inside, reenter, back, exit_again, in_fresh, checks);
}

static PyObject *misuse(PyObject *self, PyObject *args)
{
    PyObject *v = NULL;
    PyObject *a = PyContextVar_Get(Py_None, NULL, &v) < 0 ? error_name() : PyUnicode_FromString("no error");
    PyObject *b = PyContext_Copy(Py_None) == NULL ? error_name() : PyUnicode_FromString("no error");
    PyObject *c = PyContextVar_Reset(var, Py_None) < 0 ? error_name() : PyUnicode_FromString("no error");
    return Py_BuildValue("(NNN)", a, b, c);
}

static PyMethodDef methods[] = {
    {"roundtrip", roundtrip, METH_NOARGS, NULL},
    {"copies", copies, METH_NOARGS, NULL},
    {"misuse", misuse, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};
static PyModuleDef_Slot slots[] = {{Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "contexts", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_contexts(void)
{
    PyObject *one = PyLong_FromLong(1);
    var = PyContextVar_New("v", one);
    Py_DECREF(one);
    return var == NULL ? NULL : PyModuleDef_Init(&def);
}
