/* Python-callable faces of the built-in codecs and error handlers, for the codec registry (CodecsApi): the
   encode/decode functions a built-in CodecInfo holds (utf_8_encode(str, errors=None) -> (bytes, length),
   decode(data, errors=None) -> (str, consumed), ...) and the handlers lookup_error() returns.
   Each calls the public C-API, so the semantics are those of PyUnicode_* and PyCodec_*Errors. Also codecs.h's
   Py_hexdigits. */
#include <string.h>
#include "Python.h"

const char *Py_hexdigits = "0123456789abcdef";

/* codec is the codec's module name ("utf_8", "latin_1", ...). */
static PyObject *codec_encode(const char *codec, PyObject *args)
{
    PyObject *str;
    const char *errors = NULL;
    char fmt[64];
    snprintf(fmt, sizeof fmt, "U|z:%s_encode", codec);
    if (!PyArg_ParseTuple(args, fmt, &str, &errors)) {
        return NULL;
    }
    PyObject *b = PyUnicode_AsEncodedString(str, codec, errors);
    return b == NULL ? NULL : Py_BuildValue("(Nn)", b, PyUnicode_GET_LENGTH(str));
}

/* Like the encodings modules' decode(input, errors='strict'): always the final chunk. */
static PyObject *codec_decode(const char *codec, PyObject *args)
{
    Py_buffer data;
    const char *errors = NULL;
    char fmt[64];
    snprintf(fmt, sizeof fmt, "y*|z:%s_decode", codec);
    if (!PyArg_ParseTuple(args, fmt, &data, &errors)) {
        return NULL;
    }
    PyObject *s = PyUnicode_Decode(data.buf, data.len, codec, errors);
    Py_ssize_t consumed = data.len;
    PyBuffer_Release(&data);
    return s == NULL ? NULL : Py_BuildValue("(Nn)", s, consumed);
}

/* One pair of module-level functions per codec (no self, like the _codecs module's). */
#define CODEC_FUNCTIONS(name) \
    static PyObject *name##_encode(PyObject *self, PyObject *args) { return codec_encode(#name, args); } \
    static PyObject *name##_decode(PyObject *self, PyObject *args) { return codec_decode(#name, args); }
CODEC_FUNCTIONS(utf_8)
CODEC_FUNCTIONS(ascii)
CODEC_FUNCTIONS(latin_1)
CODEC_FUNCTIONS(utf_16)
CODEC_FUNCTIONS(utf_16_le)
CODEC_FUNCTIONS(utf_16_be)
CODEC_FUNCTIONS(utf_32)
CODEC_FUNCTIONS(utf_32_le)
CODEC_FUNCTIONS(utf_32_be)
CODEC_FUNCTIONS(unicode_escape)
CODEC_FUNCTIONS(raw_unicode_escape)

#define CODEC(name) {#name "_encode", name##_encode, METH_VARARGS, NULL}, {#name "_decode", name##_decode, METH_VARARGS, NULL}

/* Read by CodecsApi: pairs of encode/decode definitions, NULL-terminated. */
PyMethodDef ftb_codec_functions[] = {
    CODEC(utf_8), CODEC(ascii), CODEC(latin_1), CODEC(utf_16), CODEC(utf_16_le), CODEC(utf_16_be), CODEC(utf_32),
    CODEC(utf_32_le), CODEC(utf_32_be), CODEC(unicode_escape), CODEC(raw_unicode_escape),
    {NULL, NULL, 0, NULL},
};

static PyObject *unknown_exception(PyObject *exc)
{
    PyErr_Format(PyExc_TypeError, "don't know how to handle %.200s in error callback", Py_TYPE(exc)->tp_name);
    return NULL;
}

static PyObject *reraise(PyObject *exc)
{
    PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
    return NULL;
}

/* The UTF width of the exception's encoding for surrogatepass (CPython accepts utf-8, utf-16[-le|-be],
   utf-32[-le|-be] with '-' or '_' and any case); 0 for others. *big is the byte order. */
static int utf_width(PyObject *exc, int *big)
{
    PyObject *enc = PyObject_GetAttrString(exc, "encoding");
    if (enc == NULL || !PyUnicode_Check(enc)) {
        Py_XDECREF(enc);
        PyErr_Clear();
        return 0;
    }
    char name[32];
    const char *e = PyUnicode_AsUTF8(enc);
    size_t n = e ? strlen(e) : 0;
    int width = 0;
    if (e != NULL && n < sizeof name) {
        for (size_t i = 0; i <= n; i++) {
            name[i] = (char)(e[i] >= 'A' && e[i] <= 'Z' ? e[i] + 32 : e[i] == '_' ? '-' : e[i]);
        }
        const char *p = name;
        if (strncmp(p, "utf", 3) == 0) {
            p += 3;
            if (*p == '-') {
                p++;
            }
            if (strcmp(p, "8") == 0) {
                width = 3;
            } else if (strncmp(p, "16", 2) == 0 || strncmp(p, "32", 2) == 0) {
                int w = p[0] == '1' ? 2 : 4;
                p += 2;
                *big = 0;
                if (*p == '\0' || strcmp(p, "-le") == 0 || strcmp(p, "le") == 0) {
                    width = w;
                } else if (strcmp(p, "-be") == 0 || strcmp(p, "be") == 0) {
                    width = w;
                    *big = 1;
                }
            }
        }
    }
    Py_DECREF(enc);
    if (PyErr_Occurred()) {
        PyErr_Clear();
    }
    return width;
}

static PyObject *surrogatepass(PyObject *self, PyObject *exc)
{
    Py_ssize_t start, end;
    int big = 0;
    if (PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_UnicodeEncodeError)) {
        PyObject *obj = PyUnicodeEncodeError_GetObject(exc);
        if (obj == NULL || PyUnicodeEncodeError_GetStart(exc, &start) < 0 || PyUnicodeEncodeError_GetEnd(exc, &end) < 0) {
            Py_XDECREF(obj);
            return NULL;
        }
        int width = utf_width(exc, &big);
        if (width == 0) {
            Py_DECREF(obj);
            return reraise(exc);
        }
        PyObject *out = PyBytes_FromStringAndSize(NULL, end > start ? (end - start) * width : 0);
        if (out == NULL) {
            Py_DECREF(obj);
            return NULL;
        }
        unsigned char *p = (unsigned char *)PyBytes_AS_STRING(out);
        for (Py_ssize_t i = start; i < end; i++) {
            Py_UCS4 c = PyUnicode_READ_CHAR(obj, i);
            if (c < 0xD800 || c > 0xDFFF) {
                Py_DECREF(obj);
                Py_DECREF(out);
                return reraise(exc);
            }
            if (width == 3) {
                *p++ = (unsigned char)(0xe0 | (c >> 12));
                *p++ = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
                *p++ = (unsigned char)(0x80 | (c & 0x3f));
            } else {
                for (int k = 0; k < width; k++) {
                    int shift = big ? 8 * (width - 1 - k) : 8 * k;
                    *p++ = (unsigned char)((c >> shift) & 0xff);
                }
            }
        }
        Py_DECREF(obj);
        return Py_BuildValue("(Nn)", out, end);
    }
    if (PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_UnicodeDecodeError)) {
        PyObject *obj = PyUnicodeDecodeError_GetObject(exc);
        if (obj == NULL || PyUnicodeDecodeError_GetStart(exc, &start) < 0) {
            Py_XDECREF(obj);
            return NULL;
        }
        int width = utf_width(exc, &big);
        const unsigned char *p = (const unsigned char *)PyBytes_AS_STRING(obj) + start;
        Py_UCS4 c = 0;
        if (width != 0 && PyBytes_GET_SIZE(obj) - start >= width) {
            if (width == 3) {
                if ((p[0] & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
                    c = ((p[0] & 0x0f) << 12) + ((p[1] & 0x3f) << 6) + (p[2] & 0x3f);
                }
            } else {
                for (int k = 0; k < width; k++) {
                    int shift = big ? 8 * (width - 1 - k) : 8 * k;
                    c |= (Py_UCS4)p[k] << shift;
                }
            }
        }
        Py_DECREF(obj);
        if (c < 0xD800 || c > 0xDFFF) {
            return reraise(exc);
        }
        return Py_BuildValue("(Nn)", PyUnicode_FromOrdinal((int)c), start + width);
    }
    return unknown_exception(exc);
}

static PyObject *surrogateescape(PyObject *self, PyObject *exc)
{
    Py_ssize_t start, end;
    if (PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_UnicodeEncodeError)) {
        PyObject *obj = PyUnicodeEncodeError_GetObject(exc);
        if (obj == NULL || PyUnicodeEncodeError_GetStart(exc, &start) < 0 || PyUnicodeEncodeError_GetEnd(exc, &end) < 0) {
            Py_XDECREF(obj);
            return NULL;
        }
        PyObject *out = PyBytes_FromStringAndSize(NULL, end > start ? end - start : 0);
        for (Py_ssize_t i = start; out != NULL && i < end; i++) {
            Py_UCS4 c = PyUnicode_READ_CHAR(obj, i);
            if (c < 0xDC80 || c > 0xDCFF) {
                Py_DECREF(obj);
                Py_DECREF(out);
                return reraise(exc);
            }
            PyBytes_AS_STRING(out)[i - start] = (char)(c - 0xDC00);
        }
        Py_DECREF(obj);
        return out == NULL ? NULL : Py_BuildValue("(Nn)", out, end);
    }
    if (PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_UnicodeDecodeError)) {
        PyObject *obj = PyUnicodeDecodeError_GetObject(exc);
        if (obj == NULL || PyUnicodeDecodeError_GetStart(exc, &start) < 0 || PyUnicodeDecodeError_GetEnd(exc, &end) < 0) {
            Py_XDECREF(obj);
            return NULL;
        }
        const unsigned char *p = (const unsigned char *)PyBytes_AS_STRING(obj);
        Py_UCS4 chars[4];
        int n = 0;
        while (n < 4 && start + n < end && p[start + n] >= 128) {
            chars[n] = 0xDC00 + p[start + n];
            n++;
        }
        Py_DECREF(obj);
        if (n == 0) {
            return reraise(exc);
        }
        return Py_BuildValue("(Nn)", PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars, n), start + n);
    }
    return unknown_exception(exc);
}

#define HANDLER(name, fn) static PyObject *name(PyObject *self, PyObject *exc) { return fn(exc); }
HANDLER(strict_errors, PyCodec_StrictErrors)
HANDLER(ignore_errors, PyCodec_IgnoreErrors)
HANDLER(replace_errors, PyCodec_ReplaceErrors)
HANDLER(xmlcharrefreplace_errors, PyCodec_XMLCharRefReplaceErrors)
HANDLER(backslashreplace_errors, PyCodec_BackslashReplaceErrors)
HANDLER(namereplace_errors, PyCodec_NameReplaceErrors)

/* Read by CodecsApi: the built-in error handlers in registration order, NULL-terminated. */
PyMethodDef ftb_codec_error_handlers[] = {
    {"strict_errors", strict_errors, METH_O, NULL},
    {"ignore_errors", ignore_errors, METH_O, NULL},
    {"replace_errors", replace_errors, METH_O, NULL},
    {"xmlcharrefreplace_errors", xmlcharrefreplace_errors, METH_O, NULL},
    {"backslashreplace_errors", backslashreplace_errors, METH_O, NULL},
    {"namereplace_errors", namereplace_errors, METH_O, NULL},
    {"surrogateescape", surrogateescape, METH_O, NULL},
    {"surrogatepass", surrogatepass, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
