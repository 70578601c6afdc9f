/* PEP 393 string layout and the inline accessors that read it.
   Compact ASCII strings keep their characters right after PyASCIIObject; other compact strings right
   after PyCompactUnicodeObject; legacy (non-compact) strings point at a separate buffer. */
#ifndef FTCHECK_CPYTHON_UNICODEOBJECT_H
#define FTCHECK_CPYTHON_UNICODEOBJECT_H

typedef struct {
    PyObject_HEAD
    Py_ssize_t length;  /* number of code points */
    Py_hash_t hash;     /* -1 until computed */
    struct {
        unsigned int interned:2;      /* 0 no, 1 interned, 2 interned+immortal, 3 ...+static */
        unsigned int kind:3;          /* PyUnicode_1BYTE_KIND, 2BYTE or 4BYTE */
        unsigned int compact:1;       /* characters follow the struct in the same block */
        unsigned int ascii:1;         /* all code points below 128 */
        unsigned int statically_allocated:1;
        unsigned int :24;             /* keeps the struct aligned to 4 bytes */
    } state;
} PyASCIIObject;

typedef struct {
    PyASCIIObject _base;
    Py_ssize_t utf8_length; /* bytes in utf8, excluding the terminator */
    char *utf8;             /* cached UTF-8, or NULL */
} PyCompactUnicodeObject;

typedef struct {
    PyCompactUnicodeObject _base;
    union {
        void *any;
        Py_UCS1 *latin1;
        Py_UCS2 *ucs2;
        Py_UCS4 *ucs4;
    } data;
} PyUnicodeObject;

#define _PyASCIIObject_CAST(op) _Py_CAST(PyASCIIObject *, (op))
#define _PyCompactUnicodeObject_CAST(op) _Py_CAST(PyCompactUnicodeObject *, (op))
#define _PyUnicodeObject_CAST(op) _Py_CAST(PyUnicodeObject *, (op))

#define SSTATE_NOT_INTERNED 0
#define SSTATE_INTERNED_MORTAL 1
#define SSTATE_INTERNED_IMMORTAL 2
#define SSTATE_INTERNED_IMMORTAL_STATIC 3

static inline unsigned int PyUnicode_CHECK_INTERNED(PyObject *op)
{
    return _PyASCIIObject_CAST(op)->state.interned;
}
#define PyUnicode_CHECK_INTERNED(op) PyUnicode_CHECK_INTERNED(_PyObject_CAST(op))

/* Strings are always "ready" since 3.12. */
static inline unsigned int PyUnicode_IS_READY(PyObject *Py_UNUSED(op))
{
    return 1;
}
#define PyUnicode_IS_READY(op) PyUnicode_IS_READY(_PyObject_CAST(op))

static inline unsigned int PyUnicode_IS_ASCII(PyObject *op)
{
    return _PyASCIIObject_CAST(op)->state.ascii;
}
#define PyUnicode_IS_ASCII(op) PyUnicode_IS_ASCII(_PyObject_CAST(op))

static inline unsigned int PyUnicode_IS_COMPACT(PyObject *op)
{
    return _PyASCIIObject_CAST(op)->state.compact;
}
#define PyUnicode_IS_COMPACT(op) PyUnicode_IS_COMPACT(_PyObject_CAST(op))

static inline int PyUnicode_IS_COMPACT_ASCII(PyObject *op)
{
    return _PyASCIIObject_CAST(op)->state.ascii && PyUnicode_IS_COMPACT(op);
}
#define PyUnicode_IS_COMPACT_ASCII(op) PyUnicode_IS_COMPACT_ASCII(_PyObject_CAST(op))

enum PyUnicode_Kind {
    PyUnicode_1BYTE_KIND = 1,
    PyUnicode_2BYTE_KIND = 2,
    PyUnicode_4BYTE_KIND = 4
};

#define PyUnicode_KIND(op) _Py_RVALUE(_PyASCIIObject_CAST(op)->state.kind)

static inline void *_PyUnicode_COMPACT_DATA(PyObject *op)
{
    if (PyUnicode_IS_ASCII(op)) {
        return _Py_STATIC_CAST(void *, _PyASCIIObject_CAST(op) + 1);
    }
    return _Py_STATIC_CAST(void *, _PyCompactUnicodeObject_CAST(op) + 1);
}

static inline void *_PyUnicode_NONCOMPACT_DATA(PyObject *op)
{
    return _PyUnicodeObject_CAST(op)->data.any;
}

static inline void *PyUnicode_DATA(PyObject *op)
{
    if (PyUnicode_IS_COMPACT(op)) {
        return _PyUnicode_COMPACT_DATA(op);
    }
    return _PyUnicode_NONCOMPACT_DATA(op);
}
#define PyUnicode_DATA(op) PyUnicode_DATA(_PyObject_CAST(op))

#define PyUnicode_1BYTE_DATA(op) _Py_STATIC_CAST(Py_UCS1 *, PyUnicode_DATA(op))
#define PyUnicode_2BYTE_DATA(op) _Py_STATIC_CAST(Py_UCS2 *, PyUnicode_DATA(op))
#define PyUnicode_4BYTE_DATA(op) _Py_STATIC_CAST(Py_UCS4 *, PyUnicode_DATA(op))

static inline Py_ssize_t PyUnicode_GET_LENGTH(PyObject *op)
{
    return _PyASCIIObject_CAST(op)->length;
}
#define PyUnicode_GET_LENGTH(op) PyUnicode_GET_LENGTH(_PyObject_CAST(op))

static inline void PyUnicode_WRITE(int kind, void *data, Py_ssize_t index, Py_UCS4 value)
{
    if (kind == PyUnicode_1BYTE_KIND) {
        _Py_STATIC_CAST(Py_UCS1 *, data)[index] = _Py_STATIC_CAST(Py_UCS1, value);
    } else if (kind == PyUnicode_2BYTE_KIND) {
        _Py_STATIC_CAST(Py_UCS2 *, data)[index] = _Py_STATIC_CAST(Py_UCS2, value);
    } else {
        _Py_STATIC_CAST(Py_UCS4 *, data)[index] = value;
    }
}
#define PyUnicode_WRITE(kind, data, index, value) \
    PyUnicode_WRITE(_Py_STATIC_CAST(int, kind), _Py_CAST(void *, data), (index), _Py_STATIC_CAST(Py_UCS4, value))

static inline Py_UCS4 PyUnicode_READ(int kind, const void *data, Py_ssize_t index)
{
    if (kind == PyUnicode_1BYTE_KIND) {
        return _Py_STATIC_CAST(const Py_UCS1 *, data)[index];
    }
    if (kind == PyUnicode_2BYTE_KIND) {
        return _Py_STATIC_CAST(const Py_UCS2 *, data)[index];
    }
    return _Py_STATIC_CAST(const Py_UCS4 *, data)[index];
}
#define PyUnicode_READ(kind, data, index) \
    PyUnicode_READ(_Py_STATIC_CAST(int, kind), _Py_STATIC_CAST(const void *, data), (index))

static inline Py_UCS4 PyUnicode_READ_CHAR(PyObject *unicode, Py_ssize_t index)
{
    int kind = PyUnicode_KIND(unicode);
    return PyUnicode_READ(kind, PyUnicode_DATA(unicode), index);
}
#define PyUnicode_READ_CHAR(unicode, index) PyUnicode_READ_CHAR(_PyObject_CAST(unicode), (index))

/* Upper bound of the code points the string's kind can hold. */
static inline Py_UCS4 PyUnicode_MAX_CHAR_VALUE(PyObject *op)
{
    int kind;
    if (PyUnicode_IS_ASCII(op)) {
        return 0x7f;
    }
    kind = PyUnicode_KIND(op);
    if (kind == PyUnicode_1BYTE_KIND) {
        return 0xff;
    }
    if (kind == PyUnicode_2BYTE_KIND) {
        return 0xffff;
    }
    return 0x10ffff;
}
#define PyUnicode_MAX_CHAR_VALUE(op) PyUnicode_MAX_CHAR_VALUE(_PyObject_CAST(op))

static inline Py_hash_t _PyUnicode_HASH_CACHED(PyObject *op)
{
    return _Py_atomic_load_ssize_relaxed(&_PyASCIIObject_CAST(op)->hash);
}

#define PyUnicode_READY(op) 0

#endif
