/* printf-style C-API functions (PyUnicode_FromFormat, PyErr_Format, ...). Variadic functions cannot be Java
 * upcalls, so they are implemented here: the format is walked in C, object conversions (%S %R %A %U %V) go
 * through the non-variadic API, and the result is built from a UTF-8 buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "Python.h"
#include "ftb_runtime.h"

typedef struct {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} ftb_buf;

static void buf_put(ftb_buf *b, const char *s, size_t n)
{
    if (b->failed) {
        return;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        while (cap < b->len + n + 1) {
            cap *= 2;
        }
        char *d = realloc(b->data, cap);
        if (d == NULL) {
            b->failed = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Appends at most `precision` code points (-1: all) of UTF-8 text, padded on the left to `width` code points. */
static void buf_put_text(ftb_buf *b, const char *s, Py_ssize_t n, int width, int precision)
{
    Py_ssize_t bytes = 0, cps = 0;
    while (bytes < n && (precision < 0 || cps < precision)) {
        unsigned char c = (unsigned char)s[bytes];
        Py_ssize_t step = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (bytes + step > n) {
            break;
        }
        bytes += step;
        cps++;
    }
    for (Py_ssize_t i = cps; i < width; i++) {
        buf_put(b, " ", 1);
    }
    buf_put(b, s, (size_t)bytes);
}

/* Appends str(obj), repr(obj) or ascii(obj) ('S', 'R', 'A'); returns -1 with an exception set on failure. */
static int buf_put_object(ftb_buf *b, PyObject *obj, char how, int width, int precision)
{
    PyObject *s = how == 'S' ? PyObject_Str(obj) : how == 'R' ? PyObject_Repr(obj) : how == 'A' ? PyObject_ASCII(obj)
                                                                                               : Py_NewRef(obj);
    if (s == NULL) {
        return -1;
    }
    Py_ssize_t n;
    const char *u = PyUnicode_AsUTF8AndSize(s, &n);
    if (u == NULL) {
        Py_DECREF(s);
        return -1;
    }
    buf_put_text(b, u, n, width, precision);
    Py_DECREF(s);
    return 0;
}

/* Formats into b; returns -1 with an exception set on failure. */
static int format_into(ftb_buf *b, const char *format, va_list *vargs, int bytes_mode)
{
    for (const char *f = format; *f; f++) {
        if (*f != '%') {
            const char *start = f;
            while (f[1] && f[1] != '%') {
                f++;
            }
            buf_put(b, start, (size_t)(f - start + 1));
            continue;
        }
        const char *spec_start = f++;
        if (*f == '%') {
            buf_put(b, "%", 1);
            continue;
        }
        int zero_pad = 0, left = 0, width = -1, precision = -1;
        while (*f == '0' || *f == '-') {
            if (*f == '0') {
                zero_pad = 1;
            } else {
                left = 1;
            }
            f++;
        }
        if (*f == '*') {
            width = va_arg(*vargs, int);
            f++;
        } else if (*f >= '0' && *f <= '9') {
            width = (int)strtol(f, (char **)&f, 10);
        }
        if (*f == '.') {
            f++;
            if (*f == '*') {
                precision = va_arg(*vargs, int);
                f++;
            } else {
                precision = (int)strtol(f, (char **)&f, 10);
            }
        }
        int longflag = 0, sizeflag = 0;
        if (*f == 'l') {
            longflag = 1;
            f++;
            if (*f == 'l') {
                longflag = 2;
                f++;
            }
        } else if (*f == 'z') {
            sizeflag = 1;
            f++;
        } else if (*f == 't' || *f == 'j') {
            sizeflag = 1;
            f++;
        }
        char num[64];
        char spec[32];
        int n;
        switch (*f) {
        case 'c': {
            int ch = va_arg(*vargs, int);
            if (bytes_mode) {
                char c = (char)ch;
                buf_put(b, &c, 1);
            } else {
                PyObject *s = PyUnicode_FromOrdinal(ch);
                if (s == NULL) {
                    return -1;
                }
                int rc = buf_put_object(b, s, 'U', -1, -1);
                Py_DECREF(s);
                if (rc < 0) {
                    return -1;
                }
            }
            break;
        }
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
            /* Rebuild a C conversion spec with the same flags and let snprintf do the digits. */
            const char *len = longflag == 2 ? "ll" : longflag ? "l" : sizeflag ? "z" : "";
            char conv = *f == 'i' ? 'd' : *f;
            snprintf(spec, sizeof spec, "%%%s%s%s%s%c", left ? "-" : "", zero_pad ? "0" : "",
                     width >= 0 ? "*" : "", len, conv);
            (void)spec_start;
            if (longflag == 2) {
                long long v = va_arg(*vargs, long long);
                n = width >= 0 ? snprintf(num, sizeof num, spec, width, v) : snprintf(num, sizeof num, spec, v);
            } else if (longflag == 1 || sizeflag) {
                long v = va_arg(*vargs, long);
                n = width >= 0 ? snprintf(num, sizeof num, spec, width, v) : snprintf(num, sizeof num, spec, v);
            } else {
                int v = va_arg(*vargs, int);
                n = width >= 0 ? snprintf(num, sizeof num, spec, width, v) : snprintf(num, sizeof num, spec, v);
            }
            buf_put(b, num, (size_t)n);
            break;
        }
        case 'p': {
            void *p = va_arg(*vargs, void *);
            n = snprintf(num, sizeof num, "%p", p);
            if (n >= 2 && num[1] != 'x') { /* CPython always shows 0x */
                n = snprintf(num, sizeof num, "0x%llx", (unsigned long long)(uintptr_t)p);
            }
            buf_put(b, num, (size_t)n);
            break;
        }
        case 's': {
            const char *s = va_arg(*vargs, const char *);
            if (s == NULL) {
                s = "(null)";
            }
            buf_put_text(b, s, (Py_ssize_t)strlen(s), width, precision);
            break;
        }
        case 'U': {
            PyObject *o = va_arg(*vargs, PyObject *);
            if (o == NULL || !PyUnicode_Check(o)) {
                PyErr_SetString(PyExc_SystemError, "PyUnicode_FromFormat: %U needs a str object");
                return -1;
            }
            if (buf_put_object(b, o, 'U', width, precision) < 0) {
                return -1;
            }
            break;
        }
        case 'V': {
            PyObject *o = va_arg(*vargs, PyObject *);
            const char *s = va_arg(*vargs, const char *);
            if (o != NULL) {
                if (buf_put_object(b, o, 'U', width, precision) < 0) {
                    return -1;
                }
            } else {
                buf_put_text(b, s, (Py_ssize_t)strlen(s), width, precision);
            }
            break;
        }
        case 'S': case 'R': case 'A': {
            PyObject *o = va_arg(*vargs, PyObject *);
            if (buf_put_object(b, o, *f, width, precision) < 0) {
                return -1;
            }
            break;
        }
        case 'T': case 'N': {
            PyObject *o = va_arg(*vargs, PyObject *);
            PyObject *t = *f == 'T' ? (PyObject *)Py_TYPE(o) : o;
            PyObject *name = PyType_GetFullyQualifiedName((PyTypeObject *)t);
            if (name == NULL || buf_put_object(b, name, 'U', width, precision) < 0) {
                Py_XDECREF(name);
                return -1;
            }
            Py_DECREF(name);
            break;
        }
        default:
            PyErr_Format(PyExc_SystemError, "invalid format string: %s", format);
            return -1;
        }
        if (b->failed) {
            PyErr_NoMemory();
            return -1;
        }
    }
    if (b->failed) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

/* Formats into a scratch buffer, then hands the bytes to make (the str or the bytes constructor). */
static PyObject *format_to_object(const char *format, va_list vargs, int as_bytes,
                                  PyObject *(*make)(const char *, Py_ssize_t))
{
    ftb_buf b = {0};
    va_list copy;
    va_copy(copy, vargs);
    int rc = format_into(&b, format, &copy, as_bytes);
    va_end(copy);
    PyObject *r = rc < 0 ? NULL : make(b.data ? b.data : "", (Py_ssize_t)b.len);
    free(b.data);
    return r;
}

PyObject *PyUnicode_FromFormatV(const char *format, va_list vargs)
{
    return format_to_object(format, vargs, 0, PyUnicode_FromStringAndSize);
}

PyObject *PyUnicode_FromFormat(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = PyUnicode_FromFormatV(format, va);
    va_end(va);
    return r;
}

PyObject *PyBytes_FromFormatV(const char *format, va_list vargs)
{
    return format_to_object(format, vargs, 1, PyBytes_FromStringAndSize);
}

PyObject *PyBytes_FromFormat(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = PyBytes_FromFormatV(format, va);
    va_end(va);
    return r;
}

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

void PyErr_FormatUnraisable(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *msg = PyUnicode_FromFormatV(format, va);
    va_end(va);
    PyErr_WriteUnraisable(msg);
    Py_XDECREF(msg);
}

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

/* sys.stdout / sys.stderr are the process's streams in the runtime; output is truncated at 1000 bytes as in
 * CPython. */
void PySys_WriteStdout(const char *format, ...)
{
    char buf[1001];
    va_list va;
    va_start(va, format);
    vsnprintf(buf, sizeof buf, format, va);
    va_end(va);
    fputs(buf, stdout);
    fflush(stdout);
}

void PySys_WriteStderr(const char *format, ...)
{
    char buf[1001];
    va_list va;
    va_start(va, format);
    vsnprintf(buf, sizeof buf, format, va);
    va_end(va);
    fputs(buf, stderr);
    fflush(stderr);
}

/* The runtime installs no audit hooks, so every event is allowed (what CPython does with no hooks). */
int PySys_Audit(const char *event, const char *format, ...)
{
    return 0;
}

/* OSError-family exceptions from the C errno: args (errno, strerror(errno)[, filename]), as CPython builds them. */
#include <errno.h>

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
