/* The built-in types' C slots called directly, as extensions (and Cython's fast paths) call them: tp_repr, tp_str,
   tp_hash, tp_richcompare, sq_length/mp_length, mp_subscript, sq_item and sq_contains of int, float, str, bytes,
   tuple, list, dict, None and an exception (no hashes of str, bytes or objects: they vary per process). A NULL slot
   answers "NULL slot" instead of crashing. Errors are "Type: message". KnownAnswerModulesTest compares the answers
   with CPython 3.13's. */
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

static PyObject *or_error(PyObject *r)
{
    return r != NULL ? r : error_text();
}

#define NULL_SLOT() PyUnicode_FromString("NULL slot")

/* The object a name stands for: a literal argument, or None / an exception instance by name. */
static PyObject *subject(PyObject *o)
{
    if (PyUnicode_Check(o) && PyUnicode_CompareWithASCIIString(o, "<None>") == 0) {
        return Py_NewRef(Py_None);
    }
    if (PyUnicode_Check(o) && PyUnicode_CompareWithASCIIString(o, "<ValueError>") == 0) {
        return PyObject_CallFunction(PyExc_ValueError, "s", "bad value");
    }
    return Py_NewRef(o);
}

static PyObject *repr_slot(PyObject *self, PyObject *arg)
{
    PyObject *o = subject(arg);
    reprfunc f = Py_TYPE(o)->tp_repr;
    PyObject *r = f == NULL ? NULL_SLOT() : or_error(f(o));
    Py_DECREF(o);
    return r;
}

static PyObject *str_slot(PyObject *self, PyObject *arg)
{
    PyObject *o = subject(arg);
    reprfunc f = Py_TYPE(o)->tp_str;
    PyObject *r = f == NULL ? NULL_SLOT() : or_error(f(o));
    Py_DECREF(o);
    return r;
}

static PyObject *hash_slot(PyObject *self, PyObject *arg)
{
    PyObject *o = subject(arg);
    hashfunc f = Py_TYPE(o)->tp_hash;
    PyObject *r;
    if (f == NULL) {
        r = NULL_SLOT();
    } else {
        Py_hash_t h = f(o);
        r = h == -1 && PyErr_Occurred() ? error_text() : PyLong_FromSsize_t(h);
    }
    Py_DECREF(o);
    return r;
}

/* cmp_slot(a, b, op): a's tp_richcompare (NotImplemented included, as the slot returns it). */
static PyObject *cmp_slot(PyObject *self, PyObject *args)
{
    PyObject *a, *b;
    int op;
    if (!PyArg_ParseTuple(args, "OOi", &a, &b, &op)) {
        return NULL;
    }
    richcmpfunc f = Py_TYPE(a)->tp_richcompare;
    return f == NULL ? NULL_SLOT() : or_error(f(a, b, op));
}

static PyObject *len_slot(PyObject *self, PyObject *o)
{
    PySequenceMethods *sq = Py_TYPE(o)->tp_as_sequence;
    PyMappingMethods *mp = Py_TYPE(o)->tp_as_mapping;
    lenfunc f = sq != NULL && sq->sq_length != NULL ? sq->sq_length : mp != NULL ? mp->mp_length : NULL;
    if (f == NULL) {
        return NULL_SLOT();
    }
    Py_ssize_t n = f(o);
    return n < 0 ? error_text() : PyLong_FromSsize_t(n);
}

static PyObject *getitem_slot(PyObject *self, PyObject *args)
{
    PyObject *o, *key;
    if (!PyArg_ParseTuple(args, "OO", &o, &key)) {
        return NULL;
    }
    PyMappingMethods *mp = Py_TYPE(o)->tp_as_mapping;
    return mp == NULL || mp->mp_subscript == NULL ? NULL_SLOT() : or_error(mp->mp_subscript(o, key));
}

static PyObject *item_slot(PyObject *self, PyObject *args)
{
    PyObject *o;
    Py_ssize_t i;
    if (!PyArg_ParseTuple(args, "On", &o, &i)) {
        return NULL;
    }
    PySequenceMethods *sq = Py_TYPE(o)->tp_as_sequence;
    return sq == NULL || sq->sq_item == NULL ? NULL_SLOT() : or_error(sq->sq_item(o, i));
}

static PyObject *contains_slot(PyObject *self, PyObject *args)
{
    PyObject *o, *x;
    if (!PyArg_ParseTuple(args, "OO", &o, &x)) {
        return NULL;
    }
    PySequenceMethods *sq = Py_TYPE(o)->tp_as_sequence;
    if (sq == NULL || sq->sq_contains == NULL) {
        return NULL_SLOT();
    }
    int r = sq->sq_contains(o, x);
    return r < 0 ? error_text() : PyBool_FromLong(r);
}

static PyMethodDef methods[] = {
    {"repr_slot", repr_slot, METH_O, NULL},
    {"str_slot", str_slot, METH_O, NULL},
    {"hash_slot", hash_slot, METH_O, NULL},
    {"cmp_slot", cmp_slot, METH_VARARGS, NULL},
    {"len_slot", len_slot, METH_O, NULL},
    {"getitem_slot", getitem_slot, METH_VARARGS, NULL},
    {"item_slot", item_slot, METH_VARARGS, NULL},
    {"contains_slot", contains_slot, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {{Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "slotcalls", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_slotcalls(void)
{
    return PyModuleDef_Init(&module);
}
