/* The abstract classes of abc, collections.abc and numbers as C sees them: PyObject_IsInstance and
   PyObject_IsSubclass against them (the metaclass's __instancecheck__/__subclasscheck__), the built-in types they
   answer for (by registration, by __subclasshook__, by real subclassing), and C types of this module: one that only
   fills slots (tp_iter, tp_call, tp_hash = PyObject_HashNotImplemented, mp_length/mp_subscript, sq_contains),
   which the one-method classes recognise, and Mapping.register / Sequence.register of a C type, after which
   isinstance is true, the collection flag is set and the classes above Mapping answer through it. Classes are
   named as (module, dotted name) pairs since --call takes literals. Errors are "Type: message". The module
   declares Py_MOD_GIL_NOT_USED. KnownAnswerModulesTest compares the answers with CPython 3.13's. */
#include <Python.h>

static PyObject *error_text(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("NULL, no error");
    }
    PyObject *r = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

/* module.a.b as a new reference, or NULL. */
static PyObject *lookup(PyObject *module, PyObject *dotted)
{
    PyObject *obj = PyImport_Import(module);
    PyObject *dot = PyUnicode_FromString(".");
    PyObject *parts = obj != NULL ? PyUnicode_Split(dotted, dot, -1) : NULL;
    Py_DECREF(dot);
    for (Py_ssize_t i = 0; parts != NULL && obj != NULL && i < PyList_GET_SIZE(parts); i++) {
        PyObject *next = PyObject_GetAttr(obj, PyList_GET_ITEM(parts, i));
        Py_SETREF(obj, next);
    }
    Py_XDECREF(parts);
    return obj;
}

static PyObject *truth(int r)
{
    return r < 0 ? error_text() : PyBool_FromLong(r);
}

/* isinstance(obj, module.cls) through PyObject_IsInstance. */
static PyObject *isinst(PyObject *self, PyObject *args)
{
    PyObject *obj, *module, *dotted;
    if (!PyArg_ParseTuple(args, "OUU", &obj, &module, &dotted)) {
        return NULL;
    }
    PyObject *cls = lookup(module, dotted);
    if (cls == NULL) {
        return error_text();
    }
    int r = PyObject_IsInstance(obj, cls);
    Py_DECREF(cls);
    return truth(r);
}

/* isinstance(module0.maker(*args), module.cls): for objects that are not literals. */
static PyObject *isinst_of(PyObject *self, PyObject *args)
{
    PyObject *module0, *maker, *margs, *module, *dotted;
    if (!PyArg_ParseTuple(args, "UUO!UU", &module0, &maker, &PyTuple_Type, &margs, &module, &dotted)) {
        return NULL;
    }
    PyObject *make = lookup(module0, maker);
    PyObject *obj = make != NULL ? PyObject_Call(make, margs, NULL) : NULL;
    Py_XDECREF(make);
    if (obj == NULL) {
        return error_text();
    }
    PyObject *cls = lookup(module, dotted);
    if (cls == NULL) {
        Py_DECREF(obj);
        return error_text();
    }
    int r = PyObject_IsInstance(obj, cls);
    Py_DECREF(cls);
    Py_DECREF(obj);
    return truth(r);
}

/* issubclass(module0.sub, module.cls) through PyObject_IsSubclass. */
static PyObject *issub(PyObject *self, PyObject *args)
{
    PyObject *module0, *sub_name, *module, *dotted;
    if (!PyArg_ParseTuple(args, "UUUU", &module0, &sub_name, &module, &dotted)) {
        return NULL;
    }
    PyObject *sub = lookup(module0, sub_name);
    PyObject *cls = sub != NULL ? lookup(module, dotted) : NULL;
    if (cls == NULL) {
        Py_XDECREF(sub);
        return error_text();
    }
    int r = PyObject_IsSubclass(sub, cls);
    Py_DECREF(cls);
    Py_DECREF(sub);
    return truth(r);
}

/* module.cls.register(module0.sub): whether it returned the class itself, or the error. */
static PyObject *reg(PyObject *self, PyObject *args)
{
    PyObject *module0, *sub_name, *module, *dotted;
    if (!PyArg_ParseTuple(args, "UUUU", &module0, &sub_name, &module, &dotted)) {
        return NULL;
    }
    PyObject *sub = lookup(module0, sub_name);
    PyObject *cls = sub != NULL ? lookup(module, dotted) : NULL;
    if (cls == NULL) {
        Py_XDECREF(sub);
        return error_text();
    }
    PyObject *r = PyObject_CallMethod(cls, "register", "O", sub);
    Py_DECREF(cls);
    PyObject *out = r != NULL ? PyBool_FromLong(r == sub) : error_text();
    Py_XDECREF(r);
    Py_DECREF(sub);
    return out;
}

/* (Py_TPFLAGS_SEQUENCE set, Py_TPFLAGS_MAPPING set) of module0.sub. */
static PyObject *collection_flags(PyObject *self, PyObject *args)
{
    PyObject *module0, *sub_name;
    if (!PyArg_ParseTuple(args, "UU", &module0, &sub_name)) {
        return NULL;
    }
    PyObject *sub = lookup(module0, sub_name);
    if (sub == NULL) {
        return error_text();
    }
    if (!PyType_Check(sub)) {
        Py_DECREF(sub);
        return PyUnicode_FromString("not a type");
    }
    unsigned long flags = PyType_GetFlags((PyTypeObject *)sub);
    Py_DECREF(sub);
    return Py_BuildValue("(OO)", (flags & Py_TPFLAGS_SEQUENCE) ? Py_True : Py_False,
                         (flags & Py_TPFLAGS_MAPPING) ? Py_True : Py_False);
}

/* The C types: instances carry nothing; the slots answer constants. */
static PyObject *self_iter(PyObject *o)
{
    return Py_NewRef(o);
}

static PyObject *no_next(PyObject *o)
{
    return NULL;
}

static Py_ssize_t zero_len(PyObject *o)
{
    return 0;
}

static PyObject *no_item(PyObject *o, PyObject *key)
{
    PyErr_SetObject(PyExc_KeyError, key);
    return NULL;
}

static int never_contains(PyObject *o, PyObject *key)
{
    return 0;
}

static PyObject *call_none(PyObject *o, PyObject *args, PyObject *kwargs)
{
    Py_RETURN_NONE;
}

static PyType_Slot plain_slots[] = {{0, NULL}};
static PyType_Slot iterable_slots[] = {{Py_tp_iter, self_iter}, {0, NULL}};
static PyType_Slot iterator_slots[] = {{Py_tp_iter, self_iter}, {Py_tp_iternext, no_next}, {0, NULL}};
static PyType_Slot callable_slots[] = {{Py_tp_call, call_none}, {0, NULL}};
static PyType_Slot unhashable_slots[] = {{Py_tp_hash, PyObject_HashNotImplemented}, {0, NULL}};
static PyType_Slot table_slots[] = {
    {Py_mp_length, zero_len}, {Py_mp_subscript, no_item}, {Py_tp_iter, self_iter}, {0, NULL}};
static PyType_Slot row_slots[] = {
    {Py_sq_length, zero_len}, {Py_sq_contains, never_contains}, {Py_tp_iter, self_iter}, {0, NULL}};

#define SPEC(name, slots) {"abcregister." name, sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, slots}
static PyType_Spec specs[] = {
    SPEC("Plain", plain_slots),
    SPEC("OnlyIter", iterable_slots),
    SPEC("OnlyNext", iterator_slots),
    SPEC("OnlyCall", callable_slots),
    SPEC("Unhashable", unhashable_slots),
    SPEC("Table", table_slots),
    SPEC("Row", row_slots),
};

static int exec_module(PyObject *m)
{
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        PyObject *t = PyType_FromModuleAndSpec(m, &specs[i], NULL);
        if (t == NULL || PyModule_AddObjectRef(m, strrchr(specs[i].name, '.') + 1, t) < 0) {
            Py_XDECREF(t);
            return -1;
        }
        Py_DECREF(t);
    }
    return 0;
}

static PyMethodDef methods[] = {
    {"isinst", isinst, METH_VARARGS, NULL},
    {"isinst_of", isinst_of, METH_VARARGS, NULL},
    {"issub", issub, METH_VARARGS, NULL},
    {"reg", reg, METH_VARARGS, NULL},
    {"collection_flags", collection_flags, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "abcregister", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_abcregister(void)
{
    return PyModuleDef_Init(&module);
}
