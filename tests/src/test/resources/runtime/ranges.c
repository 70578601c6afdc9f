/* range and its iterators through the C-API: construction and its errors, len (OverflowError past Py_ssize_t),
   indexing and slicing (slices give ranges), containment, count and index, ==, hash, repr, bool, __reduce__,
   reversed, range_iterator and longrange_iterator with __length_hint__ and __setstate__, PySequence_* and
   PyObject_GetIter. Bounds come as decimal strings so they can be past 64 bits. Errors are "Type: message".
   KnownAnswerModulesTest compares the answers with CPython 3.13's. */
#include <Python.h>

static PyObject *error_text(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    PyObject *r = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

static PyObject *or_error(PyObject *r)
{
    return r != NULL ? r : error_text();
}

#define ADD(expr) do { PyObject *v_ = or_error(expr); PyList_Append(out, v_); Py_DECREF(v_); } while (0)

static PyObject *finish(PyObject *out)
{
    PyObject *t = PyList_AsTuple(out);
    Py_DECREF(out);
    return t;
}

static PyObject *num(const char *s)
{
    return PyLong_FromString(s, NULL, 10);
}

static PyObject *ssize(Py_ssize_t n)
{
    return n == -1 && PyErr_Occurred() ? NULL : PyLong_FromSsize_t(n);
}

static PyObject *flag(int r)
{
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyObject *type_name(PyObject *o)
{
    if (o == NULL) {
        return NULL;
    }
    PyObject *r = PyUnicode_FromString(Py_TYPE(o)->tp_name);
    Py_DECREF(o);
    return r;
}

/* range(start, stop, step) given as strings, and what it answers. */
static PyObject *info(PyObject *self, PyObject *args)
{
    const char *a, *b, *c;
    if (!PyArg_ParseTuple(args, "sss", &a, &b, &c)) {
        return NULL;
    }
    PyObject *out = PyList_New(0);
    PyObject *r = PyObject_CallFunction((PyObject *)&PyRange_Type, "NNN", num(a), num(b), num(c));
    if (r == NULL) {
        ADD(NULL);
        return finish(out);
    }
    ADD(PyObject_Repr(r));
    ADD(PyObject_Str(r));
    ADD(ssize(PyObject_Size(r)));
    ADD(ssize(PySequence_Size(r)));
    ADD(flag(PyObject_IsTrue(r)));
    ADD(PyObject_GetAttrString(r, "start"));
    ADD(PyObject_GetAttrString(r, "stop"));
    ADD(PyObject_GetAttrString(r, "step"));
    Py_hash_t h = PyObject_Hash(r);
    ADD(h == -1 && PyErr_Occurred() ? NULL : PyLong_FromSsize_t(h));
    ADD(PyObject_CallMethod(r, "__reduce__", NULL));
    ADD(PyObject_CallMethod(r, "__bool__", NULL));
    ADD(PyObject_CallMethod(r, "__len__", NULL));
    PyObject *keys[] = {num("0"), num("1"), num("-1"), num("2"), num("-3"), num("10"), num("-11"),
                        num("18446744073709551616"), num("-18446744073709551617")};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        ADD(PyObject_GetItem(r, keys[i]));
        ADD(flag(PySequence_Contains(r, keys[i])));
        ADD(PyObject_CallMethod(r, "index", "O", keys[i]));
        ADD(PyObject_CallMethod(r, "count", "O", keys[i]));
        Py_DECREF(keys[i]);
    }
    ADD(PySequence_GetItem(r, 1));
    ADD(PySequence_GetItem(r, -1));
    PyObject *slices[] = {
        PySlice_New(NULL, NULL, NULL), PySlice_New(NULL, NULL, num("-1")), PySlice_New(num("1"), num("100"), num("2")),
        PySlice_New(num("-2"), NULL, NULL), PySlice_New(num("-100"), num("-1"), num("3")),
        PySlice_New(num("5"), num("1"), num("-2")), PySlice_New(num("36893488147419103232"), NULL, NULL),
        PySlice_New(NULL, NULL, num("0")), PySlice_New(NULL, NULL, num("-36893488147419103232")),
    };
    for (size_t i = 0; i < sizeof slices / sizeof slices[0]; i++) {
        ADD(PyObject_GetItem(r, slices[i]));
        Py_DECREF(slices[i]);
    }
    PyObject *it = PyObject_GetIter(r);
    ADD(type_name(Py_XNewRef(it)));
    if (it != NULL) {
        ADD(PyObject_CallMethod(it, "__length_hint__", NULL));
        PyObject *first = PyIter_Next(it);
        ADD(first != NULL ? first : PyErr_Occurred() ? NULL : PyUnicode_FromString("exhausted"));
        ADD(PyObject_CallMethod(it, "__length_hint__", NULL));
        ADD(PyObject_CallMethod(it, "__setstate__", "i", 2));
        PyObject *next = PyIter_Next(it);
        ADD(next != NULL ? next : PyErr_Occurred() ? NULL : PyUnicode_FromString("exhausted"));
        ADD(PyObject_CallMethod(it, "__length_hint__", NULL));
        ADD(PyObject_CallMethod(it, "__setstate__", "i", -5));
        ADD(PyObject_CallMethod(it, "__length_hint__", NULL));
        ADD(PyObject_CallMethod(it, "__setstate__", "s", "x"));
        Py_DECREF(it);
    }
    PyObject *rev = PyObject_CallMethod(r, "__reversed__", NULL);
    ADD(type_name(Py_XNewRef(rev)));
    if (rev != NULL) {
        ADD(PyObject_CallMethod(rev, "__length_hint__", NULL));
        PyObject *first = PyIter_Next(rev);
        ADD(first != NULL ? first : PyErr_Occurred() ? NULL : PyUnicode_FromString("exhausted"));
        Py_DECREF(rev);
    }
    Py_ssize_t n = PyObject_Size(r);
    if (n >= 0 && n <= 12) {
        ADD(PySequence_List(r));
        ADD(PySequence_Tuple(r));
        PyObject *rr = PyObject_CallMethod(r, "__reversed__", NULL);
        ADD(rr != NULL ? PySequence_List(rr) : NULL);
        Py_XDECREF(rr);
    } else {
        PyErr_Clear();
    }
    Py_DECREF(r);
    return finish(out);
}

/* r1 == r2 and hash equality for two ranges given as (start, stop, step) strings. */
static PyObject *same(PyObject *self, PyObject *args)
{
    const char *a, *b, *c, *d, *e, *f;
    if (!PyArg_ParseTuple(args, "ssssss", &a, &b, &c, &d, &e, &f)) {
        return NULL;
    }
    PyObject *out = PyList_New(0);
    PyObject *x = PyObject_CallFunction((PyObject *)&PyRange_Type, "NNN", num(a), num(b), num(c));
    PyObject *y = PyObject_CallFunction((PyObject *)&PyRange_Type, "NNN", num(d), num(e), num(f));
    ADD(PyObject_RichCompare(x, y, Py_EQ));
    ADD(PyObject_RichCompare(x, y, Py_NE));
    ADD(PyBool_FromLong(PyObject_Hash(x) == PyObject_Hash(y)));
    ADD(PyObject_RichCompare(x, y, Py_LT));
    ADD(PyObject_CallMethod(x, "__lt__", "O", y));
    ADD(PyObject_CallMethod(x, "__eq__", "O", y));
    Py_DECREF(x);
    Py_DECREF(y);
    return finish(out);
}

/* range(*args, **kwargs). */
static PyObject *make(PyObject *self, PyObject *args, PyObject *kwargs)
{
    PyObject *r = PyObject_Call((PyObject *)&PyRange_Type, args, kwargs);
    if (r == NULL) {
        return error_text();
    }
    PyObject *s = PyObject_Repr(r);
    Py_DECREF(r);
    return or_error(s);
}

static PyObject *misc(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0);
    PyObject *r = PyObject_CallFunction((PyObject *)&PyRange_Type, "iii", 0, 20, 3);
    PyObject *f = PyFloat_FromDouble(6.0), *s = PyUnicode_FromString("a");
    ADD(flag(PySequence_Contains(r, f)));
    ADD(PyObject_CallMethod(r, "index", "O", f));
    ADD(PyObject_CallMethod(r, "count", "O", f));
    ADD(PyObject_CallMethod(r, "index", "O", s));
    ADD(PyObject_CallMethod(r, "count", "O", s));
    ADD(flag(PySequence_Contains(r, s)));
    ADD(PyObject_CallMethod(r, "index", "O", Py_True));
    ADD(PyObject_CallMethod(r, "index", "O", Py_False));
    ADD(PyObject_CallMethod(r, "index", NULL));
    ADD(PyObject_GetItem(r, f));
    ADD(PyObject_GetItem(r, s));
    ADD(PyObject_GetItem(r, Py_True));
    ADD(PySequence_GetItem(r, 7));
    ADD(ssize(PySequence_Count(r, f)));
    ADD(ssize(PySequence_Index(r, f)));
    ADD(PyObject_RichCompare(r, f, Py_EQ));
    ADD(PyObject_CallMethod(r, "__eq__", "O", f));
    ADD(PyObject_SetAttrString(r, "start", f) < 0 ? NULL : Py_NewRef(Py_None));
    ADD(PyObject_SetItem(r, f, f) < 0 ? NULL : Py_NewRef(Py_None));
    ADD(PyLong_FromLong(PyRange_Check(r)));
    ADD(PyLong_FromLong(PySequence_Check(r)));
    ADD(type_name(PyObject_GetIter(r)));
    ADD(type_name(PyObject_Type(r)));
    Py_DECREF(r);
    Py_DECREF(f);
    Py_DECREF(s);
    PyObject *big = PyObject_CallFunction((PyObject *)&PyRange_Type, "N", num("1267650600228229401496703205376"));
    ADD(ssize(PyObject_Size(big)));
    ADD(flag(PyObject_IsTrue(big)));
    PyObject *k = num("633825300114114700748351602688");
    ADD(flag(PySequence_Contains(big, k)));
    ADD(PyObject_CallMethod(big, "index", "O", k));
    ADD(PyObject_GetItem(big, k));
    Py_DECREF(k);
    ADD(type_name(PyObject_GetIter(big)));
    Py_DECREF(big);
    return finish(out);
}

static PyMethodDef methods[] = {
    {"info", info, METH_VARARGS, NULL},
    {"same", same, METH_VARARGS, NULL},
    {"make", (PyCFunction)(void (*)(void))make, METH_VARARGS | METH_KEYWORDS, NULL},
    {"misc", misc, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "ranges", NULL, 0, methods};

PyMODINIT_FUNC PyInit_ranges(void)
{
    return PyModule_Create(&module);
}
