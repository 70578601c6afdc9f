/* The 3.14 C-API functions ftcheck implements, called with exact expected answers (Api314Test; the answers are the
   documented 3.14 semantics, in api314.expected). Built against ftcheck's headers as 3.14 and run in the runtime's
   3.14 mode. Arguments arrive one at a time (METH_O, several as a list) and results leave as lists, ints and strs,
   which keeps each check's output plain. */
#include <Python.h>
#include <stdio.h>
#include <wchar.h>

#if PY_VERSION_HEX < 0x030E0000
#error "build api314.c against headers that claim 3.14"
#endif

/* "Type: message" of the raised exception, which is cleared; the type alone for SystemErrors that are not
   ftcheck's own "not implemented" ones. */
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

/* Appends item (a new reference, or NULL for "the raised exception") to list. */
static void add(PyObject *list, PyObject *item)
{
    if (item == NULL) {
        item = error_text();
    }
    PyList_Append(list, item);
    Py_DECREF(item);
}

static void add_int(PyObject *list, long long v)
{
    add(list, PyLong_FromLongLong(v));
}

/* The value, or the error text, of an int-returning call that sets an exception with -1. */
static void add_rc(PyObject *list, int rc)
{
    if (rc == -1 && PyErr_Occurred()) {
        add(list, NULL);
    }
    else {
        add_int(list, rc);
    }
}

static PyObject *item(PyObject *args, Py_ssize_t i)
{
    return PyList_GetItemRef(args, i);
}

/* ---- a type whose instances convert through __index__ ---- */

typedef struct {
    PyObject_HEAD
    PyObject *value;
} IndexObject;

static PyObject *index_index(PyObject *self)
{
    return Py_NewRef(((IndexObject *)self)->value);
}

static void index_dealloc(PyObject *self)
{
    Py_XDECREF(((IndexObject *)self)->value);
    PyObject_Free(self);
}

static PyType_Slot index_slots[] = {
    {Py_nb_index, index_index},
    {Py_tp_dealloc, index_dealloc},
    {0, NULL},
};

static PyType_Spec index_spec = {"api314.Index", sizeof(IndexObject), 0, Py_TPFLAGS_DEFAULT, index_slots};
static PyObject *index_type;

static PyObject *make_index(PyObject *self, PyObject *value)
{
    IndexObject *o = PyObject_New(IndexObject, (PyTypeObject *)index_type);
    if (o == NULL) {
        return NULL;
    }
    o->value = Py_NewRef(value);
    return (PyObject *)o;
}

/* ---- longobject.h ---- */

/* [AsInt32, AsUInt32, AsInt64, AsUInt64] of obj: each the value or the error. */
static PyObject *long_as(PyObject *self, PyObject *obj)
{
    PyObject *out = PyList_New(0);
    int32_t i32;
    uint32_t u32;
    int64_t i64;
    uint64_t u64;
    add(out, PyLong_AsInt32(obj, &i32) == 0 ? PyLong_FromLong(i32) : NULL);
    add(out, PyLong_AsUInt32(obj, &u32) == 0 ? PyLong_FromUnsignedLong(u32) : NULL);
    add(out, PyLong_AsInt64(obj, &i64) == 0 ? PyLong_FromLongLong(i64) : NULL);
    add(out, PyLong_AsUInt64(obj, &u64) == 0 ? PyLong_FromUnsignedLongLong(u64) : NULL);
    return out;
}

static PyObject *long_from(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0);
    add(out, PyLong_FromInt32(INT32_MIN));
    add(out, PyLong_FromInt32(-1));
    add(out, PyLong_FromUInt32(UINT32_MAX));
    add(out, PyLong_FromInt64(INT64_MIN));
    add(out, PyLong_FromUInt64(UINT64_MAX));
    add(out, PyLong_FromUInt64(7));
    return out;
}

/* [IsPositive, IsNegative, IsZero, GetSign] of obj */
static PyObject *long_signs(PyObject *self, PyObject *obj)
{
    PyObject *out = PyList_New(0);
    add_rc(out, PyLong_IsPositive(obj));
    add_rc(out, PyLong_IsNegative(obj));
    add_rc(out, PyLong_IsZero(obj));
    int sign = 99;
    if (PyLong_GetSign(obj, &sign) < 0) {
        add(out, NULL);
    }
    else {
        add_int(out, sign);
    }
    return out;
}

/* ---- cpython/longintrepr.h ---- */

static PyObject *long_layout(PyObject *self, PyObject *unused)
{
    const PyLongLayout *l = PyLong_GetNativeLayout();
    PyObject *out = PyList_New(0);
    add_int(out, l->bits_per_digit);
    add_int(out, l->digit_size);
    add_int(out, l->digits_order);
    add_int(out, l->digit_endianness);
    return out;
}

/* ['value', v] or ['digits', negative, ndigits, [digits]] */
static PyObject *long_export(PyObject *self, PyObject *obj)
{
    PyLongExport e;
    if (PyLong_Export(obj, &e) < 0) {
        PyObject *out = PyList_New(0);
        add(out, NULL);
        add_int(out, e.digits == NULL && e._reserved == 0);
        return out;
    }
    PyObject *out = PyList_New(0);
    if (e.digits == NULL) {
        add(out, PyUnicode_FromString("value"));
        add_int(out, e.value);
    }
    else {
        const PyLongLayout *l = PyLong_GetNativeLayout();
        add(out, PyUnicode_FromString("digits"));
        add_int(out, e.negative);
        add_int(out, e.ndigits);
        PyObject *digits = PyList_New(0);
        for (Py_ssize_t i = 0; i < e.ndigits; i++) {
            add_int(digits, l->digit_size == 4 ? (long long)((const uint32_t *)e.digits)[i] : -1);
        }
        add(out, digits);
    }
    PyLong_FreeExport(&e);
    return out;
}

/* [negative, [digits]] -> the int PyLongWriter makes of them */
static PyObject *long_write(PyObject *self, PyObject *args)
{
    PyObject *neg = item(args, 0), *digits = item(args, 1);
    Py_ssize_t n = PyList_Size(digits);
    void *buf = (void *)1;
    PyLongWriter *w = PyLongWriter_Create(PyObject_IsTrue(neg), n, &buf);
    PyObject *r;
    if (w == NULL) {
        r = error_text();
        if (buf != NULL) {
            Py_SETREF(r, PyUnicode_FromFormat("%U (digits not NULL)", r));
        }
    }
    else {
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *d = item(digits, i);
            ((uint32_t *)buf)[i] = (uint32_t)PyLong_AsUnsignedLong(d);
            Py_DECREF(d);
        }
        r = PyLongWriter_Finish(w);
    }
    Py_DECREF(neg);
    Py_DECREF(digits);
    return r;
}

static PyObject *long_write_discard(PyObject *self, PyObject *unused)
{
    void *buf;
    PyLongWriter *w = PyLongWriter_Create(1, 3, &buf);
    if (w == NULL) {
        return NULL;
    }
    PyLongWriter_Discard(w);
    PyLongWriter_Discard(NULL);
    return PyUnicode_FromString("discarded");
}

/* ---- cpython/unicodeobject.h: PyUnicodeWriter ---- */

static PyObject *writer_basic(PyObject *self, PyObject *unused)
{
    PyUnicodeWriter *w = PyUnicodeWriter_Create(0);
    if (w == NULL) {
        return NULL;
    }
    if (PyUnicodeWriter_WriteUTF8(w, "x=", -1) < 0 || PyUnicodeWriter_Format(w, "%d", 1) < 0
            || PyUnicodeWriter_WriteASCII(w, ", ", 2) < 0 || PyUnicodeWriter_WriteChar(w, 0xE9) < 0) {
        PyUnicodeWriter_Discard(w);
        return NULL;
    }
    return PyUnicodeWriter_Finish(w);
}

/* str(obj) | repr(obj) | repr(NULL), through the writer */
static PyObject *writer_objects(PyObject *self, PyObject *obj)
{
    PyUnicodeWriter *w = PyUnicodeWriter_Create(16);
    if (w == NULL) {
        return NULL;
    }
    if (PyUnicodeWriter_WriteStr(w, obj) < 0 || PyUnicodeWriter_WriteChar(w, '|') < 0
            || PyUnicodeWriter_WriteRepr(w, obj) < 0 || PyUnicodeWriter_WriteChar(w, '|') < 0
            || PyUnicodeWriter_WriteRepr(w, NULL) < 0) {
        PyUnicodeWriter_Discard(w);
        return NULL;
    }
    return PyUnicodeWriter_Finish(w);
}

/* [the written str, consumed]: wide chars, UCS4, a substring, a stateful decode that stops before an incomplete
   sequence, a lenient decode, a formatted %s/%S/%zd */
static PyObject *writer_more(PyObject *self, PyObject *unused)
{
    PyUnicodeWriter *w = PyUnicodeWriter_Create(0);
    if (w == NULL) {
        return NULL;
    }
    Py_UCS4 ucs4[] = {0x1F600, 'y'};
    PyObject *hello = PyUnicode_FromString("hello");
    Py_ssize_t consumed = -1;
    int bad = PyUnicodeWriter_WriteWideChar(w, L"\u2200x", -1) < 0
        || PyUnicodeWriter_WriteUCS4(w, ucs4, 2) < 0
        || PyUnicodeWriter_WriteSubstring(w, hello, 1, 3) < 0
        || PyUnicodeWriter_DecodeUTF8Stateful(w, "ab\xc3", 3, NULL, &consumed) < 0
        || PyUnicodeWriter_DecodeUTF8Stateful(w, "\xffz", 2, "replace", NULL) < 0
        || PyUnicodeWriter_Format(w, "[%s %S %zd]", "c", hello, (Py_ssize_t)-7) < 0;
    Py_DECREF(hello);
    if (bad) {
        PyUnicodeWriter_Discard(w);
        return NULL;
    }
    PyObject *out = PyList_New(0);
    add(out, PyUnicodeWriter_Finish(w));
    add_int(out, consumed);
    return out;
}

/* Each failing write's error; the writer is left as it was, so the last item is what was written before. */
static PyObject *writer_errors(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0);
    PyUnicodeWriter *negative = PyUnicodeWriter_Create(-1);
    add(out, negative == NULL ? NULL : PyUnicode_FromString("created?"));
    PyUnicodeWriter_Discard(negative);
    PyUnicodeWriter *w = PyUnicodeWriter_Create(0);
    if (w == NULL) {
        return NULL;
    }
    PyObject *abc = PyUnicode_FromString("abc");
    PyObject *five = PyLong_FromLong(5);
    Py_ssize_t consumed = -1;
    add_rc(out, PyUnicodeWriter_WriteUTF8(w, "ok", 2));
    add_rc(out, PyUnicodeWriter_WriteChar(w, 0x110000));
    add_rc(out, PyUnicodeWriter_WriteUTF8(w, "\xff", 1));
    add_rc(out, PyUnicodeWriter_WriteUTF8(w, "a\xc3", -1));
    add_rc(out, PyUnicodeWriter_DecodeUTF8Stateful(w, "\xff", 1, "strict", &consumed));
    add_int(out, consumed);
    add_rc(out, PyUnicodeWriter_WriteSubstring(w, abc, 2, 1));
    add_rc(out, PyUnicodeWriter_WriteSubstring(w, abc, 0, 4));
    add_rc(out, PyUnicodeWriter_WriteSubstring(w, five, 0, 1));
    add_rc(out, PyUnicodeWriter_WriteStr(w, abc));
    Py_DECREF(abc);
    Py_DECREF(five);
    add(out, PyUnicodeWriter_Finish(w));
    return out;
}

/* ---- unicodeobject.h, bytesobject.h, pyhash.h, abstract.h, import.h, weakrefobject.h ---- */

static PyObject *unicode_equal(PyObject *self, PyObject *args)
{
    PyObject *a = item(args, 0), *b = item(args, 1);
    PyObject *out = PyList_New(0);
    add_rc(out, PyUnicode_Equal(a, b));
    Py_DECREF(a);
    Py_DECREF(b);
    PyObject *r = PyList_GetItemRef(out, 0);
    Py_DECREF(out);
    return r;
}

static PyObject *bytes_join(PyObject *self, PyObject *args)
{
    PyObject *sep = item(args, 0), *items = item(args, 1);
    PyObject *r = PyBytes_Join(sep, items);
    Py_DECREF(sep);
    Py_DECREF(items);
    return r != NULL ? r : error_text();
}

/* [Py_HashBuffer(b) == hash(b), Py_HashBuffer(NULL, 0) == hash(b'')] */
static PyObject *hash_buffer(PyObject *self, PyObject *b)
{
    char *data;
    Py_ssize_t n;
    if (PyBytes_AsStringAndSize(b, &data, &n) < 0) {
        return NULL;
    }
    PyObject *empty = PyBytes_FromStringAndSize(NULL, 0);
    PyObject *out = PyList_New(0);
    add(out, PyBool_FromLong(Py_HashBuffer(data, n) == PyObject_Hash(b)));
    add(out, PyBool_FromLong(Py_HashBuffer(NULL, 0) == PyObject_Hash(empty)));
    Py_DECREF(empty);
    return out;
}

/* The items of iter(obj) by PyIter_NextItem, then its final return code */
static PyObject *next_items(PyObject *self, PyObject *obj)
{
    PyObject *it = PyObject_GetIter(obj);
    if (it == NULL) {
        return NULL;
    }
    PyObject *out = PyList_New(0);
    PyObject *x;
    int rc;
    while ((rc = PyIter_NextItem(it, &x)) == 1) {
        add(out, x);
    }
    add_rc(out, rc);
    add_int(out, x == NULL);
    Py_DECREF(it);
    return out;
}

/* PyIter_NextItem on obj itself (an iterable that is not an iterator fails) */
static PyObject *next_item_of(PyObject *self, PyObject *obj)
{
    PyObject *x = (PyObject *)1;
    PyObject *out = PyList_New(0);
    int rc = PyIter_NextItem(obj, &x);
    if (rc == 1) {
        add(out, x);
    }
    else {
        add_rc(out, rc);
        add_int(out, x == NULL);
    }
    return out;
}

static PyObject *import_attr(PyObject *self, PyObject *args)
{
    PyObject *mod = item(args, 0), *attr = item(args, 1);
    PyObject *r = PyImport_ImportModuleAttr(mod, attr);
    Py_DECREF(mod);
    Py_DECREF(attr);
    return r != NULL ? r : error_text();
}

static PyObject *import_attr_string(PyObject *self, PyObject *args)
{
    PyObject *mod = item(args, 0), *attr = item(args, 1);
    PyObject *r = PyImport_ImportModuleAttrString(PyUnicode_AsUTF8(mod), PyUnicode_AsUTF8(attr));
    Py_DECREF(mod);
    Py_DECREF(attr);
    return r != NULL ? r : error_text();
}

/* [alive, dead after the referent went, a non-weakref] */
static PyObject *weakref_dead(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0);
    PyObject *referent = PySet_New(NULL);
    PyObject *ref = PyWeakref_NewRef(referent, NULL);
    if (ref == NULL) {
        Py_DECREF(referent);
        Py_DECREF(out);
        return NULL;
    }
    add_rc(out, PyWeakref_IsDead(ref));
    Py_DECREF(referent);
    add_rc(out, PyWeakref_IsDead(ref));
    add_rc(out, PyWeakref_IsDead(Py_None));
    Py_DECREF(ref);
    return out;
}

/* ---- object.h and cpython/object.h ---- */

static PyObject *refcounts(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0);
    PyObject *fresh = PyList_New(0);
    add_int(out, PyUnstable_Object_IsUniquelyReferenced(fresh));
    PyUnstable_EnableTryIncRef(fresh);
    add_int(out, PyUnstable_TryIncRef(fresh));
    add_int(out, Py_REFCNT(fresh));
    add_int(out, PyUnstable_Object_IsUniquelyReferenced(fresh));
    Py_DECREF(fresh);
    add_int(out, PyUnstable_Object_IsUniqueReferencedTemporary(fresh));
    add_int(out, PyUnstable_IsImmortal(fresh));
    add_int(out, PyUnstable_IsImmortal(Py_None));
    Py_DECREF(fresh);
    return out;
}

static PyType_Slot plain_slots[] = {{0, NULL}};

static PyObject *type_freeze(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0);
    PyType_Spec spec = {"api314.Frozen", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, plain_slots};
    PyObject *t = PyType_FromSpec(&spec);
    if (t == NULL) {
        return NULL;
    }
    PyObject *one = PyLong_FromLong(1);
    add_rc(out, PyObject_SetAttrString(t, "x", one));
    add_int(out, PyType_HasFeature((PyTypeObject *)t, Py_TPFLAGS_IMMUTABLETYPE) != 0);
    add_rc(out, PyType_Freeze((PyTypeObject *)t));
    add_int(out, PyType_HasFeature((PyTypeObject *)t, Py_TPFLAGS_IMMUTABLETYPE) != 0);
    add_rc(out, PyObject_SetAttrString(t, "y", one));
    add(out, PyObject_GetAttrString(t, "x"));

    /* a subclass of a mutable type cannot be frozen */
    PyType_Slot sub_slots[] = {{Py_tp_base, NULL}, {0, NULL}};
    PyType_Spec base_spec = {"api314.Base", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
                             plain_slots};
    PyObject *base = PyType_FromSpec(&base_spec);
    sub_slots[0].pfunc = base;
    PyType_Spec sub_spec = {"api314.Sub", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, sub_slots};
    PyObject *sub = PyType_FromSpec(&sub_spec);
    add_rc(out, PyType_Freeze((PyTypeObject *)sub));
    add_int(out, PyType_HasFeature((PyTypeObject *)sub, Py_TPFLAGS_IMMUTABLETYPE) != 0);
    Py_DECREF(one);
    Py_DECREF(sub);
    Py_DECREF(base);
    Py_DECREF(t);
    return out;
}

static PyType_Slot token_a_slots[] = {{Py_tp_token, Py_TP_USE_SPEC}, {0, NULL}};
static PyType_Spec token_a_spec = {"api314.TokenA", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
                                   token_a_slots};
static int token_b;

/* PyType_GetBaseByToken's answers: return code and which type it found */
static void add_base(PyObject *out, PyObject *type, void *token, PyObject *a, PyObject *b)
{
    PyTypeObject *found = (PyTypeObject *)1;
    int rc = PyType_GetBaseByToken((PyTypeObject *)type, token, &found);
    if (rc < 0) {
        add(out, NULL);
        add_int(out, found == NULL);
        return;
    }
    add_int(out, rc);
    add(out, PyUnicode_FromString(found == NULL ? "NULL" : (PyObject *)found == a ? "A" : (PyObject *)found == b ? "B"
                                  : "other"));
    Py_XDECREF(found);
}

static PyObject *type_token(PyObject *self, PyObject *unused)
{
    PyObject *a = PyType_FromSpec(&token_a_spec);
    if (a == NULL) {
        return NULL;
    }
    PyType_Slot b_slots[] = {{Py_tp_token, &token_b}, {Py_tp_base, a}, {0, NULL}};
    PyType_Spec b_spec = {"api314.TokenB", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, b_slots};
    PyObject *b = PyType_FromSpec(&b_spec);
    if (b == NULL) {
        Py_DECREF(a);
        return NULL;
    }
    PyObject *out = PyList_New(0);
    add_base(out, b, &token_a_spec, a, b);       /* the base, by its spec */
    add_base(out, b, &token_b, a, b);            /* the type itself */
    add_base(out, a, &token_b, a, b);            /* not in A's MRO */
    add_base(out, (PyObject *)&PyLong_Type, &token_a_spec, a, b);
    add_base(out, b, NULL, a, b);
    add_base(out, out, &token_b, a, b);
    add_int(out, PyType_GetBaseByToken((PyTypeObject *)b, &token_a_spec, NULL));
    Py_DECREF(b);
    Py_DECREF(a);
    return out;
}

/* ---- lock.h and critical_section.h ---- */

static PyObject *mutexes(PyObject *self, PyObject *unused)
{
    static PyMutex m, m1, m2;
    PyObject *out = PyList_New(0);
    add_int(out, PyMutex_IsLocked(&m));
    PyMutex_Lock(&m);
    add_int(out, PyMutex_IsLocked(&m));
    add_int(out, (PyMutex_IsLocked)(&m));
    PyMutex_Unlock(&m);
    add_int(out, PyMutex_IsLocked(&m));
    Py_BEGIN_CRITICAL_SECTION_MUTEX(&m1);
    add_int(out, PyMutex_IsLocked(&m1));
    Py_END_CRITICAL_SECTION();
    add_int(out, PyMutex_IsLocked(&m1));
    Py_BEGIN_CRITICAL_SECTION2_MUTEX(&m1, &m2);
    add_int(out, PyMutex_IsLocked(&m1) + PyMutex_IsLocked(&m2));
    Py_END_CRITICAL_SECTION2();
    add_int(out, PyMutex_IsLocked(&m1) + PyMutex_IsLocked(&m2));
    PyCriticalSection cs;
    PyCriticalSection_BeginMutex(&cs, &m2);
    add_int(out, PyMutex_IsLocked(&m2));
    PyCriticalSection_End(&cs);
    PyCriticalSection2 cs2;
    PyCriticalSection2_BeginMutex(&cs2, &m2, &m2);   /* the same mutex twice locks it once */
    add_int(out, PyMutex_IsLocked(&m2));
    PyCriticalSection2_End(&cs2);
    add_int(out, PyMutex_IsLocked(&m2));
    return out;
}

/* ---- initconfig.h ---- */

static PyObject *config_get(PyObject *self, PyObject *name)
{
    PyObject *r = PyConfig_Get(PyUnicode_AsUTF8(name));
    return r != NULL ? r : error_text();
}

static PyObject *config_get_int(PyObject *self, PyObject *name)
{
    int v = -12345;
    if (PyConfig_GetInt(PyUnicode_AsUTF8(name), &v) < 0) {
        return error_text();
    }
    return PyLong_FromLong(v);
}

/* [the names are a frozenset, how many, whether each given name is among them] */
static PyObject *config_names(PyObject *self, PyObject *names)
{
    PyObject *all = PyConfig_Names();
    if (all == NULL) {
        return NULL;
    }
    PyObject *out = PyList_New(0);
    add_int(out, PyFrozenSet_CheckExact(all));
    add_int(out, PySet_Size(all));
    for (Py_ssize_t i = 0; i < PyList_Size(names); i++) {
        PyObject *n = item(names, i);
        add_rc(out, PySet_Contains(all, n));
        Py_DECREF(n);
    }
    Py_DECREF(all);
    return out;
}

/* ---- pymacro.h, fileutils.h ---- */

static PyObject *pack_version(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0);
    add_int(out, Py_PACK_VERSION(3, 14));
    add_int(out, (Py_PACK_VERSION)(3, 14));
    add_int(out, Py_PACK_FULL_VERSION(3, 14, 8, 0xF, 0));
    add_int(out, (Py_PACK_FULL_VERSION)(3, 14, 8, 0xF, 0));
    add_int(out, Py_PACK_FULL_VERSION(3, 15, 0, 0xA, 1));
    add_int(out, PY_VERSION_HEX);
    return out;
}

/* [write "hi" to path, read it back, open a missing file] through Py_fopen/Py_fclose */
static PyObject *fopen_roundtrip(PyObject *self, PyObject *path)
{
    PyObject *out = PyList_New(0);
    FILE *f = Py_fopen(path, "w");
    if (f == NULL) {
        add(out, NULL);
        return out;
    }
    fputs("hi", f);
    add_int(out, Py_fclose(f));
    f = Py_fopen(path, "r");
    if (f == NULL) {
        add(out, NULL);
        return out;
    }
    char buf[8] = {0};
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    add(out, PyUnicode_FromStringAndSize(buf, (Py_ssize_t)n));
    add_int(out, Py_fclose(f));
    PyObject *missing = PyUnicode_FromString("/nonexistent-ftcheck-dir/x");
    f = Py_fopen(missing, "r");
    add(out, f == NULL ? NULL : PyUnicode_FromString("opened?"));
    Py_DECREF(missing);
    add(out, Py_fopen(Py_None, "r") == NULL ? NULL : PyUnicode_FromString("opened?"));
    return out;
}

/* ---- declared but not implemented: each fails naming itself ---- */

static int watcher(PyContextEvent event, PyObject *obj)
{
    return 0;
}

static PyObject *loud(PyObject *self, PyObject *unused)
{
    PyObject *out = PyList_New(0);
    add_rc(out, PyConfig_Set("verbose", Py_None));
    add_rc(out, PyContext_AddWatcher(watcher));
    add(out, PyInitConfig_Create() == NULL ? NULL : PyUnicode_FromString("created?"));
    return out;
}

static PyMethodDef methods[] = {
    {"make_index", make_index, METH_O, NULL},
    {"long_as", long_as, METH_O, NULL},
    {"long_from", long_from, METH_NOARGS, NULL},
    {"long_signs", long_signs, METH_O, NULL},
    {"long_layout", long_layout, METH_NOARGS, NULL},
    {"long_export", long_export, METH_O, NULL},
    {"long_write", long_write, METH_O, NULL},
    {"long_write_discard", long_write_discard, METH_NOARGS, NULL},
    {"writer_basic", writer_basic, METH_NOARGS, NULL},
    {"writer_objects", writer_objects, METH_O, NULL},
    {"writer_more", writer_more, METH_NOARGS, NULL},
    {"writer_errors", writer_errors, METH_NOARGS, NULL},
    {"unicode_equal", unicode_equal, METH_O, NULL},
    {"bytes_join", bytes_join, METH_O, NULL},
    {"hash_buffer", hash_buffer, METH_O, NULL},
    {"next_items", next_items, METH_O, NULL},
    {"next_item_of", next_item_of, METH_O, NULL},
    {"import_attr", import_attr, METH_O, NULL},
    {"import_attr_string", import_attr_string, METH_O, NULL},
    {"weakref_dead", weakref_dead, METH_NOARGS, NULL},
    {"refcounts", refcounts, METH_NOARGS, NULL},
    {"type_freeze", type_freeze, METH_NOARGS, NULL},
    {"type_token", type_token, METH_NOARGS, NULL},
    {"mutexes", mutexes, METH_NOARGS, NULL},
    {"config_get", config_get, METH_O, NULL},
    {"config_get_int", config_get_int, METH_O, NULL},
    {"config_names", config_names, METH_O, NULL},
    {"pack_version", pack_version, METH_NOARGS, NULL},
    {"fopen_roundtrip", fopen_roundtrip, METH_O, NULL},
    {"loud", loud, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "api314", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit_api314(void)
{
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) {
        return NULL;
    }
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    index_type = PyType_FromSpec(&index_spec);
    if (index_type == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
