/*
 * A fixed-size ring buffer type backed by a Python list (numpy/pandas-style helper).
 * Hazard twin: PyList_SET_ITEM / PyTuple_SET_ITEM on containers other threads can see.
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
    Py_ssize_t cap = PyList_GET_SIZE(self->slots);
    PyObject *old = PyList_GetItemRef(self->slots, self->head);
    if (old == NULL) {
        return NULL;
    }
    PyList_SET_ITEM(self->slots, self->head, Py_NewRef(value));
    Py_DECREF(old);   /* the list's reference to old was never released: this only drops ours */
    self->head = (self->head + 1) % cap;
    Py_RETURN_NONE;
}

/* Ring.reshape(n): reuse the shape tuple already given to callers. */
static PyObject *
ring_reshape(RingObject *self, PyObject *n)
{
    PyTuple_SET_ITEM(self->last_shape, 0, Py_NewRef(n));
    return Py_NewRef(self->last_shape);
}
