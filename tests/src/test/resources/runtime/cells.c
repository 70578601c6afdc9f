/* cellobject.h: PyCell_New/Get/Set, the PyCell_GET/SET macros on PyCellObject's layout, cell_contents (get, set,
   delete, "Cell is empty"), comparisons by content (empty first), unhashability, the repr's shape (its addresses
   are replaced by checks) and calling the type. Errors are "Type: message". KnownAnswerModulesTest compares the
   answers with CPython 3.13's. */
#include <Python.h>
#include <string.h>

static PyObject *error_text(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    PyObject *r = PyErr_GivenExceptionMatches(exc, PyExc_SystemError)
        ? PyUnicode_FromString(Py_TYPE(exc)->tp_name) : PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

static PyObject *or_error(PyObject *r)
{
    return r != NULL ? r : error_text();
}

#define ADD(expr) do { PyObject *v_ = or_error(expr); PyList_Append(out, v_); Py_DECREF(v_); } while (0)

static PyObject *status(int r)
{
    return r < 0 ? NULL : PyLong_FromLong(r);
}

/* The repr with each "0x<hex>" address replaced by "ADDR", plus whether the first address is the cell's. */
static PyObject *shape(PyObject *cell)
{
    PyObject *r = PyObject_Repr(cell);
    if (r == NULL) {
        return NULL;
    }
    const char *s = PyUnicode_AsUTF8(r);
    char buf[256], want[40];
    size_t o = 0;
    snprintf(want, sizeof want, "%p", (void *)cell);
    int first_is_cell = strstr(s, want) != NULL && strstr(s, want) == strstr(s, "0x");
    for (const char *p = s; *p && o < sizeof buf - 8; ) {
        if (p[0] == '0' && p[1] == 'x') {
            memcpy(buf + o, "ADDR", 4);
            o += 4;
            p += 2;
            while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')) {
                p++;
            }
        } else {
            buf[o++] = *p++;
        }
    }
    buf[o] = 0;
    Py_DECREF(r);
    return Py_BuildValue("(si)", buf, first_is_cell);
}

static PyObject *cells(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0);
    PyObject *one = PyLong_FromLong(1), *two = PyLong_FromLong(2), *s = PyUnicode_FromString("s");
    PyObject *c = PyCell_New(one);
    PyObject *e = PyCell_New(NULL);
    ADD(PyUnicode_FromString(Py_TYPE(c)->tp_name));
    ADD(PyLong_FromLong(PyCell_Check(c)));
    ADD(PyLong_FromLong(PyCell_Check(one)));
    ADD(PyCell_Get(c));
    PyObject *g = PyCell_Get(e);
    ADD(g != NULL ? g : PyErr_Occurred() ? NULL : PyUnicode_FromString("NULL, no error"));
    ADD(Py_NewRef(PyCell_GET(c)));
    ADD(PyBool_FromLong(PyCell_GET(e) == NULL));
    ADD(shape(c));
    ADD(shape(e));
    ADD(PyObject_GetAttrString(c, "cell_contents"));
    ADD(PyObject_GetAttrString(e, "cell_contents"));
    ADD(PyObject_RichCompare(c, e, Py_EQ));
    ADD(PyObject_RichCompare(e, c, Py_LT));
    ADD(PyObject_RichCompare(c, e, Py_GE));
    ADD(PyObject_RichCompare(e, e, Py_EQ));
    ADD(PyObject_RichCompare(e, e, Py_LE));
    ADD(PyObject_RichCompare(c, one, Py_EQ));
    ADD(PyObject_CallMethod(c, "__eq__", "O", one));
    ADD(PyObject_CallMethod(c, "__lt__", "O", e));
    Py_hash_t h = PyObject_Hash(c);
    ADD(h == -1 && PyErr_Occurred() ? NULL : PyLong_FromSsize_t(h));
    ADD(PyObject_GetAttrString((PyObject *)Py_TYPE(c), "__hash__"));
    ADD(status(PyCell_Set(c, two)));
    ADD(PyCell_Get(c));
    PyObject *d = PyCell_New(two);
    ADD(PyObject_RichCompare(c, d, Py_EQ));
    ADD(PyObject_RichCompare(c, d, Py_LT));
    ADD(status(PyCell_Set(d, s)));
    ADD(PyObject_RichCompare(c, d, Py_LT));
    ADD(PyObject_RichCompare(c, d, Py_NE));
    ADD(status(PyObject_SetAttrString(e, "cell_contents", s)));
    ADD(PyObject_GetAttrString(e, "cell_contents"));
    ADD(shape(e));
    ADD(status(PyObject_DelAttrString(e, "cell_contents")));
    ADD(PyObject_GetAttrString(e, "cell_contents"));
    ADD(status(PyObject_DelAttrString(e, "cell_contents")));
    ADD(status(PyCell_Set(e, NULL)));
    ADD(PyBool_FromLong(PyCell_GET(e) == NULL));
    PyCell_SET(e, Py_NewRef(one));
    ADD(PyCell_Get(e));
    ADD(status(PyCell_Set(one, two)));
    ADD(PyCell_Get(one));
    ADD(status(PyObject_SetAttrString(c, "other", one)));
    Py_DECREF(c);
    Py_DECREF(d);
    Py_DECREF(e);
    Py_DECREF(one);
    Py_DECREF(two);
    Py_DECREF(s);
    return PyList_AsTuple(out);
}

/* type(cell)(*args, **kwargs): the cell's content, or "empty". */
static PyObject *make(PyObject *self, PyObject *args, PyObject *kwargs)
{
    PyObject *probe = PyCell_New(NULL);
    PyObject *type = Py_NewRef((PyObject *)Py_TYPE(probe));
    Py_DECREF(probe);
    PyObject *c = PyObject_Call(type, args, kwargs);
    Py_DECREF(type);
    if (c == NULL) {
        return error_text();
    }
    PyObject *v = PyCell_Get(c);
    Py_DECREF(c);
    return v != NULL ? v : PyErr_Occurred() ? error_text() : PyUnicode_FromString("empty");
}

static PyMethodDef methods[] = {
    {"cells", cells, METH_NOARGS, NULL},
    {"make", (PyCFunction)(void (*)(void))make, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "cells", NULL, 0, methods};

PyMODINIT_FUNC PyInit_cells(void)
{
    return PyModule_Create(&module);
}
