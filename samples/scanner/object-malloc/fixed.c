/*
 * A growable byte buffer type (in the style of pillow/ujson helpers).
 * Fixed twin: buffers in the mem domain (PyMem_*); the object allocator is left to objects.
 */
#include <Python.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    char *data;
    Py_ssize_t size;
    Py_ssize_t capacity;
} ByteBufferObject;

static int
bytebuffer_reserve(ByteBufferObject *self, Py_ssize_t need)
{
    if (need <= self->capacity) {
        return 0;
    }
    Py_ssize_t cap = self->capacity ? self->capacity * 2 : 64;
    while (cap < need) {
        cap *= 2;
    }
    char *grown = PyMem_Realloc(self->data, (size_t)cap);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->data = grown;
    self->capacity = cap;
    return 0;
}

static PyObject *
bytebuffer_write(ByteBufferObject *self, PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    if (bytebuffer_reserve(self, self->size + view.len) < 0) {
        PyBuffer_Release(&view);
        return NULL;
    }
    memcpy(self->data + self->size, view.buf, (size_t)view.len);
    self->size += view.len;
    PyBuffer_Release(&view);
    Py_RETURN_NONE;
}

static char *
bytebuffer_copy_cstring(ByteBufferObject *self)
{
    char *copy = PyMem_Malloc((size_t)self->size + 1);
    if (copy == NULL) {
        return NULL;
    }
    memcpy(copy, self->data, (size_t)self->size);
    copy[self->size] = '\0';
    return copy;
}

static void
bytebuffer_dealloc(ByteBufferObject *self)
{
    PyMem_Free(self->data);
    Py_TYPE(self)->tp_free((PyObject *)self);
}
