/*
 * A fixed-size ring buffer type backed by a Python list (numpy/pandas-style helper).
 * Fixed twin: the locking setter for the shared list, and a new tuple instead of mutating a published one.
 */
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *slots;        /* list of capacity items, visible to other threads */
    Py_ssize_t head;
    PyObject *last_shape;   /* a tuple handed out to callers */
} RingObject;

/* Ring.push(value): overwrite the oldest slot. */
static PyObject *
ring_push(RingObject *self, PyObject *value)
{
    int rc;
    Py_BEGIN_CRITICAL_SECTION(self);
    Py_ssize_t cap = PyList_GET_SIZE(self->slots);
    /* PyList_SetItem locks the list, releases the old item and steals the new reference */
    rc = PyList_SetItem(self->slots, self->head, Py_NewRef(value));
    if (rc == 0) {
        self->head = (self->head + 1) % cap;
    }
    Py_END_CRITICAL_SECTION();
    if (rc < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Ring.reshape(n): build a fresh tuple, fill it while it is private, then publish it. */
static PyObject *
ring_reshape(RingObject *self, PyObject *n)
{
    PyObject *shape = PyTuple_New(1);
    if (shape == NULL) {
        return NULL;
    }
    PyTuple_SET_ITEM(shape, 0, Py_NewRef(n));
    Py_BEGIN_CRITICAL_SECTION(self);
    Py_XSETREF(self->last_shape, Py_NewRef(shape));
    Py_END_CRITICAL_SECTION();
    return shape;
}
