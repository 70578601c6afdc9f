/*
 * Attribute copying in the style of an XML element type (lxml-like).
 * Fixed twin: each PyDict_Next loop holds the dict's critical section.
 */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *attrib;   /* dict of attributes, reachable through the element */
} ElementObject;

/* Element.update_from(other): copy other's attributes into self. */
static PyObject *
element_update_from(ElementObject *self, PyObject *other)
{
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    int rc = 0;
    if (!PyDict_Check(other)) {
        PyErr_SetString(PyExc_TypeError, "expected a dict");
        return NULL;
    }
    Py_BEGIN_CRITICAL_SECTION(other);
    while (PyDict_Next(other, &pos, &key, &value)) {
        if (PyDict_SetItem(self->attrib, key, value) < 0) {
            rc = -1;
            break;
        }
    }
    Py_END_CRITICAL_SECTION();
    if (rc < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Element.keys_upper(): attribute names, upper-cased. Iterates a snapshot, so no lock is held
   while Python code (str.upper) runs. */
static PyObject *
element_keys_upper(ElementObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *keys = PyDict_Keys(self->attrib);   /* a new list: a private snapshot */
    if (keys == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(keys);
    PyObject *out = PyList_New(n);
    if (out == NULL) {
        Py_DECREF(keys);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *upper = PyObject_CallMethod(PyList_GET_ITEM(keys, i), "upper", NULL);
        if (upper == NULL) {
            Py_DECREF(keys);
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, upper);
    }
    Py_DECREF(keys);
    return out;
}
