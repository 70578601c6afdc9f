/*
 * Attribute copying in the style of an XML element type (lxml-like).
 * Hazard twin: PyDict_Next over a dict other threads can modify.
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
    if (!PyDict_Check(other)) {
        PyErr_SetString(PyExc_TypeError, "expected a dict");
        return NULL;
    }
    while (PyDict_Next(other, &pos, &key, &value)) {
        if (PyDict_SetItem(self->attrib, key, value) < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

/* Element.keys_upper(): attribute names, upper-cased. */
static PyObject *
element_keys_upper(ElementObject *self, PyObject *Py_UNUSED(ignored))
{
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(self->attrib, &pos, &key, &value)) {
        PyObject *upper = PyObject_CallMethod(key, "upper", NULL);
        if (upper == NULL || PyList_Append(out, upper) < 0) {
            Py_XDECREF(upper);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(upper);
    }
    return out;
}
