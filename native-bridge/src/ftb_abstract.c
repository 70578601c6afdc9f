/* abstract.h functions that only read slots and call other API functions: vectorcall lookup, async iteration
   and PyIter_Send. */
#include <string.h>
#include "Python.h"

#undef PyVectorcall_Function
vectorcallfunc PyVectorcall_Function(PyObject *callable)
{
    PyTypeObject *tp = Py_TYPE(callable);
    if (!PyType_HasFeature(tp, Py_TPFLAGS_HAVE_VECTORCALL)) {
        return NULL;
    }
    vectorcallfunc f;
    memcpy(&f, (char *)callable + tp->tp_vectorcall_offset, sizeof(f));
    return f;
}

int PyAIter_Check(PyObject *o)
{
    PyAsyncMethods *am = Py_TYPE(o)->tp_as_async;
    return am != NULL && am->am_anext != NULL;
}

PyObject *PyObject_GetAIter(PyObject *o)
{
    PyAsyncMethods *am = Py_TYPE(o)->tp_as_async;
    if (am == NULL || am->am_aiter == NULL) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not an async iterable", Py_TYPE(o)->tp_name);
        return NULL;
    }
    PyObject *it = am->am_aiter(o);
    if (it != NULL && !PyAIter_Check(it)) {
        PyErr_Format(PyExc_TypeError, "aiter() returned not an async iterator of type '%.100s'",
                     Py_TYPE(it)->tp_name);
        Py_DECREF(it);
        return NULL;
    }
    return it;
}

/* What a StopIteration carries (None when no exception is set); -1 with the error kept for anything else. */
static int take_stop_value(PyObject **value)
{
    *value = NULL;
    if (!PyErr_Occurred()) {
        *value = Py_NewRef(Py_None);
        return 0;
    }
    if (!PyErr_ExceptionMatches(PyExc_StopIteration)) {
        return -1;
    }
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *args = ((PyBaseExceptionObject *)exc)->args;
    *value = Py_NewRef(args != NULL && PyTuple_Check(args) && PyTuple_GET_SIZE(args) > 0
                       ? PyTuple_GET_ITEM(args, 0) : Py_None);
    Py_DECREF(exc);
    return 0;
}

PySendResult PyIter_Send(PyObject *iter, PyObject *arg, PyObject **presult)
{
    PyAsyncMethods *am = Py_TYPE(iter)->tp_as_async;
    if (am != NULL && am->am_send != NULL) {
        return am->am_send(iter, arg, presult);
    }
    if (arg == Py_None && PyIter_Check(iter)) {
        *presult = Py_TYPE(iter)->tp_iternext(iter);
    }
    else {
        PyObject *name = PyUnicode_InternFromString("send");
        *presult = name != NULL ? PyObject_CallMethodOneArg(iter, name, arg) : NULL;
        Py_XDECREF(name);
    }
    if (*presult != NULL) {
        return PYGEN_NEXT;
    }
    return take_stop_value(presult) == 0 ? PYGEN_RETURN : PYGEN_ERROR;
}

/* o *= count for sequences: lists and bytearrays change in place, immutable sequences give a new object. */
PyObject *PySequence_InPlaceRepeat(PyObject *o, Py_ssize_t count)
{
    if (o == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
        }
        return NULL;
    }
    PySequenceMethods *m = Py_TYPE(o)->tp_as_sequence;
    if (m != NULL && m->sq_inplace_repeat != NULL) {
        return m->sq_inplace_repeat(o, count);
    }
    if (m != NULL && m->sq_repeat != NULL) {
        return m->sq_repeat(o, count);
    }
    if (PyList_Check(o)) {
        PyObject *repeated = PySequence_Repeat(o, count);
        if (repeated == NULL) {
            return NULL;
        }
        int rc = PyList_SetSlice(o, 0, PY_SSIZE_T_MAX, repeated);
        Py_DECREF(repeated);
        return rc < 0 ? NULL : Py_NewRef(o);
    }
    if (PyByteArray_Check(o)) {
        Py_ssize_t n = PyByteArray_GET_SIZE(o);
        if (count < 0) {
            count = 0;
        }
        if (n > 0 && count > PY_SSIZE_T_MAX / n) {
            return PyErr_NoMemory();
        }
        if (PyByteArray_Resize(o, n * count) < 0) {
            return NULL;
        }
        char *b = PyByteArray_AS_STRING(o);
        for (Py_ssize_t i = 1; i < count; i++) {
            memcpy(b + i * n, b, n);
        }
        return Py_NewRef(o);
    }
    if (PyBytes_Check(o)) {
        Py_ssize_t n = PyBytes_GET_SIZE(o);
        if (count < 0) {
            count = 0;
        }
        if (n > 0 && count > (PY_SSIZE_T_MAX - (Py_ssize_t)sizeof(PyBytesObject)) / n) {
            return PyErr_NoMemory();
        }
        if (count == 1 && PyBytes_CheckExact(o)) {
            return Py_NewRef(o);
        }
        PyObject *r = PyBytes_FromStringAndSize(NULL, n * count);
        if (r != NULL) {
            for (Py_ssize_t i = 0; i < count; i++) {
                memcpy(PyBytes_AS_STRING(r) + i * n, PyBytes_AS_STRING(o), n);
            }
        }
        return r;
    }
    if (PySequence_Check(o)) {
        PyObject *n = PyLong_FromSsize_t(count);
        if (n == NULL) {
            return NULL;
        }
        PyObject *r = PyNumber_InPlaceMultiply(o, n);
        Py_DECREF(n);
        return r;
    }
    PyErr_Format(PyExc_TypeError, "'%.200s' object can't be repeated", Py_TYPE(o)->tp_name);
    return NULL;
}
