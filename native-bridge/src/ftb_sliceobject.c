/* sliceobject.h: the Ellipsis singleton, and the old PySlice_GetIndices, which fails (-1, usually with no
   exception) instead of clamping. */
#include "ftb_runtime.h"

PyObject _Py_EllipsisObject = FTB_IMMORTAL_HEADER(&PyEllipsis_Type);

/* -1 when the field is neither None nor an int; otherwise 0 with *out set (dflt for None). */
static int slice_field(PyObject *field, Py_ssize_t dflt, Py_ssize_t *out)
{
    if (field == Py_None) {
        *out = dflt;
        return 0;
    }
    if (!PyLong_Check(field)) {
        return -1;
    }
    *out = PyLong_AsSsize_t(field);
    return 0;
}

int PySlice_GetIndices(PyObject *r, Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *stop, Py_ssize_t *step)
{
    PySliceObject *s = (PySliceObject *)r;
    if (slice_field(s->step, 1, step) < 0) {
        return -1;
    }
    if (slice_field(s->start, *step < 0 ? length - 1 : 0, start) < 0) {
        return -1;
    }
    if (s->start != Py_None && *start < 0) {
        *start += length;
    }
    if (slice_field(s->stop, *step < 0 ? -1 : length, stop) < 0) {
        return -1;
    }
    if (s->stop != Py_None && *stop < 0) {
        *stop += length;
    }
    if (*stop > length || *start >= length || *step == 0) {
        return -1;
    }
    return 0;
}
