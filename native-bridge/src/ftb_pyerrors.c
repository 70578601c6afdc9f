/* pyerrors.h natively: the printf-style functions (variadic, so they cannot be Java upcalls), the functions that
   read the C errno, which only native code can see reliably, and Py_FatalError's back ends. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "Python.h"
#include "internal/ftbridge.h"

PyObject *PyErr_FormatV(PyObject *exception, const char *format, va_list vargs)
{
    PyObject *msg = PyUnicode_FromFormatV(format, vargs);
    if (msg != NULL) {
        PyErr_SetObject(exception, msg);
        Py_DECREF(msg);
    }
    return NULL;
}

PyObject *PyErr_Format(PyObject *exception, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyErr_FormatV(exception, format, va);
    va_end(va);
    return NULL;
}

void PyErr_FormatUnraisable(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *msg = PyUnicode_FromFormatV(format, va);
    va_end(va);
    PyErr_WriteUnraisable(msg);
    Py_XDECREF(msg);
}

/* ---- OSError-family exceptions from the C errno: args (errno, strerror(errno)[, filename]), as CPython builds
   them ---- */

/* OSError(errno, ...) picks its subclass from the errno, as CPython's constructor does. */
static PyObject *oserror_subclass(PyObject *type, int err)
{
    if (type != PyExc_OSError) {
        return type;
    }
    switch (err) {
    case ENOENT: return PyExc_FileNotFoundError;
    case EEXIST: return PyExc_FileExistsError;
    case EACCES: case EPERM: return PyExc_PermissionError;
    case ENOTDIR: return PyExc_NotADirectoryError;
    case EISDIR: return PyExc_IsADirectoryError;
    case EINTR: return PyExc_InterruptedError;
    case EAGAIN: case EALREADY: case EINPROGRESS: return PyExc_BlockingIOError;
    case ECHILD: return PyExc_ChildProcessError;
    case EPIPE: case ESHUTDOWN: return PyExc_BrokenPipeError;
    case ECONNABORTED: return PyExc_ConnectionAbortedError;
    case ECONNREFUSED: return PyExc_ConnectionRefusedError;
    case ECONNRESET: return PyExc_ConnectionResetError;
    case ESRCH: return PyExc_ProcessLookupError;
    case ETIMEDOUT: return PyExc_TimeoutError;
    default: return type;
    }
}

PyObject *PyErr_SetFromErrnoWithFilenameObject(PyObject *type, PyObject *filename)
{
    int err = errno;
    type = oserror_subclass(type, err);
    PyObject *args = filename != NULL && filename != Py_None
                         ? Py_BuildValue("(isO)", err, strerror(err), filename)
                         : Py_BuildValue("(is)", err, strerror(err));
    if (args != NULL) {
        PyErr_SetObject(type, args);
        Py_DECREF(args);
    }
    return NULL;
}

PyObject *PyErr_SetFromErrno(PyObject *type)
{
    return PyErr_SetFromErrnoWithFilenameObject(type, NULL);
}

PyObject *PyErr_SetFromErrnoWithFilename(PyObject *type, const char *filename)
{
    int err = errno;
    PyObject *name = filename != NULL ? PyUnicode_DecodeUTF8(filename, (Py_ssize_t)strlen(filename), "surrogateescape") : NULL;
    errno = err;
    PyObject *r = PyErr_SetFromErrnoWithFilenameObject(type, name);
    Py_XDECREF(name);
    return r;
}

/* OSError(errno, strerror, filename, 0, filename2), whose str is "[Errno N] text: 'a' -> 'b'". The subclass is
   the one PyErr_SetFromErrnoWithFilenameObject picks for the errno. */
PyObject *PyErr_SetFromErrnoWithFilenameObjects(PyObject *type, PyObject *filename, PyObject *filename2)
{
    int err = errno;
    PyErr_SetFromErrnoWithFilenameObject(type, filename);
    if (filename2 == NULL || filename2 == Py_None) {
        return NULL;
    }
    PyObject *first = PyErr_GetRaisedException();
    if (first == NULL) {
        return NULL;
    }
    PyObject *subclass = (PyObject *)Py_TYPE(first);
    PyObject *args = Py_BuildValue("(isOiO)", err, strerror(err), filename != NULL ? filename : Py_None, 0, filename2);
    if (args != NULL) {
        PyErr_SetObject(subclass, args);
        Py_DECREF(args);
    }
    Py_DECREF(first);
    return NULL;
}

/* ---- Py_FatalError ---- */

/* Py_FatalError ends the process whatever the handler does: callers rely on it not returning. */
#undef _Py_FatalErrorFunc
void _Py_FatalErrorFunc(const char *func, const char *message)
{
    ftb_fatal(func != NULL ? func : "<unknown>", message != NULL ? message : "<no message>");
    fprintf(stderr, "Fatal Python error: %s: %s\n", func != NULL ? func : "<unknown>",
            message != NULL ? message : "<no message>");
    fflush(stderr);
    abort();
}

void _Py_FatalErrorFormat(const char *func, const char *format, ...)
{
    char buf[1024];
    va_list va;
    va_start(va, format);
    vsnprintf(buf, sizeof buf, format, va);
    va_end(va);
    _Py_FatalErrorFunc(func, buf);
}

/* ---- PyOS_snprintf, PyOS_vsnprintf: C99 vsnprintf already truncates and terminates ---- */

int PyOS_vsnprintf(char *str, size_t size, const char *format, va_list va)
{
    return vsnprintf(str, size, format, va);
}

int PyOS_snprintf(char *str, size_t size, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    int n = vsnprintf(str, size, format, va);
    va_end(va);
    return n;
}
