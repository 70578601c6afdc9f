/* pybuffer.h functions that work on a filled Py_buffer: contiguity, element addressing, and copies between
   contiguous memory and strided (or indirect) buffers. */
#include <string.h>
#include "Python.h"

static int is_c_contiguous(const Py_buffer *view)
{
    if (view->len == 0 || view->strides == NULL) {
        return 1; /* no strides means C order */
    }
    Py_ssize_t sd = view->itemsize;
    for (int i = view->ndim - 1; i >= 0; i--) {
        if (view->shape[i] > 1 && view->strides[i] != sd) {
            return 0;
        }
        sd *= view->shape[i];
    }
    return 1;
}

static int is_f_contiguous(const Py_buffer *view)
{
    if (view->len == 0) {
        return 1;
    }
    if (view->strides == NULL) {
        if (view->ndim <= 1) {
            return 1;
        }
        /* C order is also Fortran order when at most one dimension exceeds 1 */
        int big = 0;
        for (int i = 0; i < view->ndim; i++) {
            big += view->shape[i] > 1;
        }
        return big <= 1;
    }
    Py_ssize_t sd = view->itemsize;
    for (int i = 0; i < view->ndim; i++) {
        if (view->shape[i] > 1 && view->strides[i] != sd) {
            return 0;
        }
        sd *= view->shape[i];
    }
    return 1;
}

int PyBuffer_IsContiguous(const Py_buffer *view, char order)
{
    if (view->suboffsets != NULL) {
        return 0;
    }
    switch (order) {
    case 'C': return is_c_contiguous(view);
    case 'F': return is_f_contiguous(view);
    case 'A': return is_c_contiguous(view) || is_f_contiguous(view);
    default: return 0;
    }
}

void PyBuffer_FillContiguousStrides(int nd, Py_ssize_t *shape, Py_ssize_t *strides, int itemsize, char order)
{
    Py_ssize_t sd = itemsize;
    if (order == 'F') {
        for (int k = 0; k < nd; k++) {
            strides[k] = sd;
            sd *= shape[k];
        }
    }
    else {
        for (int k = nd - 1; k >= 0; k--) {
            strides[k] = sd;
            sd *= shape[k];
        }
    }
}

void *PyBuffer_GetPointer(const Py_buffer *view, const Py_ssize_t *indices)
{
    char *p = (char *)view->buf;
    for (int k = 0; k < view->ndim; k++) {
        p += view->strides[k] * indices[k];
        if (view->suboffsets != NULL && view->suboffsets[k] >= 0) {
            p = *(char **)p + view->suboffsets[k];
        }
    }
    return p;
}

/* Advances a multi-index in C order (last index fastest) or Fortran order (first fastest). */
static void next_index(int nd, Py_ssize_t *index, const Py_ssize_t *shape, char order)
{
    for (int j = 0; j < nd; j++) {
        int k = order == 'F' ? j : nd - 1 - j;
        if (++index[k] < shape[k]) {
            return;
        }
        index[k] = 0;
    }
}

static Py_ssize_t *zero_index(int nd)
{
    Py_ssize_t *index = PyMem_Calloc(nd > 0 ? nd : 1, sizeof(Py_ssize_t));
    if (index == NULL) {
        PyErr_NoMemory();
    }
    return index;
}

int PyBuffer_FromContiguous(const Py_buffer *view, const void *buf, Py_ssize_t len, char order)
{
    if (len > view->len) {
        len = view->len;
    }
    if (PyBuffer_IsContiguous(view, order)) {
        memcpy(view->buf, buf, len);
        return 0;
    }
    Py_ssize_t *index = zero_index(view->ndim);
    if (index == NULL) {
        return -1;
    }
    const char *src = buf;
    for (Py_ssize_t n = len / view->itemsize; n > 0; n--) {
        memcpy(PyBuffer_GetPointer(view, index), src, view->itemsize);
        src += view->itemsize;
        next_index(view->ndim, index, view->shape, order == 'F' ? 'F' : 'C');
    }
    PyMem_Free(index);
    return 0;
}

int PyBuffer_ToContiguous(void *buf, const Py_buffer *src, Py_ssize_t len, char order)
{
    if (len != src->len) {
        PyErr_SetString(PyExc_ValueError, "PyBuffer_ToContiguous: len != view->len");
        return -1;
    }
    if (PyBuffer_IsContiguous(src, order)) {
        memcpy(buf, src->buf, len);
        return 0;
    }
    Py_ssize_t *index = zero_index(src->ndim);
    if (index == NULL) {
        return -1;
    }
    char *dst = buf;
    for (Py_ssize_t n = src->itemsize > 0 ? len / src->itemsize : 0; n > 0; n--) {
        memcpy(dst, PyBuffer_GetPointer(src, index), src->itemsize);
        dst += src->itemsize;
        next_index(src->ndim, index, src->shape, order == 'F' ? 'F' : 'C');
    }
    PyMem_Free(index);
    return 0;
}

int PyObject_CopyData(PyObject *dest, PyObject *src)
{
    if (!PyObject_CheckBuffer(dest) || !PyObject_CheckBuffer(src)) {
        PyErr_SetString(PyExc_TypeError, "both destination and source must be bytes-like objects");
        return -1;
    }
    Py_buffer vd, vs;
    if (PyObject_GetBuffer(dest, &vd, PyBUF_FULL) != 0) {
        return -1;
    }
    if (PyObject_GetBuffer(src, &vs, PyBUF_FULL_RO) != 0) {
        PyBuffer_Release(&vd);
        return -1;
    }
    int rc = 0;
    if (vd.len < vs.len) {
        PyErr_SetString(PyExc_BufferError, "destination is too small to receive data from source");
        rc = -1;
    }
    else if ((PyBuffer_IsContiguous(&vd, 'C') && PyBuffer_IsContiguous(&vs, 'C'))
             || (PyBuffer_IsContiguous(&vd, 'F') && PyBuffer_IsContiguous(&vs, 'F'))) {
        memcpy(vd.buf, vs.buf, vs.len);
    }
    else {
        /* element by element, in C order over the source's shape */
        Py_ssize_t *index = zero_index(vs.ndim);
        Py_ssize_t n = 1;
        for (int k = 0; k < vs.ndim; k++) {
            n *= vs.shape[k];
        }
        if (index == NULL) {
            rc = -1;
        }
        for (; index != NULL && n > 0; n--) {
            memcpy(PyBuffer_GetPointer(&vd, index), PyBuffer_GetPointer(&vs, index), vs.itemsize);
            next_index(vs.ndim, index, vs.shape, 'C');
        }
        PyMem_Free(index);
    }
    PyBuffer_Release(&vd);
    PyBuffer_Release(&vs);
    return rc;
}
