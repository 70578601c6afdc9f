/* Native fast paths for the hottest read-only C-API calls. CPython runs these without leaving C; an upcall into
 * Java would cost ~15x more. They read the same native object layout the Java side maintains and lock exactly as
 * it does (a critical section on the list), so both sides agree. Anything unusual (non-int arguments, errors,
 * values that need allocation) goes to the regular API, which may be Java. */
#include "Python.h"
#include "ftb_runtime.h"

/* Small ints -5..256 (immortal), filled by the Java runtime at start. */
FTB_EXPORT PyObject *ftb_small_ints[262];

PyObject *PyLong_FromLong(long v)
{
    if (v >= -5 && v <= 256) {
        PyObject *o = ftb_small_ints[v + 5];
        if (o != NULL) {
            return o; /* immortal: no reference count change needed */
        }
    }
    return PyLong_FromLongLong(v);
}

/* Value of an int object, or 0 with *overflow set when it needs more than 63 bits (sign excluded). */
static long long long_value(PyObject *obj, int *overflow)
{
    const PyLongObject *v = (const PyLongObject *)obj;
    uintptr_t tag = v->long_value.lv_tag;
    size_t ndigits = tag >> _PyLong_NON_SIZE_BITS;
    int negative = (tag & _PyLong_SIGN_MASK) == 2;
    unsigned long long m = 0;
    *overflow = 0;
    if (ndigits > 3) {
        *overflow = negative ? -1 : 1;
        return 0;
    }
    for (size_t i = ndigits; i-- > 0;) {
        if (m >> (64 - PyLong_SHIFT)) {
            *overflow = negative ? -1 : 1;
            return 0;
        }
        m = (m << PyLong_SHIFT) | v->long_value.ob_digit[i];
    }
    if (negative) {
        if (m > (unsigned long long)LLONG_MAX + 1) {
            *overflow = -1;
            return 0;
        }
        return (long long)(0 - m);
    }
    if (m > (unsigned long long)LLONG_MAX) {
        *overflow = 1;
        return 0;
    }
    return (long long)m;
}

static long long as_long_long(PyObject *obj, const char *ctype)
{
    if (obj == NULL) {
        PyErr_BadInternalCall();
        return -1;
    }
    PyObject *index = NULL;
    if (!PyLong_Check(obj)) {
        index = PyNumber_Index(obj);
        if (index == NULL) {
            return -1;
        }
        obj = index;
    }
    int overflow;
    long long r = long_value(obj, &overflow);
    Py_XDECREF(index);
    if (overflow) {
        PyErr_Format(PyExc_OverflowError, "Python int too large to convert to C %s", ctype);
        return -1;
    }
    return r;
}

long PyLong_AsLong(PyObject *obj)
{
    return (long)as_long_long(obj, "long");
}

long long PyLong_AsLongLong(PyObject *obj)
{
    return as_long_long(obj, "long long");
}

Py_ssize_t PyLong_AsSsize_t(PyObject *obj)
{
    if (obj != NULL && !PyLong_Check(obj)) {
        PyErr_SetString(PyExc_TypeError, "an integer is required");
        return -1;
    }
    return (Py_ssize_t)as_long_long(obj, "ssize_t");
}

PyObject *PyList_GetItemRef(PyObject *op, Py_ssize_t i)
{
    if (op == NULL || !PyList_Check(op)) {
        PyErr_SetString(PyExc_TypeError, "expected a list");
        return NULL;
    }
    PyObject *item = NULL;
    Py_BEGIN_CRITICAL_SECTION(op);
    if (i >= 0 && i < Py_SIZE(op)) {
        item = Py_NewRef(((PyListObject *)op)->ob_item[i]);
    }
    Py_END_CRITICAL_SECTION();
    if (item == NULL) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
    }
    return item;
}

Py_ssize_t PyList_Size(PyObject *op)
{
    if (op == NULL || !PyList_Check(op)) {
        PyErr_Format(PyExc_TypeError, "expected list, got %s", op == NULL ? "NULL" : Py_TYPE(op)->tp_name);
        return -1;
    }
    return __atomic_load_n(&((PyVarObject *)op)->ob_size, __ATOMIC_RELAXED);
}

Py_ssize_t PyTuple_Size(PyObject *op)
{
    if (op == NULL || !PyTuple_Check(op)) {
        PyErr_BadInternalCall();
        return -1;
    }
    return Py_SIZE(op);
}

PyObject *PyTuple_GetItem(PyObject *op, Py_ssize_t i)
{
    if (op == NULL || !PyTuple_Check(op)) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (i < 0 || i >= Py_SIZE(op)) {
        PyErr_SetString(PyExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return ((PyTupleObject *)op)->ob_item[i];
}
