/* Methods of the built-in types called the way extensions call them: PyObject_CallMethod, PyObject_GetAttr then
   PyObject_Call, PyObject_VectorcallMethod. Each function returns a tuple of results; a call that raises gives
   its exception type's name. KnownAnswerModulesTest compares the answers with CPython 3.13t's. */
#include <Python.h>

/* The exception type's name, cleared (messages can hold addresses). */
static PyObject *error_name(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *name = PyUnicode_FromString(exc != NULL ? Py_TYPE(exc)->tp_name : "no error");
    Py_XDECREF(exc);
    return name;
}

static PyObject *or_error(PyObject *r)
{
    return r != NULL ? r : error_name();
}

/* The name of o's type, or the error that left o NULL. */
static PyObject *type_name(PyObject *o)
{
    return o != NULL ? PyUnicode_FromString(Py_TYPE(o)->tp_name) : error_name();
}

static PyObject *repr_of(PyObject *o)
{
    return o != NULL ? PyObject_Repr(o) : error_name();
}

/* obj.name(*args, **kwargs) with args a tuple and kwargs a dict or NULL; both stolen. */
static PyObject *callkw(PyObject *obj, const char *name, PyObject *args, PyObject *kwargs)
{
    PyObject *m = PyObject_GetAttrString(obj, name);
    PyObject *r = m != NULL ? PyObject_Call(m, args, kwargs) : NULL;
    Py_XDECREF(m);
    Py_DECREF(args);
    Py_XDECREF(kwargs);
    return or_error(r);
}

/* Calls obj.name(...) and appends the result (or error name) to out, then returns obj for chaining. */
#define CALL(out, obj, name, ...) PyList_Append(out, tmp = or_error(PyObject_CallMethod(obj, name, __VA_ARGS__))), Py_DECREF(tmp)
#define ADD(out, expr) PyList_Append(out, tmp = or_error(expr)), Py_DECREF(tmp)

static PyObject *finish(PyObject *out)
{
    PyObject *t = PyList_AsTuple(out);
    Py_DECREF(out);
    return t;
}

static PyObject *strings(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp;
    PyObject *s = PyUnicode_FromString("  a,b,,c  d\t\n");
    PyObject *w = PyUnicode_FromString("hello world, hello");
    CALL(out, s, "split", NULL);
    CALL(out, s, "split", "s", ",");
    CALL(out, s, "split", "si", ",", 1);
    CALL(out, s, "rsplit", "si", ",", 1);
    CALL(out, s, "rsplit", NULL);
    CALL(out, s, "split", "s", "");
    CALL(out, s, "strip", NULL);
    CALL(out, s, "lstrip", NULL);
    CALL(out, s, "rstrip", NULL);
    CALL(out, s, "strip", "s", " ad\t\n");
    CALL(out, s, "strip", "i", 1);
    CALL(out, w, "replace", "ss", "hello", "bye");
    CALL(out, w, "replace", "ssi", "hello", "bye", 1);
    CALL(out, w, "replace", "ss", "", "-");
    CALL(out, w, "startswith", "s", "hello");
    CALL(out, w, "startswith", "(ss)", "x", "hell");
    CALL(out, w, "startswith", "si", "world", 6);
    CALL(out, w, "endswith", "s", "hello");
    CALL(out, w, "endswith", "sii", "world", 0, 11);
    CALL(out, w, "find", "s", "o");
    CALL(out, w, "find", "si", "o", 5);
    CALL(out, w, "rfind", "s", "o");
    CALL(out, w, "find", "s", "zz");
    CALL(out, w, "index", "s", "zz");
    CALL(out, w, "rindex", "s", "hello");
    CALL(out, w, "count", "s", "l");
    CALL(out, w, "count", "s", "");
    CALL(out, w, "partition", "s", ", ");
    CALL(out, w, "rpartition", "s", "l");
    CALL(out, w, "partition", "s", "zz");
    CALL(out, w, "removeprefix", "s", "hello ");
    CALL(out, w, "removesuffix", "s", "nope");
    CALL(out, w, "encode", NULL);
    CALL(out, w, "encode", "s", "ascii");
    CALL(out, w, "isascii", NULL);
    CALL(out, w, "zfill", "i", 20);
    PyObject *sep = PyUnicode_FromString("-");
    CALL(out, sep, "join", "((sss))", "a", "b", "c");
    CALL(out, sep, "join", "([si])", "a", 1);
    CALL(out, sep, "join", "(s)", "xyz");
    PyObject *e = PyUnicode_FromString("\xc3\xa9t\xc3\xa9 \xf0\x9f\x99\x82 x");
    CALL(out, e, "find", "s", "x");
    CALL(out, e, "split", NULL);
    CALL(out, e, "encode", "s", "utf-8");
    CALL(out, e, "encode", "s", "ascii");
    CALL(out, e, "__len__", NULL);
    CALL(out, w, "__contains__", "s", "world");
    CALL(out, w, "__add__", "s", "!");
    CALL(out, w, "__add__", "i", 1);
    CALL(out, w, "__eq__", "s", "hello world, hello");
    CALL(out, w, "__eq__", "i", 1);
    CALL(out, w, "__lt__", "s", "z");
    CALL(out, w, "__getitem__", "i", -1);
    PyObject *sl = PySlice_New(NULL, NULL, PyLong_FromLong(-2));
    CALL(out, w, "__getitem__", "O", sl);
    Py_DECREF(sl);
    CALL(out, w, "__getitem__", "i", 100);
    CALL(out, sep, "__mul__", "i", 3);
    ADD(out, callkw(w, "split", Py_BuildValue("()"), Py_BuildValue("{s:s,s:i}", "sep", "l", "maxsplit", 2)));
    ADD(out, callkw(w, "split", Py_BuildValue("(s)", "l"), Py_BuildValue("{s:s}", "sep", "o")));
    ADD(out, callkw(w, "split", Py_BuildValue("()"), Py_BuildValue("{s:i}", "bad", 1)));
    CALL(out, w, "split", "sii", "l", 1, 2);
    CALL(out, w, "startswith", NULL);
    PyObject *table = PyObject_CallMethod((PyObject *)&PyUnicode_Type, "maketrans", "sss", "lo", "01", ",");
    ADD(out, repr_of(table));
    CALL(out, w, "translate", "O", table ? table : Py_None);
    Py_XDECREF(table);
    CALL(out, (PyObject *)&PyUnicode_Type, "maketrans", "({s:s,i:O})", "a", "b", 98, Py_None);
    CALL(out, (PyObject *)&PyUnicode_Type, "maketrans", "({s:i})", "ab", 1);
    CALL(out, (PyObject *)&PyUnicode_Type, "maketrans", "s", "a");
    CALL(out, (PyObject *)&PyUnicode_Type, "maketrans", "ss", "ab", "x");
    CALL(out, w, "translate", "({i:d})", 104, 1.5);
    CALL(out, w, "translate", "({i:i})", 104, 0x110000);
    CALL(out, w, "translate", "([])");
    PyObject *ab = PyUnicode_FromString("ab");
    CALL(out, ab, "ljust", "is", 5, "xy");
    CALL(out, ab, "ljust", "ii", 5, 1);
    CALL(out, ab, "center", "is", 7, "*");
    CALL(out, ab, "center", "i", 5);
    CALL(out, ab, "rjust", "is", 4, "\xc3\xa9");
    CALL(out, ab, "rjust", NULL);
    Py_DECREF(ab);
    PyObject *tabs = PyUnicode_FromString("a\tb\n\tc\r\x0b\xc2\x85" "d\r\n");
    CALL(out, tabs, "expandtabs", NULL);
    CALL(out, tabs, "expandtabs", "i", 3);
    ADD(out, callkw(tabs, "expandtabs", PyTuple_New(0), Py_BuildValue("{s:i}", "tabsize", 0)));
    CALL(out, tabs, "splitlines", NULL);
    CALL(out, tabs, "splitlines", "O", Py_True);
    ADD(out, callkw(tabs, "splitlines", PyTuple_New(0), Py_BuildValue("{s:i}", "keepends", 1)));
    Py_DECREF(tabs);
    Py_DECREF(s);
    Py_DECREF(w);
    Py_DECREF(sep);
    Py_DECREF(e);
    return finish(out);
}

static PyObject *lists(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp;
    PyObject *l = Py_BuildValue("[iii]", 3, 1, 2);
    CALL(out, l, "append", "i", 5);
    CALL(out, l, "extend", "((ii))", 7, 0);
    CALL(out, l, "insert", "ii", 0, 9);
    CALL(out, l, "insert", "ii", -100, 8);
    ADD(out, PyObject_Repr(l));
    CALL(out, l, "pop", NULL);
    CALL(out, l, "pop", "i", 0);
    CALL(out, l, "pop", "i", 99);
    CALL(out, l, "index", "i", 2);
    CALL(out, l, "index", "i", 42);
    CALL(out, l, "index", "iii", 1, 2, 10);
    CALL(out, l, "count", "i", 1);
    CALL(out, l, "remove", "i", 1);
    CALL(out, l, "remove", "i", 1);
    CALL(out, l, "reverse", NULL);
    ADD(out, PyObject_Repr(l));
    CALL(out, l, "sort", NULL);
    ADD(out, PyObject_Repr(l));
    ADD(out, callkw(l, "sort", PyTuple_New(0), Py_BuildValue("{s:O}", "reverse", Py_True)));
    ADD(out, PyObject_Repr(l));
    PyObject *words = Py_BuildValue("[ssss]", "bb", "a", "ccc", "dd");
    PyObject *str_len = PyObject_GetAttrString((PyObject *)&PyUnicode_Type, "__len__");
    ADD(out, callkw(words, "sort", PyTuple_New(0), Py_BuildValue("{s:O}", "key", str_len ? str_len : Py_None)));
    Py_XDECREF(str_len);
    ADD(out, PyObject_Repr(words));
    CALL(out, words, "sort", "i", 1);
    PyObject *mixed = Py_BuildValue("[is]", 1, "a");
    CALL(out, mixed, "sort", NULL);
    CALL(out, l, "copy", NULL);
    CALL(out, l, "__len__", NULL);
    CALL(out, l, "__contains__", "i", 7);
    CALL(out, l, "__getitem__", "i", 0);
    CALL(out, l, "__add__", "([i])", 1);
    CALL(out, l, "__add__", "((i))", 1);
    CALL(out, l, "__eq__", "([iiii])", 7, 5, 3, 2);
    CALL(out, l, "__lt__", "([i])", 8);
    CALL(out, l, "__mul__", "i", 2);
    CALL(out, l, "clear", NULL);
    ADD(out, PyObject_Repr(l));
    CALL(out, l, "append", NULL);
    CALL(out, l, "clear", "i", 1);
    CALL(out, l, "pop", NULL);
    PyObject *t = Py_BuildValue("(iiii)", 1, 2, 1, -7);
    CALL(out, t, "count", "i", 1);
    CALL(out, t, "index", "i", -7);
    CALL(out, t, "index", "i", 5);
    CALL(out, t, "__len__", NULL);
    CALL(out, t, "__getitem__", "i", 3);
    CALL(out, t, "__hash__", NULL);
    CALL(out, t, "__add__", "([])");
    Py_DECREF(l);
    Py_DECREF(words);
    Py_DECREF(mixed);
    Py_DECREF(t);
    return finish(out);
}

static PyObject *dicts(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp;
    PyObject *d = Py_BuildValue("{s:i,s:i}", "a", 1, "b", 2);
    CALL(out, d, "get", "s", "a");
    CALL(out, d, "get", "s", "z");
    CALL(out, d, "get", "si", "z", 0);
    CALL(out, d, "setdefault", "si", "c", 3);
    CALL(out, d, "setdefault", "si", "a", 9);
    CALL(out, d, "pop", "s", "b");
    CALL(out, d, "pop", "si", "b", -1);
    CALL(out, d, "pop", "s", "b");
    CALL(out, d, "update", "({s:i})", "d", 4);
    CALL(out, d, "update", "([(si)])", "e", 5);
    CALL(out, d, "update", "([i])", 1);
    ADD(out, callkw(d, "update", PyTuple_New(0), Py_BuildValue("{s:i}", "f", 6)));
    ADD(out, PyObject_Repr(d));
    CALL(out, d, "copy", NULL);
    CALL(out, d, "popitem", NULL);
    CALL(out, d, "__len__", NULL);
    CALL(out, d, "__contains__", "s", "a");
    CALL(out, d, "__getitem__", "s", "a");
    CALL(out, d, "__getitem__", "s", "zz");
    CALL(out, d, "__eq__", "({s:i})", "a", 1);
    CALL(out, d, "__or__", "({s:i})", "z", 26);
    CALL(out, d, "__lt__", "({})");
    PyObject *fk = PyObject_CallMethod((PyObject *)&PyDict_Type, "fromkeys", "(ss)", "x", "y");
    ADD(out, fk);
    CALL(out, (PyObject *)&PyDict_Type, "fromkeys", "(s)i", "k", 0);
    CALL(out, d, "clear", NULL);
    ADD(out, PyObject_Repr(d));
    CALL(out, d, "popitem", NULL);
    CALL(out, d, "get", NULL);
    Py_DECREF(d);
    return finish(out);
}

static PyObject *sets(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp;
    PyObject *s = Py_BuildValue("[iii]", 1, 2, 3);
    PyObject *set = PySet_New(s);
    Py_DECREF(s);
    CALL(out, set, "add", "i", 4);
    CALL(out, set, "discard", "i", 1);
    CALL(out, set, "discard", "i", 100);
    CALL(out, set, "remove", "i", 100);
    CALL(out, set, "__len__", NULL);
    CALL(out, set, "__contains__", "i", 2);
    PyObject *u = PyObject_CallMethod(set, "union", "((ii))", 9, 10);
    ADD(out, PyObject_CallMethod(u, "__len__", NULL));
    ADD(out, PyObject_CallMethod(u, "__contains__", "i", 9));
    Py_XDECREF(u);
    CALL(out, set, "issubset", "((iiiii))", 2, 3, 4, 5, 6);
    CALL(out, set, "issuperset", "([i])", 2);
    CALL(out, set, "isdisjoint", "([i])", 2);
    PyObject *i = PyObject_CallMethod(set, "intersection", "([ii])", 3, 7);
    ADD(out, PyObject_Repr(i));
    Py_XDECREF(i);
    PyObject *diff = PyObject_CallMethod(set, "difference", "([ii])", 3, 7);
    ADD(out, PyObject_Repr(diff));
    Py_XDECREF(diff);
    PyObject *sym = PyObject_CallMethod(set, "symmetric_difference", "([ii])", 3, 7);
    ADD(out, PyObject_CallMethod(sym, "__len__", NULL));
    ADD(out, PyObject_CallMethod(sym, "__contains__", "i", 7));
    Py_XDECREF(sym);
    CALL(out, set, "union", "i", 1);
    CALL(out, set, "add", NULL);
    CALL(out, set, "difference_update", "([i])", 4);
    ADD(out, PyObject_Repr(set));
    CALL(out, set, "pop", NULL);
    CALL(out, set, "pop", NULL);
    CALL(out, set, "pop", NULL);
    CALL(out, set, "clear", NULL);
    PyObject *items = Py_BuildValue("[ii]", 1, 2);
    PyObject *fs = PyFrozenSet_New(items);
    Py_DECREF(items);
    CALL(out, fs, "union", "([i])", 3);
    CALL(out, fs, "copy", NULL);
    CALL(out, fs, "issubset", "((iii))", 1, 2, 3);
    CALL(out, fs, "add", "i", 1);
    Py_DECREF(set);
    Py_DECREF(fs);
    return finish(out);
}

static PyObject *numbers(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp;
    PyObject *n = PyLong_FromLong(-1234567);
    PyObject *big = PyLong_FromString("123456789012345678901234567890", NULL, 10);
    CALL(out, n, "bit_length", NULL);
    CALL(out, big, "bit_length", NULL);
    CALL(out, n, "bit_count", NULL);
    CALL(out, n, "to_bytes", "isO", 4, "big", Py_True);
    ADD(out, callkw(n, "to_bytes", Py_BuildValue("(is)", 4, "little"), Py_BuildValue("{s:O}", "signed", Py_True)));
    CALL(out, n, "to_bytes", "is", 4, "big");
    CALL(out, big, "to_bytes", "is", 13, "big");
    CALL(out, big, "to_bytes", "is", 12, "little");
    CALL(out, big, "to_bytes", "is", 4, "middle");
    PyObject *one = PyLong_FromLong(1);
    CALL(out, one, "to_bytes", NULL);
    ADD(out, PyObject_CallMethod((PyObject *)&PyLong_Type, "from_bytes", "y#s", "\xff\x00", (Py_ssize_t)2, "little"));
    ADD(out, callkw((PyObject *)&PyLong_Type, "from_bytes", Py_BuildValue("(y#s)", "\xff\x00", (Py_ssize_t)2, "big"),
                    Py_BuildValue("{s:O}", "signed", Py_True)));
    ADD(out, PyObject_CallMethod((PyObject *)&PyLong_Type, "from_bytes", "([ii])", 1, 2));
    ADD(out, PyObject_CallMethod((PyObject *)&PyLong_Type, "from_bytes", NULL));
    CALL(out, n, "as_integer_ratio", NULL);
    CALL(out, n, "is_integer", NULL);
    CALL(out, n, "conjugate", NULL);
    CALL(out, n, "__abs__", NULL);
    CALL(out, n, "__neg__", NULL);
    CALL(out, n, "__add__", "i", 7);
    CALL(out, n, "__add__", "d", 0.5);
    CALL(out, n, "__radd__", "i", 7);
    CALL(out, n, "__floordiv__", "i", 10);
    CALL(out, n, "__mod__", "i", 10);
    CALL(out, n, "__truediv__", "i", 8);
    CALL(out, n, "__floordiv__", "i", 0);
    CALL(out, n, "__pow__", "ii", 2, 1000);
    CALL(out, n, "__divmod__", "i", 1000);
    CALL(out, n, "__lshift__", "i", 3);
    CALL(out, n, "__and__", "i", 255);
    CALL(out, n, "__eq__", "d", -1234567.0);
    CALL(out, n, "__lt__", "i", 0);
    CALL(out, n, "__round__", "i", -3);
    CALL(out, n, "__index__", NULL);
    CALL(out, n, "__bool__", NULL);
    CALL(out, n, "__hash__", NULL);
    CALL(out, n, "__float__", NULL);
    CALL(out, n, "bit_length", "i", 1);
    ADD(out, PyObject_GetAttrString(n, "real"));
    ADD(out, PyObject_GetAttrString(n, "imag"));
    ADD(out, PyObject_GetAttrString(n, "denominator"));
    CALL(out, Py_True, "__and__", "O", Py_False);
    CALL(out, Py_True, "__or__", "i", 2);
    CALL(out, Py_True, "__repr__", NULL);
    CALL(out, Py_True, "bit_length", NULL);
    PyObject *f = PyFloat_FromDouble(2.675);
    PyObject *g = PyFloat_FromDouble(-0.1);
    CALL(out, f, "is_integer", NULL);
    CALL(out, f, "as_integer_ratio", NULL);
    CALL(out, f, "hex", NULL);
    CALL(out, g, "hex", NULL);
    CALL(out, f, "__round__", "i", 2);
    CALL(out, f, "__round__", NULL);
    CALL(out, g, "__trunc__", NULL);
    CALL(out, g, "__floor__", NULL);
    CALL(out, f, "__ceil__", NULL);
    CALL(out, f, "__add__", "i", 1);
    CALL(out, f, "__mul__", "d", 2.0);
    CALL(out, f, "__rsub__", "i", 1);
    CALL(out, f, "__truediv__", "d", 0.0);
    CALL(out, f, "__eq__", "s", "x");
    CALL(out, f, "__lt__", "i", 3);
    CALL(out, f, "__int__", NULL);
    CALL(out, f, "__repr__", NULL);
    CALL(out, f, "conjugate", NULL);
    ADD(out, PyObject_GetAttrString(f, "real"));
    PyObject *inf = PyFloat_FromDouble(Py_HUGE_VAL);
    CALL(out, inf, "as_integer_ratio", NULL);
    CALL(out, inf, "__floor__", NULL);
    CALL(out, inf, "hex", NULL);
    CALL(out, inf, "is_integer", NULL);
    Py_DECREF(n);
    Py_DECREF(big);
    Py_DECREF(one);
    Py_DECREF(f);
    Py_DECREF(g);
    Py_DECREF(inf);
    return finish(out);
}

static PyObject *objects(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp;
    PyObject *l = PyList_New(0);
    PyObject *split = PyObject_GetAttrString((PyObject *)&PyUnicode_Type, "split");
    ADD(out, type_name(split));
    ADD(out, repr_of(split));
    PyObject *bound = PyObject_GetAttrString(l, "append");
    ADD(out, type_name(bound));
    Py_XDECREF(bound);
    PyObject *wrapper = PyObject_GetAttrString(l, "__len__");
    ADD(out, type_name(wrapper));
    Py_XDECREF(wrapper);
    PyObject *slot = PyObject_GetAttrString((PyObject *)&PyList_Type, "__len__");
    ADD(out, type_name(slot));
    ADD(out, repr_of(slot));
    PyObject *fromkeys = PyObject_GetAttrString((PyObject *)&PyDict_Type, "fromkeys");
    ADD(out, type_name(fromkeys));
    Py_XDECREF(fromkeys);
    /* Static built-in types keep tp_dict NULL in 3.13; PyType_GetDict is the way to their dict. */
    PyObject *dict_dict = PyType_GetDict(&PyDict_Type);
    PyObject *object_dict = PyType_GetDict(&PyBaseObject_Type);
    PyObject *type_dict = PyType_GetDict(&PyType_Type);
    PyObject *list_dict = PyType_GetDict(&PyList_Type);
    PyObject *fk = PyDict_GetItemString(dict_dict, "fromkeys");
    ADD(out, PyUnicode_FromString(fk != NULL ? Py_TYPE(fk)->tp_name : "missing"));
    PyObject *cls = PyDict_GetItemString(object_dict, "__class__");
    ADD(out, PyUnicode_FromString(cls != NULL ? Py_TYPE(cls)->tp_name : "missing"));
    ADD(out, cls != NULL ? PyObject_Repr(cls) : PyUnicode_FromString("missing"));
    PyObject *base = PyDict_GetItemString(type_dict, "__base__");
    ADD(out, PyUnicode_FromString(base != NULL ? Py_TYPE(base)->tp_name : "missing"));
    PyObject *hash = PyDict_GetItemString(list_dict, "__hash__");
    ADD(out, hash != NULL ? PyObject_Repr(hash) : PyUnicode_FromString("missing"));
    ADD(out, PyLong_FromLong(PyDict_Contains(list_dict, PyUnicode_FromString("append"))));
    Py_DECREF(dict_dict);
    Py_DECREF(object_dict);
    Py_DECREF(type_dict);
    Py_DECREF(list_dict);
    ADD(out, Py_NewRef(PyList_Type.tp_mro));
    ADD(out, Py_NewRef(PyBool_Type.tp_mro));
    ADD(out, Py_NewRef(PyBool_Type.tp_bases));
    ADD(out, Py_NewRef(PyBaseObject_Type.tp_bases));
    if (split != NULL && slot != NULL) {
        ADD(out, PyObject_Call(split, Py_BuildValue("(s)", "a b"), NULL));
        ADD(out, PyObject_Call(split, Py_BuildValue("(i)", 1), NULL));
        ADD(out, PyObject_Call(split, PyTuple_New(0), NULL));
        ADD(out, PyObject_Call(slot, Py_BuildValue("([i])", 1), NULL));
        ADD(out, PyObject_Call(slot, Py_BuildValue("(s)", "x"), NULL));
    }
    Py_XDECREF(split);
    Py_XDECREF(slot);
    PyObject *name = PyUnicode_FromString("append");
    PyObject *args[] = {l, name};
    ADD(out, PyObject_VectorcallMethod(name, args, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL));
    Py_DECREF(name);
    ADD(out, PyObject_Repr(l));
    ADD(out, PyObject_GetAttrString(l, "__class__"));
    ADD(out, PyObject_GetAttrString((PyObject *)&PyLong_Type, "__name__"));
    ADD(out, PyObject_GetAttrString((PyObject *)&PyLong_Type, "__qualname__"));
    ADD(out, PyObject_GetAttrString((PyObject *)&PyLong_Type, "__module__"));
    ADD(out, PyObject_GetAttrString((PyObject *)&PyBool_Type, "__mro__"));
    ADD(out, PyObject_GetAttrString((PyObject *)&PyBool_Type, "__bases__"));
    ADD(out, PyObject_GetAttrString((PyObject *)&PyBool_Type, "__base__"));
    ADD(out, PyObject_GetAttrString((PyObject *)&PyBaseObject_Type, "__base__"));
    CALL(out, (PyObject *)&PyBool_Type, "mro", NULL);
    ADD(out, PyObject_GetAttrString((PyObject *)&PyLong_Type, "__abstractmethods__"));
    ADD(out, PyObject_GetAttrString((PyObject *)&PyLong_Type, "__type_params__"));
    ADD(out, PyObject_GetAttrString((PyObject *)&PyLong_Type, "__annotations__"));
    CALL(out, (PyObject *)&PyLong_Type, "__instancecheck__", "O", Py_True);
    CALL(out, (PyObject *)&PyLong_Type, "__subclasscheck__", "O", (PyObject *)&PyFloat_Type);
    CALL(out, (PyObject *)&PyLong_Type, "__subclasscheck__", "i", 1);
    PyObject *o = PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type);
    CALL(out, o, "__eq__", "O", o);
    CALL(out, o, "__eq__", "i", 1);
    CALL(out, o, "__ne__", "i", 1);
    CALL(out, o, "__lt__", "O", o);
    CALL(out, Py_None, "__format__", "s", "");
    CALL(out, o, "__format__", "s", "x");
    CALL(out, o, "__init_subclass__", NULL);
    CALL(out, o, "__subclasshook__", "i", 1);
    CALL(out, o, "__getstate__", NULL);
    CALL(out, o, "__init__", "i", 1);
    CALL(out, o, "__getattribute__", "s", "__class__");
    CALL(out, o, "__getattribute__", "i", 1);
    CALL(out, o, "__setattr__", "si", "x", 1);
    CALL(out, o, "nonexistent", NULL);
    CALL(out, Py_None, "__bool__", NULL);
    CALL(out, Py_None, "__eq__", "O", Py_None);
    CALL(out, Py_None, "__repr__", NULL);
    PyObject *onew = PyObject_CallMethod((PyObject *)&PyBaseObject_Type, "__new__", "O", (PyObject *)&PyBaseObject_Type);
    ADD(out, type_name(onew));
    Py_XDECREF(onew);
    CALL(out, (PyObject *)&PyBaseObject_Type, "__new__", "i", 1);
    CALL(out, (PyObject *)&PyBaseObject_Type, "__new__", NULL);
    Py_DECREF(o);
    Py_DECREF(l);
    return finish(out);
}

static PyObject *exceptions_and_descriptors(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp;
    PyObject *e = PyObject_CallFunction(PyExc_ValueError, "is", 1, "two");
    ADD(out, PyObject_GetAttrString(e, "args"));
    CALL(out, e, "__reduce__", NULL);
    ADD(out, PyLong_FromLong(PyObject_SetAttrString(e, "extra", Py_True)));
    CALL(out, e, "__reduce__", NULL);
    CALL(out, e, "add_note", "s", "a note");
    CALL(out, e, "add_note", "i", 1);
    ADD(out, PyObject_GetAttrString(e, "__notes__"));
    CALL(out, e, "with_traceback", "O", Py_None);
    CALL(out, e, "with_traceback", "i", 1);
    ADD(out, PyObject_GetAttrString(e, "__cause__"));
    ADD(out, PyObject_GetAttrString(e, "__suppress_context__"));
    PyObject *cause = PyObject_CallFunction(PyExc_KeyError, "s", "k");
    ADD(out, PyLong_FromLong(PyObject_SetAttrString(e, "__cause__", cause)));
    ADD(out, PyObject_GetAttrString(e, "__suppress_context__"));
    ADD(out, PyObject_GetAttrString(e, "__cause__"));
    ADD(out, PyLong_FromLong(PyObject_SetAttrString(e, "__context__", Py_True)));
    ADD(out, error_name());
    ADD(out, PyLong_FromLong(PyObject_DelAttrString(e, "args")));
    ADD(out, error_name());
    ADD(out, PyLong_FromLong(PyObject_SetAttrString(e, "args", Py_BuildValue("[i]", 3))));
    ADD(out, PyObject_GetAttrString(e, "args"));
    CALL(out, e, "__setstate__", "({s:i})", "y", 2);
    ADD(out, PyObject_GetAttrString(e, "y"));
    CALL(out, e, "__setstate__", "i", 1);
    CALL(out, e, "__str__", NULL);
    CALL(out, e, "__repr__", NULL);
    CALL(out, PyExc_ValueError, "__new__", "Oi", PyExc_ValueError, 5);
    CALL(out, PyExc_ValueError, "__new__", "O", (PyObject *)&PyLong_Type);
    Py_DECREF(cause);
    Py_DECREF(e);
    PyObject *split = PyObject_GetAttrString((PyObject *)&PyUnicode_Type, "split");
    if (split != NULL) {
        ADD(out, PyObject_GetAttrString(split, "__name__"));
        ADD(out, PyObject_GetAttrString(split, "__qualname__"));
        ADD(out, PyObject_GetAttrString(split, "__objclass__"));
        CALL(out, split, "__get__", "O", Py_None);
        PyObject *bound = PyObject_CallMethod(split, "__get__", "s", "x y");
        ADD(out, bound != NULL ? PyObject_CallNoArgs(bound) : error_name());
        Py_XDECREF(bound);
        CALL(out, split, "__get__", "i", 1);
        CALL(out, split, "__call__", "s", "p q");
        Py_DECREF(split);
    }
    PyObject *real = PyDict_GetItemString(PyType_GetDict(&PyLong_Type), "real");
    if (real != NULL) {
        CALL(out, real, "__get__", "i", 5);
        CALL(out, real, "__set__", "ii", 5, 1);
        CALL(out, real, "__get__", "s", "x");
        ADD(out, PyObject_GetAttrString(real, "__qualname__"));
    } else {
        ADD(out, error_name());
    }
    PyObject *append = PyObject_GetAttrString(Py_None, "__repr__");
    ADD(out, append != NULL ? PyObject_GetAttrString(append, "__name__") : error_name());
    Py_XDECREF(append);
    PyObject *l = PyList_New(0);
    PyObject *bm = PyObject_GetAttrString(l, "append");
    ADD(out, PyObject_GetAttrString(bm, "__name__"));
    ADD(out, PyObject_GetAttrString(bm, "__qualname__"));
    ADD(out, PyObject_GetAttrString(bm, "__self__"));
    CALL(out, bm, "__call__", "i", 4);
    ADD(out, PyObject_Repr(l));
    Py_DECREF(bm);
    CALL(out, l, "__imul__", "i", 3);
    PyObject *sl = PySlice_New(NULL, PyLong_FromLong(-1), NULL);
    ADD(out, PyObject_GetAttrString(sl, "start"));
    ADD(out, PyObject_GetAttrString(sl, "stop"));
    CALL(out, sl, "indices", "i", 10);
    CALL(out, sl, "indices", "i", -1);
    Py_DECREF(sl);
    PyObject *neg = PySlice_New(PyLong_FromLong(8), NULL, PyLong_FromLong(-3));
    CALL(out, neg, "indices", "i", 5);
    Py_DECREF(neg);
    CALL(out, (PyObject *)&PyFloat_Type, "fromhex", "s", " 0x1.8p1 ");
    CALL(out, (PyObject *)&PyFloat_Type, "fromhex", "s", "-ff.8");
    CALL(out, (PyObject *)&PyFloat_Type, "fromhex", "s", "inf");
    CALL(out, (PyObject *)&PyFloat_Type, "fromhex", "s", "0x1p5000");
    CALL(out, (PyObject *)&PyFloat_Type, "fromhex", "s", "zz");
    CALL(out, (PyObject *)&PyFloat_Type, "__getformat__", "s", "double");
    CALL(out, (PyObject *)&PyFloat_Type, "__getformat__", "s", "long");
    PyObject *names = PyObject_Dir((PyObject *)&PyBool_Type);
    ADD(out, names != NULL ? PyLong_FromSsize_t(PySequence_Contains(names, PyUnicode_FromString("bit_length"))) : error_name());
    Py_XDECREF(names);
    PyObject *mod = PyImport_AddModuleRef("dirprobe");
    PyModule_AddIntConstant(mod, "zeta", 1);
    PyModule_AddIntConstant(mod, "alpha", 2);
    PyObject *mdir = PyObject_Dir(mod);
    ADD(out, mdir);
    Py_XDECREF(mod);
    Py_DECREF(l);
    return finish(out);
}

static PyObject *bytes_methods(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp;
    PyObject *b = PyBytes_FromStringAndSize(" a,b\x1c,,c \t\xff", 11);
    CALL(out, b, "split", NULL);
    CALL(out, b, "split", "y", ",");
    CALL(out, b, "rsplit", "yi", ",", 1);
    CALL(out, b, "split", "s", ",");
    CALL(out, b, "strip", NULL);
    CALL(out, b, "strip", "y", " \xff");
    CALL(out, b, "strip", "i", 1);
    CALL(out, b, "find", "y", ",");
    CALL(out, b, "find", "i", 99);
    CALL(out, b, "find", "s", "c");
    CALL(out, b, "rfind", "y", ",");
    CALL(out, b, "count", "y", ",");
    CALL(out, b, "index", "y", "zz");
    CALL(out, b, "startswith", "y", " a");
    CALL(out, b, "startswith", "s", " a");
    CALL(out, b, "endswith", "(yy)", "x", "\xff");
    CALL(out, b, "replace", "yy", ",", ";");
    CALL(out, b, "partition", "y", ",,");
    CALL(out, b, "rpartition", "y", "q");
    CALL(out, b, "removeprefix", "y", " a");
    CALL(out, b, "removesuffix", "y", "zz");
    CALL(out, b, "isascii", NULL);
    CALL(out, b, "hex", NULL);
    CALL(out, b, "hex", "si", ":", 4);
    CALL(out, b, "hex", "si", "-", -5);
    CALL(out, b, "decode", "s", "latin-1");
    CALL(out, b, "decode", NULL);
    CALL(out, b, "decode", "ss", "utf-8", "replace");
    CALL(out, b, "decode", "s", "nope");
    CALL(out, b, "__len__", NULL);
    CALL(out, b, "__getitem__", "i", -1);
    PyObject *sl = PySlice_New(PyLong_FromLong(1), PyLong_FromLong(8), PyLong_FromLong(2));
    CALL(out, b, "__getitem__", "O", sl);
    Py_DECREF(sl);
    CALL(out, b, "__contains__", "i", 44);
    CALL(out, b, "__contains__", "y", "b\x1c");
    CALL(out, b, "__contains__", "s", "a");
    CALL(out, b, "__add__", "y", "!");
    CALL(out, b, "__add__", "s", "!");
    CALL(out, b, "__mul__", "i", 2);
    CALL(out, b, "__eq__", "y#", " a,b\x1c,,c \t\xff", (Py_ssize_t)11);
    CALL(out, b, "__lt__", "y", "!");
    CALL(out, b, "__bytes__", NULL);
    CALL(out, b, "__getnewargs__", NULL);
    PyObject *sep = PyBytes_FromString("+");
    CALL(out, sep, "join", "([yy])", "x", "y");
    CALL(out, sep, "join", "([ys])", "x", "y");
    CALL(out, (PyObject *)&PyBytes_Type, "fromhex", "s", " 61 62ff ");
    CALL(out, (PyObject *)&PyBytes_Type, "fromhex", "s", "6");
    CALL(out, (PyObject *)&PyBytes_Type, "fromhex", "s", "0g");
    const char *samples[] = {"hello World_1", "hELLO wORLD", "Ab1", "Hello World", "Hello world", "", "ab12", " \t",
                             "ABC1", "123"};
    const char *preds[] = {"title", "capitalize", "swapcase", "lower", "upper", "istitle", "isalpha", "isalnum",
                           "isspace", "isupper", "islower", "isdigit"};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        PyObject *sample = PyBytes_FromString(samples[i]);
        for (size_t j = 0; j < sizeof preds / sizeof preds[0]; j++) {
            CALL(out, sample, preds[j], NULL);
        }
        Py_DECREF(sample);
    }
    PyObject *btable = PyObject_CallMethod((PyObject *)&PyBytes_Type, "maketrans", "yy", "ab", "AB");
    ADD(out, btable ? PyObject_CallMethod(btable, "__len__", NULL) : error_name());
    PyObject *word = PyBytes_FromString("abcabc");
    CALL(out, word, "translate", "O", btable ? btable : Py_None);
    CALL(out, word, "translate", "Oy", Py_None, "b");
    CALL(out, word, "translate", "y", "short");
    CALL(out, word, "translate", "i", 1);
    CALL(out, (PyObject *)&PyBytes_Type, "maketrans", "yy", "ab", "A");
    Py_XDECREF(btable);
    Py_DECREF(word);
    PyObject *ab = PyBytes_FromString("-ab\tc\r\nd\x0be");
    CALL(out, ab, "center", "iy", 15, "*");
    CALL(out, ab, "ljust", "is", 15, "*");
    CALL(out, ab, "rjust", "i", 14);
    CALL(out, ab, "zfill", "i", 14);
    CALL(out, ab, "expandtabs", "i", 4);
    CALL(out, ab, "splitlines", NULL);
    CALL(out, ab, "splitlines", "i", 1);
    Py_DECREF(ab);
    Py_DECREF(sep);
    Py_DECREF(b);
    return finish(out);
}

static PyObject *dict_views(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp;
    PyObject *d = Py_BuildValue("{s:i,s:i,s:i}", "a", 1, "b", 2, "c", 3);
    PyObject *k = PyObject_CallMethod(d, "keys", NULL);
    PyObject *v = PyObject_CallMethod(d, "values", NULL);
    PyObject *it = PyObject_CallMethod(d, "items", NULL);
    ADD(out, type_name(k));
    ADD(out, type_name(v));
    ADD(out, type_name(it));
    ADD(out, repr_of(k));
    ADD(out, repr_of(v));
    ADD(out, repr_of(it));
    ADD(out, k ? PyLong_FromSsize_t(PyObject_Size(k)) : error_name());
    ADD(out, k ? PyLong_FromLong(PySequence_Contains(k, PyUnicode_FromString("b"))) : error_name());
    ADD(out, it ? PyLong_FromLong(PySequence_Contains(it, Py_BuildValue("(si)", "b", 2))) : error_name());
    ADD(out, it ? PyLong_FromLong(PySequence_Contains(it, Py_BuildValue("(si)", "b", 3))) : error_name());
    ADD(out, k ? PySequence_List(k) : error_name());
    ADD(out, v ? PySequence_Tuple(v) : error_name());
    ADD(out, it ? PySequence_List(it) : error_name());
    if (k != NULL && it != NULL && v != NULL) {
        CALL(out, k, "__len__", NULL);
        CALL(out, k, "__contains__", "s", "z");
        CALL(out, k, "isdisjoint", "([s])", "z");
        CALL(out, k, "__eq__", "(sss)", "a", "b", "c");
        PyObject *set = PySet_New(NULL);
        PySet_Add(set, PyUnicode_FromString("a"));
        ADD(out, PyObject_RichCompare(k, set, Py_EQ));
        ADD(out, PyObject_RichCompare(k, set, Py_GT));
        PyObject *and = PyNumber_And(k, set);
        ADD(out, repr_of(and));
        Py_XDECREF(and);
        PyObject *sub = PyObject_CallMethod(k, "__sub__", "O", set);
        ADD(out, sub ? PyObject_CallMethod(sub, "__len__", NULL) : error_name());
        Py_XDECREF(sub);
        Py_DECREF(set);
        CALL(out, it, "__contains__", "(si)", "a", 1);
        CALL(out, v, "__len__", NULL);
        CALL(out, v, "__contains__", "i", 1);
        PyDict_SetItemString(d, "d", Py_None);
        ADD(out, repr_of(k));
        ADD(out, PyLong_FromSsize_t(PyObject_Size(v)));
    }
    Py_XDECREF(k);
    Py_XDECREF(v);
    Py_XDECREF(it);
    Py_DECREF(d);
    return finish(out);
}

static PyObject *iterators(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp;
    PyObject *sources[] = {Py_BuildValue("[ii]", 1, 2), Py_BuildValue("(ii)", 1, 2), PyUnicode_FromString("ab"),
                           PyUnicode_FromString("\xc3\xa9"), Py_BuildValue("{s:i}", "k", 1), PySet_New(NULL),
                           PyBytes_FromString("xy")};
    for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
        PyObject *it = PyObject_GetIter(sources[i]);
        ADD(out, type_name(it));
        if (it != NULL) {
            CALL(out, it, "__length_hint__", NULL);
            CALL(out, it, "__next__", NULL);
            PyObject *again = PyObject_CallMethod(it, "__iter__", NULL);
            ADD(out, PyBool_FromLong(again == it));
            Py_XDECREF(again);
            Py_DECREF(it);
        }
        Py_DECREF(sources[i]);
    }
    PyObject *l = Py_BuildValue("[iii]", 1, 2, 3);
    PyObject *r = PyObject_CallMethod(l, "__reversed__", NULL);
    ADD(out, type_name(r));
    ADD(out, r ? PySequence_List(r) : error_name());
    Py_XDECREF(r);
    PyObject *empty = PyObject_GetIter(l);
    while (empty != NULL && PyIter_Next(empty) != NULL) {
    }
    CALL(out, empty, "__next__", NULL);
    CALL(out, empty, "__length_hint__", NULL);
    Py_XDECREF(empty);
    PyObject *d = Py_BuildValue("{s:i,s:i}", "a", 1, "b", 2);
    PyObject *dr = PyObject_CallMethod(d, "__reversed__", NULL);
    ADD(out, type_name(dr));
    ADD(out, dr ? PySequence_List(dr) : error_name());
    Py_XDECREF(dr);
    PyObject *items = PyObject_CallMethod(d, "items", NULL);
    PyObject *ii = items ? PyObject_GetIter(items) : NULL;
    ADD(out, type_name(ii));
    PyObject *ir = items ? PyObject_CallMethod(items, "__reversed__", NULL) : NULL;
    ADD(out, type_name(ir));
    ADD(out, ir ? PySequence_List(ir) : error_name());
    Py_XDECREF(ii);
    Py_XDECREF(ir);
    Py_XDECREF(items);
    Py_DECREF(d);
    Py_DECREF(l);
    return finish(out);
}

static PyObject *constructors(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp;
    PyObject *src = Py_BuildValue("(iii)", 3, 1, 3);
    ADD(out, PyObject_CallOneArg((PyObject *)&PyList_Type, src));
    ADD(out, PyObject_CallNoArgs((PyObject *)&PyList_Type));
    ADD(out, PyObject_CallFunction((PyObject *)&PyList_Type, "ii", 1, 2));
    ADD(out, PyObject_CallOneArg((PyObject *)&PyList_Type, Py_None));
    ADD(out, PyObject_Call((PyObject *)&PyList_Type, PyTuple_New(0), Py_BuildValue("{s:i}", "x", 1)));
    ADD(out, PyObject_CallFunction((PyObject *)&PyTuple_Type, "[ii]", 1, 2));
    ADD(out, PyObject_CallNoArgs((PyObject *)&PyTuple_Type));
    PyObject *s = PyObject_CallOneArg((PyObject *)&PySet_Type, src);
    ADD(out, s ? PyLong_FromSsize_t(PySet_Size(s)) : error_name());
    Py_XDECREF(s);
    ADD(out, PyObject_CallNoArgs((PyObject *)&PySet_Type));
    ADD(out, PyObject_CallNoArgs((PyObject *)&PyFrozenSet_Type));
    ADD(out, PyObject_CallFunction((PyObject *)&PyDict_Type, "([(si)])", "a", 1));
    ADD(out, PyObject_Call((PyObject *)&PyDict_Type, Py_BuildValue("({s:i})", "a", 1), Py_BuildValue("{s:i}", "b", 2)));
    ADD(out, PyObject_CallFunction((PyObject *)&PyDict_Type, "ii", 1, 2));
    ADD(out, PyObject_CallFunction((PyObject *)&PyDict_Type, "i", 1));
    ADD(out, PyObject_CallFunction((PyObject *)&PyBool_Type, "i", 5));
    ADD(out, PyObject_CallFunction((PyObject *)&PyBool_Type, "s", ""));
    ADD(out, PyObject_CallNoArgs((PyObject *)&PyBool_Type));
    ADD(out, PyObject_CallFunction((PyObject *)&PyUnicode_Type, "O", src));
    ADD(out, PyObject_CallNoArgs((PyObject *)&PyUnicode_Type));
    ADD(out, PyObject_CallFunction((PyObject *)&PyUnicode_Type, "ys", "caf\xc3\xa9", "utf-8"));
    ADD(out, PyObject_CallFunction((PyObject *)&PyUnicode_Type, "yss", "\xff", "latin-1", "strict"));
    ADD(out, PyObject_CallFunction((PyObject *)&PyUnicode_Type, "ss", "x", "utf-8"));
    ADD(out, PyObject_CallFunction((PyObject *)&PyUnicode_Type, "is", 1, "utf-8"));
    Py_DECREF(src);
    return finish(out);
}

/* Calls a bound built-in method through its ml_meth, as C code that unpacks the function object does, following
   whatever calling convention its flags declare. */
static PyObject *call_ml_meth(PyObject *bound, PyObject *arg)
{
    int flags = PyCFunction_GET_FLAGS(bound) & ~(METH_CLASS | METH_STATIC | METH_COEXIST);
    PyCFunction fn = PyCFunction_GET_FUNCTION(bound);
    PyObject *self = PyCFunction_GET_SELF(bound);
    PyObject *args[] = {arg};
    switch (flags) {
    case METH_O:
        return fn(self, arg);
    case METH_NOARGS:
        return fn(self, NULL);
    case METH_FASTCALL:
        return ((PyObject *(*)(PyObject *, PyObject *const *, Py_ssize_t))(void (*)(void))fn)(self, args, arg ? 1 : 0);
    case METH_FASTCALL | METH_KEYWORDS:
        return ((PyObject *(*)(PyObject *, PyObject *const *, Py_ssize_t, PyObject *))(void (*)(void))fn)(
            self, args, arg ? 1 : 0, NULL);
    case METH_VARARGS: {
        PyObject *t = arg ? PyTuple_Pack(1, arg) : PyTuple_New(0);
        PyObject *r = fn(self, t);
        Py_DECREF(t);
        return r;
    }
    default:
        return PyUnicode_FromFormat("flags %d", flags);
    }
}

static PyObject *direct_calls(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp;
    PyObject *l = PyList_New(0);
    PyObject *append = PyObject_GetAttrString(l, "append");
    PyObject *one = PyLong_FromLong(1);
    ADD(out, append ? call_ml_meth(append, one) : error_name());
    ADD(out, PyObject_Repr(l));
    PyObject *pop = PyObject_GetAttrString(l, "pop");
    ADD(out, pop ? call_ml_meth(pop, NULL) : error_name());
    ADD(out, pop ? call_ml_meth(pop, NULL) : error_name());
    PyObject *s = PyUnicode_FromString("a b");
    PyObject *split = PyObject_GetAttrString(s, "split");
    ADD(out, split ? call_ml_meth(split, NULL) : error_name());
    PyObject *fromkeys = PyObject_GetAttrString((PyObject *)&PyDict_Type, "fromkeys");
    ADD(out, fromkeys ? call_ml_meth(fromkeys, s) : error_name());
    Py_XDECREF(append);
    Py_XDECREF(pop);
    Py_XDECREF(split);
    Py_XDECREF(fromkeys);
    Py_DECREF(one);
    Py_DECREF(s);
    Py_DECREF(l);
    return finish(out);
}

static PyMethodDef methods[] = {
    {"direct_calls", direct_calls, METH_NOARGS, NULL},
    {"constructors", constructors, METH_NOARGS, NULL},
    {"iterators", iterators, METH_NOARGS, NULL},
    {"dict_views", dict_views, METH_NOARGS, NULL},
    {"bytes_methods", bytes_methods, METH_NOARGS, NULL},
    {"exceptions_and_descriptors", exceptions_and_descriptors, METH_NOARGS, NULL},
    {"strings", strings, METH_NOARGS, NULL},
    {"lists", lists, METH_NOARGS, NULL},
    {"dicts", dicts, METH_NOARGS, NULL},
    {"sets", sets, METH_NOARGS, NULL},
    {"numbers", numbers, METH_NOARGS, NULL},
    {"objects", objects, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "builtinmethods", NULL, 0, methods};

PyMODINIT_FUNC PyInit_builtinmethods(void)
{
    return PyModule_Create(&module);
}
