/* str's case mappings and character predicates over every code point (one checksum per plane, so a difference
   shows where to look: chars() lists the answers of a range), and on strings where context matters (final sigma,
   title case, cased and case-ignorable neighbours). Errors come back as "Type: message" strings.
   KnownAnswerModulesTest compares the answers with CPython 3.13's (Unicode 15.1). */
#include <Python.h>

static PyObject *error_text(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    PyObject *r = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

static PyObject *or_error(PyObject *r)
{
    return r != NULL ? r : error_text();
}

#define FNV_PRIME 1099511628211ULL

static unsigned long long mix(unsigned long long h, unsigned long long v)
{
    for (int i = 0; i < 4; i++) {
        h = (h ^ (v & 0xff)) * FNV_PRIME;
        v >>= 8;
    }
    return h;
}

/* The method's answer for chr(c): a bool as 0/1 into the hash when true, a str when it is not chr(c). */
static int account(PyObject *r, Py_UCS4 c, unsigned long long *h, long *n)
{
    if (r == NULL) {
        return -1;
    }
    if (PyBool_Check(r)) {
        if (r == Py_True) {
            *h = mix(*h, c);
            (*n)++;
        }
    } else if (PyUnicode_Check(r)) {
        Py_ssize_t len = PyUnicode_GET_LENGTH(r);
        if (len != 1 || PyUnicode_READ_CHAR(r, 0) != c) {
            *h = mix(*h, c);
            for (Py_ssize_t i = 0; i < len; i++) {
                *h = mix(*h, PyUnicode_READ_CHAR(r, i));
            }
            (*n)++;
        }
    }
    Py_DECREF(r);
    return 0;
}

/* planes(name, prefix): for each of the 17 planes, (count, hash) of the code points c where
   (prefix + chr(c)).name() is True or differs from prefix + chr(c)... for mappings the answer's last characters are
   compared with chr(c) only when prefix is empty. */
static PyObject *planes(PyObject *self, PyObject *args)
{
    const char *name;
    PyObject *prefix;
    if (!PyArg_ParseTuple(args, "sU", &name, &prefix)) {
        return NULL;
    }
    PyObject *out = PyTuple_New(17);
    if (out == NULL) {
        return NULL;
    }
    for (int p = 0; p < 17; p++) {
        unsigned long long h = 14695981039346656037ULL;
        long n = 0;
        for (Py_UCS4 c = p * 0x10000; c < (Py_UCS4)(p + 1) * 0x10000; c++) {
            PyObject *ch = PyUnicode_FromOrdinal(c);
            PyObject *s = ch == NULL ? NULL : PyUnicode_Concat(prefix, ch);
            Py_XDECREF(ch);
            PyObject *r = s == NULL ? NULL : PyObject_CallMethod(s, name, NULL);
            Py_XDECREF(s);
            if (r != NULL && PyUnicode_Check(r) && PyUnicode_GET_LENGTH(prefix) > 0) {
                PyObject *tail = PyUnicode_Substring(r, PyUnicode_GET_LENGTH(prefix), PY_SSIZE_T_MAX);
                Py_DECREF(r);
                r = tail;
            }
            if (account(r, c, &h, &n) < 0) {
                Py_DECREF(out);
                return NULL;
            }
        }
        PyTuple_SET_ITEM(out, p, Py_BuildValue("(lK)", n, h));
    }
    return out;
}

/* chars(name, lo, hi): [(c, answer)] for the code points in [lo, hi) where the answer is True or not chr(c). */
static PyObject *chars(PyObject *self, PyObject *args)
{
    const char *name;
    unsigned int lo, hi;
    if (!PyArg_ParseTuple(args, "sII", &name, &lo, &hi)) {
        return NULL;
    }
    PyObject *out = PyList_New(0);
    for (Py_UCS4 c = lo; c < hi && out != NULL; c++) {
        PyObject *ch = PyUnicode_FromOrdinal(c);
        PyObject *r = ch == NULL ? NULL : PyObject_CallMethod(ch, name, NULL);
        if (r == NULL) {
            Py_XDECREF(ch);
            Py_CLEAR(out);
            break;
        }
        int keep = r == Py_True || (PyUnicode_Check(r) && PyUnicode_Compare(r, ch) != 0);
        Py_DECREF(ch);
        if (keep) {
            PyObject *pair = Py_BuildValue("(IO)", (unsigned int)c, r);
            if (pair == NULL || PyList_Append(out, pair) < 0) {
                Py_CLEAR(out);
            }
            Py_XDECREF(pair);
        }
        Py_DECREF(r);
    }
    return out;
}

static const char *METHODS[] = {"lower", "upper", "title", "capitalize", "swapcase", "casefold", "islower",
                                "isupper", "istitle", "isalpha", "isalnum", "isdecimal", "isdigit", "isnumeric",
                                "isspace", "isprintable", "isidentifier", "isascii"};

/* cases(s): every mapping and predicate of s, in METHODS' order. */
static PyObject *cases(PyObject *self, PyObject *args)
{
    PyObject *s;
    if (!PyArg_ParseTuple(args, "O", &s)) {
        return NULL;
    }
    size_t n = sizeof(METHODS) / sizeof(METHODS[0]);
    PyObject *out = PyTuple_New(n);
    for (size_t i = 0; out != NULL && i < n; i++) {
        PyTuple_SET_ITEM(out, i, or_error(PyObject_CallMethod(s, METHODS[i], NULL)));
    }
    return out;
}

/* call(obj, name, args): obj.name(*args), errors as text. */
static PyObject *call(PyObject *self, PyObject *args)
{
    PyObject *obj, *name, *rest;
    if (!PyArg_ParseTuple(args, "OUO!", &obj, &name, &PyTuple_Type, &rest)) {
        return NULL;
    }
    PyObject *m = PyObject_GetAttr(obj, name);
    if (m == NULL) {
        return error_text();
    }
    PyObject *r = PyObject_Call(m, rest, NULL);
    Py_DECREF(m);
    return or_error(r);
}

static PyMethodDef methods[] = {
    {"planes", planes, METH_VARARGS, NULL},
    {"chars", chars, METH_VARARGS, NULL},
    {"cases", cases, METH_VARARGS, NULL},
    {"call", call, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "strcase", NULL, -1, methods};

PyMODINIT_FUNC PyInit_strcase(void)
{
    return PyModule_Create(&module);
}
