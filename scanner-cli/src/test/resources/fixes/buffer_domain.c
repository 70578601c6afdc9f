#include <Python.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    char *buffer;          /* raw bytes */
    double *coords;
    Py_ssize_t length;
    unsigned char *shared; /* handed to release_bytes(): left alone */
    char *tail;            /* also reallocated into a return value, which is not tracked: left alone */
} BufferObject;

static void release_bytes(unsigned char *p);

static int
buffer_init(BufferObject *self, Py_ssize_t n)
{
    self->buffer = PyObject_Malloc(n);
    if (self->buffer == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->coords = (double *)PyObject_Calloc(n, sizeof(double));
    if (!self->coords) {
        PyErr_NoMemory();
        return -1;
    }
    self->shared = PyObject_Malloc(n);
    self->tail = PyObject_Malloc(n);
    memset(self->buffer, 0, n);
    self->length = n;
    return 0;
}

static int
buffer_grow(BufferObject *self, Py_ssize_t n)
{
    char *grown = PyObject_Realloc(self->buffer, n);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->buffer = grown;
    self->buffer[0] = 'x';
    self->length = n;
    return 0;
}

static Py_ssize_t
buffer_checksum(BufferObject *self)
{
    int *scratch = PyObject_Malloc(self->length * sizeof(int));
    Py_ssize_t sum = 0;
    if (scratch == NULL) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < self->length; i++) {
        scratch[i] = self->buffer[i];
        sum += scratch[i];
    }
    PyObject_Free(scratch);
    return sum;
}

static char *
buffer_copy(BufferObject *self)
{
    char *copy = PyObject_Malloc(self->length);   /* returned: its free is not in view */
    if (copy != NULL) {
        memcpy(copy, self->buffer, self->length);
    }
    return copy;
}

static char *
buffer_detach_tail(BufferObject *self, Py_ssize_t n)
{
    return PyObject_Realloc(self->tail, n);
}

static void
buffer_dealloc(BufferObject *self)
{
    PyObject_Free(self->buffer);
    PyObject_Free(self->coords);
    release_bytes(self->shared);
    PyObject_Free(self->tail);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static void
release_bytes(unsigned char *p)
{
    PyObject_Free(p);
}
