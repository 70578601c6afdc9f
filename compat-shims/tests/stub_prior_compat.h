/*
 * A stand-in for another compat header (in the manner of pythoncapi_compat.h) that is included before
 * ftcompat.h and already supplies some of the same names, in the three ways such headers do:
 *   - a plain static inline function with the public name and no macro;
 *   - a static inline function with the public name plus a same-name marker macro;
 *   - a macro mapping the public name to a differently named function.
 * Used by CompatShimsTest to check that ftcompat.h compiles after it (-Werror) and defers to it where it can
 * tell that a name is taken. Like the real thing it targets GIL builds only, so its borrowed reads are fine.
 */
#ifndef STUB_PRIOR_COMPAT_H
#define STUB_PRIOR_COMPAT_H

#if PY_VERSION_HEX < 0x030D0000

/* 1. plain function, no marker: ftcompat.h cannot see it and shadows it with its own (same contract). */
static inline PyObject *PyList_GetItemRef(PyObject *list, Py_ssize_t index)
{
    PyObject *item = PyList_GetItem(list, index);   /* ftcheck: ignore[FT101] */
    Py_XINCREF(item);
    return item;
}

/* 2. function plus marker macro: ftcompat.h must defer. */
static inline int PyDict_Pop(PyObject *dict, PyObject *key, PyObject **result)
{
    PyObject *value;
    if (result != NULL) {
        *result = NULL;
    }
    value = PyDict_GetItemWithError(dict, key);   /* ftcheck: ignore[FT102] */
    if (value == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    Py_INCREF(value);
    if (PyDict_DelItem(dict, key) < 0) {
        Py_DECREF(value);
        return -1;
    }
    if (result != NULL) {
        *result = value;
    }
    else {
        Py_DECREF(value);
    }
    return 1;
}
#define PyDict_Pop PyDict_Pop

/* 3. macro to another name: ftcompat.h must defer. */
static inline int stub_PyWeakref_GetRef(PyObject *ref, PyObject **pobj)
{
    PyObject *obj = PyWeakref_GetObject(ref);   /* ftcheck: ignore[FT105] */
    if (obj == NULL) {
        *pobj = NULL;
        return -1;
    }
    if (obj == Py_None) {
        *pobj = NULL;
        return 0;
    }
    Py_INCREF(obj);
    *pobj = obj;
    return 1;
}
#define PyWeakref_GetRef stub_PyWeakref_GetRef

/* Critical sections as plain blocks, the way such headers spell them. */
#define Py_BEGIN_CRITICAL_SECTION(op) {
#define Py_END_CRITICAL_SECTION() }

#endif /* < 3.13 */

/* The same three styles for names that arrive in 3.14 (and so still matter on 3.13). */
#if PY_VERSION_HEX < 0x030E0000

/* 1. plain function, no marker: shadowed by ftcompat.h's own. */
static inline int PyUnicode_Equal(PyObject *a, PyObject *b)
{
    if (!PyUnicode_Check(a) || !PyUnicode_Check(b)) {
        PyErr_SetString(PyExc_TypeError, "str expected");
        return -1;
    }
    return PyUnicode_Compare(a, b) == 0;
}

/* 2. function plus marker macro: ftcompat.h must defer. */
static inline PyObject *PyBytes_Join(PyObject *sep, PyObject *iterable)
{
    return PyObject_CallMethod(sep, "join", "O", iterable);
}
#define PyBytes_Join PyBytes_Join

/* 3. macro to another name: ftcompat.h must defer. */
static inline Py_hash_t stub_Py_HashBuffer(const void *ptr, Py_ssize_t len)
{
    Py_hash_t hash;
    PyObject *bytes = PyBytes_FromStringAndSize((const char *)ptr, len);
    if (bytes == NULL) {
        return -1;
    }
    hash = PyObject_Hash(bytes);
    Py_DECREF(bytes);
    return hash;
}
#define Py_HashBuffer stub_Py_HashBuffer

#endif /* < 3.14 */
#endif /* STUB_PRIOR_COMPAT_H */
