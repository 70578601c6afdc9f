/* dir() of the built-in types through PyObject_Dir, for BuiltinDirTest (which compares it with builtin-dir.json,
   recorded from CPython 3.13). A type the runtime does not provide answers None. */
#include <Python.h>
#include <string.h>

/* The type for a name of builtin-dir.json, found the way an extension would: its data symbol, or the type of an
   object that has it. NULL (no error) when the runtime lacks it. */
static PyTypeObject *lookup(const char *name)
{
    static struct { const char *name; PyTypeObject *type; } statics[] = {
        {"object", &PyBaseObject_Type}, {"type", &PyType_Type}, {"str", &PyUnicode_Type},
        {"bytes", &PyBytes_Type}, {"bytearray", &PyByteArray_Type}, {"int", &PyLong_Type},
        {"bool", &PyBool_Type}, {"float", &PyFloat_Type}, {"complex", &PyComplex_Type}, {"list", &PyList_Type},
        {"tuple", &PyTuple_Type}, {"dict", &PyDict_Type}, {"set", &PySet_Type}, {"frozenset", &PyFrozenSet_Type},
        {"range", &PyRange_Type}, {"slice", &PySlice_Type}, {"memoryview", &PyMemoryView_Type},
        {"module", &PyModule_Type}, {"cell", &PyCell_Type}, {"builtin_function_or_method", &PyCFunction_Type},
        {"method_descriptor", &PyMethodDescr_Type}, {"wrapper_descriptor", &PyWrapperDescr_Type},
        {"getset_descriptor", &PyGetSetDescr_Type}, {"member_descriptor", &PyMemberDescr_Type},
    };
    for (size_t i = 0; i < sizeof statics / sizeof statics[0]; i++) {
        if (strcmp(statics[i].name, name) == 0) {
            return statics[i].type->tp_name != NULL ? statics[i].type : NULL;
        }
    }
    if (strcmp(name, "NoneType") == 0) {
        return Py_TYPE(Py_None);
    }
    if (strcmp(name, "BaseException") == 0 || strcmp(name, "Exception") == 0 || strcmp(name, "ValueError") == 0) {
        PyObject *e = name[0] == 'B' ? PyExc_BaseException : name[0] == 'E' ? PyExc_Exception : PyExc_ValueError;
        return (PyTypeObject *)e;
    }
    PyObject *sample = NULL;
    if (strcmp(name, "list_iterator") == 0) {
        PyObject *l = PyList_New(0);
        sample = PyObject_GetIter(l);
        Py_DECREF(l);
    } else if (strcmp(name, "tuple_iterator") == 0) {
        PyObject *t = PyTuple_New(0);
        sample = PyObject_GetIter(t);
        Py_DECREF(t);
    } else if (strcmp(name, "str_ascii_iterator") == 0) {
        PyObject *s = PyUnicode_FromString("ab");
        sample = PyObject_GetIter(s);
        Py_DECREF(s);
    } else if (strncmp(name, "dict_", 5) == 0) {
        PyObject *d = PyDict_New();
        sample = PyObject_CallMethod(d, name + 5, NULL);
        Py_DECREF(d);
    }
    if (sample == NULL) {
        PyErr_Clear();
        return NULL;
    }
    PyTypeObject *t = Py_TYPE(sample);
    const char *expect = strcmp(name, "str_ascii_iterator") == 0 ? "str_ascii_iterator" : name;
    Py_DECREF(sample);
    return strcmp(t->tp_name, expect) == 0 ? t : NULL;
}

static PyObject *dir_of(PyObject *self, PyObject *arg)
{
    const char *name = PyUnicode_AsUTF8(arg);
    if (name == NULL) {
        return NULL;
    }
    PyTypeObject *t = lookup(name);
    if (t == NULL) {
        Py_RETURN_NONE;
    }
    return PyObject_Dir((PyObject *)t);
}

static PyMethodDef methods[] = {
    {"dir_of", dir_of, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "builtindir", NULL, 0, methods};

PyMODINIT_FUNC PyInit_builtindir(void)
{
    return PyModule_Create(&module);
}
