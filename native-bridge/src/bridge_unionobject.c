/* types.UnionType: what int | str gives. Its arguments are flattened (a union of unions is one union) and
   deduplicated; None stands for NoneType. isinstance() and issubclass() treat a union as the tuple of its
   arguments (AbstractApi does that); the type has no constructor. */
#include "bridge_unionobject.h"

typedef struct {
    PyObject_HEAD
    PyObject *args;
    PyObject *parameters; /* computed on first use */
} ftb_union;

#define UNION(o) ((ftb_union *)(o))

static int is_unionable(PyObject *o)
{
    return o == Py_None || PyType_Check(o) || PyObject_TypeCheck(o, &Py_GenericAliasType)
        || PyObject_TypeCheck(o, &ftb_UnionType);
}

/* Two arguments are the same when identical, or equal generic aliases. */
static int same_argument(PyObject *a, PyObject *b)
{
    if (a == b) {
        return 1;
    }
    if (PyObject_TypeCheck(a, &Py_GenericAliasType) && PyObject_TypeCheck(b, &Py_GenericAliasType)) {
        return PyObject_RichCompareBool(a, b, Py_EQ);
    }
    return 0;
}

static int add_argument(PyObject *list, PyObject *o)
{
    if (o == Py_None) {
        o = (PyObject *)Py_TYPE(Py_None);
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        int same = same_argument(PyList_GET_ITEM(list, i), o);
        if (same != 0) {
            return same < 0 ? -1 : 0;
        }
    }
    return PyList_Append(list, o);
}

static int add_flattened(PyObject *list, PyObject *o)
{
    if (PyObject_TypeCheck(o, &ftb_UnionType)) {
        PyObject *args = UNION(o)->args;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
            if (add_argument(list, PyTuple_GET_ITEM(args, i)) < 0) {
                return -1;
            }
        }
        return 0;
    }
    return add_argument(list, o);
}

PyObject *ftb_union_or(PyObject *a, PyObject *b)
{
    if (!is_unionable(a) || !is_unionable(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *list = PyList_New(0);
    if (list == NULL || add_flattened(list, a) < 0 || add_flattened(list, b) < 0) {
        Py_XDECREF(list);
        return NULL;
    }
    if (PyList_GET_SIZE(list) == 1) {
        PyObject *only = Py_NewRef(PyList_GET_ITEM(list, 0));
        Py_DECREF(list);
        return only;
    }
    PyObject *args = PyList_AsTuple(list);
    Py_DECREF(list);
    if (args == NULL) {
        return NULL;
    }
    ftb_union *u = PyObject_GC_New(ftb_union, &ftb_UnionType);
    if (u == NULL) {
        Py_DECREF(args);
        return NULL;
    }
    u->args = args;
    u->parameters = NULL;
    PyObject_GC_Track(u);
    return (PyObject *)u;
}

static void union_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_XDECREF(UNION(self)->args);
    Py_XDECREF(UNION(self)->parameters);
    PyObject_GC_Del(self);
}

static int union_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(UNION(self)->args);
    Py_VISIT(UNION(self)->parameters);
    return 0;
}

static PyObject *union_repr(PyObject *self)
{
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    PyObject *args = UNION(self)->args;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *p = PyTuple_GET_ITEM(args, i);
        PyObject *sep = PyUnicode_FromString(i > 0 ? " | " : "");
        PyObject *none = p == (PyObject *)Py_TYPE(Py_None) ? PyUnicode_FromString("None") : NULL;
        int failed = sep == NULL || PyList_Append(out, sep) < 0
            || (p == (PyObject *)Py_TYPE(Py_None) ? none == NULL || PyList_Append(out, none) < 0
                                                   : ftb_repr_item(out, p) < 0);
        Py_XDECREF(sep);
        Py_XDECREF(none);
        if (failed) {
            Py_DECREF(out);
            return NULL;
        }
    }
    PyObject *empty = PyUnicode_FromString("");
    PyObject *r = empty == NULL ? NULL : PyUnicode_Join(empty, out);
    Py_XDECREF(empty);
    Py_DECREF(out);
    return r;
}

static Py_hash_t union_hash(PyObject *self)
{
    PyObject *set = PyFrozenSet_New(UNION(self)->args);
    if (set == NULL) {
        return -1;
    }
    Py_hash_t h = PyObject_Hash(set);
    Py_DECREF(set);
    return h;
}

/* Unions are equal when their arguments are, in any order. */
static PyObject *union_richcompare(PyObject *a, PyObject *b, int op)
{
    if (!PyObject_TypeCheck(b, &ftb_UnionType) || (op != Py_EQ && op != Py_NE)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyObject *sa = PyFrozenSet_New(UNION(a)->args);
    PyObject *sb = sa == NULL ? NULL : PyFrozenSet_New(UNION(b)->args);
    PyObject *r = sb == NULL ? NULL : PyObject_RichCompare(sa, sb, op);
    Py_XDECREF(sa);
    Py_XDECREF(sb);
    return r;
}

static PyObject *union_parameters(PyObject *self, void *unused)
{
    if (UNION(self)->parameters == NULL) {
        PyObject *p = ftb_make_parameters(UNION(self)->args);
        if (p == NULL) {
            return NULL;
        }
        PyObject *expected = NULL;
        if (!__atomic_compare_exchange_n(&UNION(self)->parameters, &expected, p, 0, __ATOMIC_ACQ_REL,
                                         __ATOMIC_ACQUIRE)) {
            Py_DECREF(p);
        }
    }
    return Py_NewRef(UNION(self)->parameters);
}

static PyObject *union_getitem(PyObject *self, PyObject *item)
{
    PyObject *params = union_parameters(self, NULL);
    if (params == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(params);
    Py_DECREF(params);
    if (n == 0) {
        PyErr_Format(PyExc_TypeError, "%R is not a generic class", self);
        return NULL;
    }
    PyErr_SetString(PyExc_NotImplementedError,
                    "ftcheck: substituting the type parameters of a UnionType is not implemented");
    return NULL;
}

static PyMemberDef union_members[] = {
    {"__args__", Py_T_OBJECT_EX, offsetof(ftb_union, args), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef union_getset[] = {
    {"__parameters__", union_parameters, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyNumberMethods union_as_number = {
    .nb_or = ftb_union_or,
};

static PyMappingMethods union_as_mapping = {
    .mp_subscript = union_getitem,
};

PyTypeObject ftb_UnionType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "types.UnionType",
    .tp_basicsize = sizeof(ftb_union),
    .tp_dealloc = union_dealloc,
    .tp_repr = union_repr,
    .tp_as_number = &union_as_number,
    .tp_as_mapping = &union_as_mapping,
    .tp_hash = union_hash,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = union_traverse,
    .tp_richcompare = union_richcompare,
    .tp_members = union_members,
    .tp_getset = union_getset,
};

/* type.__or__ and type.__ror__ as the runtime installs them in PyType_Type's number table. */
PyObject *ftb_type_or(PyObject *a, PyObject *b)
{
    return ftb_union_or(a, b);
}
