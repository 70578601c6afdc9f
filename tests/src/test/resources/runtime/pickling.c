/* The default pickling protocol of the built-in types: object.__reduce__/__reduce_ex__ at protocols 0-4 (through
   copyreg), __getstate__, and the iterators' __reduce__/__setstate__. Functions in the results are shown as
   "module.name" and iterators as ('iter', remaining items), so results compare across runtimes. */
#include <Python.h>
#include <string.h>

static PyObject *describe(PyObject *x)
{
    if (PyTuple_Check(x)) {
        Py_ssize_t n = PyTuple_GET_SIZE(x);
        PyObject *t = PyTuple_New(n);
        for (Py_ssize_t i = 0; t != NULL && i < n; i++) {
            PyObject *d = describe(PyTuple_GET_ITEM(x, i));
            if (d == NULL) {
                Py_CLEAR(t);
                break;
            }
            PyTuple_SET_ITEM(t, i, d);
        }
        return t;
    }
    const char *tn = Py_TYPE(x)->tp_name;
    if (strstr(tn, "iterator") != NULL) {
        PyObject *l = PySequence_List(x);
        return l == NULL ? NULL : Py_BuildValue("(sN)", "iter", l);
    }
    if (PyCFunction_Check(x) || strcmp(tn, "function") == 0) {
        PyObject *m = PyObject_GetAttrString(x, "__module__");
        PyObject *n = m == NULL ? NULL : PyObject_GetAttrString(x, "__name__");
        PyObject *r = n == NULL ? NULL : PyUnicode_FromFormat("%S.%S", m, n);
        Py_XDECREF(m);
        Py_XDECREF(n);
        return r;
    }
    return Py_NewRef(x);
}

static PyObject *error_name(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *r = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

/* type.__dict__[name] (static types' tp_dict is not to be read directly in 3.12+). */
static PyObject *type_entry(PyTypeObject *t, const char *name)
{
    PyObject *d = PyObject_GetAttrString((PyObject *)t, "__dict__");
    PyObject *r = d == NULL ? NULL : PyMapping_GetItemString(d, name);
    Py_XDECREF(d);
    return r;
}

static PyObject *sample(const char *kind)
{
    if (strcmp(kind, "object") == 0) return PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type);
    if (strcmp(kind, "int") == 0) return PyLong_FromLong(-42);
    if (strcmp(kind, "bool") == 0) return Py_NewRef(Py_True);
    if (strcmp(kind, "float") == 0) return PyFloat_FromDouble(2.5);
    if (strcmp(kind, "str") == 0) return PyUnicode_FromString("h\xc3\xa9");
    if (strcmp(kind, "bytes") == 0) return PyBytes_FromString("ab");
    if (strcmp(kind, "list") == 0) return Py_BuildValue("[iis]", 1, 2, "x");
    if (strcmp(kind, "tuple") == 0) return Py_BuildValue("(is)", 1, "y");
    if (strcmp(kind, "empty_tuple") == 0) return PyTuple_New(0);
    if (strcmp(kind, "dict") == 0) return Py_BuildValue("{sisi}", "a", 1, "b", 2);
    if (strcmp(kind, "set") == 0 || strcmp(kind, "frozenset") == 0) {
        PyObject *items = Py_BuildValue("[i]", 7);
        PyObject *s = items == NULL ? NULL : kind[0] == 's' ? PySet_New(items) : PyFrozenSet_New(items);
        Py_XDECREF(items);
        return s;
    }
    if (strcmp(kind, "builtin") == 0) return PyObject_GetAttrString((PyObject *)&PyUnicode_Type, "maketrans");
    if (strcmp(kind, "bound") == 0) return PyObject_GetAttrString(PyList_New(0), "append");
    if (strcmp(kind, "method") == 0) return type_entry(&PyBaseObject_Type, "__format__");
    if (strcmp(kind, "wrapper") == 0) return type_entry(&PyList_Type, "__len__");
    if (strcmp(kind, "member") == 0) return type_entry(&PyType_Type, "__basicsize__");
    if (strcmp(kind, "getset") == 0) return type_entry(&PyType_Type, "__name__");
    if (strcmp(kind, "slice") == 0) return PySlice_New(PyLong_FromLong(1), Py_None, PyLong_FromLong(2));
    if (strcmp(kind, "none") == 0) return Py_NewRef(Py_None);
    if (strcmp(kind, "exception") == 0) return PyObject_CallFunction(PyExc_ValueError, "is", 1, "two");
    if (strcmp(kind, "type") == 0) return Py_NewRef((PyObject *)&PyLong_Type);
    if (strcmp(kind, "module") == 0) return PyModule_New("m");
    PyErr_Format(PyExc_ValueError, "no sample %s", kind);
    return NULL;
}

/* obj.__reduce_ex__(proto), described. */
static PyObject *reduce_ex(PyObject *self, PyObject *args)
{
    const char *kind;
    int proto;
    if (!PyArg_ParseTuple(args, "si", &kind, &proto)) {
        return NULL;
    }
    PyObject *o = sample(kind);
    if (o == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_CallMethod(o, "__reduce_ex__", "i", proto);
    Py_DECREF(o);
    if (r == NULL) {
        return error_name();
    }
    PyObject *d = describe(r);
    Py_DECREF(r);
    return d;
}

/* obj.__reduce__() and obj.__getstate__(), described. */
static PyObject *reduce(PyObject *self, PyObject *arg)
{
    PyObject *o = sample(PyUnicode_AsUTF8(arg));
    if (o == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_CallMethod(o, "__reduce__", NULL);
    PyObject *d = r == NULL ? error_name() : describe(r);
    Py_XDECREF(r);
    PyObject *s = PyObject_CallMethod(o, "__getstate__", NULL);
    PyObject *sd = s == NULL ? error_name() : describe(s);
    Py_XDECREF(s);
    Py_DECREF(o);
    return Py_BuildValue("(NN)", d, sd);
}

/* Argument errors of the protocol methods. */
static PyObject *errors(PyObject *self, PyObject *unused)
{
    PyObject *o = PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type);
    PyObject *out = PyList_New(0);
    const char *calls[] = {"__reduce_ex__", "__reduce__"};
    PyObject *r;
    r = PyObject_CallMethod(o, calls[0], NULL);
    PyList_Append(out, r == NULL ? error_name() : r);
    r = PyObject_CallMethod(o, calls[0], "s", "x");
    PyList_Append(out, r == NULL ? error_name() : r);
    r = PyObject_CallMethod(o, calls[0], "O", PyLong_FromString("100000000000000000000", NULL, 10));
    PyList_Append(out, r == NULL ? error_name() : r);
    r = PyObject_CallMethod(o, calls[1], "i", 1);
    PyList_Append(out, r == NULL ? error_name() : r);
    r = PyObject_CallMethod(o, "__getstate__", "i", 1);
    PyList_Append(out, r == NULL ? error_name() : r);
    Py_DECREF(o);
    return out;
}

static PyObject *make_iter(const char *kind)
{
    PyObject *seq;
    if (strcmp(kind, "list") == 0) seq = Py_BuildValue("[iii]", 1, 2, 3);
    else if (strcmp(kind, "tuple") == 0) seq = Py_BuildValue("(iii)", 1, 2, 3);
    else if (strcmp(kind, "str") == 0) seq = PyUnicode_FromString("abc");
    else if (strcmp(kind, "ustr") == 0) seq = PyUnicode_FromString("a\xc3\xa9z");
    else if (strcmp(kind, "bytes") == 0) seq = PyBytes_FromString("xyz");
    else if (strcmp(kind, "set") == 0) seq = Py_BuildValue("[i]", 5);
    else if (strcmp(kind, "dict") == 0) seq = Py_BuildValue("{sisi}", "k", 1, "l", 2);
    else if (strcmp(kind, "range") == 0) seq = PyObject_CallFunction((PyObject *)&PyRange_Type, "iii", 1, 10, 2);
    else if (strcmp(kind, "longrange") == 0) /* past C longs: a longrange_iterator */
        seq = PyObject_CallFunction((PyObject *)&PyRange_Type, "NNi", PyLong_FromString("1180591620717411303424", NULL, 10),
                                    PyLong_FromString("1180591620717411303430", NULL, 10), 2);
    else {
        PyErr_Format(PyExc_ValueError, "no iterator %s", kind);
        return NULL;
    }
    if (seq != NULL && strcmp(kind, "set") == 0) {
        PyObject *s = PySet_New(seq);
        Py_SETREF(seq, s);
    }
    if (seq == NULL) {
        return NULL;
    }
    PyObject *it = PyObject_GetIter(seq);
    Py_DECREF(seq);
    return it;
}

static PyObject *reduced(PyObject *it)
{
    PyObject *r = PyObject_CallMethod(it, "__reduce__", NULL);
    if (r == NULL) {
        return error_name();
    }
    /* (iter, (seq,), index): keep iter's name and the sequence as is */
    PyObject *d = describe(PyTuple_GET_ITEM(r, 0));
    PyObject *t = PyTuple_GetSlice(r, 1, PyTuple_GET_SIZE(r));
    Py_DECREF(r);
    return Py_BuildValue("(NN)", d, t);
}

/* An iterator's __reduce__ fresh, after one step, after __setstate__(n) (or None: no call), and exhausted. */
static PyObject *iterator(PyObject *self, PyObject *args)
{
    const char *kind;
    PyObject *state;
    if (!PyArg_ParseTuple(args, "sO", &kind, &state)) {
        return NULL;
    }
    PyObject *it = make_iter(kind);
    if (it == NULL) {
        return NULL;
    }
    PyObject *fresh = reduced(it);
    PyObject *first = PyIter_Next(it);
    PyObject *stepped = reduced(it);
    PyObject *set;
    if (state == Py_None) {
        set = Py_NewRef(Py_None);
    } else {
        PyObject *r = PyObject_CallMethod(it, "__setstate__", "O", state);
        set = r == NULL ? error_name() : r;
    }
    PyObject *after = reduced(it);
    PyObject *rest = PySequence_List(it);
    PyObject *exhausted = reduced(it);
    Py_DECREF(it);
    return Py_BuildValue("(NNNNNNN)", fresh, first == NULL ? Py_NewRef(Py_None) : first, stepped, set, after,
                         rest, exhausted);
}

static PyMethodDef methods[] = {
    {"reduce_ex", reduce_ex, METH_VARARGS, NULL},
    {"reduce", reduce, METH_O, NULL},
    {"errors", errors, METH_NOARGS, NULL},
    {"iterator", iterator, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "pickling", NULL, 0, methods};

PyMODINIT_FUNC PyInit_pickling(void)
{
    return PyModule_Create(&module);
}
