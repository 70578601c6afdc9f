/* bytearray (and bytes' formatting and buffer export) through the C-API: methods called by name, the mutations
   and their errors, resizing while a buffer is exported, bytes % args, and the protocol functions and C slots
   that extensions use on bytearray (PySequence_*, PyObject_*Item, PyNumber_*, tp_as_sequence, tp_as_buffer).
   Each function returns a tuple; a call that raises gives "Type: message". KnownAnswerModulesTest compares the
   answers with CPython 3.13's. */
#include <Python.h>

/* "Type: message" of the raised exception, cleared. */
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

#define CALL(out, obj, name, ...) PyList_Append(out, tmp = or_error(PyObject_CallMethod(obj, name, __VA_ARGS__))), Py_DECREF(tmp)
#define ADD(out, expr) PyList_Append(out, tmp = or_error(expr)), Py_DECREF(tmp)
#define ADDI(out, expr) PyList_Append(out, tmp = int_or_error(expr)), Py_DECREF(tmp)
#define ADDN(out, expr) PyList_Append(out, tmp = ssize_or_error(expr)), Py_DECREF(tmp)
/* The repr of obj now (bytearrays change under later calls). */
#define SNAP(out, obj) ADD(out, PyObject_Repr(obj))

static PyObject *finish(PyObject *out)
{
    PyObject *t = PyList_AsTuple(out);
    Py_DECREF(out);
    return t;
}

static PyObject *ba(const char *s)
{
    return PyByteArray_FromStringAndSize(s, (Py_ssize_t)strlen(s));
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

static PyObject *mutations(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp, *k = NULL;
    (void)k;
    PyObject *b = ba("abc");
    CALL(out, b, "append", "i", 100);
    CALL(out, b, "append", "i", 256);
    CALL(out, b, "append", "s", "x");
    CALL(out, b, "append", NULL);
    CALL(out, b, "extend", "(y)", "ef");
    CALL(out, b, "extend", "([ii])", 103, 104);
    CALL(out, b, "extend", "(s)", "zz");
    CALL(out, b, "extend", "i", 5);
    CALL(out, b, "extend", "([is])", 1, "a");
    CALL(out, b, "extend", "([ii])", 1, 300);
    SNAP(out, b);
    CALL(out, b, "insert", "ii", 0, 65);
    CALL(out, b, "insert", "ii", -100, 66);
    CALL(out, b, "insert", "ii", 100, 67);
    CALL(out, b, "insert", "i", 1);
    CALL(out, b, "insert", "si", "a", 1);
    SNAP(out, b);
    CALL(out, b, "pop", NULL);
    CALL(out, b, "pop", "i", 0);
    CALL(out, b, "pop", "i", -2);
    CALL(out, b, "pop", "i", 100);
    CALL(out, b, "pop", "ii", 1, 2);
    CALL(out, b, "remove", "i", 100);
    CALL(out, b, "remove", "i", 120);
    CALL(out, b, "remove", "s", "a");
    SNAP(out, b);
    CALL(out, b, "reverse", NULL);
    SNAP(out, b);
    PyObject *c = PyObject_CallMethod(b, "copy", NULL);
    CALL(out, b, "clear", NULL);
    SNAP(out, b);
    SNAP(out, c);
    CALL(out, b, "copy", "i", 1);
    CALL(out, b, "clear", "i", 1);
    CALL(out, b, "pop", NULL);
    Py_DECREF(b);
    b = ba("abc");
    for (int i = 0; i < 3; i++) {
        CALL(out, b, "append", "i", 120 + i);
    }
    CALL(out, b, "__alloc__", NULL);
    CALL(out, b, "__alloc__", "i", 1);
    CALL(out, b, "__iadd__", "y", "12");
    CALL(out, b, "__iadd__", "s", "12");
    CALL(out, b, "__imul__", "i", 2);
    CALL(out, b, "__imul__", "s", "x");
    CALL(out, c, "__imul__", "i", 0);
    SNAP(out, b);
    CALL(out, b, "__reduce__", NULL);
    CALL(out, b, "__reduce_ex__", "i", 2);
    CALL(out, b, "__reduce_ex__", "i", 4);
    CALL(out, b, "__reduce_ex__", "s", "x");
    CALL(out, b, "__init__", "y", "new");
    SNAP(out, b);
    CALL(out, b, "__init__", NULL);
    SNAP(out, b);
    CALL(out, b, "__init__", "i", 3);
    SNAP(out, b);
    CALL(out, b, "__init__", "ss", "\xc3\xa9", "utf-8");
    SNAP(out, b);
    Py_DECREF(b);
    Py_DECREF(c);
    return finish(out);
}

static PyObject *set_item(const char *s, PyObject *key, PyObject *value)
{
    PyObject *b = ba(s);
    int r = value != NULL ? PyObject_SetItem(b, key, value) : PyObject_DelItem(b, key);
    Py_DECREF(key);
    Py_XDECREF(value);
    if (r < 0) {
        Py_DECREF(b);
        return error_text();
    }
    PyObject *repr = PyObject_Repr(b);
    Py_DECREF(b);
    return repr;
}

static PyObject *items(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp, *k = NULL;
    (void)k;
    ADD(out, set_item("abcdef", PyLong_FromLong(0), PyLong_FromLong(65)));
    ADD(out, set_item("abcdef", PyLong_FromLong(-1), PyLong_FromLong(66)));
    ADD(out, set_item("abcdef", PyLong_FromLong(6), PyLong_FromLong(66)));
    ADD(out, set_item("abcdef", PyLong_FromLong(0), PyLong_FromLong(256)));
    ADD(out, set_item("abcdef", PyLong_FromLong(0), PyBytes_FromString("a")));
    ADD(out, set_item("abcdef", PyUnicode_FromString("a"), PyLong_FromLong(1)));
    ADD(out, set_item("abcdef", PyFloat_FromDouble(1.0), PyLong_FromLong(1)));
    ADD(out, set_item("abcdef", slice(1, 3, NONE), PyBytes_FromString("XYZ")));
    ADD(out, set_item("abcdef", slice(1, 5, NONE), PyBytes_FromString("")));
    ADD(out, set_item("abcdef", slice(4, 1, NONE), PyBytes_FromString("Q")));
    ADD(out, set_item("abcdef", slice(NONE, NONE, NONE), Py_BuildValue("[iii]", 1, 2, 3)));
    ADD(out, set_item("abcdef", slice(0, 2, NONE), Py_BuildValue("[is]", 1, "a")));
    ADD(out, set_item("abcdef", slice(0, 2, NONE), PyLong_FromLong(5)));
    ADD(out, set_item("abcdef", slice(0, 2, NONE), PyUnicode_FromString("ab")));
    ADD(out, set_item("abcdef", slice(0, 2, NONE), PyByteArray_FromStringAndSize("mn", 2)));
    ADD(out, set_item("abcdef", slice(NONE, NONE, 2), PyBytes_FromString("XYZ")));
    ADD(out, set_item("abcdef", slice(NONE, NONE, -2), PyBytes_FromString("XYZ")));
    ADD(out, set_item("abcdef", slice(NONE, NONE, 2), PyBytes_FromString("XY")));
    ADD(out, set_item("abcdef", slice(NONE, NONE, 2), PyBytes_FromString("")));
    ADD(out, set_item("abcdef", slice(5, 0, -3), Py_BuildValue("[ii]", 49, 50)));
    ADD(out, set_item("abcdef", PyLong_FromLong(2), NULL));
    ADD(out, set_item("abcdef", PyLong_FromLong(-7), NULL));
    ADD(out, set_item("abcdef", slice(1, 3, NONE), NULL));
    ADD(out, set_item("abcdef", slice(NONE, NONE, 2), NULL));
    ADD(out, set_item("abcdef", slice(NONE, NONE, -4), NULL));
    ADD(out, set_item("abcdef", PyUnicode_FromString("x"), NULL));
    PyObject *b = ba("abcdef");
    ADD(out, PyObject_GetItem(b, k = PyLong_FromLong(-2)));
    Py_DECREF(k);
    ADD(out, PyObject_GetItem(b, k = PyLong_FromLong(6)));
    Py_DECREF(k);
    ADD(out, PyObject_GetItem(b, k = slice(1, NONE, 2)));
    Py_DECREF(k);
    ADD(out, PyObject_GetItem(b, k = PyUnicode_FromString("x")));
    Py_DECREF(k);
    ADD(out, PySequence_GetItem(b, 1));
    ADD(out, PySequence_GetItem(b, 10));
    ADDI(out, PySequence_SetItem(b, 0, k = PyLong_FromLong(90)));
    Py_DECREF(k);
    ADDI(out, PySequence_DelItem(b, 1));
    SNAP(out, b);
    ADDI(out, PySequence_Contains(b, k = PyLong_FromLong(99)));
    Py_DECREF(k);
    ADDI(out, PySequence_Contains(b, k = PyBytes_FromString("de")));
    Py_DECREF(k);
    ADDI(out, PySequence_Contains(b, k = PyUnicode_FromString("d")));
    Py_DECREF(k);
    ADDI(out, PySequence_Contains(b, k = PyLong_FromLong(300)));
    Py_DECREF(k);
    ADDN(out, PySequence_Size(b));
    ADDN(out, PyObject_Length(b));
    ADD(out, PySequence_List(b));
    ADD(out, PyObject_GetIter(b) ? PyUnicode_FromString("iterable") : NULL);
    Py_DECREF(b);
    return finish(out);
}

static PyObject *operators(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp, *k = NULL;
    (void)k;
    PyObject *b = ba("ab"), *y = PyBytes_FromString("cd"), *two = PyLong_FromLong(2), *s = PyUnicode_FromString("s");
    ADD(out, PyNumber_Add(b, y));
    ADD(out, PyNumber_Add(y, b));
    ADD(out, PyNumber_Add(b, s));
    ADD(out, PyNumber_Multiply(b, two));
    ADD(out, PyNumber_Multiply(two, b));
    ADD(out, PyNumber_Multiply(b, s));
    ADD(out, PySequence_Concat(b, y));
    ADD(out, PySequence_Repeat(b, 3));
    PyObject *r = PyNumber_InPlaceAdd(b, y);
    ADD(out, PyBool_FromLong(r == b));
    Py_XDECREF(r);
    r = PyNumber_InPlaceMultiply(b, two);
    ADD(out, PyBool_FromLong(r == b));
    Py_XDECREF(r);
    SNAP(out, b);
    ADD(out, PyObject_RichCompare(b, k = PyBytes_FromString("abcdabcd"), Py_EQ));
    Py_DECREF(k);
    ADD(out, PyObject_RichCompare(k = PyBytes_FromString("abcdabcd"), b, Py_EQ));
    Py_DECREF(k);
    ADD(out, PyObject_RichCompare(b, k = PyBytes_FromString("abd"), Py_LT));
    Py_DECREF(k);
    ADD(out, PyObject_RichCompare(b, k = ba("abcdabcd"), Py_GE));
    Py_DECREF(k);
    ADD(out, PyObject_RichCompare(b, s, Py_EQ));
    ADD(out, PyObject_RichCompare(b, s, Py_LT));
    ADDN(out, PyObject_Hash(b));
    ADDI(out, PyObject_IsTrue(b));
    ADD(out, PyObject_Str(b));
    ADD(out, PyObject_Bytes(b));
    ADD(out, PyBytes_FromObject(b));
    ADD(out, PyByteArray_FromObject(y));
    ADD(out, PyByteArray_Concat(b, y));
    ADD(out, PyObject_CallMethod(b, "__mul__", "s", "x"));
    ADD(out, PyObject_CallMethod(b, "__add__", "s", "x"));
    ADD(out, PyObject_CallMethod(b, "__contains__", "s", "x"));
    ADD(out, PyObject_CallMethod(y, "__contains__", "s", "x"));
    ADD(out, PyObject_CallMethod(b, "__hash__", NULL));
    ADD(out, PyObject_GetAttrString((PyObject *)&PyByteArray_Type, "__hash__"));
    Py_DECREF(b);
    Py_DECREF(y);
    Py_DECREF(two);
    Py_DECREF(s);
    return finish(out);
}

static PyObject *shared_methods(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp, *k = NULL;
    (void)k;
    PyObject *b = ba(" Hello, World \t");
    CALL(out, b, "split", NULL);
    CALL(out, b, "split", "y", ",");
    CALL(out, b, "rsplit", "yi", "o", 1);
    CALL(out, b, "strip", NULL);
    CALL(out, b, "lstrip", "y", " H");
    CALL(out, b, "rstrip", NULL);
    CALL(out, b, "partition", "y", ", ");
    CALL(out, b, "rpartition", "y", "zz");
    CALL(out, b, "find", "y", "o");
    CALL(out, b, "find", "i", 111);
    CALL(out, b, "rfind", "y", "o");
    CALL(out, b, "index", "y", "zz");
    CALL(out, b, "count", "i", 108);
    CALL(out, b, "startswith", "y", " H");
    CALL(out, b, "startswith", "s", " H");
    CALL(out, b, "endswith", "(yy)", "x", "\t");
    CALL(out, b, "replace", "yy", "l", "L");
    CALL(out, b, "upper", NULL);
    CALL(out, b, "lower", NULL);
    CALL(out, b, "swapcase", NULL);
    CALL(out, b, "title", NULL);
    CALL(out, b, "capitalize", NULL);
    CALL(out, b, "center", "iy", 20, "*");
    CALL(out, b, "ljust", "i", 2);
    CALL(out, b, "rjust", "i", 17);
    CALL(out, b, "zfill", "i", 17);
    CALL(out, b, "expandtabs", "i", 4);
    CALL(out, b, "splitlines", NULL);
    CALL(out, b, "removeprefix", "y", " Hel");
    CALL(out, b, "removesuffix", "y", "\t");
    CALL(out, b, "isalpha", NULL);
    CALL(out, b, "isascii", NULL);
    CALL(out, b, "istitle", NULL);
    CALL(out, b, "isspace", NULL);
    CALL(out, b, "decode", NULL);
    CALL(out, b, "hex", NULL);
    CALL(out, b, "hex", "si", ":", 4);
    CALL(out, b, "translate", "Oy", Py_None, "lo");
    CALL(out, b, "__getitem__", "O", k = slice(1, 6, NONE));
    Py_DECREF(k);
    CALL(out, b, "__getitem__", "i", 1);
    CALL(out, b, "__getitem__", "i", 100);
    CALL(out, b, "__getitem__", "s", "x");
    CALL(out, b, "__len__", NULL);
    CALL(out, b, "__repr__", NULL);
    CALL(out, b, "__str__", NULL);
    PyObject *sep = ba("-");
    CALL(out, sep, "join", "([yy])", "a", "b");
    CALL(out, sep, "join", "([yi])", "a", 1);
    CALL(out, (PyObject *)&PyByteArray_Type, "fromhex", "s", "61 62");
    CALL(out, (PyObject *)&PyByteArray_Type, "fromhex", "s", "6x");
    CALL(out, (PyObject *)&PyByteArray_Type, "maketrans", "yy", "a", "b");
    ADD(out, PyObject_CallFunction((PyObject *)&PyByteArray_Type, "y", "abc"));
    ADD(out, PyObject_CallFunction((PyObject *)&PyByteArray_Type, "i", 3));
    ADD(out, PyObject_CallFunction((PyObject *)&PyByteArray_Type, "i", -1));
    ADD(out, PyObject_CallFunction((PyObject *)&PyByteArray_Type, "s", "abc"));
    ADD(out, PyObject_CallFunction((PyObject *)&PyByteArray_Type, "ss", "abc", "ascii"));
    ADD(out, PyObject_CallFunction((PyObject *)&PyByteArray_Type, "ys", "abc", "ascii"));
    ADD(out, PyObject_CallFunction((PyObject *)&PyByteArray_Type, "d", 1.5));
    ADD(out, PyObject_CallFunction((PyObject *)&PyByteArray_Type, "([ii])", 1, 256));
    ADD(out, PyObject_CallFunction((PyObject *)&PyByteArray_Type, NULL));
    Py_DECREF(sep);
    Py_DECREF(b);
    return finish(out);
}

static PyObject *buffers(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp, *k = NULL;
    (void)k;
    PyObject *b = ba("abc");
    Py_buffer view;
    ADDI(out, PyObject_GetBuffer(b, &view, PyBUF_SIMPLE));
    ADDI(out, PyByteArray_Resize(b, 10));
    CALL(out, b, "append", "i", 1);
    CALL(out, b, "__setitem__", "ii", 0, 65);
    CALL(out, b, "__setitem__", "Oy", k = slice(0, 2, NONE), "xy");
    Py_DECREF(k);
    CALL(out, b, "__setitem__", "Oy", k = slice(0, 2, NONE), "xyz");
    Py_DECREF(k);
    CALL(out, b, "reverse", NULL);
    CALL(out, b, "clear", NULL);
    SNAP(out, b);
    PyBuffer_Release(&view);
    CALL(out, b, "append", "i", 33);
    SNAP(out, b);
    PyObject *m = PyObject_CallMethod(b, "__buffer__", "i", 0);
    ADD(out, PyUnicode_FromString(Py_TYPE(m)->tp_name));
    CALL(out, b, "append", "i", 1);
    CALL(out, b, "__release_buffer__", "O", m);
    CALL(out, b, "append", "i", 1);
    CALL(out, m, "tobytes", NULL);
    CALL(out, b, "__release_buffer__", "y", "x");
    CALL(out, b, "__buffer__", NULL);
    CALL(out, b, "__buffer__", "s", "x");
    Py_DECREF(m);
    PyObject *y = PyBytes_FromString("xyz");
    CALL(out, y, "__buffer__", "i", PyBUF_WRITABLE);
    m = PyObject_CallMethod(y, "__buffer__", "i", 0);
    CALL(out, m, "tobytes", NULL);
    ADD(out, PyObject_GetAttrString(m, "readonly"));
    Py_XDECREF(m);
    ADDI(out, PyByteArray_Resize(b, 6));
    ADDN(out, PyByteArray_GET_SIZE(b));
    memcpy(PyByteArray_AS_STRING(b), "qwerty", 6);
    SNAP(out, b);
    ADDI(out, PyByteArray_Resize(b, 2));
    SNAP(out, b);
    ADD(out, PyBytes_FromStringAndSize(PyByteArray_AS_STRING(b), PyByteArray_GET_SIZE(b)));
    ADDI(out, PyObject_CheckBuffer(b));
    ADDI(out, Py_TYPE(b)->tp_as_buffer != NULL && Py_TYPE(b)->tp_as_buffer->bf_getbuffer != NULL);
    ADDI(out, Py_TYPE(y)->tp_as_buffer != NULL && Py_TYPE(y)->tp_as_buffer->bf_getbuffer != NULL);
    if (Py_TYPE(b)->tp_as_buffer != NULL && Py_TYPE(b)->tp_as_buffer->bf_getbuffer(b, &view, PyBUF_WRITABLE) == 0) {
        ((char *)view.buf)[0] = 'Q';
        ADDN(out, view.len);
        PyBuffer_Release(&view);
    }
    SNAP(out, b);
    PySequenceMethods *sq = Py_TYPE(b)->tp_as_sequence;
    ADDI(out, sq != NULL && sq->sq_length != NULL);
    if (sq != NULL && sq->sq_length != NULL && sq->sq_item != NULL && sq->sq_concat != NULL) {
        ADDN(out, sq->sq_length(b));
        ADD(out, sq->sq_item(b, 1));
        ADD(out, sq->sq_concat(b, y));
        ADDI(out, sq->sq_contains(b, k = PyLong_FromLong('w')));
        Py_DECREF(k);
    }
    PyMappingMethods *mp = Py_TYPE(b)->tp_as_mapping;
    ADDI(out, mp != NULL && mp->mp_subscript != NULL);
    if (mp != NULL && mp->mp_subscript != NULL) {
        ADD(out, mp->mp_subscript(b, k = PyLong_FromLong(0)));
        Py_DECREF(k);
    }
    Py_DECREF(y);
    Py_DECREF(b);
    return finish(out);
}

static PyObject *fmt(const char *f, PyObject *args)
{
    PyObject *b = PyBytes_FromString(f);
    PyObject *r = PyNumber_Remainder(b, args);
    Py_DECREF(b);
    Py_DECREF(args);
    return or_error(r);
}

static PyObject *formatting(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp, *k = NULL;
    (void)k;
    ADD(out, fmt("%s|%b|%a|%r|%c|%c", Py_BuildValue("(yOssiy)", "x", k = ba("y"), "\xc3\xa9", "q", 65, "z")));
    Py_DECREF(k);
    ADD(out, fmt("%s", PyUnicode_FromString("str")));
    ADD(out, fmt("%b", PyLong_FromLong(1)));
    ADD(out, fmt("%c", PyLong_FromLong(256)));
    ADD(out, fmt("%c", PyBytes_FromString("ab")));
    ADD(out, fmt("%c", PyUnicode_FromString("a")));
    ADD(out, fmt("%d %5.2f %x %o %e %-5d| %+d %#x %05d %i %u %X %g %G %E %F",
                 Py_BuildValue("(idiidiiiiiiidddd)", 1, 2.5, 255, 8, 1.5, 3, 4, 255, 42, 7, 8, 255, 0.0001, 1e20,
                               2.0, 3.0)));
    ADD(out, fmt("%d", PyUnicode_FromString("a")));
    ADD(out, fmt("%x", PyFloat_FromDouble(1.5)));
    ADD(out, fmt("%s %s", Py_BuildValue("(y)", "a")));
    ADD(out, fmt("%s", Py_BuildValue("(yy)", "a", "b")));
    ADD(out, fmt("%", PyTuple_New(0)));
    ADD(out, fmt("%y", PyLong_FromLong(1)));
    ADD(out, fmt("%(a)s %(b)d", Py_BuildValue("{y:y,y:i}", "a", "x", "b", 2)));
    ADD(out, fmt("%(a)s", Py_BuildValue("{s:y}", "a", "x")));
    ADD(out, fmt("%(a)s", Py_BuildValue("(i)", 1)));
    ADD(out, fmt("%(x", Py_BuildValue("{y:i}", "x", 1)));
    ADD(out, fmt("%*d|%-*d|%.*f", Py_BuildValue("(iiiiid)", 4, 1, 3, 2, 2, 3.14159)));
    ADD(out, fmt("%*d", Py_BuildValue("(si)", "a", 1)));
    ADD(out, fmt("%%|%5s|%-5s|%.1s", Py_BuildValue("(yyy)", "ab", "cd", "ef")));
    ADD(out, fmt("abc", PyTuple_New(0)));
    ADD(out, fmt("abc", PyLong_FromLong(5)));
    ADD(out, fmt("abc", PyBytes_FromString("x")));
    ADD(out, fmt("abc", PyDict_New()));
    ADD(out, fmt("abc", PyList_New(0)));
    ADD(out, fmt("%s", Py_BuildValue("[i]", 1)));
    ADD(out, fmt("%a", PyBytes_FromString("\xff")));
    ADD(out, fmt("%r", Py_BuildValue("[y]", "x")));
    ADD(out, fmt("%5c|%-3c|", Py_BuildValue("(iy)", 65, "b")));
    ADD(out, fmt("%.3a", PyUnicode_FromString("xyz12")));
    ADD(out, fmt("%s", PyFloat_FromDouble(3.5)));
    ADD(out, fmt("%ld %lx %hd", Py_BuildValue("(iii)", 1, 2, 3)));
    ADD(out, fmt("%c", PyLong_FromLong(-1)));
    ADD(out, fmt("%d", Py_NewRef(Py_True)));
    ADD(out, fmt("%.2d|%+.3i", Py_BuildValue("(ii)", 5, 7)));
    ADD(out, fmt("%s", PyTuple_New(0)));
    ADD(out, fmt("%s", PyMemoryView_FromObject(k = PyBytes_FromString("mv"))));
    Py_DECREF(k);
    PyObject *f = ba("%s-%d");
    ADD(out, PyNumber_Remainder(f, k = Py_BuildValue("(yi)", "q", 3)));
    Py_DECREF(k);
    CALL(out, f, "__mod__", "((yi))", "r", 4);
    CALL(out, f, "__rmod__", "y", "%s");
    PyObject *y = PyBytes_FromString("x");
    CALL(out, y, "__rmod__", "y", "%s");
    CALL(out, y, "__rmod__", "O", f);
    CALL(out, y, "__mod__", "i", 1);
    CALL(out, y, "__rmod__", "i", 1);
    Py_DECREF(y);
    Py_DECREF(f);
    return finish(out);
}

static PyObject *bytes_constructor(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0), *tmp, *k = NULL;
    PyObject *t = (PyObject *)&PyBytes_Type;
    ADD(out, PyObject_CallFunction(t, NULL));
    ADD(out, PyObject_CallFunction(t, "s", "a"));
    ADD(out, PyObject_CallFunction(t, "ys", "a", "ascii"));
    ADD(out, PyObject_CallFunction(t, "i", -1));
    ADD(out, PyObject_CallFunction(t, "i", 3));
    ADD(out, PyObject_CallFunction(t, "d", 1.5));
    ADD(out, PyObject_CallFunction(t, "ss", "\xc3\xa9", "utf-8"));
    ADD(out, PyObject_CallFunction(t, "si", "a", 1));
    ADD(out, PyObject_CallFunction(t, "([ii])", 1, 2));
    ADD(out, PyObject_CallFunction(t, "([ii])", 1, 256));
    ADD(out, PyObject_CallFunction(t, "(O)", k = PyByteArray_FromStringAndSize("q", 1)));
    Py_DECREF(k);
    ADD(out, PyObject_CallFunction(t, "yssi", "a", "ascii", "strict", 1));
    PyObject *kw = Py_BuildValue("{s:i}", "x", 1);
    PyObject *none = PyTuple_New(0);
    ADD(out, PyObject_Call(t, none, kw));
    Py_DECREF(kw);
    kw = Py_BuildValue("{s:i}", "errors", 1);
    ADD(out, PyObject_Call(t, k = Py_BuildValue("(i)", 3), kw));
    Py_DECREF(k);
    Py_DECREF(kw);
    Py_DECREF(none);
    return finish(out);
}

static PyMethodDef methods[] = {
    {"bytes_constructor", bytes_constructor, METH_NOARGS, NULL},
    {"mutations", mutations, METH_NOARGS, NULL},
    {"items", items, METH_NOARGS, NULL},
    {"operators", operators, METH_NOARGS, NULL},
    {"shared_methods", shared_methods, METH_NOARGS, NULL},
    {"buffers", buffers, METH_NOARGS, NULL},
    {"formatting", formatting, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "bytearrays", NULL, 0, methods};

PyMODINIT_FUNC PyInit_bytearrays(void)
{
    return PyModule_Create(&module);
}
