/* object.h, objimpl.h, abstract.h, pycapsule.h, moduleobject.h, descrobject.h and sliceobject.h functions:
   repr recursion marks, PyCapsule_Import, type slots and type data, weakref support, the GC switch, printing,
   finalizers, ToBase, length hints, PyIter_Send, async iteration checks, in-place repeat and slice indices.
   KnownAnswerModulesTest compares the answers with CPython 3.13t's. */
#include <Python.h>
#include <structmember.h>

static PyObject *error_name(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    /* SystemError's message names a CPython source file: the type alone */
    PyObject *r = PyErr_GivenExceptionMatches(exc, PyExc_SystemError)
        ? PyUnicode_FromString(Py_TYPE(exc)->tp_name) : PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

static PyObject *or_error(PyObject *r)
{
    return r != NULL ? r : error_name();
}

static PyObject *repr_marks(PyObject *self, PyObject *args)
{
    PyObject *list = Py_BuildValue("[i]", 1);
    int a = Py_ReprEnter(list);
    int b = Py_ReprEnter(list);
    PyObject *inside = PyObject_Repr(list);
    Py_ReprLeave(list);
    int c = Py_ReprEnter(list);
    Py_ReprLeave(list);
    PyObject *after = PyObject_Repr(list);
    Py_DECREF(list);
    return Py_BuildValue("(iiNiN)", a, b, inside, c, after);
}

static int api_value = 42;

static PyObject *capsule_import(PyObject *self, PyObject *arg)
{
    void *p = PyCapsule_Import(PyUnicode_AsUTF8(arg), 0);
    if (p == NULL) {
        return error_name();
    }
    return PyLong_FromLong(*(int *)p);
}

static PyObject *thing_repr(PyObject *self)
{
    return PyUnicode_FromString("<thing>");
}

static PyObject *thing_add(PyObject *a, PyObject *b)
{
    return PyLong_FromLong(7);
}

static Py_ssize_t thing_len(PyObject *self)
{
    return 3;
}

static PyObject *thing_hint(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(11);
}

static int finalized;

static void thing_finalize(PyObject *self)
{
    finalized++;
}

static PyMemberDef thing_members[] = {
    {"__weaklistoffset__", Py_T_PYSSIZET, sizeof(PyObject), Py_READONLY, NULL},
    {"first", Py_T_OBJECT_EX, sizeof(PyObject) + sizeof(PyObject *), 0, NULL},
    {NULL},
};

static PyMethodDef thing_methods[] = {
    {"__length_hint__", thing_hint, METH_NOARGS, NULL},
    {NULL},
};

static PyType_Slot thing_slots[] = {
    {Py_tp_repr, thing_repr},
    {Py_nb_add, thing_add},
    {Py_sq_length, thing_len},
    {Py_tp_members, thing_members},
    {Py_tp_methods, thing_methods},
    {Py_tp_finalize, thing_finalize},
    {Py_tp_doc, "a thing"},
    {0, NULL},
};

static PyType_Spec thing_spec = {"objects.Thing", sizeof(PyObject) + 2 * sizeof(PyObject *), 0,
                                 Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, thing_slots};

static int collected_traverse(PyObject *self, visitproc visit, void *arg)
{
    return 0;
}

static PyType_Slot gc_slots[] = {
    {Py_tp_finalize, thing_finalize},
    {Py_tp_traverse, collected_traverse},
    {0, NULL},
};

static PyType_Slot bare_slots[] = {{0, NULL}};
static PyType_Spec bare_spec = {"Bare", 0, 0, Py_TPFLAGS_DEFAULT, bare_slots};
static PyType_Spec gc_spec = {"objects.Collected", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, gc_slots};
static PyType_Spec extended_spec = {"objects.Extended", -24, 0, Py_TPFLAGS_DEFAULT, bare_slots};
static PyType_Spec items_spec = {"objects.Items", sizeof(PyObject) + 8, 8, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_ITEMS_AT_END,
                                 bare_slots};

static PyTypeObject static_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "objects.Static",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_repr = thing_repr,
};

static PyObject *thing_type, *bare_type, *gc_type;

static PyObject *slots(PyObject *self, PyObject *args)
{
    PyTypeObject *t = (PyTypeObject *)thing_type;
    PyObject *r = Py_BuildValue("(iiiiiiisi)",
        PyType_GetSlot(t, Py_tp_repr) == (void *)thing_repr,
        PyType_GetSlot(t, Py_nb_add) == (void *)thing_add,
        PyType_GetSlot(t, Py_sq_length) == (void *)thing_len,
        PyType_GetSlot(t, Py_mp_length) == NULL,
        PyType_GetSlot(t, Py_nb_subtract) == NULL,
        PyType_GetSlot(t, Py_tp_base) == (void *)&PyBaseObject_Type,
        PyType_GetSlot(&static_type, Py_tp_repr) == (void *)thing_repr,
        (const char *)PyType_GetSlot(t, Py_tp_doc),
        PyType_GetSlot(&static_type, Py_bf_getbuffer) == NULL);
    PyObject *zero = PyType_GetSlot(t, 0) == NULL ? error_name() : NULL;
    PyObject *big = PyType_GetSlot(t, 82) == NULL ? error_name() : NULL;
    return Py_BuildValue("(NNN)", r, zero, big);
}

static PyObject *module_names(PyObject *self, PyObject *args)
{
    return Py_BuildValue("(NNNN)", or_error(PyType_GetModuleName((PyTypeObject *)thing_type)),
                         or_error(PyType_GetModuleName((PyTypeObject *)bare_type)),
                         or_error(PyType_GetModuleName(&static_type)), or_error(PyType_GetModuleName(&PyLong_Type)));
}

static PyObject *type_data(PyObject *self, PyObject *args)
{
    PyObject *bases = PyTuple_Pack(1, thing_type);
    PyObject *ext = PyType_FromSpecWithBases(&extended_spec, bases);
    Py_DECREF(bases);
    if (ext == NULL) {
        return NULL;
    }
    PyObject *items = PyType_FromSpec(&items_spec);
    if (items == NULL) {
        return NULL;
    }
    PyObject *o = PyType_GenericAlloc((PyTypeObject *)ext, 0);
    PyObject *v = PyType_GenericAlloc((PyTypeObject *)items, 2);
    PyObject *r = Py_BuildValue("(nnnnnN)", ((PyTypeObject *)ext)->tp_basicsize,
        PyType_GetTypeDataSize((PyTypeObject *)ext), (char *)PyObject_GetTypeData(o, (PyTypeObject *)ext) - (char *)o,
        PyType_GetTypeDataSize((PyTypeObject *)thing_type), (char *)PyObject_GetItemData(v) - (char *)v,
        PyObject_GetItemData(o) == NULL ? error_name() : NULL);
    Py_DECREF(o);
    Py_DECREF(v);
    Py_DECREF(ext);
    Py_DECREF(items);
    return r;
}

static PyObject *weak_support(PyObject *self, PyObject *args)
{
    PyObject *exc = PyErr_NewException("objects.Err", NULL, NULL);
    PyObject *r = Py_BuildValue("(iiiiiiiii)", PyType_SUPPORTS_WEAKREFS(&PyLong_Type),
        PyType_SUPPORTS_WEAKREFS(&PyType_Type), PyType_SUPPORTS_WEAKREFS(&PySet_Type),
        PyType_SUPPORTS_WEAKREFS(&PyModule_Type), PyType_SUPPORTS_WEAKREFS(&PyList_Type),
        PyType_SUPPORTS_WEAKREFS((PyTypeObject *)thing_type), PyType_SUPPORTS_WEAKREFS((PyTypeObject *)bare_type),
        PyType_SUPPORTS_WEAKREFS((PyTypeObject *)PyExc_ValueError), PyType_SUPPORTS_WEAKREFS((PyTypeObject *)exc));
    Py_DECREF(exc);
    return r;
}

static int callback_calls;

static PyObject *on_death(PyObject *self, PyObject *wr)
{
    callback_calls++;
    Py_RETURN_NONE;
}

static PyMethodDef on_death_def = {"on_death", on_death, METH_O, NULL};

static PyObject *clear_weakrefs(PyObject *self, PyObject *args)
{
    PyObject *o = PyType_GenericAlloc((PyTypeObject *)thing_type, 0);
    PyObject *cb = PyCFunction_New(&on_death_def, NULL);
    PyObject *wr = PyWeakref_NewRef(o, cb);
    PyObject *before = NULL, *after = NULL;
    int rb = PyWeakref_GetRef(wr, &before);
    PyUnstable_Object_ClearWeakRefsNoCallbacks(o);
    int ra = PyWeakref_GetRef(wr, &after);
    Py_XDECREF(before);
    Py_XDECREF(after);
    Py_DECREF(o);
    PyObject *r = Py_BuildValue("(iii)", rb, ra, callback_calls);
    Py_DECREF(wr);
    Py_DECREF(cb);
    return r;
}

static PyObject *gc_switch(PyObject *self, PyObject *args)
{
    int a = PyGC_Disable(), b = PyGC_IsEnabled(), c = PyGC_Disable(), d = PyGC_Enable(), e = PyGC_Enable();
    return Py_BuildValue("(iiiiii)", a, b, c, d, e, PyGC_IsEnabled());
}

static PyObject *generic_hash(PyObject *self, PyObject *args)
{
    PyObject *o = PyType_GenericAlloc((PyTypeObject *)bare_type, 0);
    size_t y = (size_t)o;
    Py_hash_t expect = (Py_hash_t)((y >> 4) | (y << (8 * sizeof(void *) - 4)));
    PyObject *r = Py_BuildValue("(ii)", PyObject_GenericHash(o) == expect, PyObject_GenericHash(o) == PyObject_Hash(o));
    Py_DECREF(o);
    return r;
}

static PyObject *print(PyObject *self, PyObject *args)
{
    FILE *f = tmpfile();
    PyObject *list = Py_BuildValue("[is]", 1, "a");
    PyObject *s = PyUnicode_FromString("x\xc3\xa9");
    int a = PyObject_Print(list, f, 0);
    fputc('|', f);
    int b = PyObject_Print(s, f, Py_PRINT_RAW);
    fputc('|', f);
    int c = PyObject_Print(s, f, 0);
    fputc('|', f);
    int d = PyObject_Print(NULL, f, 0);
    Py_DECREF(list);
    Py_DECREF(s);
    char buf[256];
    long n = ftell(f);
    rewind(f);
    size_t got = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return Py_BuildValue("(iiiiy#l)", a, b, c, d, buf, (Py_ssize_t)got, n);
}

static PyObject *finalizers(PyObject *self, PyObject *args)
{
    finalized = 0;
    PyObject *o = PyType_GenericAlloc((PyTypeObject *)gc_type, 0);
    PyObject_CallFinalizer(o);
    PyObject_CallFinalizer(o);
    int gc_count = finalized;
    PyObject *p = PyType_GenericAlloc((PyTypeObject *)thing_type, 0);
    PyObject_CallFinalizer(p);
    PyObject_CallFinalizer(p);
    int plain_count = finalized - gc_count;
    Py_DECREF(p);
    Py_DECREF(o);
    return Py_BuildValue("(ii)", gc_count, plain_count);
}

static PyObject *to_base(PyObject *self, PyObject *args)
{
    PyObject *n;
    int base;
    if (!PyArg_ParseTuple(args, "Oi", &n, &base)) {
        return NULL;
    }
    return or_error(PyNumber_ToBase(n, base));
}

static PyObject *length_hint(PyObject *self, PyObject *o)
{
    Py_ssize_t n = PyObject_LengthHint(o, -7);
    return n == -1 && PyErr_Occurred() ? error_name() : PyLong_FromSsize_t(n);
}

static PyObject *hints(PyObject *self, PyObject *args)
{
    PyObject *list = Py_BuildValue("[iii]", 1, 2, 3);
    PyObject *it = PyObject_GetIter(list);
    Py_ssize_t a = PyObject_LengthHint(it, -7);
    Py_DECREF(PyIter_Next(it));
    Py_ssize_t b = PyObject_LengthHint(it, -7);
    PyObject *thing = PyType_GenericAlloc((PyTypeObject *)thing_type, 0);
    Py_ssize_t c = PyObject_LengthHint(thing, -7); /* sq_length wins over __length_hint__ */
    PyObject *bare = PyType_GenericAlloc((PyTypeObject *)bare_type, 0);
    Py_ssize_t d = PyObject_LengthHint(bare, -7);
    Py_DECREF(it);
    Py_DECREF(list);
    Py_DECREF(thing);
    Py_DECREF(bare);
    return Py_BuildValue("(nnnn)", a, b, c, d);
}

static PyObject *send(PyObject *self, PyObject *args)
{
    PyObject *list = Py_BuildValue("[i]", 5);
    PyObject *it = PyObject_GetIter(list);
    PyObject *r1, *r2, *r3;
    int s1 = PyIter_Send(it, Py_None, &r1);
    int s2 = PyIter_Send(it, Py_None, &r2);
    int s3 = PyIter_Send(it, Py_True, &r3);
    PyObject *e3 = NULL;
    if (s3 == PYGEN_ERROR) { /* only the type: the message names the iterator's type */
        PyObject *exc = PyErr_GetRaisedException();
        e3 = PyUnicode_FromString(Py_TYPE(exc)->tp_name);
        Py_DECREF(exc);
    }
    Py_DECREF(it);
    Py_DECREF(list);
    return Py_BuildValue("(iNiNiN)", s1, r1, s2, r2, s3, e3 != NULL ? e3 : r3);
}

static PyObject *async_checks(PyObject *self, PyObject *args)
{
    PyObject *list = PyList_New(0);
    int a = PyAIter_Check(list);
    PyObject *e = or_error(PyObject_GetAIter(list));
    Py_DECREF(list);
    return Py_BuildValue("(iNi)", a, e, PyVectorcall_Function(Py_None) == NULL);
}

static PyObject *inplace_repeat(PyObject *self, PyObject *args)
{
    PyObject *given;
    Py_ssize_t n;
    int as_bytearray = 0;
    if (!PyArg_ParseTuple(args, "On|p", &given, &n, &as_bytearray)) {
        return NULL;
    }
    PyObject *o = as_bytearray ? PyByteArray_FromObject(given) : Py_NewRef(given);
    PyObject *r = PySequence_InPlaceRepeat(o, n);
    if (r == NULL) {
        Py_DECREF(o);
        return error_name();
    }
    return Py_BuildValue("(NiN)", r, r == o, o);
}

/* slice_indices(start, stop, step, length) on slice(start, stop, step) */
static PyObject *slice_indices(PyObject *self, PyObject *args)
{
    PyObject *a, *b, *c;
    Py_ssize_t len, start = -99, stop = -99, step = -99;
    if (!PyArg_ParseTuple(args, "OOOn", &a, &b, &c, &len)) {
        return NULL;
    }
    PyObject *s = PySlice_New(a, b, c);
    int rc = PySlice_GetIndices(s, len, &start, &stop, &step);
    Py_DECREF(s);
    return Py_BuildValue("(innnN)", rc, start, stop, step, PyErr_Occurred() ? error_name() : Py_NewRef(Py_None));
}

static PyObject *descr_data(PyObject *self, PyObject *args)
{
    PyObject *member = PyObject_GetAttrString(thing_type, "first");
    PyObject *method = PyObject_GetAttrString(thing_type, "__length_hint__");
    if (member == NULL || method == NULL) {
        return NULL;
    }
    PyObject *r = Py_BuildValue("(ii)", PyDescr_IsData(member), PyDescr_IsData(method));
    Py_DECREF(member);
    Py_DECREF(method);
    return r;
}

static PyObject *filenames(PyObject *self, PyObject *args)
{
    PyObject *me = PyImport_ImportModule("objects");
    PyObject *file = PyModule_GetFilenameObject(me);
    PyObject *suffix = file != NULL ? PyUnicode_FromString(".so") : NULL;
    PyObject *ends = file != NULL ? PyBool_FromLong(PyUnicode_Tailmatch(file, suffix, 0, PY_SSIZE_T_MAX, 1)) : error_name();
    Py_XDECREF(suffix);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    const char *c = PyModule_GetFilename(me);
#pragma GCC diagnostic pop
    int same = c != NULL && file != NULL && strcmp(c, PyUnicode_AsUTF8(file)) == 0;
    Py_XDECREF(file);
    PyObject *bare = PyModule_New("bare");
    PyObject *missing = or_error(PyModule_GetFilenameObject(bare));
    Py_DECREF(bare);
    PyObject *notmod = or_error(PyModule_GetFilenameObject(Py_None));
    Py_DECREF(me);
    return Py_BuildValue("(NiNN)", ends, same, missing, notmod);
}

static PyMethodDef methods[] = {
    {"repr_marks", repr_marks, METH_NOARGS, NULL},
    {"capsule_import", capsule_import, METH_O, NULL},
    {"slots", slots, METH_NOARGS, NULL},
    {"module_names", module_names, METH_NOARGS, NULL},
    {"type_data", type_data, METH_NOARGS, NULL},
    {"weak_support", weak_support, METH_NOARGS, NULL},
    {"clear_weakrefs", clear_weakrefs, METH_NOARGS, NULL},
    {"gc_switch", gc_switch, METH_NOARGS, NULL},
    {"generic_hash", generic_hash, METH_NOARGS, NULL},
    {"print", print, METH_NOARGS, NULL},
    {"finalizers", finalizers, METH_NOARGS, NULL},
    {"to_base", to_base, METH_VARARGS, NULL},
    {"length_hint", length_hint, METH_O, NULL},
    {"hints", hints, METH_NOARGS, NULL},
    {"send", send, METH_NOARGS, NULL},
    {"async_checks", async_checks, METH_NOARGS, NULL},
    {"inplace_repeat", inplace_repeat, METH_VARARGS, NULL},
    {"slice_indices", slice_indices, METH_VARARGS, NULL},
    {"descr_data", descr_data, METH_NOARGS, NULL},
    {"filenames", filenames, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "objects", NULL, 0, methods};

PyMODINIT_FUNC PyInit_objects(void)
{
    PyObject *m = PyModule_Create(&module);
    if (m == NULL || PyType_Ready(&static_type) < 0) {
        return NULL;
    }
    thing_type = PyType_FromSpec(&thing_spec);
    bare_type = PyType_FromSpec(&bare_spec);
    gc_type = PyType_FromSpec(&gc_spec);
    if (thing_type == NULL || bare_type == NULL || gc_type == NULL) {
        return NULL;
    }
    PyModule_AddObjectRef(m, "Thing", thing_type);
    PyModule_Add(m, "_api", PyCapsule_New(&api_value, "objects._api", NULL));
    PyModule_Add(m, "_other", PyCapsule_New(&api_value, "objects._api", NULL));
    PyModule_AddObjectRef(m, "ns", m);
    return m;
}
