/* Py_BuildValue and the variadic call helpers (PyTuple_Pack, PyObject_CallFunction/Method, *ObjArgs), walked in
 * C over va_list and built with the non-variadic API. */
#include <stdarg.h>
#include <string.h>

#include "Python.h"
#include "ftb_runtime.h"

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

PyObject *PyTuple_Pack(Py_ssize_t n, ...)
{
    PyObject *t = PyTuple_New(n);
    if (t == NULL) {
        return NULL;
    }
    va_list va;
    va_start(va, n);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyTuple_SET_ITEM(t, i, Py_NewRef(va_arg(va, PyObject *)));
    }
    va_end(va);
    return t;
}

/* Arguments from a Py_BuildValue format: always a tuple (a single non-tuple value is wrapped). */
static PyObject *call_args(const char *format, va_list va)
{
    if (format == NULL || *format == '\0') {
        return PyTuple_New(0);
    }
    PyObject *a = Py_VaBuildValue(format, va);
    if (a == NULL || PyTuple_Check(a)) {
        return a;
    }
    PyObject *t = PyTuple_Pack(1, a);
    Py_DECREF(a);
    return t;
}

PyObject *PyObject_CallFunction(PyObject *callable, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *args = call_args(format, va);
    va_end(va);
    if (args == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_Call(callable, args, NULL);
    Py_DECREF(args);
    return r;
}

PyObject *PyObject_CallMethod(PyObject *obj, const char *name, const char *format, ...)
{
    PyObject *m = PyObject_GetAttrString(obj, name);
    if (m == NULL) {
        return NULL;
    }
    if (!PyCallable_Check(m)) {
        /* CPython's message for this function (the generic call says "'X' object is not callable") */
        PyErr_Format(PyExc_TypeError, "attribute of type '%.200s' is not callable", Py_TYPE(m)->tp_name);
        Py_DECREF(m);
        return NULL;
    }
    va_list va;
    va_start(va, format);
    PyObject *args = call_args(format, va);
    va_end(va);
    PyObject *r = args == NULL ? NULL : PyObject_Call(m, args, NULL);
    Py_XDECREF(args);
    Py_DECREF(m);
    return r;
}

static PyObject *objargs_tuple(va_list va)
{
    va_list count;
    va_copy(count, va);
    Py_ssize_t n = 0;
    while (va_arg(count, PyObject *) != NULL) {
        n++;
    }
    va_end(count);
    PyObject *t = PyTuple_New(n);
    if (t == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyTuple_SET_ITEM(t, i, Py_NewRef(va_arg(va, PyObject *)));
    }
    return t;
}

PyObject *PyObject_CallFunctionObjArgs(PyObject *callable, ...)
{
    va_list va;
    va_start(va, callable);
    PyObject *args = objargs_tuple(va);
    va_end(va);
    if (args == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_Call(callable, args, NULL);
    Py_DECREF(args);
    return r;
}

PyObject *PyObject_CallMethodObjArgs(PyObject *obj, PyObject *name, ...)
{
    PyObject *m = PyObject_GetAttr(obj, name);
    if (m == NULL) {
        return NULL;
    }
    va_list va;
    va_start(va, name);
    PyObject *args = objargs_tuple(va);
    va_end(va);
    PyObject *r = args == NULL ? NULL : PyObject_Call(m, args, NULL);
    Py_XDECREF(args);
    Py_DECREF(m);
    return r;
}
