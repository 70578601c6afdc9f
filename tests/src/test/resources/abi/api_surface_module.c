/* Exercises the inline and macro surface that expands differently from a plain call (refcounting, type checks,
   unchecked accessors, PEP 393, critical sections, mutexes, object creation macros, thread-state macros...).
   Built against CPython 3.13's headers with -DPy_GIL_DISABLED=1, every symbol it imports must be exported by
   libftbridge.so; built against ftcheck's headers it must compile cleanly. Never executed. */
#include <Python.h>
#include <structmember.h>
#include <frameobject.h>
#include <pythread.h>

typedef struct {
    PyObject_HEAD
    PyObject *items;
    PyMutex lock;
} Box;

static PyMutex global_lock;

static int box_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((Box *)self)->items);
    Py_VISIT(Py_TYPE(self));
    return 0;
}

static void box_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    PyTypeObject *tp = Py_TYPE(self);
    Py_TRASHCAN_BEGIN(self, box_dealloc)
    Py_CLEAR(((Box *)self)->items);
    tp->tp_free(self);
    Py_DECREF(tp);
    Py_TRASHCAN_END
}

static PyObject *surface(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *a = nargs > 0 ? args[0] : Py_None;
    Py_ssize_t n = PyVectorcall_NARGS((size_t)nargs);
    PyObject *tmp = Py_NewRef(a);
    Py_XSETREF(tmp, Py_XNewRef(a));
    Py_SETREF(tmp, Py_NewRef(Py_True));
    Py_XINCREF(tmp);
    Py_XDECREF(tmp);
    Py_INCREF(tmp);
    Py_DECREF(tmp);
    Py_CLEAR(tmp);
    long acc = (long)Py_REFCNT(a) + (long)n;
    if (PyLong_Check(a) || PyLong_CheckExact(a)) {
        acc += PyLong_AsLong(a);
    }
    if (PyTuple_Check(a)) {
        acc += (long)PyTuple_GET_SIZE(a) + (PyTuple_GET_ITEM(a, 0) == Py_None);
    }
    if (PyList_Check(a)) {
        Py_BEGIN_CRITICAL_SECTION(a);
        acc += (long)PyList_GET_SIZE(a) + (PyList_GET_ITEM(a, 0) == Py_None);
        Py_END_CRITICAL_SECTION();
    }
    if (PyDict_Check(a)) {
        PyObject *k, *v;
        Py_ssize_t pos = 0;
        Py_BEGIN_CRITICAL_SECTION2(a, module);
        while (PyDict_Next(a, &pos, &k, &v)) {
            acc++;
        }
        Py_END_CRITICAL_SECTION2();
        acc += (long)PyDict_GET_SIZE(a);
    }
    if (PyUnicode_Check(a)) {
        acc += (long)PyUnicode_GET_LENGTH(a) + (long)PyUnicode_KIND(a) + (long)PyUnicode_IS_ASCII(a)
            + (long)PyUnicode_READ_CHAR(a, 0) + (long)PyUnicode_MAX_CHAR_VALUE(a);
        acc += (long)PyUnicode_1BYTE_DATA(a)[0];
    }
    if (PyBytes_Check(a)) {
        acc += (long)PyBytes_GET_SIZE(a) + PyBytes_AS_STRING(a)[0];
    }
    if (PyByteArray_Check(a)) {
        acc += (long)PyByteArray_GET_SIZE(a) + PyByteArray_AS_STRING(a)[0];
    }
    if (PyFloat_Check(a)) {
        acc += (long)PyFloat_AS_DOUBLE(a);
    }
    if (PyAnySet_Check(a) || PyFrozenSet_Check(a)) {
        acc += (long)PySet_GET_SIZE(a);
    }
    if (PyType_Check(a) && PyType_HasFeature((PyTypeObject *)a, Py_TPFLAGS_HEAPTYPE)) {
        acc++;
    }
    if (PyExceptionInstance_Check(a) || PyExceptionClass_Check(a) || PyCallable_Check(a)) {
        acc++;
    }
    if (Py_IsNone(a) || Py_IsTrue(a) || Py_IsFalse(a) || Py_Is(a, Py_Ellipsis) || a == Py_NotImplemented) {
        acc++;
    }
    if (PyObject_TypeCheck(a, &PyBaseObject_Type) && _Py_IsImmortal(a)) {
        acc++;
    }
    PyMutex_Lock(&global_lock);
    PyMutex_Unlock(&global_lock);
    Py_BEGIN_ALLOW_THREADS
    acc++;
    Py_END_ALLOW_THREADS
    PyGILState_STATE st = PyGILState_Ensure();
    PyGILState_Release(st);
    Box *b = PyObject_GC_New(Box, (PyTypeObject *)PyObject_Type(module));
    if (b == NULL) {
        return NULL;
    }
    b->items = PyList_New(0);
    b->lock = (PyMutex){0};
    PyObject_GC_Track(b);
    Py_DECREF(b);
    PyObject *plain = (PyObject *)PyObject_New(PyObject, &PyBaseObject_Type);
    Py_XDECREF(plain);
    PyObject *t = PyTuple_New(2);
    PyTuple_SET_ITEM(t, 0, PyLong_FromLong(acc));
    PyTuple_SET_ITEM(t, 1, PySequence_Fast_GET_SIZE(t) ? Py_NewRef(Py_None) : Py_NewRef(Py_False));
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) > 0) {
        PyErr_BadInternalCall();
        Py_DECREF(t);
        return NULL;
    }
    if (acc < 0) {
        Py_FatalError("negative");
    }
    PyObject *r = PyObject_Vectorcall(module, &PyTuple_GET_ITEM(t, 0), 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
    Py_XDECREF(r);
    return t;
}

static PyMethodDef methods[] = {
    {"surface", _PyCFunction_CAST(surface), METH_FASTCALL | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot box_slots[] = {
    {Py_tp_dealloc, box_dealloc},
    {Py_tp_traverse, box_traverse},
    {0, NULL},
};

static PyType_Spec box_spec = {"surface.Box", sizeof(Box), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, box_slots};

static int surface_exec(PyObject *m)
{
    PyObject *tp = PyType_FromModuleAndSpec(m, &box_spec, NULL);
    return PyModule_Add(m, "Box", tp);
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, surface_exec},
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "surface", NULL, 0, methods, slots, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit_surface(void)
{
    return PyModuleDef_Init(&def);
}
