/* floatobject.h: PyFloat_GetInfo, sys.float_info from <float.h> (IEEE 754 binary64), and packing floats as
   binary16/32/64 bytes (the struct module's e, f and d formats). */
#include <float.h>
#include <string.h>
#include "Python.h"

static PyStructSequence_Field float_info_fields[] = {
    {"max", "DBL_MAX -- maximum representable finite float"},
    {"max_exp", "DBL_MAX_EXP -- maximum int e such that radix**(e-1) is representable"},
    {"max_10_exp", "DBL_MAX_10_EXP -- maximum int e such that 10**e is representable"},
    {"min", "DBL_MIN -- Minimum positive normalized float"},
    {"min_exp", "DBL_MIN_EXP -- minimum int e such that radix**(e-1) is a normalized float"},
    {"min_10_exp", "DBL_MIN_10_EXP -- minimum int e such that 10**e is a normalized float"},
    {"dig", "DBL_DIG -- maximum number of decimal digits that can be faithfully represented in a float"},
    {"mant_dig", "DBL_MANT_DIG -- mantissa digits"},
    {"epsilon", "DBL_EPSILON -- Difference between 1 and the next representable float"},
    {"radix", "FLT_RADIX -- radix of exponent"},
    {"rounds", "FLT_ROUNDS -- rounding mode used for arithmetic operations"},
    {NULL, NULL},
};

static PyStructSequence_Desc float_info_desc = {"sys.float_info", "sys.float_info\n\nA named tuple holding"
    " information about the float type. It contains low level\ninformation about the precision and internal"
    " representation. Please study\nyour system's :file:`float.h` for more information.", float_info_fields, 11};

static PyTypeObject *float_info_type;
static PyMutex float_info_lock;

PyObject *PyFloat_GetInfo(void)
{
    PyMutex_Lock(&float_info_lock);
    if (float_info_type == NULL) {
        float_info_type = PyStructSequence_NewType(&float_info_desc);
    }
    PyMutex_Unlock(&float_info_lock);
    if (float_info_type == NULL) {
        return NULL;
    }
    PyObject *info = PyStructSequence_New(float_info_type);
    if (info == NULL) {
        return NULL;
    }
    PyObject *items[] = {
        PyFloat_FromDouble(DBL_MAX), PyLong_FromLong(DBL_MAX_EXP), PyLong_FromLong(DBL_MAX_10_EXP),
        PyFloat_FromDouble(DBL_MIN), PyLong_FromLong(DBL_MIN_EXP), PyLong_FromLong(DBL_MIN_10_EXP),
        PyLong_FromLong(DBL_DIG), PyLong_FromLong(DBL_MANT_DIG), PyFloat_FromDouble(DBL_EPSILON),
        PyLong_FromLong(FLT_RADIX), PyLong_FromLong(FLT_ROUNDS),
    };
    for (Py_ssize_t i = 0; i < 11; i++) {
        if (items[i] == NULL) {
            for (Py_ssize_t j = i; j < 11; j++) {
                Py_XDECREF(items[j]);
            }
            Py_DECREF(info);
            return NULL;
        }
        PyStructSequence_SetItem(info, i, items[i]);
    }
    return info;
}

/* ---- PyFloat_Pack2/4/8, PyFloat_Unpack2/4/8 ---- */

static void store_bytes(char *p, const unsigned char *native, size_t n, int le)
{
    /* The host is little-endian; big-endian output reverses the bytes. */
    for (size_t i = 0; i < n; i++) {
        p[i] = (char)native[le ? i : n - 1 - i];
    }
}

static void load_bytes(unsigned char *native, const char *p, size_t n, int le)
{
    for (size_t i = 0; i < n; i++) {
        native[le ? i : n - 1 - i] = (unsigned char)p[i];
    }
}

int PyFloat_Pack8(double x, char *p, int le)
{
    store_bytes(p, (const unsigned char *)&x, sizeof x, le);
    return 0;
}

int PyFloat_Pack4(double x, char *p, int le)
{
    float y = (float)x;
    if (isinf(y) && !isinf(x)) {
        PyErr_SetString(PyExc_OverflowError, "float too large to pack with f format");
        return -1;
    }
    store_bytes(p, (const unsigned char *)&y, sizeof y, le);
    return 0;
}

double PyFloat_Unpack8(const char *p, int le)
{
    double x;
    load_bytes((unsigned char *)&x, p, sizeof x, le);
    return x;
}

double PyFloat_Unpack4(const char *p, int le)
{
    float y;
    load_bytes((unsigned char *)&y, p, sizeof y, le);
    return y;
}

/* binary16 through the compiler's _Float16: one correctly rounded (to nearest even) conversion, like CPython. */
int PyFloat_Pack2(double x, char *p, int le)
{
    uint16_t bits;
    if (isnan(x)) {
        bits = (uint16_t)(0x7e00 | (signbit(x) ? 0x8000 : 0));
    } else {
        _Float16 h = (_Float16)x;
        if (isinf((double)h) && !isinf(x)) {
            PyErr_SetString(PyExc_OverflowError, "float too large to pack with e format");
            return -1;
        }
        memcpy(&bits, &h, sizeof bits);
    }
    store_bytes(p, (const unsigned char *)&bits, sizeof bits, le);
    return 0;
}

double PyFloat_Unpack2(const char *p, int le)
{
    _Float16 h;
    load_bytes((unsigned char *)&h, p, sizeof h, le);
    return (double)h;
}
