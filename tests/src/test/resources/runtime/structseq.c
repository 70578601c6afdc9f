/* Struct sequences made both ways (PyStructSequence_NewType and InitType2 on a static type), with a hidden field
   and an unnamed one, iterated through tp_iter. StructSeqTest compares what the functions return with CPython 3.13t's answers. */
#include <Python.h>

static PyStructSequence_Field fields[] = {
    {"name", "the name"}, {"uid", NULL}, {NULL, NULL} /* replaced below */, {NULL, NULL}, {NULL, NULL}};
static PyStructSequence_Desc desc = {"structseq.entry", "an entry", fields, 2};

static PyStructSequence_Field static_fields[] = {{"x", NULL}, {"y", NULL}, {NULL, NULL}};
static PyStructSequence_Desc static_desc = {"structseq.point", NULL, static_fields, 2};
static PyTypeObject PointType;
static PyTypeObject *EntryType;

static PyObject *entry(PyObject *self, PyObject *args)
{
    PyObject *o = PyStructSequence_New(EntryType);
    if (o == NULL) {
        return NULL;
    }
    PyStructSequence_SetItem(o, 0, PyUnicode_FromString("root"));
    PyStructSequence_SetItem(o, 1, PyLong_FromLong(0));
    PyStructSequence_SetItem(o, 2, PyUnicode_FromString("hidden"));
    PyStructSequence_SetItem(o, 3, PyLong_FromLong(7));
    return o;
}

/* repr, len, items, named and hidden attributes: one tuple so one known answer covers them. */
static PyObject *describe(PyObject *self, PyObject *args)
{
    PyObject *o = entry(self, args);
    if (o == NULL) {
        return NULL;
    }
    PyObject *r = Py_BuildValue("(NnNNNN)", PyObject_Repr(o), PyObject_Length(o),
                                PySequence_GetItem(o, 1), PyObject_GetAttrString(o, "name"),
                                PyObject_GetAttrString(o, "shell"), PyBool_FromLong(PyTuple_Check(o)));
    Py_DECREF(o);
    return r;
}

static PyObject *point(PyObject *self, PyObject *args)
{
    PyObject *o = PyStructSequence_New(&PointType);
    if (o == NULL) {
        return NULL;
    }
    PyStructSequence_SET_ITEM(o, 0, PyLong_FromLong(3));
    PyStructSequence_SET_ITEM(o, 1, PyFloat_FromDouble(0.5));
    PyObject *r = Py_BuildValue("(NO)", PyObject_Repr(o), PyStructSequence_GET_ITEM(o, 1));
    Py_DECREF(o);
    return r;
}

static PyObject *unset(PyObject *self, PyObject *args)
{
    PyObject *o = PyStructSequence_New(&PointType);
    if (o == NULL) {
        return NULL;
    }
    PyObject *y = PyObject_GetAttrString(o, "y");
    PyStructSequence_SET_ITEM(o, 0, PyLong_FromLong(1));
    PyStructSequence_SET_ITEM(o, 1, PyLong_FromLong(2));
    Py_DECREF(o);
    return y;
}

/* Iteration through the slot a subclass of tuple inherits, as extensions call it. */
static PyObject *items(PyObject *self, PyObject *args)
{
    PyObject *o = entry(self, args);
    if (o == NULL) {
        return NULL;
    }
    PyObject *it = Py_TYPE(o)->tp_iter != NULL ? Py_TYPE(o)->tp_iter(o) : NULL;
    PyObject *r = it != NULL ? PySequence_List(it) : NULL;
    Py_XDECREF(it);
    Py_DECREF(o);
    return r;
}

static PyMethodDef methods[] = {
    {"items", items, METH_NOARGS, NULL},
    {"describe", describe, METH_NOARGS, NULL},
    {"point", point, METH_NOARGS, NULL},
    {"unset", unset, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "structseq", NULL, -1, methods};

PyMODINIT_FUNC PyInit_structseq(void)
{
    fields[2].name = PyStructSequence_UnnamedField;
    fields[3].name = "shell";
    EntryType = PyStructSequence_NewType(&desc);
    if (EntryType == NULL || PyStructSequence_InitType2(&PointType, &static_desc) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&def);
#ifdef Py_GIL_DISABLED
    if (m != NULL) {
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    }
#endif
    return m;
}
