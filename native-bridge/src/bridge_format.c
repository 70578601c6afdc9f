/* The format language of PyUnicode_FromFormatV and PyBytes_FromFormatV (ftb_unicodeobject.c, ftb_bytesobject.c),
 * on which the other printf-style functions build. Variadic functions cannot be Java upcalls, so the format is
 * walked in C, object conversions (%S %R %A %U %V) go through the non-variadic API, and the result is built from
 * a UTF-8 buffer. */
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

/* Formats into a scratch buffer, then makes the str or the bytes from it. */
PyObject *ftb_vformat(const char *format, va_list vargs, int as_bytes)
{
    ftb_buf b = {0};
    va_list copy;
    va_copy(copy, vargs);
    int rc = format_into(&b, format, &copy, as_bytes);
    va_end(copy);
    PyObject *r = NULL;
    if (rc >= 0) {
        r = as_bytes ? PyBytes_FromStringAndSize(b.data ? b.data : "", (Py_ssize_t)b.len)
                     : PyUnicode_FromStringAndSize(b.data ? b.data : "", (Py_ssize_t)b.len);
    }
    free(b.data);
    return r;
}
