/* memoryview through the C-API: PyMemoryView_FromObject/FromMemory/FromBuffer/GetContiguous, the attributes,
   indexing and slicing with the single-character struct formats (casts), item and slice assignment, release
   and the exports it waits for, comparison and hashing, and the buffer protocol of a memoryview itself.
   Each function returns a tuple; a call that raises gives "Type: message". KnownAnswerModulesTest compares the
   answers with CPython 3.13's. */
#include <Python.h>

static PyObject *error_text(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    PyObject *msg = PyObject_Str(exc);
    PyObject *r = msg != NULL && PyUnicode_GetLength(msg) > 0
                      ? PyUnicode_FromFormat("%s: %U", Py_TYPE(exc)->tp_name, msg)
                      : PyUnicode_FromString(Py_TYPE(exc)->tp_name);
    Py_XDECREF(msg);
    Py_DECREF(exc);
    return r;
}

static PyObject *or_error(PyObject *r)
{
    return r != NULL ? r : error_text();
}

static PyObject *int_or_error(int r)
{
    return r < 0 && PyErr_Occurred() ? error_text() : PyLong_FromLong(r);
}

static PyObject *ssize_or_error(Py_ssize_t r)
{
    return r == -1 && PyErr_Occurred() ? error_text() : PyLong_FromSsize_t(r);
}

/* A memoryview's contents (its repr holds an address), or the error that left it NULL. */
static PyObject *contents(PyObject *m)
{
    if (m == NULL) {
        return NULL;
    }
    PyObject *r = PyObject_CallMethod(m, "tobytes", NULL);
    Py_DECREF(m);
    return r;
}

#define CALL(out, obj, name, ...) PyList_Append(out, tmp = or_error(PyObject_CallMethod(obj, name, __VA_ARGS__))), Py_DECREF(tmp)
#define ADD(out, expr) PyList_Append(out, tmp = or_error(expr)), Py_DECREF(tmp)
#define ADDI(out, expr) PyList_Append(out, tmp = int_or_error(expr)), Py_DECREF(tmp)
#define ADDN(out, expr) PyList_Append(out, tmp = ssize_or_error(expr)), Py_DECREF(tmp)
#define ATTR(out, obj, name) ADD(out, PyObject_GetAttrString(obj, name))

static PyObject *finish(PyObject *out)
{
    PyObject *t = PyList_AsTuple(out);
    Py_DECREF(out);
    return t;
}

static PyObject *slice(long start, long stop, long step)
{
    PyObject *a = start == LONG_MIN ? Py_NewRef(Py_None) : PyLong_FromLong(start);
    PyObject *b = stop == LONG_MIN ? Py_NewRef(Py_None) : PyLong_FromLong(stop);
    PyObject *c = step == LONG_MIN ? Py_NewRef(Py_None) : PyLong_FromLong(step);
    PyObject *s = PySlice_New(a, b, c);
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(c);
    return s;
}

#define NONE LONG_MIN

static const char *ATTRS[] = {"format", "itemsize", "nbytes", "ndim", "shape", "strides", "suboffsets", "readonly",
                              "c_contiguous", "f_contiguous", "contiguous", NULL};

static void attrs(PyObject *out, PyObject *m)
{
    PyObject *tmp;
    for (int i = 0; ATTRS[i] != NULL; i++) {
        ATTR(out, m, ATTRS[i]);
    }
}

static PyObject *basics(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp, *k, *k2 = NULL;
    (void)k2;
    PyObject *ba = PyByteArray_FromStringAndSize("abcdef", 6);
    PyObject *m = PyMemoryView_FromObject(ba);
    ADD(out, PyUnicode_FromString(Py_TYPE(m)->tp_name));
    ADDI(out, PyMemoryView_Check(m));
    attrs(out, m);
    ADD(out, PyBool_FromLong(PyObject_GetAttrString(m, "obj") == ba));
    Py_DECREF(ba); /* the attribute's reference */
    ADD(out, PyObject_GetItem(m, k = PyLong_FromLong(0)));
    Py_DECREF(k);
    ADD(out, PyObject_GetItem(m, k = PyLong_FromLong(-1)));
    Py_DECREF(k);
    ADD(out, PyObject_GetItem(m, k = PyLong_FromLong(6)));
    Py_DECREF(k);
    ADD(out, PyObject_GetItem(m, k = PyUnicode_FromString("a")));
    Py_DECREF(k);
    ADD(out, PySequence_GetItem(m, 2));
    ADDN(out, PyObject_Length(m));
    PyObject *s = PyObject_GetItem(m, k = slice(1, 5, NONE));
    Py_DECREF(k);
    attrs(out, s);
    CALL(out, s, "tobytes", NULL);
    CALL(out, s, "tolist", NULL);
    PyObject *s2 = PyObject_GetItem(m, k = slice(NONE, NONE, 2));
    Py_DECREF(k);
    attrs(out, s2);
    CALL(out, s2, "tobytes", NULL);
    PyObject *s3 = PyObject_GetItem(m, k = slice(NONE, NONE, -1));
    Py_DECREF(k);
    CALL(out, s3, "tobytes", NULL);
    CALL(out, s3, "tolist", NULL);
    ADD(out, PySequence_List(s3));
    ADDI(out, PyObject_SetItem(m, k = PyLong_FromLong(0), k2 = PyLong_FromLong(65)));
    Py_DECREF(k);
    Py_DECREF(k2);
    ADDI(out, PyObject_SetItem(m, k = PyLong_FromLong(0), k2 = PyLong_FromLong(300)));
    Py_DECREF(k);
    Py_DECREF(k2);
    ADDI(out, PyObject_SetItem(m, k = PyLong_FromLong(0), k2 = PyUnicode_FromString("a")));
    Py_DECREF(k);
    Py_DECREF(k2);
    ADDI(out, PyObject_SetItem(m, k = slice(0, 2, NONE), k2 = PyBytes_FromString("xy")));
    Py_DECREF(k);
    Py_DECREF(k2);
    ADDI(out, PyObject_SetItem(m, k = slice(0, 2, NONE), k2 = PyBytes_FromString("xyz")));
    Py_DECREF(k);
    Py_DECREF(k2);
    ADDI(out, PyObject_SetItem(m, k = slice(NONE, NONE, 3), k2 = PyBytes_FromString("QR")));
    Py_DECREF(k);
    Py_DECREF(k2);
    ADDI(out, PyObject_DelItem(m, k = PyLong_FromLong(0)));
    Py_DECREF(k);
    ADD(out, PyObject_Repr(ba));
    CALL(out, m, "hex", NULL);
    CALL(out, m, "hex", "si", ":", 2);
    CALL(out, m, "tobytes", "s", "F");
    CALL(out, m, "tobytes", "s", "X");
    ADDN(out, PyObject_Hash(m));
    CALL(out, ba, "append", "i", 1);
    Py_DECREF(s);
    Py_DECREF(s2);
    Py_DECREF(s3);
    CALL(out, ba, "append", "i", 1);
    CALL(out, m, "release", NULL);
    CALL(out, ba, "append", "i", 1);
    ADD(out, PyObject_Repr(ba));
    ADD(out, PyObject_GetItem(m, k = PyLong_FromLong(0)));
    Py_DECREF(k);
    ADDN(out, PyObject_Length(m));
    ATTR(out, m, "format");
    ATTR(out, m, "obj");
    CALL(out, m, "tobytes", NULL);
    CALL(out, m, "release", NULL);
    CALL(out, m, "__enter__", NULL);
    ADD(out, PyObject_RichCompare(m, m, Py_EQ));
    ADD(out, PyUnicode_FromFormat("%.18s", PyUnicode_AsUTF8(k2 = PyObject_Repr(m))));
    Py_DECREF(k2);
    Py_DECREF(m);
    Py_DECREF(ba);
    return finish(out);
}

static PyObject *formats(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp, *k2 = NULL;
    (void)k2;
    unsigned char raw[8] = {0, 1, 2, 3, 4, 5, 6, 255};
    PyObject *b8 = PyBytes_FromStringAndSize((const char *)raw, 8);
    PyObject *m = PyMemoryView_FromObject(b8);
    const char *fmts[] = {"B", "b", "c", "?", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "f", "d", "P", "@B",
                          "@i", NULL};
    for (int i = 0; fmts[i] != NULL; i++) {
        PyObject *c = PyObject_CallMethod(m, "cast", "s", fmts[i]);
        if (c == NULL) {
            ADD(out, NULL);
            continue;
        }
        CALL(out, c, "tolist", NULL);
        ATTR(out, c, "format");
        ATTR(out, c, "itemsize");
        ADDN(out, PyObject_Length(c));
        ADD(out, PySequence_GetItem(c, 0));
        Py_DECREF(c);
    }
    ADD(out, contents(PyObject_CallMethod(m, "cast", "s", "x")));
    ADD(out, contents(PyObject_CallMethod(m, "cast", "s", "<i")));
    ADD(out, contents(PyObject_CallMethod(m, "cast", "i", 1)));
    PyObject *ci = PyObject_CallMethod(m, "cast", "s", "i");
    ADD(out, contents(PyObject_CallMethod(ci, "cast", "s", "h")));
    ADD(out, contents(PyObject_CallMethod(ci, "cast", "s", "B")));
    ADDN(out, PyObject_Hash(ci));
    ADD(out, PyObject_RichCompare(ci, ci, Py_EQ));
    Py_DECREF(ci);
    PyObject *odd = PyMemoryView_FromObject(tmp = PyBytes_FromString("abc"));
    Py_DECREF(tmp);
    ADD(out, contents(PyObject_CallMethod(odd, "cast", "i")));
    Py_DECREF(odd);
    PyObject *m2 = PyObject_CallMethod(m, "cast", "s(ii)", "B", 2, 4);
    attrs(out, m2);
    CALL(out, m2, "tolist", NULL);
    CALL(out, m2, "tobytes", NULL);
    CALL(out, m2, "tobytes", "s", "F");
    ADD(out, PyObject_GetItem(m2, k2 = Py_BuildValue("(ii)", 1, 2)));
    Py_DECREF(k2);
    ADD(out, PyObject_GetItem(m2, k2 = Py_BuildValue("(ii)", 2, 0)));
    Py_DECREF(k2);
    ADD(out, PyObject_GetItem(m2, k2 = PyLong_FromLong(0)));
    Py_DECREF(k2);
    ADD(out, PyObject_GetIter(m2));
    ADD(out, contents(PyObject_CallMethod(m2, "cast", "s(ii)", "B", 4, 2)));
    PyObject *flat = PyObject_CallMethod(m2, "cast", "s", "B");
    if (flat != NULL) {
        CALL(out, flat, "tolist", NULL);
        Py_DECREF(flat);
    }
    Py_DECREF(m2);
    ADD(out, contents(PyObject_CallMethod(m, "cast", "s(ii)", "B", 3, 3)));
    ADD(out, contents(PyObject_CallMethod(m, "cast", "sO", "B", Py_None)));
    ADD(out, contents(PyObject_CallMethod(m, "cast", "si", "B", 8)));
    PyObject *one = PyMemoryView_FromObject(tmp = PyBytes_FromString("z"));
    Py_DECREF(tmp);
    PyObject *z = PyObject_CallMethod(one, "cast", "s()", "B");
    if (z != NULL) {
        attrs(out, z);
        ADD(out, PyObject_GetItem(z, k2 = PyTuple_New(0)));
        Py_DECREF(k2);
        ADD(out, PyObject_GetItem(z, k2 = PyLong_FromLong(0)));
        Py_DECREF(k2);
        CALL(out, z, "tolist", NULL);
        ADDN(out, PyObject_Length(z));
        Py_DECREF(z);
    }
    Py_DECREF(one);
    PyObject *stepped = PyObject_GetItem(m, tmp = slice(NONE, NONE, 2));
    Py_DECREF(tmp);
    ADD(out, contents(PyObject_CallMethod(stepped, "cast", "s", "B")));
    Py_DECREF(stepped);
    Py_DECREF(m);
    Py_DECREF(b8);
    return finish(out);
}

static PyObject *assignment(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp, *k, *k2 = NULL;
    (void)k2;
    PyObject *ba = PyByteArray_FromStringAndSize("\0\0\0\0\0\0\0\0", 8);
    PyObject *m = PyMemoryView_FromObject(ba);
    PyObject *mi = PyObject_CallMethod(m, "cast", "s", "i");
    PyObject *md = PyObject_CallMethod(m, "cast", "s", "d");
    PyObject *mc = PyObject_CallMethod(m, "cast", "s", "c");
    PyObject *mq = PyObject_CallMethod(m, "cast", "s", "?");
    PyObject *mb = PyObject_CallMethod(m, "cast", "s", "b");
    PyObject *mh = PyObject_CallMethod(m, "cast", "s", "H");
    struct { PyObject *view; PyObject *value; } cases[] = {
        {mi, PyLong_FromLong(-7)}, {mi, PyLong_FromLongLong(1LL << 40)}, {mi, PyFloat_FromDouble(1.5)},
        {md, PyFloat_FromDouble(2.25)}, {md, PyLong_FromLong(3)}, {md, PyUnicode_FromString("a")},
        {mc, PyBytes_FromString("Z")}, {mc, PyBytes_FromString("ab")}, {mc, PyLong_FromLong(1)},
        {mq, PyLong_FromLong(5)}, {mq, Py_NewRef(Py_None)}, {mb, PyLong_FromLong(-128)}, {mb, PyLong_FromLong(200)},
        {mh, PyLong_FromLong(65535)}, {mh, PyLong_FromLong(-1)}, {NULL, NULL}};
    for (int i = 0; cases[i].view != NULL; i++) {
        ADDI(out, PyObject_SetItem(cases[i].view, k = PyLong_FromLong(0), cases[i].value));
        Py_DECREF(k);
        Py_DECREF(cases[i].value);
        CALL(out, cases[i].view, "tolist", NULL);
    }
    ADD(out, PyObject_Repr(ba));
    ADDI(out, PyObject_SetItem(mi, k = slice(0, 1, NONE), k2 = PyBytes_FromString("abcd")));
    Py_DECREF(k);
    Py_DECREF(k2);
    PyObject *src = PyObject_CallMethod(tmp = PyMemoryView_FromObject(k = PyBytes_FromString("abcdefgh")), "cast",
                                        "s", "i");
    Py_DECREF(tmp);
    Py_DECREF(k);
    ADDI(out, PyObject_SetItem(mi, k = slice(NONE, NONE, NONE), src));
    Py_DECREF(k);
    Py_DECREF(src);
    ADD(out, PyObject_Repr(ba));
    ADDI(out, PyObject_SetItem(m, k = slice(0, 4, NONE), k2 = PyObject_GetItem(m, src = slice(4, 8, NONE))));
    Py_DECREF(k);
    Py_DECREF(k2);
    Py_DECREF(src);
    ADD(out, PyObject_Repr(ba));
    PyObject *ro = PyObject_CallMethod(m, "toreadonly", NULL);
    ATTR(out, ro, "readonly");
    ADDI(out, PyObject_SetItem(ro, k = PyLong_FromLong(0), k2 = PyLong_FromLong(1)));
    Py_DECREF(k);
    Py_DECREF(k2);
    ADDN(out, PyObject_Hash(ro));
    ADDN(out, PyObject_Hash(m));
    PyObject *rb = PyMemoryView_FromObject(tmp = PyBytes_FromString("abc"));
    Py_DECREF(tmp);
    ADDI(out, PyObject_SetItem(rb, k = PyLong_FromLong(0), k2 = PyLong_FromLong(1)));
    Py_DECREF(k);
    Py_DECREF(k2);
    tmp = PyBytes_FromString("abc");
    ADD(out, PyBool_FromLong(PyObject_Hash(rb) == PyObject_Hash(tmp)));
    Py_DECREF(tmp);
    PyObject *views[] = {mi, md, mc, mq, mb, mh, ro, rb, NULL};
    for (int i = 0; views[i] != NULL; i++) {
        Py_DECREF(views[i]);
    }
    Py_DECREF(m);
    CALL(out, ba, "append", "i", 1);
    ADDN(out, PyByteArray_GET_SIZE(ba));
    Py_DECREF(ba);
    return finish(out);
}

static PyObject *compare_and_release(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp, *k, *k2 = NULL;
    (void)k2;
    PyObject *b = PyBytes_FromString("abc");
    PyObject *m = PyMemoryView_FromObject(b);
    ADD(out, PyObject_RichCompare(m, b, Py_EQ));
    ADD(out, PyObject_RichCompare(b, m, Py_EQ));
    ADD(out, PyObject_RichCompare(m, k2 = PyByteArray_FromStringAndSize("abc", 3), Py_EQ));
    Py_DECREF(k2);
    ADD(out, PyObject_RichCompare(m, k2 = PyBytes_FromString("abd"), Py_NE));
    Py_DECREF(k2);
    ADD(out, PyObject_RichCompare(m, k2 = PyLong_FromLong(1), Py_EQ));
    Py_DECREF(k2);
    ADD(out, PyObject_RichCompare(m, b, Py_LT));
    CALL(out, m, "__eq__", "i", 1);
    CALL(out, m, "__lt__", "O", b);
    PyObject *m2 = PyMemoryView_FromObject(m);
    ADD(out, PyObject_RichCompare(m, m2, Py_EQ));
    ADD(out, PyBool_FromLong(PyMemoryView_GET_BASE(m2) == b));
    ADDN(out, PyMemoryView_GET_BUFFER(m2)->len);
    ADD(out, PyBytes_FromStringAndSize(PyMemoryView_GET_BUFFER(m2)->buf, PyMemoryView_GET_BUFFER(m2)->len));
    CALL(out, m, "release", NULL);
    CALL(out, m2, "tobytes", NULL);
    ADD(out, PyObject_RichCompare(m, m2, Py_EQ));
    Py_DECREF(m2);
    Py_DECREF(m);
    PyObject *ba = PyByteArray_FromStringAndSize("xyz", 3);
    PyObject *a = PyMemoryView_FromObject(ba);
    PyObject *sl = PyObject_GetItem(a, k = slice(1, NONE, NONE));
    Py_DECREF(k);
    CALL(out, a, "release", NULL);
    CALL(out, sl, "tobytes", NULL);
    CALL(out, ba, "append", "i", 1);
    Py_DECREF(sl);
    CALL(out, ba, "append", "i", 33);
    PyObject *c = PyMemoryView_FromObject(ba);
    PyObject *inner = PyObject_CallMethod(c, "__buffer__", "i", 0);
    CALL(out, c, "release", NULL);
    CALL(out, inner, "tobytes", NULL);
    ATTR(out, inner, "format");
    ADD(out, PyBool_FromLong(PyObject_GetAttrString(inner, "obj") == c));
    Py_DECREF(c); /* the attribute's reference */
    CALL(out, c, "__release_buffer__", "O", inner);
    CALL(out, c, "__release_buffer__", "O", inner);
    CALL(out, c, "release", NULL);
    CALL(out, ba, "append", "i", 34);
    ADD(out, PyObject_Repr(ba));
    Py_DECREF(inner);
    Py_DECREF(c);
    PyObject *e = PyMemoryView_FromObject(ba);
    PyObject *entered = PyObject_CallMethod(e, "__enter__", NULL);
    ADD(out, PyBool_FromLong(entered == e));
    Py_XDECREF(entered);
    CALL(out, e, "__exit__", "OOO", Py_None, Py_None, Py_None);
    CALL(out, e, "tolist", NULL);
    CALL(out, e, "__release_buffer__", "y", "x");
    Py_DECREF(e);
    Py_buffer view;
    PyObject *f = PyMemoryView_FromObject(ba);
    ADDI(out, PyObject_GetBuffer(f, &view, PyBUF_FULL_RO));
    ADD(out, PyBool_FromLong(view.obj == f));
    ADDN(out, view.len);
    CALL(out, f, "release", NULL);
    PyBuffer_Release(&view);
    CALL(out, f, "release", NULL);
    PyObject *g = PyMemoryView_FromObject(ba);
    ADDI(out, PyObject_GetBuffer(g, &view, PyBUF_SIMPLE));
    ADD(out, PyBool_FromLong(view.format == NULL && view.shape == NULL));
    PyBuffer_Release(&view);
    PyObject *gr = PyObject_CallMethod(g, "toreadonly", NULL);
    ADDI(out, PyObject_GetBuffer(gr, &view, PyBUF_WRITABLE));
    Py_DECREF(gr);
    Py_DECREF(g);
    Py_DECREF(f);
    CALL(out, ba, "append", "i", 35);
    ADD(out, PyObject_Repr(ba));
    ADD(out, contents(PyMemoryView_FromObject(k2 = PyLong_FromLong(1))));
    Py_DECREF(k2);
    ADD(out, contents(PyObject_CallFunction((PyObject *)&PyMemoryView_Type, NULL)));
    ADD(out, contents(PyObject_CallMethod((PyObject *)&PyMemoryView_Type, "_from_flags", "Oi", ba, 0)));
    Py_DECREF(ba);
    Py_DECREF(b);
    return finish(out);
}

static char RAW[6] = "hello";

static PyObject *capi(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp, *k, *k2 = NULL;
    (void)k2;
    PyObject *r = PyMemoryView_FromMemory(RAW, 5, PyBUF_READ);
    attrs(out, r);
    ATTR(out, r, "obj");
    CALL(out, r, "tobytes", NULL);
    ADDI(out, PyObject_SetItem(r, k = PyLong_FromLong(0), k2 = PyLong_FromLong(72)));
    Py_DECREF(k);
    Py_DECREF(k2);
    Py_DECREF(r);
    PyObject *w = PyMemoryView_FromMemory(RAW, 5, PyBUF_WRITE);
    ATTR(out, w, "readonly");
    ADDI(out, PyObject_SetItem(w, k = PyLong_FromLong(0), k2 = PyLong_FromLong(72)));
    Py_DECREF(k);
    Py_DECREF(k2);
    Py_DECREF(w);
    ADD(out, PyBytes_FromString(RAW));
    Py_buffer info;
    PyBuffer_FillInfo(&info, NULL, RAW, 4, 1, PyBUF_FULL_RO);
    PyObject *fb = PyMemoryView_FromBuffer(&info);
    attrs(out, fb);
    CALL(out, fb, "tobytes", NULL);
    ATTR(out, fb, "obj");
    Py_DECREF(fb);
    Py_buffer empty = {0};
    ADD(out, contents(PyMemoryView_FromBuffer(&empty)));
    PyObject *bytes = PyBytes_FromString("contiguous");
    PyObject *gc = PyMemoryView_GetContiguous(bytes, PyBUF_READ, 'C');
    attrs(out, gc);
    CALL(out, gc, "tobytes", NULL);
    Py_XDECREF(gc);
    ADD(out, contents(PyMemoryView_GetContiguous(bytes, PyBUF_WRITE, 'C')));
    PyObject *whole = PyMemoryView_FromObject(bytes);
    PyObject *strided = PyObject_GetItem(whole, k = slice(NONE, NONE, 3));
    Py_DECREF(k);
    PyObject *copy = PyMemoryView_GetContiguous(strided, PyBUF_READ, 'C');
    if (copy != NULL) {
        attrs(out, copy);
        CALL(out, copy, "tobytes", NULL);
        Py_DECREF(copy);
    }
    else {
        ADD(out, NULL);
    }
    ADD(out, contents(PyMemoryView_GetContiguous(strided, PyBUF_WRITE, 'C')));
    Py_DECREF(strided);
    Py_DECREF(whole);
    PyObject *mv = PyMemoryView_FromObject(bytes);
    ADDI(out, PyObject_CheckBuffer(mv));
    ADD(out, PyBytes_FromObject(mv));
    ADD(out, PyByteArray_FromObject(mv));
    ADD(out, PyObject_CallFunction((PyObject *)&PyBytes_Type, "O", mv));
    ADD(out, PyObject_CallMethod(bytes, "join", "([OO])", mv, mv));
    ADD(out, PyObject_CallMethod(bytes, "startswith", "O", mv));
    ADD(out, PyNumber_Add(bytes, mv));
    ADD(out, PyObject_CallFunction((PyObject *)&PyUnicode_Type, "Os", mv, "ascii"));
    ADDI(out, Py_TYPE(mv)->tp_as_buffer != NULL && Py_TYPE(mv)->tp_as_buffer->bf_getbuffer != NULL);
    ADDI(out, Py_TYPE(mv)->tp_as_mapping != NULL && Py_TYPE(mv)->tp_as_mapping->mp_subscript != NULL);
    ADDI(out, PySequence_Check(mv));
    ADD(out, PyObject_GetIter(mv) != NULL ? PyUnicode_FromString("iterable") : NULL);
    Py_DECREF(mv);
    Py_DECREF(bytes);
    return finish(out);
}

static PyMethodDef methods[] = {
    {"basics", basics, METH_NOARGS, NULL},
    {"formats", formats, METH_NOARGS, NULL},
    {"assignment", assignment, METH_NOARGS, NULL},
    {"compare_and_release", compare_and_release, METH_NOARGS, NULL},
    {"capi", capi, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "memoryviews", NULL, 0, methods};

PyMODINIT_FUNC PyInit_memoryviews(void)
{
    return PyModule_Create(&module);
}
