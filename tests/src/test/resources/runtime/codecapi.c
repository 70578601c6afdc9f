/* Codecs through the C-API: PyUnicode_Decode/AsEncodedString and the codec-specific functions with their error
   handlers, the codec registry (search functions, cache, unregister), error-handler registration and lookup, and
   the built-in PyCodec_*Errors handlers called directly. KnownAnswerModulesTest compares with CPython 3.13t. */
#include <Python.h>
#include <string.h>

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

static const char *opt(const char *s)
{
    return s != NULL && s[0] == '\0' ? NULL : s;
}

static PyObject *decode(PyObject *self, PyObject *args)
{
    const char *codec, *errors, *data;
    Py_ssize_t len;
    if (!PyArg_ParseTuple(args, "sy#s", &codec, &data, &len, &errors)) {
        return NULL;
    }
    return or_error(PyUnicode_Decode(data, len, opt(codec), opt(errors)));
}

static PyObject *encode(PyObject *self, PyObject *args)
{
    const char *codec, *errors;
    PyObject *s;
    if (!PyArg_ParseTuple(args, "sOs", &codec, &s, &errors)) {
        return NULL;
    }
    return or_error(PyUnicode_AsEncodedString(s, opt(codec), opt(errors)));
}

static PyObject *stateful(PyObject *self, PyObject *args)
{
    const char *data, *errors;
    Py_ssize_t len;
    int order;
    if (!PyArg_ParseTuple(args, "y#is", &data, &len, &order, &errors)) {
        return NULL;
    }
    errors = opt(errors);
    Py_ssize_t c8 = -1, c16 = -1, c32 = -1;
    int o16 = order, o32 = order, plain16 = order, plain32 = order;
    PyObject *u8 = or_error(PyUnicode_DecodeUTF8Stateful(data, len, errors, &c8));
    PyObject *u16 = or_error(PyUnicode_DecodeUTF16Stateful(data, len, errors, &o16, &c16));
    PyObject *u32 = or_error(PyUnicode_DecodeUTF32Stateful(data, len, errors, &o32, &c32));
    PyObject *f16 = or_error(PyUnicode_DecodeUTF16(data, len, errors, &plain16));
    PyObject *f32 = or_error(PyUnicode_DecodeUTF32(data, len, errors, &plain32));
    PyObject *n16 = or_error(PyUnicode_DecodeUTF16(data, len, errors, NULL));
    return Py_BuildValue("((Nn)(Nin)(Nin)(Ni)(Ni)N)", u8, c8, u16, o16, c16, u32, o32, c32, f16, plain16, f32, plain32,
                         n16);
}

static PyObject *escapes(PyObject *self, PyObject *args)
{
    const char *data, *errors;
    Py_ssize_t len;
    if (!PyArg_ParseTuple(args, "y#s", &data, &len, &errors)) {
        return NULL;
    }
    return Py_BuildValue("(NN)", or_error(PyUnicode_DecodeUnicodeEscape(data, len, opt(errors))),
                         or_error(PyUnicode_DecodeRawUnicodeEscape(data, len, opt(errors))));
}

static PyObject *as_strings(PyObject *self, PyObject *s)
{
    return Py_BuildValue("(NNNNNNN)", or_error(PyUnicode_AsUnicodeEscapeString(s)),
                         or_error(PyUnicode_AsRawUnicodeEscapeString(s)), or_error(PyUnicode_AsLatin1String(s)),
                         or_error(PyUnicode_AsASCIIString(s)), or_error(PyUnicode_AsUTF8String(s)),
                         or_error(PyUnicode_AsUTF16String(s)), or_error(PyUnicode_AsUTF32String(s)));
}

static PyObject *charmap(PyObject *self, PyObject *args)
{
    const char *data, *errors;
    Py_ssize_t len;
    PyObject *mapping, *s, *encmap;
    if (!PyArg_ParseTuple(args, "y#OsUO", &data, &len, &mapping, &errors, &s, &encmap)) {
        return NULL;
    }
    return Py_BuildValue("(NN)", or_error(PyUnicode_DecodeCharmap(data, len, mapping == Py_None ? NULL : mapping,
                                                                  opt(errors))),
                         or_error(PyUnicode_AsCharmapString(s, encmap)));
}

/* PyUnicode_BuildEncodingMap: an EncodingMap (its size) or a dict, and encoding through it. */
static PyObject *encoding_map(PyObject *self, PyObject *args)
{
    PyObject *table, *s;
    if (!PyArg_ParseTuple(args, "OO", &table, &s)) {
        return NULL;
    }
    PyObject *map = PyUnicode_BuildEncodingMap(table);
    if (map == NULL) {
        return error_text();
    }
    PyObject *shape = PyDict_Check(map) ? Py_NewRef(map) : PyObject_CallMethod(map, "size", NULL);
    PyObject *r = Py_BuildValue("(sNN)", Py_TYPE(map)->tp_name, shape, or_error(PyUnicode_AsCharmapString(s, map)));
    Py_DECREF(map);
    return r;
}

static PyObject *from_encoded(PyObject *self, PyObject *args)
{
    PyObject *obj;
    const char *codec, *errors;
    if (!PyArg_ParseTuple(args, "Oss", &obj, &codec, &errors)) {
        return NULL;
    }
    return or_error(PyUnicode_FromEncodedObject(obj, opt(codec), opt(errors)));
}

/* ---- a registered error handler and a search function written in C ---- */

static PyObject *angle_handler(PyObject *self, PyObject *exc)
{
    Py_ssize_t end;
    if (PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_UnicodeDecodeError)) {
        PyUnicodeDecodeError_GetEnd(exc, &end);
    } else {
        PyUnicodeEncodeError_GetEnd(exc, &end);
    }
    return Py_BuildValue("(sn)", "<?>", end);
}

static PyObject *bad_handler(PyObject *self, PyObject *exc)
{
    return PyLong_FromLong(3);
}

static PyObject *far_handler(PyObject *self, PyObject *exc)
{
    return Py_BuildValue("(sn)", "", (Py_ssize_t)100);
}

static PyObject *back_handler(PyObject *self, PyObject *exc)
{
    return Py_BuildValue("(sn)", "[", (Py_ssize_t)-1);
}

static PyObject *seen;

/* The "shout" codec: encode upper-cases each l then ASCII-encodes; decode is ASCII. */
static PyObject *shout_encode(PyObject *self, PyObject *args)
{
    PyObject *s;
    const char *errors = NULL;
    if (!PyArg_ParseTuple(args, "U|z", &s, &errors)) {
        return NULL;
    }
    PyObject *l = PyUnicode_FromString("l"), *upper_l = PyUnicode_FromString("L");
    PyObject *up = PyUnicode_Replace(s, l, upper_l, -1);
    Py_DECREF(l);
    Py_DECREF(upper_l);
    if (up == NULL) {
        return NULL;
    }
    PyObject *b = PyUnicode_AsEncodedString(up, "ascii", errors);
    Py_DECREF(up);
    return b == NULL ? NULL : Py_BuildValue("(Nn)", b, PyUnicode_GET_LENGTH(s));
}

static PyObject *shout_decode(PyObject *self, PyObject *args)
{
    const char *data;
    Py_ssize_t len;
    const char *errors = NULL;
    if (!PyArg_ParseTuple(args, "y#|z", &data, &len, &errors)) {
        return NULL;
    }
    PyObject *s = PyUnicode_DecodeASCII(data, len, errors);
    return s == NULL ? NULL : Py_BuildValue("(Nn)", s, len);
}

static PyObject *shout_stream(PyObject *self, PyObject *args)
{
    return Py_BuildValue("(sO)", "stream", args);
}

static PyObject *number_encode(PyObject *self, PyObject *args)
{
    return Py_BuildValue("(in)", 42, (Py_ssize_t)1);
}

static PyMethodDef shout_defs[] = {
    {"shout_encode", shout_encode, METH_VARARGS, NULL},
    {"shout_decode", shout_decode, METH_VARARGS, NULL},
    {"shout_stream", shout_stream, METH_VARARGS, NULL},
    {"number_encode", number_encode, METH_VARARGS, NULL},
};

static PyObject *search(PyObject *self, PyObject *name)
{
    PyList_Append(seen, name);
    if (PyUnicode_CompareWithASCIIString(name, "shout") == 0) {
        PyObject *e = PyCFunction_New(&shout_defs[0], NULL), *d = PyCFunction_New(&shout_defs[1], NULL);
        PyObject *st = PyCFunction_New(&shout_defs[2], NULL);
        PyObject *info = Py_BuildValue("(NNOO)", e, d, st, st);
        Py_DECREF(st);
        return info;
    }
    if (PyUnicode_CompareWithASCIIString(name, "number") == 0) {
        PyObject *e = PyCFunction_New(&shout_defs[3], NULL);
        return Py_BuildValue("(NOOO)", e, e, Py_None, Py_None);
    }
    if (PyUnicode_CompareWithASCIIString(name, "broken") == 0) {
        return Py_BuildValue("(ii)", 1, 2);
    }
    Py_RETURN_NONE;
}

static PyMethodDef helper_defs[] = {
    {"angle", angle_handler, METH_O, NULL},
    {"bad", bad_handler, METH_O, NULL},
    {"far", far_handler, METH_O, NULL},
    {"back", back_handler, METH_O, NULL},
    {"search", search, METH_O, NULL},
};

static PyObject *search_fn;

static PyObject *install(PyObject *self, PyObject *args)
{
    const char *names[] = {"test.angle", "test.bad", "test.far", "test.back"};
    for (int i = 0; i < 4; i++) {
        PyObject *h = PyCFunction_New(&helper_defs[i], NULL);
        if (PyCodec_RegisterError(names[i], h) < 0) {
            return NULL;
        }
        Py_DECREF(h);
    }
    PyObject *notcallable = PyCodec_RegisterError("test.none", Py_None) < 0 ? error_text() : Py_NewRef(Py_None);
    PyObject *badsearch = PyCodec_Register(Py_None) < 0 ? error_text() : Py_NewRef(Py_None);
    if (search_fn == NULL) {
        search_fn = PyCFunction_New(&helper_defs[4], NULL);
    }
    if (PyCodec_Register(search_fn) < 0) {
        return NULL;
    }
    return Py_BuildValue("(NN)", notcallable, badsearch);
}

static PyObject *registry(PyObject *self, PyObject *args)
{
    PyList_SetSlice(seen, 0, PyList_GET_SIZE(seen), NULL);
    PyObject *s = PyUnicode_FromString("Hello\xc3\xa9");
    PyObject *known = Py_BuildValue("(iiiiii)", PyCodec_KnownEncoding("SHOUT"), PyCodec_KnownEncoding("utf8"),
                                    PyCodec_KnownEncoding("Latin-1"), PyCodec_KnownEncoding(" shout "),
                                    PyCodec_KnownEncoding("nothing-here"), PyCodec_KnownEncoding("U.T.F"));
    PyObject *enc = or_error(PyUnicode_AsEncodedString(s, "shout", "replace"));
    PyObject *enc_strict = or_error(PyUnicode_AsEncodedString(s, "shout", NULL));
    PyObject *ce = or_error(PyCodec_Encode(s, "shout", "test.angle"));
    PyObject *bytes = PyBytes_FromString("MiXeD");
    PyObject *cd = or_error(PyCodec_Decode(bytes, "shout", NULL));
    PyObject *num = or_error(PyUnicode_AsEncodedString(s, "number", NULL));
    PyObject *num_dec = or_error(PyUnicode_Decode("x", 1, "number", NULL));
    PyObject *broken = or_error(PyCodec_Encode(s, "broken", NULL));
    PyObject *unknown = or_error(PyCodec_Encode(s, "No Such-Codec", NULL));
    PyObject *unknown2 = or_error(PyUnicode_AsEncodedString(s, "No Such-Codec", NULL));
    PyObject *stream = or_error(PyCodec_StreamReader("shout", Py_None, "strict"));
    PyObject *writer = or_error(PyCodec_StreamWriter("shout", Py_None, NULL));
    PyObject *incr = or_error(PyCodec_IncrementalEncoder("shout", NULL));
    PyObject *incr2 = or_error(PyCodec_IncrementalDecoder("shout", "strict"));
    PyObject *encoder = or_error(PyCodec_Encoder("UTF-8"));
    PyObject *called = PyObject_CallFunction(encoder, "s", "a\xc3\xa9");
    PyObject *decoder = or_error(PyCodec_Decoder("latin_1"));
    PyObject *called2 = PyObject_CallFunction(decoder, "y", "a\xe9");
    PyObject *utf8dec = or_error(PyCodec_Decoder("utf8"));
    PyObject *called4 = or_error(PyObject_CallFunction(utf8dec, "ys", "ab\xc3", "replace"));
    PyObject *called5 = or_error(PyObject_CallFunction(encoder, "y", "ab"));
    PyObject *generic = or_error(PyCodec_Encode(s, "latin-1", NULL));
    PyObject *generic2 = or_error(PyCodec_Decode(bytes, "ascii", "strict"));
    PyObject *seen_copy = PyList_GetSlice(seen, 0, PyList_GET_SIZE(seen));
    PyCodec_Unregister(search_fn);
    PyObject *after = Py_BuildValue("(iN)", PyCodec_KnownEncoding("shout"), or_error(PyCodec_Encoder("shout")));
    PyCodec_Register(search_fn);
    PyObject *again = Py_BuildValue("i", PyCodec_KnownEncoding("shout"));
    Py_DECREF(s);
    Py_DECREF(bytes);
    Py_DECREF(utf8dec);
    return Py_BuildValue("(NNNNNNNNNNNNNNNNNNNNNNNNNN)", known, enc, enc_strict, ce, cd, num, num_dec, broken,
                         unknown, unknown2, stream, writer, incr, incr2, encoder, called, decoder, called2,
                         called4, called5, generic, generic2, seen_copy, after, again, or_error(NULL));
}

static PyObject *lookup_handlers(PyObject *self, PyObject *args)
{
    const char *names[] = {"strict", "ignore", "replace", "xmlcharrefreplace", "backslashreplace", "namereplace",
                           "surrogateescape", "surrogatepass", "test.angle", "nope"};
    PyObject *t = PyTuple_New(11);
    for (int i = 0; i < 10; i++) {
        PyObject *h = PyCodec_LookupError(names[i]);
        PyTuple_SET_ITEM(t, i, h != NULL ? PyObject_Repr(h) : error_text());
        Py_XDECREF(h);
    }
    PyObject *dflt = PyCodec_LookupError(NULL);
    PyTuple_SET_ITEM(t, 10, PyObject_Repr(dflt));
    Py_DECREF(dflt);
    return t;
}

/* Each built-in handler, called directly and through lookup_error, on one exception of each kind. */
static PyObject *handlers(PyObject *self, PyObject *args)
{
    const char *text = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xed\xb2\x80z";
    PyObject *s = PyUnicode_DecodeUTF8(text, (Py_ssize_t)strlen(text), "surrogatepass");
    PyObject *enc = PyUnicode_AsEncodedString(s, "ascii", NULL);
    PyObject *eexc = PyErr_GetRaisedException();
    PyUnicodeEncodeError_SetEnd(eexc, 5);
    PyObject *dec = PyUnicode_DecodeUTF8("a\xff\xfe\xc3z", 5, NULL);
    PyObject *dexc = PyErr_GetRaisedException();
    PyUnicodeDecodeError_SetEnd(dexc, 4);
    PyObject *table = PyDict_New();
    PyObject *key = PyLong_FromLong(0x20ac);
    PyDict_SetItem(table, key, Py_None);
    PyObject *tr = PyUnicode_Translate(s, table, NULL);
    PyObject *texc = PyErr_GetRaisedException();
    Py_DECREF(key);
    Py_DECREF(table);
    Py_XDECREF(enc);
    Py_XDECREF(dec);
    Py_XDECREF(tr);
    PyObject *(*fns[])(PyObject *) = {PyCodec_StrictErrors, PyCodec_IgnoreErrors, PyCodec_ReplaceErrors,
                                      PyCodec_XMLCharRefReplaceErrors, PyCodec_BackslashReplaceErrors,
                                      PyCodec_NameReplaceErrors};
    PyObject *excs[] = {eexc, dexc, texc, Py_None};
    PyObject *out = PyList_New(0);
    for (int f = 0; f < 6; f++) {
        for (int e = 0; e < 4; e++) {
            PyObject *r = or_error(fns[f](excs[e]));
            PyList_Append(out, r);
            Py_DECREF(r);
        }
    }
    const char *extra[] = {"surrogateescape", "surrogatepass"};
    for (int f = 0; f < 2; f++) {
        PyObject *h = PyCodec_LookupError(extra[f]);
        for (int e = 0; e < 4; e++) {
            PyObject *r = or_error(PyObject_CallOneArg(h, excs[e]));
            PyList_Append(out, r);
            Py_DECREF(r);
        }
        Py_DECREF(h);
    }
    Py_DECREF(s);
    Py_DECREF(eexc);
    Py_DECREF(dexc);
    Py_DECREF(texc);
    return out;
}

static PyMethodDef methods[] = {
    {"decode", decode, METH_VARARGS, NULL},
    {"encode", encode, METH_VARARGS, NULL},
    {"stateful", stateful, METH_VARARGS, NULL},
    {"escapes", escapes, METH_VARARGS, NULL},
    {"as_strings", as_strings, METH_O, NULL},
    {"charmap", charmap, METH_VARARGS, NULL},
    {"from_encoded", from_encoded, METH_VARARGS, NULL},
    {"encoding_map", encoding_map, METH_VARARGS, NULL},
    {"install", install, METH_NOARGS, NULL},
    {"registry", registry, METH_NOARGS, NULL},
    {"lookup_handlers", lookup_handlers, METH_NOARGS, NULL},
    {"handlers", handlers, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int exec_module(PyObject *m)
{
    seen = PyList_New(0);
    return seen == NULL ? -1 : 0;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "codecapi", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_codecapi(void)
{
    return PyModuleDef_Init(&module);
}
