/* unicodeobject.h: printf-style formatting (over bridge_format.c), and PyUnicode_BuildEncodingMap with CPython's
   EncodingMap type. */
#include <string.h>
#include "ftb_runtime.h"

PyObject *PyUnicode_FromFormatV(const char *format, va_list vargs)
{
    return ftb_vformat(format, vargs, 0);
}

PyObject *PyUnicode_FromFormat(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = PyUnicode_FromFormatV(format, va);
    va_end(va);
    return r;
}

/* ---- 3.14: PyUnicodeWriter_Format, PyUnicode_FromFormat's formatting into a writer (the other writer functions are
   the runtime's; it keeps the writer's characters). Both bridge builds export it. ---- */
#include "internal/ftbridge.h"   /* the writer's type name in the 3.13 build */
int PyUnicodeWriter_WriteStr(PyUnicodeWriter *writer, PyObject *obj);

int PyUnicodeWriter_Format(PyUnicodeWriter *writer, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *s = PyUnicode_FromFormatV(format, va);
    va_end(va);
    if (s == NULL) {
        return -1;
    }
    int r = PyUnicodeWriter_WriteStr(writer, s);
    Py_DECREF(s);
    return r;
}

/* ---- PyUnicode_BuildEncodingMap: CPython's EncodingMap, the three-level table charmap encoding reads ---- */

/* The layout and size() are CPython's: level1 maps ch >> 11 to a level-2 block (16 entries, by (ch >> 7) & 15),
   which maps to a level-3 block (128 entries, by ch & 127) holding the byte; 0xFF marks an absent block and 0 an
   unmapped character (only U+0000 maps to byte 0, which is why the table must start with it). */
typedef struct {
    PyObject_HEAD
    unsigned char level1[32];
    int count2, count3;
    unsigned char level23[1];
} ftb_encoding_map;

static PyObject *encoding_map_size(PyObject *self, PyObject *unused)
{
    ftb_encoding_map *map = (ftb_encoding_map *)self;
    return PyLong_FromLong((long)(sizeof(*map) - 1 + 16 * map->count2 + 128 * map->count3));
}

static PyMethodDef encoding_map_methods[] = {
    {"size", encoding_map_size, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static void encoding_map_dealloc(PyObject *self)
{
    PyObject_Free(self);
}

PyTypeObject ftb_EncodingMapType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "EncodingMap",
    .tp_basicsize = sizeof(ftb_encoding_map),
    .tp_dealloc = encoding_map_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = encoding_map_methods,
};

/* The dict {ord(ch): index} CPython returns when the table does not fit an EncodingMap. */
static PyObject *encoding_dict(PyObject *string)
{
    PyObject *d = PyDict_New();
    for (Py_ssize_t i = 0; d != NULL && i < PyUnicode_GET_LENGTH(string); i++) {
        PyObject *k = PyLong_FromLong((long)PyUnicode_READ_CHAR(string, i)), *v = PyLong_FromSsize_t(i);
        if (k == NULL || v == NULL || PyDict_SetItem(d, k, v) < 0) {
            Py_CLEAR(d);
        }
        Py_XDECREF(k);
        Py_XDECREF(v);
    }
    return d;
}

PyObject *PyUnicode_BuildEncodingMap(PyObject *string)
{
    if (!PyUnicode_Check(string) || PyUnicode_GET_LENGTH(string) == 0) {
        PyErr_BadArgument();
        return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(string);
    unsigned char level1[32], level2[512];
    memset(level1, 0xFF, sizeof level1);
    memset(level2, 0xFF, sizeof level2);
    int count2 = 0, count3 = 0;
    int need_dict = PyUnicode_READ_CHAR(string, 0) != 0;
    for (Py_ssize_t i = 1; i < length && !need_dict; i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(string, i);
        if (ch == 0 || ch > 0xFFFF) {
            need_dict = 1;
        } else if (ch != 0xFFFE) {
            if (level1[ch >> 11] == 0xFF) {
                level1[ch >> 11] = (unsigned char)count2++;
            }
            if (level2[ch >> 7] == 0xFF) {
                level2[ch >> 7] = (unsigned char)count3++;
            }
        }
    }
    if (need_dict || count2 >= 0xFF || count3 >= 0xFF) {
        return encoding_dict(string);
    }
    if (!(ftb_EncodingMapType.tp_flags & Py_TPFLAGS_READY) && PyType_Ready(&ftb_EncodingMapType) < 0) {
        return NULL;
    }
    size_t size = sizeof(ftb_encoding_map) - 1 + 16 * (size_t)count2 + 128 * (size_t)count3;
    ftb_encoding_map *map = (ftb_encoding_map *)PyObject_Malloc(size);
    if (map == NULL) {
        return PyErr_NoMemory();
    }
    PyObject_Init((PyObject *)map, &ftb_EncodingMapType);
    memcpy(map->level1, level1, sizeof level1);
    map->count2 = count2;
    map->count3 = count3;
    unsigned char *l2 = map->level23, *l3 = map->level23 + 16 * count2;
    memset(l2, 0xFF, 16 * (size_t)count2);
    memset(l3, 0, 128 * (size_t)count3);
    for (Py_ssize_t i = 1; i < length; i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(string, i);
        if (ch == 0xFFFE) {
            continue;
        }
        int block2 = level1[ch >> 11], block3 = level2[ch >> 7];
        l2[16 * block2 + ((ch >> 7) & 15)] = (unsigned char)block3;
        l3[128 * block3 + (ch & 127)] = (unsigned char)i;
    }
    return (PyObject *)map;
}

/* Binaries built with CPython's own headers inline Py_UNICODE_ISSPACE as a read of this table (ours computes the
   same ranges inline): ASCII whitespace as str.isspace() sees it. */
PyAPI_DATA(const unsigned char) _Py_ascii_whitespace[128];
const unsigned char _Py_ascii_whitespace[128] = {
    [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1,
    [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, [0x20] = 1,
};
