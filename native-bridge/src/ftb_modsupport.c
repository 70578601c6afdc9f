/* modsupport.h natively: argument parsing (PyArg_ParseTuple, PyArg_ParseTupleAndKeywords, PyArg_UnpackTuple,
 * PyArg_Parse), the checks Argument Clinic output calls (_PyArg_*), and Py_BuildValue. They are
 * variadic or take a va_list, so they cannot be Java upcalls: each format is walked in C over the caller's
 * va_list, and each unit converts one object through the non-variadic API. */
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "Python.h"
#include "ftb_runtime.h"

typedef struct {
    const char *format;  /* the whole format, for "bad format string" */
    const char *fname;   /* from ":name", or NULL */
    const char *message; /* from ";message", or NULL */
    int min;             /* units before '|' */
    int max;             /* all units */
    int kwonly;          /* index of the first unit after '$', or max */
} spec_t;

/* Units of a format at top level, skipping modifiers; nested "(...)" counts as one. */
static spec_t scan_spec(const char *format)
{
    spec_t s = {format, NULL, NULL, -1, 0, -1};
    int level = 0;
    for (const char *f = format; *f; f++) {
        char c = *f;
        if (level == 0 && (c == ':' || c == ';')) {
            if (c == ':') {
                s.fname = f + 1;
            } else {
                s.message = f + 1;
            }
            break;
        }
        switch (c) {
        case '(':
            if (level == 0) {
                s.max++;
            }
            level++;
            break;
        case ')':
            level--;
            break;
        case '|':
            if (level == 0 && s.min < 0) {
                s.min = s.max;
            }
            break;
        case '$':
            if (level == 0 && s.kwonly < 0) {
                s.kwonly = s.max;
            }
            break;
        case '#': case '!': case '&': case '*':
            break;
        case 'e':
            f++; /* 'es' / 'et': one unit */
            if (level == 0) {
                s.max++;
            }
            break;
        default:
            if (level == 0) {
                s.max++;
            }
        }
    }
    if (s.min < 0) {
        s.min = s.max;
    }
    if (s.kwonly < 0) {
        s.kwonly = s.max;
    }
    return s;
}

/* The name part of ":name" (up to the end), copied into buf. */
static const char *fname_of(const spec_t *s, char *buf, size_t n)
{
    if (s->fname == NULL) {
        return NULL;
    }
    size_t len = strcspn(s->fname, ";");
    if (len >= n) {
        len = n - 1;
    }
    memcpy(buf, s->fname, len);
    buf[len] = '\0';
    return buf;
}

static int type_error(const spec_t *s, int pos, const char *expected, PyObject *arg)
{
    char nb[200];
    const char *fname = fname_of(s, nb, sizeof nb);
    if (s->message != NULL) {
        PyErr_SetString(PyExc_TypeError, s->message);
    } else if (fname != NULL) {
        PyErr_Format(PyExc_TypeError, "%s() argument %d must be %s, not %s", fname, pos, expected,
                     arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
    } else {
        PyErr_Format(PyExc_TypeError, "argument %d must be %s, not %s", pos, expected,
                     arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
    }
    return -1;
}

/* Consumes a unit's output pointers without storing (an optional argument that was not given). */
static void skip_unit(const char **fmt, va_list *va)
{
    char c = *(*fmt)++;
    switch (c) {
    case '(': {
        int level = 1;
        while (**fmt && level > 0) {
            char d = **fmt;
            if (d == '(') {
                level++;
                (*fmt)++;
            } else if (d == ')') {
                level--;
                (*fmt)++;
            } else {
                skip_unit(fmt, va);
            }
        }
        return;
    }
    case 'O':
        if (**fmt == '!' || **fmt == '&') {
            (*fmt)++;
            (void)va_arg(*va, void *);
        }
        (void)va_arg(*va, void *);
        return;
    case 'e':
        (*fmt)++;
        (void)va_arg(*va, void *);
        (void)va_arg(*va, void *);
        if (**fmt == '#') {
            (*fmt)++;
            (void)va_arg(*va, void *);
        }
        return;
    default:
        (void)va_arg(*va, void *);
        if (**fmt == '#') {
            (*fmt)++;
            (void)va_arg(*va, void *);
        } else if (**fmt == '*') {
            (*fmt)++;
        }
        return;
    }
}

static int range_error(const char *msg)
{
    PyErr_SetString(PyExc_OverflowError, msg);
    return -1;
}

static int convert_unit(PyObject *arg, const char **fmt, va_list *va, const spec_t *s, int pos);

static int convert_tuple(PyObject *arg, const char **fmt, va_list *va, const spec_t *s, int pos)
{
    const char *start = *fmt;
    int n = 0, level = 0;
    for (const char *f = start; *f; f++) {
        if (*f == '(') {
            if (level == 0) {
                n++;
            }
            level++;
        } else if (*f == ')') {
            if (level == 0) {
                break;
            }
            level--;
        } else if (level == 0 && !strchr("#!&*", *f)) {
            n++;
        }
    }
    if (!PySequence_Check(arg) || PyObject_Size(arg) != n) {
        if (!PyErr_Occurred()) {
            char expected[64];
            snprintf(expected, sizeof expected, "%d-item sequence", n);
            type_error(s, pos, expected, arg);
        }
        return -1;
    }
    for (int i = 0; i < n; i++) {
        PyObject *item = PySequence_GetItem(arg, i);
        if (item == NULL) {
            return -1;
        }
        int rc = convert_unit(item, fmt, va, s, pos);
        Py_DECREF(item);
        if (rc < 0) {
            return -1;
        }
    }
    if (**fmt == ')') {
        (*fmt)++;
    }
    return 0;
}

static int long_arg(PyObject *arg, long long *out)
{
    if (PyFloat_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return -1;
    }
    long long v = PyLong_AsLongLong(arg);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = v;
    return 0;
}

/* Converts arg by the unit at *fmt, writing through the va_list pointers. */
static int convert_unit(PyObject *arg, const char **fmt, va_list *va, const spec_t *s, int pos)
{
    char c = *(*fmt)++;
    long long v;
    switch (c) {
    case '(':
        return convert_tuple(arg, fmt, va, s, pos);
    case 'b': {
        unsigned char *p = va_arg(*va, unsigned char *);
        if (long_arg(arg, &v) < 0) {
            return -1;
        }
        if (v < 0) {
            return range_error("unsigned byte integer is less than minimum");
        }
        if (v > UCHAR_MAX) {
            return range_error("unsigned byte integer is greater than maximum");
        }
        *p = (unsigned char)v;
        return 0;
    }
    case 'B': {
        unsigned char *p = va_arg(*va, unsigned char *);
        if (long_arg(arg, &v) < 0) {
            return -1;
        }
        *p = (unsigned char)v;
        return 0;
    }
    case 'h': {
        short *p = va_arg(*va, short *);
        if (long_arg(arg, &v) < 0) {
            return -1;
        }
        if (v < SHRT_MIN) {
            return range_error("signed short integer is less than minimum");
        }
        if (v > SHRT_MAX) {
            return range_error("signed short integer is greater than maximum");
        }
        *p = (short)v;
        return 0;
    }
    case 'H': {
        unsigned short *p = va_arg(*va, unsigned short *);
        if (long_arg(arg, &v) < 0) {
            return -1;
        }
        *p = (unsigned short)v;
        return 0;
    }
    case 'i': {
        int *p = va_arg(*va, int *);
        if (long_arg(arg, &v) < 0) {
            return -1;
        }
        if (v > INT_MAX) {
            return range_error("signed integer is greater than maximum");
        }
        if (v < INT_MIN) {
            return range_error("signed integer is less than minimum");
        }
        *p = (int)v;
        return 0;
    }
    case 'I': {
        unsigned int *p = va_arg(*va, unsigned int *);
        if (long_arg(arg, &v) < 0) {
            return -1;
        }
        *p = (unsigned int)v;
        return 0;
    }
    case 'l': {
        long *p = va_arg(*va, long *);
        if (PyFloat_Check(arg)) {
            PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
            return -1;
        }
        long x = PyLong_AsLong(arg);
        if (x == -1 && PyErr_Occurred()) {
            return -1;
        }
        *p = x;
        return 0;
    }
    case 'k': {
        unsigned long *p = va_arg(*va, unsigned long *);
        if (!PyLong_Check(arg)) {
            return type_error(s, pos, "int", arg);
        }
        *p = PyLong_AsUnsignedLongMask(arg);
        return 0;
    }
    case 'L': {
        long long *p = va_arg(*va, long long *);
        if (long_arg(arg, &v) < 0) {
            return -1;
        }
        *p = v;
        return 0;
    }
    case 'K': {
        unsigned long long *p = va_arg(*va, unsigned long long *);
        if (!PyLong_Check(arg)) {
            return type_error(s, pos, "int", arg);
        }
        *p = PyLong_AsUnsignedLongLongMask(arg);
        return 0;
    }
    case 'n': {
        Py_ssize_t *p = va_arg(*va, Py_ssize_t *);
        if (PyFloat_Check(arg)) {
            PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
            return -1;
        }
        Py_ssize_t x = PyLong_AsSsize_t(arg);
        if (x == -1 && PyErr_Occurred()) {
            return -1;
        }
        *p = x;
        return 0;
    }
    case 'c': {
        char *p = va_arg(*va, char *);
        if (PyBytes_Check(arg) && PyBytes_Size(arg) == 1) {
            *p = PyBytes_AS_STRING(arg)[0];
            return 0;
        }
        return type_error(s, pos, "a byte string of length 1", arg);
    }
    case 'C': {
        int *p = va_arg(*va, int *);
        if (PyUnicode_Check(arg) && PyUnicode_GetLength(arg) == 1) {
            *p = (int)PyUnicode_ReadChar(arg, 0);
            return 0;
        }
        return type_error(s, pos, "a unicode character", arg);
    }
    case 'f': case 'd': {
        void *p = va_arg(*va, void *);
        double d = PyFloat_AsDouble(arg);
        if (d == -1.0 && PyErr_Occurred()) {
            PyErr_Clear();
            return type_error(s, pos, "float", arg);
        }
        if (c == 'f') {
            *(float *)p = (float)d;
        } else {
            *(double *)p = d;
        }
        return 0;
    }
    case 'p': {
        int *p = va_arg(*va, int *);
        int t = PyObject_IsTrue(arg);
        if (t < 0) {
            return -1;
        }
        *p = t;
        return 0;
    }
    case 's': case 'z': case 'y': {
        /* s and z take str (z also None); with # or * also bytes-like objects; y takes bytes-like objects only.
           # and plain y need memory that stays valid without a release (so not bytearray), as in CPython. */
        char suffix = (**fmt == '#' || **fmt == '*') ? *(*fmt)++ : 0;
        Py_buffer *view = suffix == '*' ? va_arg(*va, Py_buffer *) : NULL;
        const char **p = suffix != '*' ? va_arg(*va, const char **) : NULL;
        Py_ssize_t *plen = suffix == '#' ? va_arg(*va, Py_ssize_t *) : NULL;
        if (c == 'z' && arg == Py_None) {
            if (view) {
                return PyBuffer_FillInfo(view, NULL, NULL, 0, 1, 0);
            }
            *p = NULL;
            if (plen) {
                *plen = 0;
            }
            return 0;
        }
        const char *data;
        Py_ssize_t n;
        if (c != 'y' && PyUnicode_Check(arg)) {
            data = PyUnicode_AsUTF8AndSize(arg, &n);
            if (data == NULL) {
                return -1;
            }
            if (view) {
                return PyBuffer_FillInfo(view, arg, (void *)data, n, 1, 0);
            }
        } else if (c != 'y' && suffix == 0) {
            return type_error(s, pos, c == 'z' ? "str or None" : "str", arg);
        } else if (view) {
            return PyObject_GetBuffer(arg, view, PyBUF_SIMPLE);   /* its own TypeError names the type */
        } else {
            if (!PyObject_CheckBuffer(arg)) {
                return PyObject_GetBuffer(arg, &(Py_buffer){0}, PyBUF_SIMPLE);
            }
            PyBufferProcs *bp = Py_TYPE(arg)->tp_as_buffer;
            if (PyByteArray_Check(arg) || (!PyBytes_Check(arg) && (bp == NULL || bp->bf_releasebuffer != NULL))) {
                return type_error(s, pos, "read-only bytes-like object", arg);
            }
            Py_buffer b;
            if (PyObject_GetBuffer(arg, &b, PyBUF_SIMPLE) != 0) {
                return -1;
            }
            data = (const char *)b.buf;
            n = b.len;
            PyBuffer_Release(&b);
        }
        if (plen == NULL && (Py_ssize_t)strlen(data) != n) {
            PyErr_SetString(PyExc_ValueError, c == 'y' ? "embedded null byte" : "embedded null character");
            return -1;
        }
        *p = data;
        if (plen) {
            *plen = n;
        }
        return 0;
    }
    case 'w': {
        /* w*: a writable buffer (bytearray, a writable exporter); the only form of w in Python 3 */
        if (*(*fmt)++ != '*') {
            PyErr_Format(PyExc_SystemError, "bad format string: %.200s", s->format);
            return -1;
        }
        Py_buffer *view = va_arg(*va, Py_buffer *);
        if (PyObject_GetBuffer(arg, view, PyBUF_WRITABLE) != 0) {
            PyErr_Clear();
            return type_error(s, pos, "read-write bytes-like object", arg);
        }
        return 0;
    }
    case 'e': {
        /* es/et (+#): encode a str into a PyMem buffer; et passes bytes and bytearray through unencoded. */
        char mode = *(*fmt)++;
        if (mode != 's' && mode != 't') {
            PyErr_Format(PyExc_SystemError, "ftcheck: argument format unit 'e%c' is not supported", mode);
            return -1;
        }
        const char *encoding = va_arg(*va, const char *);
        char **buffer = va_arg(*va, char **);
        Py_ssize_t *plen = NULL;
        if (**fmt == '#') {
            (*fmt)++;
            plen = va_arg(*va, Py_ssize_t *);
        }
        PyObject *encoded;
        if (mode == 't' && (PyBytes_Check(arg) || PyByteArray_Check(arg))) {
            encoded = Py_NewRef(arg);
        } else if (PyUnicode_Check(arg)) {
            encoded = PyUnicode_AsEncodedString(arg, encoding, NULL);
            if (encoded == NULL) {
                return -1;
            }
        } else {
            return type_error(s, pos, mode == 't' ? "str, bytes or bytearray" : "str", arg);
        }
        const char *data = PyBytes_Check(encoded) ? PyBytes_AS_STRING(encoded) : PyByteArray_AsString(encoded);
        Py_ssize_t n = PyBytes_Check(encoded) ? PyBytes_GET_SIZE(encoded) : PyByteArray_Size(encoded);
        if (plen == NULL && (Py_ssize_t)strlen(data) != n) {
            Py_DECREF(encoded);
            PyErr_SetString(PyExc_ValueError, "encoded string without null bytes");
            return -1;
        }
        if (plen != NULL && *buffer != NULL) {
            if (n + 1 > *plen) {
                Py_DECREF(encoded);
                PyErr_Format(PyExc_ValueError, "encoded string too long (%zd, maximum length %zd)", n, *plen - 1);
                return -1;
            }
        } else {
            *buffer = PyMem_Malloc((size_t)n + 1);
            if (*buffer == NULL) {
                Py_DECREF(encoded);
                PyErr_NoMemory();
                return -1;
            }
        }
        memcpy(*buffer, data, (size_t)n + 1);
        if (plen != NULL) {
            *plen = n;
        }
        Py_DECREF(encoded);
        return 0;
    }
    case 'U': case 'S': case 'Y': {
        PyObject **p = va_arg(*va, PyObject **);
        int ok = c == 'U' ? PyUnicode_Check(arg) : c == 'S' ? PyBytes_Check(arg) : PyByteArray_Check(arg);
        if (!ok) {
            return type_error(s, pos, c == 'U' ? "str" : c == 'S' ? "bytes" : "bytearray", arg);
        }
        *p = arg;
        return 0;
    }
    case 'O':
        if (**fmt == '!') {
            (*fmt)++;
            PyTypeObject *type = va_arg(*va, PyTypeObject *);
            PyObject **p = va_arg(*va, PyObject **);
            if (!PyObject_TypeCheck(arg, type)) {
                return type_error(s, pos, type->tp_name, arg);
            }
            *p = arg;
            return 0;
        }
        if (**fmt == '&') {
            (*fmt)++;
            int (*conv)(PyObject *, void *) = va_arg(*va, int (*)(PyObject *, void *));
            void *addr = va_arg(*va, void *);
            int r = conv(arg, addr);
            if (r == 0) {
                if (!PyErr_Occurred()) {
                    type_error(s, pos, "a value the converter accepts", arg);
                }
                return -1;
            }
            return 0;
        } else if (**fmt == '#') {
            PyErr_Format(PyExc_SystemError, "bad format string: %.200s", s->format);
            return -1;
        } else {
            PyObject **p = va_arg(*va, PyObject **);
            *p = arg;
            return 0;
        }
    default:
        PyErr_Format(PyExc_SystemError, "ftcheck: argument format unit '%c' is not supported", c);
        return -1;
    }
}

/* Skips format modifiers ('|', '$') before the next unit. */
static void skip_markers(const char **fmt)
{
    while (**fmt == '|' || **fmt == '$' || **fmt == ' ') {
        (*fmt)++;
    }
}

static int count_error(const spec_t *s, Py_ssize_t given, int positional_max)
{
    char nb[200];
    const char *fname = fname_of(s, nb, sizeof nb);
    if (s->message != NULL) {
        PyErr_SetString(PyExc_TypeError, s->message);
        return -1;
    }
    int max = positional_max;
    if (max == 0) {
        PyErr_Format(PyExc_TypeError, "%s%s takes no arguments", fname ? fname : "function", fname ? "()" : "");
        return -1;
    }
    int n = given < s->min ? s->min : max;
    const char *how = s->min == max ? "exactly" : given < s->min ? "at least" : "at most";
    PyErr_Format(PyExc_TypeError, "%s%s takes %s %d argument%s (%zd given)", fname ? fname : "function",
                 fname ? "()" : "", how, n, n == 1 ? "" : "s", given);
    return -1;
}

static int parse(PyObject *args, PyObject *kwargs, const char *format, char **kwlist, va_list *va)
{
    if (args == NULL || !PyTuple_Check(args)) {
        PyErr_SetString(PyExc_SystemError, "new style getargs format but argument is not a tuple");
        return 0;
    }
    spec_t s = scan_spec(format);
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    Py_ssize_t nkw = kwargs != NULL ? PyDict_Size(kwargs) : 0;
    int positional_max = kwlist != NULL ? s.kwonly : s.max;
    char nb[200];
    const char *fname = fname_of(&s, nb, sizeof nb);
    if (kwlist != NULL && s.message == NULL) {
        /* The keyword form counts everything given against all parameters first, then the positional ones. */
        if (nargs + nkw > s.max) {
            PyErr_Format(PyExc_TypeError, "%s%s takes at most %d %sargument%s (%zd given)", fname ? fname : "function",
                         fname ? "()" : "", s.max, nargs == 0 ? "keyword " : "", s.max == 1 ? "" : "s", nargs + nkw);
            return 0;
        }
        if (nargs > positional_max && positional_max < s.max) {
            if (positional_max == 0) {
                PyErr_Format(PyExc_TypeError, "%s%s takes no positional arguments", fname ? fname : "function",
                             fname ? "()" : "");
            } else {
                PyErr_Format(PyExc_TypeError, "%s%s takes %s %d positional argument%s (%zd given)",
                             fname ? fname : "function", fname ? "()" : "", s.min < positional_max ? "at most" : "exactly",
                             positional_max, positional_max == 1 ? "" : "s", nargs);
            }
            return 0;
        }
    }
    if (nargs > positional_max || (kwlist == NULL && nargs < s.min)) {
        count_error(&s, nargs, positional_max);
        return 0;
    }
    const char *f = format;
    Py_ssize_t used_kw = 0;
    for (int i = 0; i < s.max; i++) {
        skip_markers(&f);
        PyObject *arg = NULL;
        PyObject *owned = NULL;
        if (i < nargs) {
            arg = PyTuple_GET_ITEM(args, i);
            if (kwlist != NULL && kwargs != NULL && kwlist[i] != NULL && kwlist[i][0] != '\0') {
                PyObject *dup = NULL;
                if (PyDict_GetItemStringRef(kwargs, kwlist[i], &dup) > 0) {
                    Py_DECREF(dup);
                    PyErr_Format(PyExc_TypeError, "argument for %s%s given by name ('%s') and position (%d)",
                                 fname ? fname : "function", fname ? "()" : "", kwlist[i], i + 1);
                    return 0;
                }
            }
        } else if (kwlist != NULL && kwargs != NULL && kwlist[i] != NULL && kwlist[i][0] != '\0') {
            if (PyDict_GetItemStringRef(kwargs, kwlist[i], &owned) < 0) {
                return 0;
            }
            arg = owned;
            if (arg != NULL) {
                used_kw++;
            }
        }
        if (arg == NULL) {
            if (i < s.min) {
                if (kwlist != NULL && kwlist[i] != NULL && kwlist[i][0] != '\0') {
                    PyErr_Format(PyExc_TypeError, "%s%s missing required argument '%s' (pos %d)",
                                 fname ? fname : "function", fname ? "()" : "", kwlist[i], i + 1);
                } else {
                    count_error(&s, nargs, positional_max);
                }
                return 0;
            }
            skip_unit(&f, va);
            continue;
        }
        int rc = convert_unit(arg, &f, va, &s, i + 1);
        Py_XDECREF(owned);
        if (rc < 0) {
            return 0;
        }
    }
    if (kwlist != NULL && nkw > used_kw) {
        /* Some keyword did not match any parameter name. */
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(kwargs, &pos, &key, &value)) {
            int known = 0;
            const char *k = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
            for (int i = 0; k != NULL && i < s.max && kwlist[i] != NULL; i++) {
                if (kwlist[i][0] != '\0' && strcmp(kwlist[i], k) == 0 && i >= nargs) {
                    known = 1;
                }
            }
            if (!known) {
                PyErr_Format(PyExc_TypeError, "%s%s got an unexpected keyword argument '%S'",
                             fname ? fname : "this function", fname ? "()" : "", key);
                return 0;
            }
        }
    }
    return 1;
}

int PyArg_VaParse(PyObject *args, const char *format, va_list va)
{
    va_list copy;
    va_copy(copy, va);
    int r = parse(args, NULL, format, NULL, &copy);
    va_end(copy);
    return r;
}

int PyArg_ParseTuple(PyObject *args, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    int r = parse(args, NULL, format, NULL, &va);
    va_end(va);
    return r;
}

int PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kw, const char *format, char **keywords, va_list va)
{
    va_list copy;
    va_copy(copy, va);
    int r = parse(args, kw, format, keywords, &copy);
    va_end(copy);
    return r;
}

int PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kw, const char *format, char **keywords, ...)
{
    if (keywords == NULL) {
        PyErr_BadInternalCall();
        return 0;
    }
    va_list va;
    va_start(va, keywords);
    int r = parse(args, kw, format, keywords, &va);
    va_end(va);
    return r;
}

/* Old-style single-object parse: the format applies to args itself. */
int PyArg_Parse(PyObject *args, const char *format, ...)
{
    spec_t s = scan_spec(format);
    va_list va;
    va_start(va, format);
    const char *f = format;
    int r = convert_unit(args, &f, &va, &s, 1) < 0 ? 0 : 1;
    va_end(va);
    return r;
}

int PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t max, ...)
{
    if (!PyTuple_Check(args)) {
        PyErr_SetString(PyExc_SystemError, "PyArg_UnpackTuple() argument list is not a tuple");
        return 0;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < min || n > max) {
        const char *how = min == max ? "" : n < min ? "at least " : "at most ";
        Py_ssize_t k = n < min ? min : max;
        PyErr_Format(PyExc_TypeError, "%s expected %s%zd argument%s, got %zd", name == NULL ? "unpacked tuple" : name,
                     how, k, k == 1 ? "" : "s", n);
        return 0;
    }
    va_list va;
    va_start(va, max);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject **p = va_arg(va, PyObject **);
        *p = PyTuple_GET_ITEM(args, i);
    }
    va_end(va);
    return 1;
}

int PyArg_ValidateKeywordArguments(PyObject *kw)
{
    if (!PyDict_Check(kw)) {
        PyErr_BadInternalCall();
        return 0;
    }
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(kw, &pos, &key, &value)) {
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "keywords must be strings");
            return 0;
        }
    }
    return 1;
}

/* ---- the argument checks Argument Clinic output calls: messages and return conventions are CPython 3.13's, 1 on
   success and 0 with an exception ---- */

int _PyArg_CheckPositional(const char *name, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max)
{
    if (nargs < min || nargs > max) {
        Py_ssize_t bound = nargs < min ? min : max;
        const char *qualifier = min == max ? "" : nargs < min ? "at least " : "at most ";
        if (name != NULL) {
            PyErr_Format(PyExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name, qualifier, bound,
                         bound == 1 ? "" : "s", nargs);
        } else {
            PyErr_Format(PyExc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd", qualifier,
                         bound, bound == 1 ? "" : "s", nargs);
        }
        return 0;
    }
    return 1;
}

void _PyArg_BadArgument(const char *fname, const char *displayname, const char *expected, PyObject *arg)
{
    PyErr_Format(PyExc_TypeError, "%.200s() %.200s must be %.50s, not %.50s", fname, displayname, expected,
                 arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
}

/* Shared by the three "takes no ..." checks: NULL and empty are fine, a wrong container is the caller's bug. */
static int refuse_if_any(const char *funcname, PyObject *o, int is_right_kind, Py_ssize_t size, const char *what)
{
    if (o == NULL) {
        return 1;
    }
    if (!is_right_kind) {
        PyErr_BadInternalCall();
        return 0;
    }
    if (size == 0) {
        return 1;
    }
    PyErr_Format(PyExc_TypeError, "%.200s() takes no %s arguments", funcname, what);
    return 0;
}

int _PyArg_NoKeywords(const char *funcname, PyObject *kwargs)
{
    return refuse_if_any(funcname, kwargs, kwargs != NULL && PyDict_Check(kwargs),
                         kwargs != NULL && PyDict_Check(kwargs) ? PyDict_GET_SIZE(kwargs) : 0, "keyword");
}

int _PyArg_NoPositional(const char *funcname, PyObject *args)
{
    return refuse_if_any(funcname, args, args != NULL && PyTuple_Check(args),
                         args != NULL && PyTuple_Check(args) ? PyTuple_GET_SIZE(args) : 0, "positional");
}

int _PyArg_NoKwnames(const char *funcname, PyObject *kwnames)
{
    return refuse_if_any(funcname, kwnames, kwnames != NULL && PyTuple_Check(kwnames),
                         kwnames != NULL && PyTuple_Check(kwnames) ? PyTuple_GET_SIZE(kwnames) : 0, "keyword");
}

/* ---- Py_BuildValue: the format is walked in C over the caller's va_list ---- */

static PyObject *build_item(const char **fmt, va_list *va);

/* Number of items at the current nesting level up to `end` (or the end of the format). */
static Py_ssize_t count_items(const char *f, char end)
{
    Py_ssize_t n = 0;
    int level = 0;
    for (; *f; f++) {
        if (level == 0 && *f == end) {
            break;
        }
        switch (*f) {
        case '(': case '[': case '{':
            if (level == 0) {
                n++;
            }
            level++;
            break;
        case ')': case ']': case '}':
            level--;
            break;
        case '#': case '&': case ',': case ':': case ' ': case '\t': case '!':
            break;
        default:
            if (level == 0) {
                n++;
            }
        }
    }
    return n;
}

static PyObject *build_sequence(const char **fmt, va_list *va, char end, Py_ssize_t n, int list)
{
    PyObject *seq = list ? PyList_New(n) : PyTuple_New(n);
    int failed = seq == NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = build_item(fmt, va);
        if (item == NULL) {
            failed = 1;
            continue; /* keep consuming arguments so 'N' references are still released */
        }
        if (failed) {
            Py_DECREF(item);
        } else if (list) {
            PyList_SET_ITEM(seq, i, item);
        } else {
            PyTuple_SET_ITEM(seq, i, item);
        }
    }
    while (**fmt == ',' || **fmt == ' ' || **fmt == ':' || **fmt == '\t') {
        (*fmt)++;
    }
    if (**fmt != end) {
        if (!failed) {
            PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
        }
        failed = 1;
    } else {
        (*fmt)++;
    }
    if (failed) {
        Py_XDECREF(seq);
        return NULL;
    }
    return seq;
}

static PyObject *build_dict(const char **fmt, va_list *va, Py_ssize_t n)
{
    PyObject *d = PyDict_New();
    int failed = d == NULL;
    for (Py_ssize_t i = 0; i + 1 < n + 1 && i < n; i += 2) {
        PyObject *k = build_item(fmt, va);
        PyObject *v = build_item(fmt, va);
        if (k == NULL || v == NULL || failed || PyDict_SetItem(d, k, v) < 0) {
            failed = 1;
        }
        Py_XDECREF(k);
        Py_XDECREF(v);
    }
    while (**fmt == ',' || **fmt == ' ' || **fmt == ':') {
        (*fmt)++;
    }
    if (**fmt != '}') {
        if (!failed) {
            PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
        }
        failed = 1;
    } else {
        (*fmt)++;
    }
    if (failed) {
        Py_XDECREF(d);
        return NULL;
    }
    return d;
}

static PyObject *string_item(const char **fmt, va_list *va, int bytes)
{
    const char *s = va_arg(*va, const char *);
    Py_ssize_t n = -1;
    if (**fmt == '#') {
        (*fmt)++;
        n = va_arg(*va, Py_ssize_t);
    }
    if (s == NULL) {
        Py_RETURN_NONE;
    }
    if (n < 0) {
        n = (Py_ssize_t)strlen(s);
    }
    return bytes ? PyBytes_FromStringAndSize(s, n) : PyUnicode_FromStringAndSize(s, n);
}

static PyObject *build_item(const char **fmt, va_list *va)
{
    for (;;) {
        char c = *(*fmt)++;
        switch (c) {
        case '(':
            return build_sequence(fmt, va, ')', count_items(*fmt, ')'), 0);
        case '[':
            return build_sequence(fmt, va, ']', count_items(*fmt, ']'), 1);
        case '{':
            return build_dict(fmt, va, count_items(*fmt, '}'));
        case 'b': case 'B': case 'h': case 'i':
            return PyLong_FromLong((long)va_arg(*va, int));
        case 'H':
            return PyLong_FromLong((long)(unsigned short)va_arg(*va, int));
        case 'I':
            return PyLong_FromUnsignedLong((unsigned long)va_arg(*va, unsigned int));
        case 'n':
            return PyLong_FromSsize_t(va_arg(*va, Py_ssize_t));
        case 'l':
            return PyLong_FromLong(va_arg(*va, long));
        case 'k':
            return PyLong_FromUnsignedLong(va_arg(*va, unsigned long));
        case 'L':
            return PyLong_FromLongLong(va_arg(*va, long long));
        case 'K':
            return PyLong_FromUnsignedLongLong(va_arg(*va, unsigned long long));
        case 'd': case 'f':
            return PyFloat_FromDouble(va_arg(*va, double));
        case 'p':
            return PyBool_FromLong(va_arg(*va, int));
        case 'c': {
            char ch = (char)va_arg(*va, int);
            return PyBytes_FromStringAndSize(&ch, 1);
        }
        case 'C':
            return PyUnicode_FromOrdinal(va_arg(*va, int));
        case 's': case 'z': case 'U':
            return string_item(fmt, va, 0);
        case 'y':
            return string_item(fmt, va, 1);
        case 'N': case 'S': case 'O':
            if (**fmt == '&') {
                PyObject *(*conv)(void *) = va_arg(*va, PyObject * (*)(void *));
                void *arg = va_arg(*va, void *);
                (*fmt)++;
                return conv(arg);
            } else {
                PyObject *o = va_arg(*va, PyObject *);
                if (o == NULL) {
                    if (!PyErr_Occurred()) {
                        PyErr_SetString(PyExc_SystemError, "NULL object passed to Py_BuildValue");
                    }
                    return NULL;
                }
                return c == 'N' ? o : Py_NewRef(o);
            }
        case ':': case ',': case ' ': case '\t':
            continue;
        default:
            PyErr_Format(PyExc_SystemError, "bad format char '%c' passed to Py_BuildValue", c);
            return NULL;
        }
    }
}

PyObject *Py_VaBuildValue(const char *format, va_list va)
{
    va_list copy;
    va_copy(copy, va);
    const char *f = format;
    Py_ssize_t n = count_items(f, '\0');
    PyObject *r;
    if (n == 0) {
        r = Py_NewRef(Py_None);
    } else if (n == 1) {
        r = build_item(&f, &copy);
    } else {
        PyObject *t = PyTuple_New(n);
        int failed = t == NULL;
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *item = build_item(&f, &copy);
            if (item == NULL) {
                failed = 1;
            } else if (failed) {
                Py_DECREF(item);
            } else {
                PyTuple_SET_ITEM(t, i, item);
            }
        }
        if (failed) {
            Py_XDECREF(t);
            t = NULL;
        }
        r = t;
    }
    va_end(copy);
    return r;
}

PyObject *Py_BuildValue(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = Py_VaBuildValue(format, va);
    va_end(va);
    return r;
}

