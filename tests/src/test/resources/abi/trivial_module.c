/* A small single-phase extension that touches the common header surface; it must compile warning-free
   as C and as C++ against `ftcheck config --cflags`. */
#include <Python.h>
#include <structmember.h>

typedef struct {
    PyObject_HEAD
    long counter;
    PyObject *payload;
} CounterObject;

static PyMemberDef counter_members[] = {
    {"counter", Py_T_LONG, offsetof(CounterObject, counter), Py_READONLY, "count"},
    {"payload", T_OBJECT, offsetof(CounterObject, payload), 0, "payload"},
    {NULL, 0, 0, 0, NULL},
};

static PyObject *bump(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    CounterObject *c = (CounterObject *)self;
    Py_BEGIN_CRITICAL_SECTION(self);
    c->counter++;
    Py_END_CRITICAL_SECTION();
    Py_RETURN_NONE;
}

static PyMethodDef counter_methods[] = {
    {"bump", bump, METH_NOARGS, "increment"},
    {NULL, NULL, 0, NULL},
};

static PyObject *first_item(PyObject *Py_UNUSED(module), PyObject *arg)
{
    if (!PyList_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "expected a list");
        return NULL;
    }
    PyObject *item = PyList_GetItemRef(arg, 0);
    if (item == NULL) {
        return NULL;
    }
    PyObject *pair = PyTuple_New(2);
    if (pair == NULL) {
        Py_DECREF(item);
        return NULL;
    }
    PyTuple_SET_ITEM(pair, 0, item);
    PyTuple_SET_ITEM(pair, 1, PyLong_FromSsize_t(PyList_GET_SIZE(arg)));
    return pair;
}

static PyObject *describe(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 1) {
        return PyErr_Format(PyExc_TypeError, "describe() takes 1 argument (%zd given)", nargs);
    }
    PyObject *s = args[0];
    if (PyUnicode_Check(s)) {
        return PyLong_FromLong((long)PyUnicode_READ(PyUnicode_KIND(s), PyUnicode_DATA(s), 0));
    }
    if (PyBytes_Check(s)) {
        return PyLong_FromLong((long)(unsigned char)PyBytes_AS_STRING(s)[0]);
    }
    if (PyFloat_Check(s)) {
        return PyFloat_FromDouble(PyFloat_AS_DOUBLE(s) * 2.0);
    }
    return Py_BuildValue("(ii)", 1, 2);
}

static PyMethodDef module_methods[] = {
    {"first_item", first_item, METH_O, "first list item and the length"},
    {"describe", _PyCFunction_CAST(describe), METH_FASTCALL, "inspect one value"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject CounterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    "trivial.Counter",        /* tp_name */
    sizeof(CounterObject),    /* tp_basicsize */
};

static struct PyModuleDef trivial_module = {
    PyModuleDef_HEAD_INIT,
    "trivial",
    "a trivial module",
    -1,
    module_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PyInit_trivial(void)
{
    CounterType.tp_flags = Py_TPFLAGS_DEFAULT;
    CounterType.tp_new = PyType_GenericNew;
    CounterType.tp_methods = counter_methods;
    CounterType.tp_members = counter_members;
    if (PyType_Ready(&CounterType) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&trivial_module);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    if (PyModule_AddType(m, &CounterType) < 0 || PyModule_AddIntConstant(m, "ANSWER", 42) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
