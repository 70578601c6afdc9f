/* longobject.h: the small-int cache and the common conversions natively, and PyLong_GetInfo (sys.int_info of
   this runtime's ints: 30-bit digits, CPython's str-digit limit). */
#include "ftb_runtime.h"
#include <errno.h>

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

/* ---- PyOS_strtoul, PyOS_strtol: C-locale-independent parsing with CPython's base prefixes ---- */

static int ascii_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* A digit's value in bases up to 36, or 37 for anything else. */
static int digit_value(int c)
{
    c &= 0xff;
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = ftb_ascii_lower(c);
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 10;
    }
    return 37;
}

/* Skips "0<letter>" when the letter names the base and a digit of that base follows. */
static const char *skip_prefix(const char *s, int letter, int base)
{
    if (s[0] == '0' && ftb_ascii_lower(s[1]) == letter && digit_value(s[2]) < base) {
        return s + 2;
    }
    return s;
}

unsigned long PyOS_strtoul(const char *str, char **ptr, int base)
{
    while (*str && ascii_space(*str)) {
        str++;
    }
    if (base == 0) {
        if (*str != '0') {
            base = 10;
        } else if (ftb_ascii_lower(str[1]) == 'x' || ftb_ascii_lower(str[1]) == 'o' || ftb_ascii_lower(str[1]) == 'b') {
            int wanted = ftb_ascii_lower(str[1]) == 'x' ? 16 : ftb_ascii_lower(str[1]) == 'o' ? 8 : 2;
            if (digit_value(str[2]) >= wanted) {
                /* "0x" with no digit: only the 0 is a number. */
                if (ptr) {
                    *ptr = (char *)str + 1;
                }
                return 0;
            }
            str += 2;
            base = wanted;
        } else {
            /* A leading 0 without a base letter: only zeros are allowed, then spaces are skipped. */
            while (*str == '0') {
                str++;
            }
            while (ascii_space(*str)) {
                str++;
            }
            if (ptr) {
                *ptr = (char *)str;
            }
            return 0;
        }
    } else if (base == 16) {
        str = skip_prefix(str, 'x', 16);
    } else if (base == 8) {
        str = skip_prefix(str, 'o', 8);
    } else if (base == 2) {
        str = skip_prefix(str, 'b', 2);
    }
    if (base < 2 || base > 36) {
        if (ptr) {
            *ptr = (char *)str;
        }
        return 0;
    }
    unsigned long result = 0;
    int overflowed = 0;
    int d;
    while ((d = digit_value(*str)) < base) {
        if (!overflowed && __builtin_mul_overflow(result, (unsigned long)base, &result)) {
            overflowed = 1;
        }
        if (!overflowed && __builtin_add_overflow(result, (unsigned long)d, &result)) {
            overflowed = 1;
        }
        str++;
    }
    if (ptr) {
        *ptr = (char *)str;
    }
    if (overflowed) {
        errno = ERANGE;
        return (unsigned long)-1;
    }
    return result;
}

long PyOS_strtol(const char *str, char **ptr, int base)
{
    while (*str && ascii_space(*str)) {
        str++;
    }
    char sign = *str;
    if (sign == '+' || sign == '-') {
        str++;
    }
    unsigned long magnitude = PyOS_strtoul(str, ptr, base);
    if (magnitude <= (unsigned long)LONG_MAX) {
        return sign == '-' ? -(long)magnitude : (long)magnitude;
    }
    if (sign == '-' && magnitude == (unsigned long)LONG_MAX + 1) {
        return LONG_MIN;
    }
    errno = ERANGE;
    return LONG_MAX;
}
