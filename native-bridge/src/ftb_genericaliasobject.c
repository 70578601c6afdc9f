/* genericaliasobject.h: types.GenericAlias (Py_GenericAliasType, Py_GenericAlias), what list[int] and every
   built-in __class_getitem__ return. Attribute reads other than the alias's own go to the origin class, calling
   it makes an instance of the origin, and | makes a types.UnionType (bridge_unionobject.c). */
#include "Python.h"
#include "bridge_unionobject.h"

typedef struct {
    PyObject_HEAD
    PyObject *origin;
    PyObject *args;
    PyObject *parameters; /* computed on first use */
    PyObject *weakreflist;
    char starred;
} ftb_genericalias;

#define GA(o) ((ftb_genericalias *)(o))

/* Names an alias answers itself; every other attribute is the origin's. */
static const char *const ga_own_attributes[] = {
    "__class__", "__bases__", "__origin__", "__args__", "__unpacked__", "__parameters__",
    "__typing_unpacked_tuple_args__", "__mro_entries__", "__reduce_ex__", "__reduce__", "__copy__", "__deepcopy__",
    NULL,
};

static PyObject *ga_wrap(PyTypeObject *type, PyObject *origin, PyObject *args, int starred)
{
    PyObject *tuple = PyTuple_Check(args) ? Py_NewRef(args) : PyTuple_Pack(1, args);
    if (tuple == NULL) {
        return NULL;
    }
    ftb_genericalias *ga = PyObject_GC_New(ftb_genericalias, type);
    if (ga == NULL) {
        Py_DECREF(tuple);
        return NULL;
    }
    ga->origin = Py_NewRef(origin);
    ga->args = tuple;
    ga->parameters = NULL;
    ga->weakreflist = NULL;
    ga->starred = (char)starred;
    PyObject_GC_Track(ga);
    return (PyObject *)ga;
}

PyObject *Py_GenericAlias(PyObject *origin, PyObject *args)
{
    return ga_wrap(&Py_GenericAliasType, origin, args, 0);
}

static PyObject *ga_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if (kwds != NULL && PyDict_GET_SIZE(kwds) > 0) {
        PyErr_SetString(PyExc_TypeError, "GenericAlias() takes no keyword arguments");
        return NULL;
    }
    if (PyTuple_GET_SIZE(args) != 2) {
        PyErr_Format(PyExc_TypeError, "GenericAlias expected 2 arguments, got %zd", PyTuple_GET_SIZE(args));
        return NULL;
    }
    return ga_wrap(type, PyTuple_GET_ITEM(args, 0), PyTuple_GET_ITEM(args, 1), 0);
}

static void ga_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    if (GA(self)->weakreflist != NULL) {
        PyObject_ClearWeakRefs(self);
    }
    Py_XDECREF(GA(self)->origin);
    Py_XDECREF(GA(self)->args);
    Py_XDECREF(GA(self)->parameters);
    PyObject_GC_Del(self);
}

static int ga_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(GA(self)->origin);
    Py_VISIT(GA(self)->args);
    Py_VISIT(GA(self)->parameters);
    return 0;
}

/* How an argument shows in the alias's repr: "..." for Ellipsis, module.qualname for classes (builtins bare),
   repr() otherwise; a list argument (Callable's) shows its items the same way. Pieces go to a list. */
#define ga_repr_item ftb_repr_item

static int ga_piece(PyObject *out, PyObject *piece)
{
    if (piece == NULL) {
        return -1;
    }
    int r = PyList_Append(out, piece);
    Py_DECREF(piece);
    return r;
}

static int ga_repr_items(PyObject *out, PyObject *seq)
{
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        if (i > 0 && ga_piece(out, PyUnicode_FromString(", ")) < 0) {
            return -1;
        }
        if (ga_repr_item(out, PySequence_Fast_GET_ITEM(seq, i)) < 0) {
            return -1;
        }
    }
    return 0;
}

int ftb_repr_item(PyObject *out, PyObject *p)
{
    if (p == Py_Ellipsis) {
        return ga_piece(out, PyUnicode_FromString("..."));
    }
    if (PyList_CheckExact(p)) {
        if (ga_piece(out, PyUnicode_FromString("[")) < 0 || ga_repr_items(out, p) < 0) {
            return -1;
        }
        return ga_piece(out, PyUnicode_FromString("]"));
    }
    PyObject *probe = NULL;
    int r = PyObject_GetOptionalAttrString(p, "__origin__", &probe);
    if (r > 0) {
        Py_DECREF(probe);
        r = PyObject_GetOptionalAttrString(p, "__args__", &probe);
        if (r > 0) {
            Py_DECREF(probe);
            return ga_piece(out, PyObject_Repr(p)); /* looks like a GenericAlias */
        }
    }
    if (r < 0) {
        return -1;
    }
    PyObject *qualname = NULL, *module = NULL;
    if (PyObject_GetOptionalAttrString(p, "__qualname__", &qualname) < 0) {
        return -1;
    }
    if (qualname != NULL && PyObject_GetOptionalAttrString(p, "__module__", &module) < 0) {
        Py_DECREF(qualname);
        return -1;
    }
    int rc;
    if (qualname == NULL || module == NULL || module == Py_None) {
        rc = ga_piece(out, PyObject_Repr(p));
    } else if (PyUnicode_Check(module) && PyUnicode_EqualToUTF8(module, "builtins")) {
        rc = ga_piece(out, PyObject_Str(qualname));
    } else {
        rc = ga_piece(out, PyUnicode_FromFormat("%S.%S", module, qualname));
    }
    Py_XDECREF(qualname);
    Py_XDECREF(module);
    return rc;
}

static PyObject *ga_repr(PyObject *self)
{
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    PyObject *args = GA(self)->args;
    if ((GA(self)->starred && ga_piece(out, PyUnicode_FromString("*")) < 0) || ga_repr_item(out, GA(self)->origin) < 0
        || ga_piece(out, PyUnicode_FromString("[")) < 0
        || (PyTuple_GET_SIZE(args) == 0 ? ga_piece(out, PyUnicode_FromString("()")) : ga_repr_items(out, args)) < 0
        || ga_piece(out, PyUnicode_FromString("]")) < 0) {
        Py_DECREF(out);
        return NULL;
    }
    PyObject *empty = PyUnicode_FromString("");
    PyObject *r = empty == NULL ? NULL : PyUnicode_Join(empty, out);
    Py_XDECREF(empty);
    Py_DECREF(out);
    return r;
}

static PyObject *ga_getattro(PyObject *self, PyObject *name)
{
    if (PyUnicode_Check(name)) {
        for (const char *const *own = ga_own_attributes; *own != NULL; own++) {
            if (PyUnicode_EqualToUTF8(name, *own)) {
                return PyObject_GenericGetAttr(self, name);
            }
        }
    }
    return PyObject_GetAttr(GA(self)->origin, name);
}

static Py_hash_t ga_hash(PyObject *self)
{
    Py_hash_t h0 = PyObject_Hash(GA(self)->origin);
    if (h0 == -1) {
        return -1;
    }
    Py_hash_t h1 = PyObject_Hash(GA(self)->args);
    if (h1 == -1) {
        return -1;
    }
    return h0 ^ h1;
}

static PyObject *ga_richcompare(PyObject *a, PyObject *b, int op)
{
    if (!PyObject_TypeCheck(a, &Py_GenericAliasType) || !PyObject_TypeCheck(b, &Py_GenericAliasType)
        || (op != Py_EQ && op != Py_NE)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (GA(a)->starred != GA(b)->starred) {
        return PyBool_FromLong(op == Py_NE);
    }
    int eq = PyObject_RichCompareBool(GA(a)->origin, GA(b)->origin, Py_EQ);
    if (eq < 0) {
        return NULL;
    }
    if (eq) {
        eq = PyObject_RichCompareBool(GA(a)->args, GA(b)->args, Py_EQ);
        if (eq < 0) {
            return NULL;
        }
    }
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

/* Calling the alias makes an instance of the origin and records the alias in it when it can. */
static PyObject *ga_call(PyObject *self, PyObject *args, PyObject *kwds)
{
    PyObject *obj = PyObject_Call(GA(self)->origin, args, kwds);
    if (obj != NULL && PyObject_SetAttrString(obj, "__orig_class__", self) < 0) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError) && !PyErr_ExceptionMatches(PyExc_TypeError)) {
            Py_DECREF(obj);
            return NULL;
        }
        PyErr_Clear();
    }
    return obj;
}

/* The type parameters among the arguments: those with __typing_subst__ (TypeVar and kin) and those of nested
   generics (their __parameters__), each once, in order. */
PyObject *ftb_make_parameters(PyObject *args)
{
    PyObject *params = PyList_New(0);
    if (params == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *t = PyTuple_GET_ITEM(args, i);
        if (PyType_Check(t)) {
            continue;
        }
        PyObject *subst = NULL;
        if (PyObject_GetOptionalAttrString(t, "__typing_subst__", &subst) < 0) {
            goto error;
        }
        if (subst != NULL) {
            Py_DECREF(subst);
            int has = PySequence_Contains(params, t);
            if (has < 0 || (!has && PyList_Append(params, t) < 0)) {
                goto error;
            }
            continue;
        }
        PyObject *sub = NULL;
        if (PyObject_GetOptionalAttrString(t, "__parameters__", &sub) < 0) {
            goto error;
        }
        if (sub != NULL && PyTuple_Check(sub)) {
            for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(sub); j++) {
                int has = PySequence_Contains(params, PyTuple_GET_ITEM(sub, j));
                if (has < 0 || (!has && PyList_Append(params, PyTuple_GET_ITEM(sub, j)) < 0)) {
                    Py_DECREF(sub);
                    goto error;
                }
            }
        }
        Py_XDECREF(sub);
    }
    PyObject *r = PyList_AsTuple(params);
    Py_DECREF(params);
    return r;
error:
    Py_DECREF(params);
    return NULL;
}

static PyObject *ga_parameters(PyObject *self, void *unused)
{
    if (GA(self)->parameters == NULL) {
        PyObject *p = ftb_make_parameters(GA(self)->args);
        if (p == NULL) {
            return NULL;
        }
        /* two threads may both compute it: keep the first */
        PyObject *expected = NULL;
        if (!__atomic_compare_exchange_n(&GA(self)->parameters, &expected, p, 0, __ATOMIC_ACQ_REL,
                                         __ATOMIC_ACQUIRE)) {
            Py_DECREF(p);
        }
    }
    return Py_NewRef(GA(self)->parameters);
}

static PyObject *ga_unpacked_tuple_args(PyObject *self, void *unused)
{
    if (GA(self)->starred && GA(self)->origin == (PyObject *)&PyTuple_Type) {
        return Py_NewRef(GA(self)->args);
    }
    Py_RETURN_NONE;
}

static PyObject *ga_getitem(PyObject *self, PyObject *item)
{
    PyObject *params = ga_parameters(self, NULL);
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
                    "ftcheck: substituting the type parameters of a GenericAlias is not implemented");
    return NULL;
}

static PyObject *ga_mro_entries(PyObject *self, PyObject *bases)
{
    return PyTuple_Pack(1, GA(self)->origin);
}

static PyObject *ga_instancecheck(PyObject *self, PyObject *unused)
{
    PyErr_SetString(PyExc_TypeError, "isinstance() argument 2 cannot be a parameterized generic");
    return NULL;
}

static PyObject *ga_subclasscheck(PyObject *self, PyObject *unused)
{
    PyErr_SetString(PyExc_TypeError, "issubclass() argument 2 cannot be a parameterized generic");
    return NULL;
}

static PyObject *ga_reduce(PyObject *self, PyObject *unused)
{
    if (GA(self)->starred) {
        /* *tuple[int]: rebuilt as next(iter(tuple[int])) */
        PyObject *plain = ga_wrap(Py_TYPE(self), GA(self)->origin, GA(self)->args, 0);
        if (plain == NULL) {
            return NULL;
        }
        PyObject *builtins = PyImport_ImportModule("builtins");
        PyObject *next = builtins == NULL ? NULL : PyObject_GetAttrString(builtins, "next");
        Py_XDECREF(builtins);
        PyObject *it = next == NULL ? NULL : PyObject_GetIter(plain);
        Py_DECREF(plain);
        return it == NULL ? (Py_XDECREF(next), NULL) : Py_BuildValue("N(N)", next, it);
    }
    return Py_BuildValue("O(OO)", Py_TYPE(self), GA(self)->origin, GA(self)->args);
}

/* dir(alias): the origin's names and the alias's own. */
static PyObject *ga_dir(PyObject *self, PyObject *unused)
{
    PyObject *names = PyObject_Dir(GA(self)->origin);
    if (names == NULL) {
        return NULL;
    }
    for (const char *const *own = ga_own_attributes; *own != NULL; own++) {
        PyObject *s = PyUnicode_FromString(*own);
        int has = s == NULL ? -1 : PySequence_Contains(names, s);
        if (has < 0 || (!has && PyList_Append(names, s) < 0)) {
            Py_XDECREF(s);
            Py_DECREF(names);
            return NULL;
        }
        Py_DECREF(s);
    }
    return names;
}

/* *alias: one starred copy (how *tuple[int] is spelled in a subscript). */
static PyObject *ga_iter(PyObject *self)
{
    PyObject *starred = ga_wrap(Py_TYPE(self), GA(self)->origin, GA(self)->args, 1);
    if (starred == NULL) {
        return NULL;
    }
    PyObject *one = PyTuple_Pack(1, starred);
    Py_DECREF(starred);
    if (one == NULL) {
        return NULL;
    }
    PyObject *it = PyObject_GetIter(one);
    Py_DECREF(one);
    return it;
}

static PyObject *ga_or(PyObject *a, PyObject *b)
{
    return ftb_union_or(a, b);
}

static PyMethodDef ga_methods[] = {
    {"__mro_entries__", ga_mro_entries, METH_O, NULL},
    {"__instancecheck__", ga_instancecheck, METH_O, NULL},
    {"__subclasscheck__", ga_subclasscheck, METH_O, NULL},
    {"__reduce__", ga_reduce, METH_NOARGS, NULL},
    {"__dir__", ga_dir, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef ga_members[] = {
    {"__origin__", Py_T_OBJECT_EX, offsetof(ftb_genericalias, origin), Py_READONLY, NULL},
    {"__args__", Py_T_OBJECT_EX, offsetof(ftb_genericalias, args), Py_READONLY, NULL},
    {"__unpacked__", Py_T_BOOL, offsetof(ftb_genericalias, starred), Py_READONLY, NULL},
    {"__weaklistoffset__", Py_T_PYSSIZET, offsetof(ftb_genericalias, weakreflist), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef ga_getset[] = {
    {"__parameters__", ga_parameters, NULL, NULL, NULL},
    {"__typing_unpacked_tuple_args__", ga_unpacked_tuple_args, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMappingMethods ga_as_mapping = {
    .mp_subscript = ga_getitem,
};

static PyNumberMethods ga_as_number = {
    .nb_or = ga_or,
};

PyTypeObject Py_GenericAliasType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "types.GenericAlias",
    .tp_basicsize = sizeof(ftb_genericalias),
    .tp_dealloc = ga_dealloc,
    .tp_repr = ga_repr,
    .tp_as_number = &ga_as_number,
    .tp_as_mapping = &ga_as_mapping,
    .tp_hash = ga_hash,
    .tp_call = ga_call,
    .tp_getattro = ga_getattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_traverse = ga_traverse,
    .tp_richcompare = ga_richcompare,
    .tp_iter = ga_iter,
    .tp_methods = ga_methods,
    .tp_members = ga_members,
    .tp_getset = ga_getset,
    .tp_new = ga_new,
};
