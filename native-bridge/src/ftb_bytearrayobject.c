/* bytearrayobject.h: concatenation and conversion (over ftb_bytesobject.c's buffer helpers), resizing, and the
   storage of an empty bytearray. */
#include <string.h>
#include "ftb_runtime.h"

/* What PyByteArray_AS_STRING returns for an empty bytearray. */
char _PyByteArray_empty_string[1];

PyObject *PyByteArray_Concat(PyObject *a, PyObject *b)
{
    return ftb_bytes_concat(a, b, 1);
}

/* bytearray(x) with one argument. */
PyObject *PyByteArray_FromObject(PyObject *x)
{
    if (PyUnicode_Check(x)) {
        PyErr_SetString(PyExc_TypeError, "string argument without an encoding");
        return NULL;
    }
    if (PyIndex_Check(x)) {
        Py_ssize_t count = PyNumber_AsSsize_t(x, PyExc_OverflowError);
        if (count == -1 && PyErr_Occurred()) {
            if (!PyErr_ExceptionMatches(PyExc_TypeError)) {
                return NULL;
            }
            PyErr_Clear();
        }
        else if (count < 0) {
            PyErr_SetString(PyExc_ValueError, "negative count");
            return NULL;
        }
        else {
            PyObject *r = PyByteArray_FromStringAndSize(NULL, count);
            if (r != NULL && count > 0) {
                memset(PyByteArray_AS_STRING(r), 0, count);
            }
            return r;
        }
    }
    if (PyObject_CheckBuffer(x)) {
        return ftb_bytes_from_buffer(x, 1);
    }
    PyObject *it = PyObject_GetIter(x);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Format(PyExc_TypeError, "cannot convert '%.200s' object to bytearray", Py_TYPE(x)->tp_name);
        }
        return NULL;
    }
    PyObject *r = ftb_bytes_from_iterable(it, 1);
    Py_DECREF(it);
    return r;
}

int PyByteArray_Resize(PyObject *self, Py_ssize_t size)
{
    PyByteArrayObject *b = (PyByteArrayObject *)self;
    if (size < 0) {
        PyErr_Format(PyExc_ValueError, "Can only resize to positive sizes, got %zd", size);
        return -1;
    }
    if (size == Py_SIZE(self)) {
        return 0;
    }
    if (b->ob_exports > 0) {
        PyErr_SetString(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
        return -1;
    }
    Py_ssize_t offset = b->ob_start - b->ob_bytes;
    if (offset > 0) {
        memmove(b->ob_bytes, b->ob_start, Py_SIZE(self) < size ? Py_SIZE(self) : size);
    }
    if (size + 1 > b->ob_alloc || size + 1 < b->ob_alloc / 2) {
        /* grow by an eighth more than asked, as CPython does for repeated appends */
        Py_ssize_t alloc = size + 1 > b->ob_alloc ? size + 1 + (size >> 3) : size + 1;
        char *p = PyMem_Realloc(b->ob_bytes, alloc);
        if (p == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        b->ob_bytes = p;
        b->ob_alloc = alloc;
    }
    b->ob_start = b->ob_bytes;
    Py_SET_SIZE(self, size);
    b->ob_bytes[size] = '\0';
    return 0;
}
