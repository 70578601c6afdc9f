/* longobject.h: the small-int cache and the common conversions natively, and PyLong_GetInfo (sys.int_info of
   this runtime's ints: 30-bit digits, CPython's str-digit limit). */
#include "ftb_runtime.h"

/* Hot calls, served without leaving C as CPython does (an upcall into Java would cost ~15x more). They read the
   native layout the Java side maintains; anything unusual (non-int arguments, errors, values that need
   allocation) goes to the regular API, which may be Java. */

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

static PyStructSequence_Field int_info_fields[] = {
    {"bits_per_digit", "size of a digit in bits"},
    {"sizeof_digit", "size in bytes of the C type used to represent a digit"},
    {"default_max_str_digits", "maximum string conversion digits limitation"},
    {"str_digits_check_threshold", "minimum positive value for int_max_str_digits"},
    {NULL, NULL},
};

static PyStructSequence_Desc int_info_desc = {"sys.int_info", "sys.int_info\n\nA named tuple that holds information"
    " about Python's\ninternal representation of integers.  The attributes are read only.", int_info_fields, 4};

static PyTypeObject *int_info_type;
static PyMutex int_info_lock;

PyObject *PyLong_GetInfo(void)
{
    PyMutex_Lock(&int_info_lock);
    if (int_info_type == NULL) {
        int_info_type = PyStructSequence_NewType(&int_info_desc);
    }
    PyMutex_Unlock(&int_info_lock);
    if (int_info_type == NULL) {
        return NULL;
    }
    PyObject *info = PyStructSequence_New(int_info_type);
    if (info == NULL) {
        return NULL;
    }
    long values[] = {30, 4, 4300, 640};
    for (Py_ssize_t i = 0; i < 4; i++) {
        PyObject *v = PyLong_FromLong(values[i]);
        if (v == NULL) {
            Py_DECREF(info);
            return NULL;
        }
        PyStructSequence_SetItem(info, i, v);
    }
    return info;
}
