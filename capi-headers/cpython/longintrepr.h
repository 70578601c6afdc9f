/* int layout (3.13): a tag word (sign in bits 0-1, digit count from bit 3) followed by 30-bit digits. */
#ifndef Py_LONGINTREPR_H
#define Py_LONGINTREPR_H

typedef uint32_t digit;
typedef int32_t sdigit;
typedef uint64_t twodigits;
typedef int64_t stwodigits;
#define PyLong_SHIFT 30
#define _PyLong_DECIMAL_SHIFT 9
#define _PyLong_DECIMAL_BASE ((digit)1000000000)
#define PyLong_BASE ((digit)1 << PyLong_SHIFT)
#define PyLong_MASK ((digit)(PyLong_BASE - 1))

typedef struct _PyLongValue {
    uintptr_t lv_tag;
    digit ob_digit[1];
} _PyLongValue;

struct _longobject {
    PyObject_HEAD
    _PyLongValue long_value;
};

#define _PyLong_SIGN_MASK 3
#define _PyLong_NON_SIZE_BITS 3

/* A compact int has at most one digit; its value is that digit times the sign (1 - tag bits). */
static inline int _PyLong_IsCompact(const PyLongObject *op)
{
    return op->long_value.lv_tag < (2 << _PyLong_NON_SIZE_BITS);
}
#define PyUnstable_Long_IsCompact _PyLong_IsCompact

static inline Py_ssize_t _PyLong_CompactValue(const PyLongObject *op)
{
    Py_ssize_t sign = 1 - (Py_ssize_t)(op->long_value.lv_tag & _PyLong_SIGN_MASK);
    return sign * (Py_ssize_t)op->long_value.ob_digit[0];
}
#define PyUnstable_Long_CompactValue _PyLong_CompactValue

/* 3.14: exporting an int's digits and building an int from digits (PEP 757). The native layout is the one
   above: 30-bit digits in 4-byte words, least significant digit first, little-endian words. */
#if PY_VERSION_HEX >= 0x030E0000
typedef struct PyLongLayout {
    uint8_t bits_per_digit;
    uint8_t digit_size;
    int8_t digits_order;
    int8_t digit_endianness;
} PyLongLayout;

PyAPI_FUNC(const PyLongLayout *) PyLong_GetNativeLayout(void);

typedef struct PyLongExport {
    int64_t value;          /* the value, when digits is NULL */
    uint8_t negative;       /* otherwise the sign, */
    Py_ssize_t ndigits;     /* the digit count */
    const void *digits;     /* and the digits (read-only) */
    Py_uintptr_t _reserved; /* private: what PyLong_FreeExport releases */
} PyLongExport;

PyAPI_FUNC(int) PyLong_Export(PyObject *obj, PyLongExport *export_long);
PyAPI_FUNC(void) PyLong_FreeExport(PyLongExport *export_long);

typedef struct PyLongWriter PyLongWriter;

PyAPI_FUNC(PyLongWriter *) PyLongWriter_Create(int negative, Py_ssize_t ndigits, void **digits);
PyAPI_FUNC(PyObject *) PyLongWriter_Finish(PyLongWriter *writer);
PyAPI_FUNC(void) PyLongWriter_Discard(PyLongWriter *writer);
#endif

#endif
