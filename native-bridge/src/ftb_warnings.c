/* warnings.h: the printf-style warnings (variadic, so they cannot be Java upcalls). */
#include "Python.h"

int PyErr_WarnFormat(PyObject *category, Py_ssize_t stack_level, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *msg = PyUnicode_FromFormatV(format, va);
    va_end(va);
    if (msg == NULL) {
        return -1;
    }
    int rc = PyErr_WarnEx(category, PyUnicode_AsUTF8(msg), stack_level);
    Py_DECREF(msg);
    return rc;
}

int PyErr_ResourceWarning(PyObject *source, Py_ssize_t stack_level, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *msg = PyUnicode_FromFormatV(format, va);
    va_end(va);
    if (msg == NULL) {
        return -1;
    }
    int rc = PyErr_WarnEx(PyExc_ResourceWarning, PyUnicode_AsUTF8(msg), stack_level);
    Py_DECREF(msg);
    return rc;
}
