/* A vendored-style compatibility header: 3.14 functions with fallbacks for older CPythons, each guarded by
   PY_VERSION_HEX the way pythoncapi-compat-like headers do it. It must compile cleanly after both CPython 3.13's
   Python.h and ftcheck's (which claim 3.13 and so must not declare any of these names themselves). */
#ifndef COMPAT314_FALLBACKS_H
#define COMPAT314_FALLBACKS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if PY_VERSION_HEX < 0x030E0000
static inline PyObject *PyLong_FromInt32(int32_t value) { return PyLong_FromLong((long)value); }
static inline PyObject *PyLong_FromUInt32(uint32_t value) { return PyLong_FromUnsignedLong((unsigned long)value); }
static inline PyObject *PyLong_FromInt64(int64_t value) { return PyLong_FromLongLong((long long)value); }
static inline PyObject *PyLong_FromUInt64(uint64_t value)
{
    return PyLong_FromUnsignedLongLong((unsigned long long)value);
}

static inline int PyLong_AsInt32(PyObject *obj, int32_t *pvalue)
{
    long v = PyLong_AsLong(obj);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (v < INT32_MIN || v > INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to int32_t");
        return -1;
    }
    *pvalue = (int32_t)v;
    return 0;
}

static inline int PyLong_AsUInt32(PyObject *obj, uint32_t *pvalue)
{
    unsigned long v = PyLong_AsUnsignedLong(obj);
    if (v == (unsigned long)-1 && PyErr_Occurred()) {
        return -1;
    }
    if (v > UINT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to uint32_t");
        return -1;
    }
    *pvalue = (uint32_t)v;
    return 0;
}

static inline int PyLong_AsInt64(PyObject *obj, int64_t *pvalue)
{
    long long v = PyLong_AsLongLong(obj);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *pvalue = (int64_t)v;
    return 0;
}

static inline int PyLong_AsUInt64(PyObject *obj, uint64_t *pvalue)
{
    unsigned long long v = PyLong_AsUnsignedLongLong(obj);
    if (v == (unsigned long long)-1 && PyErr_Occurred()) {
        return -1;
    }
    *pvalue = (uint64_t)v;
    return 0;
}

static inline int PyUnstable_TryIncRef(PyObject *op)
{
    if (Py_REFCNT(op) > 0) {
        Py_INCREF(op);
        return 1;
    }
    return 0;
}

static inline void PyUnstable_EnableTryIncRef(PyObject *op) { (void)op; }

static inline int PyMutex_IsLocked(PyMutex *m) { return (m->_bits & 1) != 0; }

static inline int PyUnicode_Equal(PyObject *a, PyObject *b)
{
    if (!PyUnicode_Check(a) || !PyUnicode_Check(b)) {
        PyErr_SetString(PyExc_TypeError, "PyUnicode_Equal() arguments must be str");
        return -1;
    }
    int cmp = PyUnicode_Compare(a, b);
    if (cmp == -1 && PyErr_Occurred()) {
        return -1;
    }
    return cmp == 0;
}

static inline PyObject *PyBytes_Join(PyObject *sep, PyObject *iterable)
{
    return PyObject_CallMethod(sep, "join", "O", iterable);
}

static inline Py_hash_t Py_HashBuffer(const void *ptr, Py_ssize_t len)
{
    PyObject *bytes = PyBytes_FromStringAndSize((const char *)ptr, len);
    if (bytes == NULL) {
        return -1;
    }
    Py_hash_t h = PyObject_Hash(bytes);
    Py_DECREF(bytes);
    return h;
}

static inline int PyIter_NextItem(PyObject *iter, PyObject **item)
{
    if (!PyIter_Check(iter)) {
        *item = NULL;
        PyErr_SetString(PyExc_TypeError, "expected an iterator");
        return -1;
    }
    *item = PyIter_Next(iter);
    if (*item != NULL) {
        return 1;
    }
    return PyErr_Occurred() ? -1 : 0;
}

static inline PyObject *PyImport_ImportModuleAttr(PyObject *mod_name, PyObject *attr_name)
{
    PyObject *mod = PyImport_Import(mod_name);
    if (mod == NULL) {
        return NULL;
    }
    PyObject *attr = PyObject_GetAttr(mod, attr_name);
    Py_DECREF(mod);
    return attr;
}

static inline PyObject *PyImport_ImportModuleAttrString(const char *mod_name, const char *attr_name)
{
    PyObject *mod = PyImport_ImportModule(mod_name);
    if (mod == NULL) {
        return NULL;
    }
    PyObject *attr = PyObject_GetAttrString(mod, attr_name);
    Py_DECREF(mod);
    return attr;
}
#endif

#ifdef __cplusplus
}
#endif

#endif
