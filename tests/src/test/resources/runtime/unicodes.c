/* PyUnicode_* searching, splitting, replacing, wide characters, in-place modification and Unicode error objects.
   Errors come back as "Type: message" strings. KnownAnswerModulesTest compares the answers with CPython 3.13t's. */
#include <Python.h>
#include <wchar.h>

/* The raised exception as "Type: message", cleared. */
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

static PyObject *ssize_or_error(Py_ssize_t n)
{
    return n == -1 && PyErr_Occurred() ? error_text() : PyLong_FromSsize_t(n);
}

static PyObject *search(PyObject *self, PyObject *args)
{
    PyObject *s, *sub;
    Py_ssize_t start, end;
    if (!PyArg_ParseTuple(args, "OOnn", &s, &sub, &start, &end)) {
        return NULL;
    }
    Py_UCS4 ch = PyUnicode_Check(sub) && PyUnicode_GET_LENGTH(sub) > 0 ? PyUnicode_READ_CHAR(sub, 0) : 'x';
    return Py_BuildValue("(NNNNNNN)", ssize_or_error(PyUnicode_Count(s, sub, start, end)),
                         ssize_or_error(PyUnicode_Find(s, sub, start, end, 1)),
                         ssize_or_error(PyUnicode_Find(s, sub, start, end, -1)),
                         ssize_or_error(PyUnicode_Tailmatch(s, sub, start, end, -1)),
                         ssize_or_error(PyUnicode_Tailmatch(s, sub, start, end, 1)),
                         PyUnicode_Check(s) ? ssize_or_error(PyUnicode_FindChar(s, ch, start, end, 1)) : Py_NewRef(Py_None),
                         PyUnicode_Check(s) ? ssize_or_error(PyUnicode_FindChar(s, ch, start, end, -1)) : Py_NewRef(Py_None));
}

static PyObject *replace(PyObject *self, PyObject *args)
{
    PyObject *s, *a, *b;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "OOOn", &s, &a, &b, &n)) {
        return NULL;
    }
    return or_error(PyUnicode_Replace(s, a, b, n));
}

static PyObject *splits(PyObject *self, PyObject *args)
{
    PyObject *s, *sep;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "OOn", &s, &sep, &n)) {
        return NULL;
    }
    PyObject *sp = sep == Py_None ? NULL : sep;
    return Py_BuildValue("(NNNN)", or_error(PyUnicode_Split(s, sp, n)), or_error(PyUnicode_RSplit(s, sp, n)),
                         sep == Py_None ? Py_NewRef(Py_None) : or_error(PyUnicode_Partition(s, sep)),
                         sep == Py_None ? Py_NewRef(Py_None) : or_error(PyUnicode_RPartition(s, sep)));
}

static PyObject *lines(PyObject *self, PyObject *s)
{
    return Py_BuildValue("(NN)", or_error(PyUnicode_Splitlines(s, 0)), or_error(PyUnicode_Splitlines(s, 1)));
}

static PyObject *identifier(PyObject *self, PyObject *s)
{
    return PyLong_FromLong(PyUnicode_IsIdentifier(s));
}

static PyObject *translate(PyObject *self, PyObject *args)
{
    PyObject *s, *table;
    if (!PyArg_ParseTuple(args, "OO", &s, &table)) {
        return NULL;
    }
    return Py_BuildValue("(NNN)", or_error(PyUnicode_Translate(s, table, NULL)),
                         or_error(PyUnicode_Translate(s, table, "ignore")), or_error(PyUnicode_Translate(s, table, "replace")));
}

static PyObject *wide(PyObject *self, PyObject *s)
{
    wchar_t buf[4] = {L'#', L'#', L'#', L'#'};
    Py_ssize_t needed = PyUnicode_AsWideChar(s, NULL, 0);
    PyObject *needed_o = ssize_or_error(needed);
    Py_ssize_t copied = PyUnicode_AsWideChar(s, buf, 3);
    PyObject *copied_o = ssize_or_error(copied);
    PyObject *units = Py_BuildValue("(kkkk)", (unsigned long)buf[0], (unsigned long)buf[1], (unsigned long)buf[2],
                                    (unsigned long)buf[3]);
    Py_ssize_t size = -5;
    wchar_t *w = PyUnicode_AsWideCharString(s, &size);
    PyObject *back = w != NULL ? Py_BuildValue("(Nn)", PyUnicode_FromWideChar(w, -1), size) : error_text();
    PyMem_Free(w);
    wchar_t *strict = PyUnicode_AsWideCharString(s, NULL);
    PyObject *strict_o = strict != NULL ? PyUnicode_FromWideChar(strict, size) : error_text();
    PyMem_Free(strict);
    return Py_BuildValue("(NNNNN)", needed_o, copied_o, units, back, strict_o);
}

static PyObject *wide_bad(PyObject *self, PyObject *args)
{
    wchar_t bad[2] = {(wchar_t)0x110000, 0};
    wchar_t two[3] = {L'a', 0, L'b'};
    return Py_BuildValue("(NNN)", or_error(PyUnicode_FromWideChar(bad, 1)), or_error(PyUnicode_FromWideChar(two, 3)),
                         ssize_or_error(PyUnicode_AsWideChar(Py_None, NULL, 0)));
}

static PyObject *ucs4(PyObject *self, PyObject *s)
{
    Py_UCS4 buf[3] = {7, 7, 7};
    PyObject *small = PyUnicode_AsUCS4(s, buf, 2, 1) ? Py_BuildValue("(kkk)", buf[0], buf[1], buf[2]) : error_text();
    PyObject *after = Py_BuildValue("k", (unsigned long)buf[0]);
    Py_UCS4 big[8] = {7, 7, 7, 7, 7, 7, 7, 7};
    PyObject *nonull = PyUnicode_AsUCS4(s, big, 8, 0) ? Py_BuildValue("(kkkk)", big[0], big[1], big[2], big[3]) : error_text();
    Py_UCS4 *copy = PyUnicode_AsUCS4Copy(s);
    PyObject *copied = copy ? PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, copy, PyUnicode_GET_LENGTH(s)) : error_text();
    PyMem_Free(copy);
    return Py_BuildValue("(NNNN)", small, after, nonull, copied);
}

/* Fill, CopyCharacters and Resize on fresh strings, and the "shared string" refusals. */
static PyObject *modify(PyObject *self, PyObject *args)
{
    PyObject *s = PyUnicode_New(6, 0xff);
    PyObject *fill = ssize_or_error(PyUnicode_Fill(s, 0, 10, 'a'));
    PyObject *fill2 = ssize_or_error(PyUnicode_Fill(s, 4, 1, 0xe9));
    PyObject *toobig = ssize_or_error(PyUnicode_Fill(s, 0, 1, 0x100));
    PyObject *negative = ssize_or_error(PyUnicode_Fill(s, -1, 1, 'b'));
    PyObject *past = ssize_or_error(PyUnicode_Fill(s, 9, 1, 'b'));
    PyObject *src = PyUnicode_FromString("xyz\xc3\xa9");
    PyObject *copy = ssize_or_error(PyUnicode_CopyCharacters(s, 1, src, 0, 2));
    PyObject *copy_many = ssize_or_error(PyUnicode_CopyCharacters(s, 3, src, 1, 100));
    PyObject *copy_over = ssize_or_error(PyUnicode_CopyCharacters(s, 5, src, 0, 3));
    PyObject *copy_neg = ssize_or_error(PyUnicode_CopyCharacters(s, 0, src, 0, -1));
    PyObject *copy_idx = ssize_or_error(PyUnicode_CopyCharacters(s, 7, src, 0, 1));
    PyObject *wide = PyUnicode_FromString("\xe2\x82\xac");
    PyObject *copy_kind = ssize_or_error(PyUnicode_CopyCharacters(s, 0, wide, 0, 1));
    PyObject *ascii = PyUnicode_New(2, 0x7f);
    PyUnicode_Fill(ascii, 0, 2, 'q');
    PyObject *copy_ascii = ssize_or_error(PyUnicode_CopyCharacters(ascii, 0, src, 3, 1));
    PyObject *value = PyUnicode_Substring(s, 0, 6);
    Py_INCREF(s);
    PyObject *shared = ssize_or_error(PyUnicode_Fill(s, 0, 1, 'z'));
    Py_DECREF(s);
    PyObject *r = PyUnicode_Resize(&s, 3) == 0 ? PyUnicode_Substring(s, 0, 3) : error_text();
    PyObject *grown = PyUnicode_FromString("ab");
    PyObject *g = PyUnicode_Resize(&grown, 1) == 0 ? Py_NewRef(grown) : error_text();
    Py_DECREF(s);
    Py_DECREF(src);
    Py_DECREF(wide);
    Py_DECREF(ascii);
    Py_DECREF(grown);
    return Py_BuildValue("(NNNNNNNNNNNNNNNNN)", fill, fill2, toobig, negative, past, copy, copy_many, copy_over,
                         copy_neg, copy_idx, copy_kind, copy_ascii, value, shared, r, g,
                         PyUnicode_FromString(PyUnicode_GetDefaultEncoding()));
}

/* A UnicodeDecodeError from PyUnicodeDecodeError_Create: accessors, attributes, str(). */
static PyObject *decode_error(PyObject *self, PyObject *args)
{
    const char *data;
    Py_ssize_t len, start, end;
    if (!PyArg_ParseTuple(args, "y#nn", &data, &len, &start, &end)) {
        return NULL;
    }
    PyObject *e = PyUnicodeDecodeError_Create("utf-8", data, len, start, end, "bad thing");
    if (e == NULL) {
        return error_text();
    }
    Py_ssize_t s = -9, n = -9;
    PyUnicodeDecodeError_GetStart(e, &s);
    PyUnicodeDecodeError_GetEnd(e, &n);
    PyObject *attrs = Py_BuildValue("(NNNNN)", PyObject_GetAttrString(e, "encoding"), PyObject_GetAttrString(e, "object"),
                                    PyObject_GetAttrString(e, "start"), PyObject_GetAttrString(e, "end"),
                                    PyObject_GetAttrString(e, "reason"));
    PyObject *str1 = PyObject_Str(e);
    PyUnicodeDecodeError_SetReason(e, "other");
    PyUnicodeDecodeError_SetStart(e, 1);
    PyUnicodeDecodeError_SetEnd(e, 2);
    PyObject *str2 = PyObject_Str(e);
    PyObject *r = Py_BuildValue("(nnNNNNNNNO)", s, n, attrs, str1, str2, PyUnicodeDecodeError_GetEncoding(e),
                                PyUnicodeDecodeError_GetObject(e), PyUnicodeDecodeError_GetReason(e),
                                PyObject_Repr(e), (PyObject *)Py_TYPE(e));
    Py_DECREF(e);
    return r;
}

/* The exception a failing call raised, taken out of the indicator (NULL when it did not fail). */
static PyObject *raised_by(PyObject *r)
{
    if (r != NULL) {
        Py_DECREF(r);
        return NULL;
    }
    return PyErr_GetRaisedException();
}

/* Encode and translate errors raised by the codecs, moved with the setters and read through the C accessors. */
static PyObject *encode_error(PyObject *self, PyObject *args)
{
    PyObject *obj;
    Py_ssize_t start, end;
    if (!PyArg_ParseTuple(args, "Unn", &obj, &start, &end)) {
        return NULL;
    }
    PyObject *e = raised_by(PyUnicode_AsEncodedString(obj, "ascii", "strict"));
    PyObject *table = Py_BuildValue("{iO}", 'a', Py_None);
    PyObject *t = raised_by(PyUnicode_Translate(obj, table, NULL));
    Py_DECREF(table);
    if (e == NULL || t == NULL) {
        Py_XDECREF(e);
        Py_XDECREF(t);
        return PyUnicode_FromString("did not fail");
    }
    PyObject *before = Py_BuildValue("(NN)", PyObject_Str(e), PyObject_Str(t));
    PyUnicodeEncodeError_SetStart(e, start);
    PyUnicodeEncodeError_SetEnd(e, end);
    PyUnicodeTranslateError_SetStart(t, start);
    PyUnicodeTranslateError_SetEnd(t, end);
    Py_ssize_t s = -9, n = -9, ts = -9, tn = -9;
    PyUnicodeEncodeError_GetStart(e, &s);
    PyUnicodeEncodeError_GetEnd(e, &n);
    PyUnicodeTranslateError_GetStart(t, &ts);
    PyUnicodeTranslateError_GetEnd(t, &tn);
    PyObject *strs = Py_BuildValue("(NN)", PyObject_Str(e), PyObject_Str(t));
    PyUnicodeEncodeError_SetReason(e, "changed");
    PyUnicodeTranslateError_SetReason(t, "also");
    PyObject *r = Py_BuildValue("(NnnnnNNNNNNNN)", before, s, n, ts, tn, strs, PyObject_Str(e), PyObject_Str(t),
                                PyUnicodeEncodeError_GetEncoding(e), PyUnicodeEncodeError_GetObject(e),
                                PyUnicodeEncodeError_GetReason(e), PyUnicodeTranslateError_GetReason(t),
                                PyUnicodeTranslateError_GetObject(t));
    Py_DECREF(e);
    Py_DECREF(t);
    return r;
}

/* A subclass made by PyErr_NewException keeps UnicodeDecodeError's fields. */
static PyObject *subclass_error(PyObject *self, PyObject *args)
{
    PyObject *cls = PyErr_NewException("unicodes.MyDecodeError", PyExc_UnicodeDecodeError, NULL);
    if (cls == NULL) {
        return NULL;
    }
    PyObject *e = PyUnicodeDecodeError_Create("ascii", "a\xff", 2, 1, 2, "mine");
    PyObject *fields = Py_BuildValue("(NN)", PyObject_GetAttrString(e, "reason"), PyObject_Str(e));
    Py_DECREF(e);
    PyObject *r = Py_BuildValue("(NN)", fields, PyLong_FromSsize_t(((PyTypeObject *)cls)->tp_basicsize >= 128));
    Py_DECREF(cls);
    return r;
}

static PyObject *format(PyObject *self, PyObject *args)
{
    PyObject *f, *a;
    if (!PyArg_ParseTuple(args, "OO", &f, &a)) {
        return NULL;
    }
    return or_error(PyUnicode_Format(f, a));
}

static PyMethodDef methods[] = {
    {"format", format, METH_VARARGS, NULL},
    {"subclass_error", subclass_error, METH_NOARGS, NULL},
    {"search", search, METH_VARARGS, NULL},
    {"replace", replace, METH_VARARGS, NULL},
    {"splits", splits, METH_VARARGS, NULL},
    {"lines", lines, METH_O, NULL},
    {"identifier", identifier, METH_O, NULL},
    {"translate", translate, METH_VARARGS, NULL},
    {"wide", wide, METH_O, NULL},
    {"wide_bad", wide_bad, METH_NOARGS, NULL},
    {"ucs4", ucs4, METH_O, NULL},
    {"modify", modify, METH_NOARGS, NULL},
    {"decode_error", decode_error, METH_VARARGS, NULL},
    {"encode_error", encode_error, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "unicodes", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_unicodes(void)
{
    return PyModuleDef_Init(&module);
}
