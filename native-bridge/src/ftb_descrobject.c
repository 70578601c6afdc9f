/* descrobject.h: mappingproxy (PyDictProxy_Type, PyDictProxy_New), the read-only view of a mapping that
   type.__dict__ and dict views' .mapping give. Every operation forwards to the wrapped mapping through the API,
   so it works for any mapping, and C code calling the slots directly gets what Python code gets. */
#include "Python.h"

typedef struct {
    PyObject_HEAD
    PyObject *mapping;
} ftb_mappingproxy;

#define PROXIED(o) (((ftb_mappingproxy *)(o))->mapping)

/* CPython accepts any mapping but a list or tuple (which also have mp_subscript). */
static int mappingproxy_check_mapping(PyObject *mapping)
{
    if (!PyMapping_Check(mapping) || PyList_Check(mapping) || PyTuple_Check(mapping)) {
        PyErr_Format(PyExc_TypeError, "mappingproxy() argument must be a mapping, not %s",
                     Py_TYPE(mapping)->tp_name);
        return -1;
    }
    return 0;
}

static PyObject *mappingproxy_wrap(PyObject *mapping)
{
    ftb_mappingproxy *pp = PyObject_GC_New(ftb_mappingproxy, &PyDictProxy_Type);
    if (pp == NULL) {
        return NULL;
    }
    pp->mapping = Py_NewRef(mapping);
    PyObject_GC_Track(pp);
    return (PyObject *)pp;
}

PyObject *PyDictProxy_New(PyObject *mapping)
{
    if (mappingproxy_check_mapping(mapping) < 0) {
        return NULL;
    }
    return mappingproxy_wrap(mapping);
}

static PyObject *mappingproxy_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"mapping", NULL};
    PyObject *mapping;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:mappingproxy", kwlist, &mapping)) {
        return NULL;
    }
    return PyDictProxy_New(mapping);
}

static void mappingproxy_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_XDECREF(PROXIED(self));
    PyObject_GC_Del(self);
}

static int mappingproxy_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(PROXIED(self));
    return 0;
}

static Py_ssize_t mappingproxy_len(PyObject *self)
{
    return PyObject_Size(PROXIED(self));
}

static PyObject *mappingproxy_getitem(PyObject *self, PyObject *key)
{
    return PyObject_GetItem(PROXIED(self), key);
}

static int mappingproxy_contains(PyObject *self, PyObject *key)
{
    if (PyDict_CheckExact(PROXIED(self))) {
        return PyDict_Contains(PROXIED(self), key);
    }
    return PySequence_Contains(PROXIED(self), key);
}

static PyObject *mappingproxy_iter(PyObject *self)
{
    return PyObject_GetIter(PROXIED(self));
}

static PyObject *mappingproxy_richcompare(PyObject *self, PyObject *other, int op)
{
    return PyObject_RichCompare(PROXIED(self), other, op);
}

static Py_hash_t mappingproxy_hash(PyObject *self)
{
    return PyObject_Hash(PROXIED(self));
}

static PyObject *mappingproxy_repr(PyObject *self)
{
    return PyUnicode_FromFormat("mappingproxy(%R)", PROXIED(self));
}

static PyObject *mappingproxy_str(PyObject *self)
{
    return PyObject_Str(PROXIED(self));
}

/* a | b with either side a proxy: the union of what they wrap (a new dict for dicts). */
static PyObject *mappingproxy_or(PyObject *a, PyObject *b)
{
    if (PyObject_TypeCheck(a, &PyDictProxy_Type)) {
        a = PROXIED(a);
    }
    if (PyObject_TypeCheck(b, &PyDictProxy_Type)) {
        b = PROXIED(b);
    }
    return PyNumber_Or(a, b);
}

static PyObject *mappingproxy_ior(PyObject *self, PyObject *other)
{
    PyErr_Format(PyExc_TypeError, "'|=' is not supported by %s; use '|' instead", Py_TYPE(self)->tp_name);
    return NULL;
}

static PyObject *mappingproxy_get(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError, "get expected %s, got %zd",
                     nargs < 1 ? "at least 1 argument" : "at most 2 arguments", nargs);
        return NULL;
    }
    PyObject *dflt = nargs == 2 ? args[1] : Py_None;
    return PyObject_CallMethod(PROXIED(self), "get", "(OO)", args[0], dflt);
}

static PyObject *mappingproxy_forward(PyObject *self, const char *name)
{
    return PyObject_CallMethod(PROXIED(self), name, NULL);
}

static PyObject *mappingproxy_keys(PyObject *self, PyObject *unused)
{
    return mappingproxy_forward(self, "keys");
}

static PyObject *mappingproxy_values(PyObject *self, PyObject *unused)
{
    return mappingproxy_forward(self, "values");
}

static PyObject *mappingproxy_items(PyObject *self, PyObject *unused)
{
    return mappingproxy_forward(self, "items");
}

static PyObject *mappingproxy_copy(PyObject *self, PyObject *unused)
{
    return mappingproxy_forward(self, "copy");
}

static PyObject *mappingproxy_reversed(PyObject *self, PyObject *unused)
{
    return mappingproxy_forward(self, "__reversed__");
}

static PyMethodDef mappingproxy_methods[] = {
    {"get", (PyCFunction)(void (*)(void))mappingproxy_get, METH_FASTCALL, NULL},
    {"keys", mappingproxy_keys, METH_NOARGS, NULL},
    {"values", mappingproxy_values, METH_NOARGS, NULL},
    {"items", mappingproxy_items, METH_NOARGS, NULL},
    {"copy", mappingproxy_copy, METH_NOARGS, NULL},
    {"__reversed__", mappingproxy_reversed, METH_NOARGS, NULL},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMappingMethods mappingproxy_as_mapping = {
    .mp_length = mappingproxy_len,
    .mp_subscript = mappingproxy_getitem,
};

static PySequenceMethods mappingproxy_as_sequence = {
    .sq_contains = mappingproxy_contains,
};

static PyNumberMethods mappingproxy_as_number = {
    .nb_or = mappingproxy_or,
    .nb_inplace_or = mappingproxy_ior,
};

PyTypeObject PyDictProxy_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "mappingproxy",
    .tp_basicsize = sizeof(ftb_mappingproxy),
    .tp_dealloc = mappingproxy_dealloc,
    .tp_repr = mappingproxy_repr,
    .tp_as_number = &mappingproxy_as_number,
    .tp_as_sequence = &mappingproxy_as_sequence,
    .tp_as_mapping = &mappingproxy_as_mapping,
    .tp_hash = mappingproxy_hash,
    .tp_str = mappingproxy_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MAPPING,
    .tp_traverse = mappingproxy_traverse,
    .tp_richcompare = mappingproxy_richcompare,
    .tp_iter = mappingproxy_iter,
    .tp_methods = mappingproxy_methods,
    .tp_new = mappingproxy_new,
};
