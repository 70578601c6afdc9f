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

/* ---- the variadic calls (which cannot be Java upcalls): arguments from a Py_BuildValue format or a
   NULL-terminated list ---- */

/* Arguments from a Py_BuildValue format: always a tuple (a single non-tuple value is wrapped). */
static PyObject *call_args(const char *format, va_list va)
{
    if (format == NULL || *format == '\0') {
        return PyTuple_New(0);
    }
    PyObject *a = Py_VaBuildValue(format, va);
    if (a == NULL || PyTuple_Check(a)) {
        return a;
    }
    PyObject *t = PyTuple_Pack(1, a);
    Py_DECREF(a);
    return t;
}

PyObject *PyObject_CallFunction(PyObject *callable, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *args = call_args(format, va);
    va_end(va);
    if (args == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_Call(callable, args, NULL);
    Py_DECREF(args);
    return r;
}

PyObject *PyObject_CallMethod(PyObject *obj, const char *name, const char *format, ...)
{
    PyObject *m = PyObject_GetAttrString(obj, name);
    if (m == NULL) {
        return NULL;
    }
    if (!PyCallable_Check(m)) {
        /* CPython's message for this function (the generic call says "'X' object is not callable") */
        PyErr_Format(PyExc_TypeError, "attribute of type '%.200s' is not callable", Py_TYPE(m)->tp_name);
        Py_DECREF(m);
        return NULL;
    }
    va_list va;
    va_start(va, format);
    PyObject *args = call_args(format, va);
    va_end(va);
    PyObject *r = args == NULL ? NULL : PyObject_Call(m, args, NULL);
    Py_XDECREF(args);
    Py_DECREF(m);
    return r;
}

static PyObject *objargs_tuple(va_list va)
{
    va_list count;
    va_copy(count, va);
    Py_ssize_t n = 0;
    while (va_arg(count, PyObject *) != NULL) {
        n++;
    }
    va_end(count);
    PyObject *t = PyTuple_New(n);
    if (t == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyTuple_SET_ITEM(t, i, Py_NewRef(va_arg(va, PyObject *)));
    }
    return t;
}

PyObject *PyObject_CallFunctionObjArgs(PyObject *callable, ...)
{
    va_list va;
    va_start(va, callable);
    PyObject *args = objargs_tuple(va);
    va_end(va);
    if (args == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_Call(callable, args, NULL);
    Py_DECREF(args);
    return r;
}

PyObject *PyObject_CallMethodObjArgs(PyObject *obj, PyObject *name, ...)
{
    PyObject *m = PyObject_GetAttr(obj, name);
    if (m == NULL) {
        return NULL;
    }
    va_list va;
    va_start(va, name);
    PyObject *args = objargs_tuple(va);
    va_end(va);
    PyObject *r = args == NULL ? NULL : PyObject_Call(m, args, NULL);
    Py_XDECREF(args);
    Py_DECREF(m);
    return r;
}
