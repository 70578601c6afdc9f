/* bytesobject.h functions written over the buffer protocol: concatenation, conversion from any object, escape
   decoding, and printf-style formatting. The buffer helpers also build bytearrays, for ftb_bytearrayobject.c. */
#include <string.h>
#include "ftb_runtime.h"

/* a + b for two buffer exporters as a new bytes or bytearray; TypeError naming both types otherwise. */
PyObject *ftb_bytes_concat(PyObject *a, PyObject *b, int bytearray)
{
    Py_buffer va, vb;
    va.len = -1;
    vb.len = -1;
    if (PyObject_GetBuffer(a, &va, PyBUF_SIMPLE) != 0 || PyObject_GetBuffer(b, &vb, PyBUF_SIMPLE) != 0) {
        PyErr_Format(PyExc_TypeError, "can't concat %.100s to %.100s", Py_TYPE(b)->tp_name, Py_TYPE(a)->tp_name);
        if (va.len != -1) {
            PyBuffer_Release(&va);
        }
        return NULL;
    }
    PyObject *r = NULL;
    if (!bytearray && vb.len == 0 && PyBytes_CheckExact(a)) {
        r = Py_NewRef(a);
    }
    else if (!bytearray && va.len == 0 && PyBytes_CheckExact(b)) {
        r = Py_NewRef(b);
    }
    else if (va.len > PY_SSIZE_T_MAX - vb.len) {
        PyErr_NoMemory();
    }
    else {
        r = bytearray ? PyByteArray_FromStringAndSize(NULL, va.len + vb.len)
                      : PyBytes_FromStringAndSize(NULL, va.len + vb.len);
        if (r != NULL) {
            char *dst = bytearray ? PyByteArray_AS_STRING(r) : PyBytes_AS_STRING(r);
            memcpy(dst, va.buf, va.len);
            memcpy(dst + va.len, vb.buf, vb.len);
        }
    }
    PyBuffer_Release(&va);
    PyBuffer_Release(&vb);
    return r;
}

void PyBytes_Concat(PyObject **pv, PyObject *w)
{
    if (*pv == NULL) {
        return;
    }
    if (w == NULL) {
        Py_CLEAR(*pv);
        return;
    }
    PyObject *r = ftb_bytes_concat(*pv, w, 0);
    Py_SETREF(*pv, r);
}

void PyBytes_ConcatAndDel(PyObject **pv, PyObject *w)
{
    PyBytes_Concat(pv, w);
    Py_XDECREF(w);
}

/* The bytes of a buffer exporter as bytes or bytearray. */
PyObject *ftb_bytes_from_buffer(PyObject *x, int bytearray)
{
    Py_buffer view;
    if (PyObject_GetBuffer(x, &view, PyBUF_FULL_RO) < 0) {
        return NULL;
    }
    PyObject *r = bytearray ? PyByteArray_FromStringAndSize(NULL, view.len) : PyBytes_FromStringAndSize(NULL, view.len);
    if (r != NULL && PyBuffer_ToContiguous(bytearray ? PyByteArray_AS_STRING(r) : PyBytes_AS_STRING(r), &view,
                                           view.len, 'C') < 0) {
        Py_CLEAR(r);
    }
    PyBuffer_Release(&view);
    return r;
}

/* One element of an iterable of ints: 0..255, with the message bytes() or bytearray() gives. */
static int byte_value(PyObject *item, int bytearray, unsigned char *out)
{
    Py_ssize_t v;
    if (bytearray) {
        PyObject *index = PyNumber_Index(item);
        if (index == NULL) {
            return -1;
        }
        int overflow;
        long lv = PyLong_AsLongAndOverflow(index, &overflow);
        Py_DECREF(index);
        if (lv == -1 && PyErr_Occurred()) {
            return -1;
        }
        v = overflow ? -1 : lv;
    }
    else {
        v = PyNumber_AsSsize_t(item, NULL);
        if (v == -1 && PyErr_Occurred()) {
            return -1;
        }
    }
    if (v < 0 || v >= 256) {
        PyErr_SetString(PyExc_ValueError, bytearray ? "byte must be in range(0, 256)" : "bytes must be in range(0, 256)");
        return -1;
    }
    *out = (unsigned char)v;
    return 0;
}

PyObject *ftb_bytes_from_iterable(PyObject *it, int bytearray)
{
    PyObject *acc = PyByteArray_FromStringAndSize(NULL, 0);
    if (acc == NULL) {
        return NULL;
    }
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {
        unsigned char b;
        int rc = byte_value(item, bytearray, &b);
        Py_DECREF(item);
        Py_ssize_t n = PyByteArray_GET_SIZE(acc);
        if (rc < 0 || PyByteArray_Resize(acc, n + 1) < 0) {
            Py_DECREF(acc);
            return NULL;
        }
        PyByteArray_AS_STRING(acc)[n] = (char)b;
    }
    if (PyErr_Occurred()) {
        Py_DECREF(acc);
        return NULL;
    }
    if (bytearray) {
        return acc;
    }
    PyObject *r = PyBytes_FromStringAndSize(PyByteArray_AS_STRING(acc), PyByteArray_GET_SIZE(acc));
    Py_DECREF(acc);
    return r;
}

PyObject *PyBytes_FromObject(PyObject *x)
{
    if (x == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (PyBytes_CheckExact(x)) {
        return Py_NewRef(x);
    }
    if (PyObject_CheckBuffer(x)) {
        return ftb_bytes_from_buffer(x, 0);
    }
    if (!PyUnicode_Check(x)) {
        PyObject *it = PyObject_GetIter(x);
        if (it != NULL) {
            PyObject *r = ftb_bytes_from_iterable(it, 0);
            Py_DECREF(it);
            return r;
        }
        if (!PyErr_ExceptionMatches(PyExc_TypeError)) {
            return NULL;
        }
        PyErr_Clear();
    }
    PyErr_Format(PyExc_TypeError, "cannot convert '%.200s' object to bytes", Py_TYPE(x)->tp_name);
    return NULL;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The escapes of a bytes literal; errors "strict" (or NULL), "ignore" or "replace" for a bad \x. */
PyObject *PyBytes_DecodeEscape(const char *s, Py_ssize_t len, const char *errors, Py_ssize_t unused,
                               const char *unused_encoding)
{
    (void)unused;
    (void)unused_encoding;
    PyObject *out = PyBytes_FromStringAndSize(NULL, len);
    if (out == NULL) {
        return NULL;
    }
    char *p = PyBytes_AS_STRING(out);
    const char *end = s + len, *start = s;
    const char *first_invalid = NULL; /* the character after the first bad escape's backslash */
    while (s < end) {
        if (*s != '\\') {
            *p++ = *s++;
            continue;
        }
        const char *escape = s++;
        if (s >= end) {
            PyErr_SetString(PyExc_ValueError, "Trailing \\ in string");
            goto failed;
        }
        char c = *s++;
        switch (c) {
        case '\n': break;
        case '\\': *p++ = '\\'; break;
        case '\'': *p++ = '\''; break;
        case '"': *p++ = '"'; break;
        case 'b': *p++ = '\b'; break;
        case 'f': *p++ = '\014'; break;
        case 't': *p++ = '\t'; break;
        case 'n': *p++ = '\n'; break;
        case 'r': *p++ = '\r'; break;
        case 'v': *p++ = '\013'; break;
        case 'a': *p++ = '\007'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            int v = c - '0';
            for (int k = 0; k < 2 && s < end && *s >= '0' && *s <= '7'; k++) {
                v = (v << 3) + (*s++ - '0');
            }
            if (v > 0377 && first_invalid == NULL) {
                first_invalid = escape + 1;
            }
            *p++ = (char)v;
            break;
        }
        case 'x': {
            int hi = s < end ? hex_digit(s[0]) : -1, lo = s + 1 < end ? hex_digit(s[1]) : -1;
            if (hi >= 0 && lo >= 0) {
                *p++ = (char)((hi << 4) + lo);
                s += 2;
                break;
            }
            if (errors == NULL || strcmp(errors, "strict") == 0) {
                PyErr_Format(PyExc_ValueError, "invalid \\x escape at position %zd", escape - start);
                goto failed;
            }
            if (strcmp(errors, "replace") == 0) {
                *p++ = '?';
            }
            else if (strcmp(errors, "ignore") != 0) {
                PyErr_Format(PyExc_ValueError, "decoding error; unknown error handling code: %.400s", errors);
                goto failed;
            }
            /* skip the hex digits that were there */
            if (s < end && hex_digit(*s) >= 0) {
                s++;
            }
            break;
        }
        default:
            if (first_invalid == NULL) {
                first_invalid = escape + 1;
            }
            *p++ = '\\';
            s--;
        }
    }
    if (first_invalid != NULL) {
        unsigned char c = (unsigned char)*first_invalid;
        int rc = c >= '4' && c <= '7'
            ? PyErr_WarnFormat(PyExc_DeprecationWarning, 1, "invalid octal escape sequence '\\%.3s'", first_invalid)
            : PyErr_WarnFormat(PyExc_DeprecationWarning, 1, "invalid escape sequence '\\%c'", c);
        if (rc < 0) {
            goto failed;
        }
    }
    if (_PyBytes_Resize(&out, p - PyBytes_AS_STRING(out)) < 0) {
        return NULL;
    }
    return out;
failed:
    Py_DECREF(out);
    return NULL;
}

PyObject *PyBytes_FromFormatV(const char *format, va_list vargs)
{
    return ftb_vformat(format, vargs, 1);
}

PyObject *PyBytes_FromFormat(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = PyBytes_FromFormatV(format, va);
    va_end(va);
    return r;
}
