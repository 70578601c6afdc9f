/* Function objects from PyFunction_New and their getters and setters with CPython's errors, function watchers
   counted across 4 C threads, bound methods, instance methods, classmethod and staticmethod wrappers.
   KnownAnswerModulesTest compares the answers with CPython 3.13t's. A function whose code needs the bytecode
   interpreter is called only by RuntimeSliceTest-style checks, never here: CPython would run it. */
#include <Python.h>
#include <frameobject.h>
#include <pthread.h>

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

static PyObject *error_name(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    PyObject *r = PyUnicode_FromString(Py_TYPE(exc)->tp_name);
    Py_DECREF(exc);
    return r;
}

static PyObject *borrowed(PyObject *v)
{
    return v != NULL ? Py_NewRef(v) : (PyErr_Occurred() ? error_name() : Py_NewRef(Py_None));
}

static PyObject *new_function(const char *qualname)
{
    PyCodeObject *code = PyCode_NewEmpty("f.py", "fn", 5);
    PyObject *globals = Py_BuildValue("{s:s}", "__name__", "modname");
    PyObject *q = qualname ? PyUnicode_FromString(qualname) : NULL;
    PyObject *f = PyFunction_NewWithQualName((PyObject *)code, globals, q);
    Py_XDECREF(q);
    Py_DECREF(globals);
    Py_DECREF(code);
    return f;
}

static PyObject *getters(PyObject *self, PyObject *args)
{
    PyCodeObject *code = PyCode_NewEmpty("f.py", "fn", 5);
    PyObject *globals = Py_BuildValue("{s:s}", "__name__", "modname");
    PyObject *f = PyFunction_New((PyObject *)code, globals);
    PyObject *noname = PyDict_New();
    PyObject *g = PyFunction_New((PyObject *)code, noname);
    PyObject *r = Py_BuildValue("(siiNNNNNssNs)", Py_TYPE(f)->tp_name, PyFunction_GetCode(f) == (PyObject *)code,
            PyFunction_GetGlobals(f) == globals, borrowed(PyFunction_GetModule(f)),
            borrowed(PyFunction_GetDefaults(f)), borrowed(PyFunction_GetKwDefaults(f)),
            borrowed(PyFunction_GetClosure(f)), borrowed(PyFunction_GetAnnotations(f)), PyEval_GetFuncName(f),
            PyEval_GetFuncDesc(f), borrowed(PyFunction_GetModule(g)), Py_TYPE(g)->tp_name);
    Py_DECREF(g);
    Py_DECREF(noname);
    Py_DECREF(f);
    Py_DECREF(globals);
    Py_DECREF(code);
    return r;
}

static PyObject *setters(PyObject *self, PyObject *args)
{
    PyObject *f = new_function("Outer.fn");
    PyObject *r = PyList_New(0);
    PyObject *defaults = Py_BuildValue("(ii)", 1, 2);
    PyObject *kw = Py_BuildValue("{s:i}", "k", 3);
    PyObject *ann = Py_BuildValue("{s:s}", "return", "int");
    PyObject *list = PyList_New(0);
    PyObject *five = PyLong_FromLong(5);
    PyObject *v;
#define STEP(call) do { v = (call) < 0 ? error_text() : PyUnicode_FromString("ok"); PyList_Append(r, v); \
        Py_DECREF(v); } while (0)
#define GET(call) do { v = borrowed(call); PyList_Append(r, v); Py_DECREF(v); } while (0)
    STEP(PyFunction_SetDefaults(f, defaults));
    GET(PyFunction_GetDefaults(f));
    STEP(PyFunction_SetDefaults(f, Py_None));
    GET(PyFunction_GetDefaults(f));
    STEP(PyFunction_SetDefaults(f, list));
    STEP(PyFunction_SetKwDefaults(f, kw));
    GET(PyFunction_GetKwDefaults(f));
    STEP(PyFunction_SetKwDefaults(f, five));
    STEP(PyFunction_SetKwDefaults(f, Py_None));
    GET(PyFunction_GetKwDefaults(f));
    STEP(PyFunction_SetClosure(f, defaults));
    GET(PyFunction_GetClosure(f));
    STEP(PyFunction_SetClosure(f, five));
    STEP(PyFunction_SetAnnotations(f, ann));
    GET(PyFunction_GetAnnotations(f));
    STEP(PyFunction_SetAnnotations(f, five));
    GET(PyFunction_GetCode(five));
    v = PyFunction_SetDefaults(five, defaults) < 0 ? error_name() : PyUnicode_FromString("ok");
    PyList_Append(r, v);
    Py_DECREF(v);
    GET(PyFunction_GetGlobals(five));
    GET(PyFunction_GetModule(five));
    Py_DECREF(defaults); Py_DECREF(kw); Py_DECREF(ann); Py_DECREF(list); Py_DECREF(five); Py_DECREF(f);
    return r;
}

static PyObject *count_args(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    return Py_BuildValue("(nn)", PyVectorcall_NARGS(nargsf), kwnames ? PyTuple_GET_SIZE(kwnames) : (Py_ssize_t)-1);
}

/* With its vectorcall replaced, a function object runs that C function. */
static PyObject *vectorcall(PyObject *self, PyObject *args)
{
    PyObject *f = new_function(NULL);
    PyFunction_SetVectorcall((PyFunctionObject *)f, count_args);
    PyObject *a = PyObject_CallNoArgs(f);
    PyObject *b = PyObject_CallFunction(f, "ii", 1, 2);
    PyObject *kw = Py_BuildValue("{s:i}", "x", 1);
    PyObject *one = Py_BuildValue("(i)", 1);
    PyObject *c = PyObject_Call(f, one, kw);
    Py_DECREF(kw);
    Py_DECREF(one);
    Py_DECREF(f);
    return Py_BuildValue("(NNN)", a ? a : error_text(), b ? b : error_text(), c ? c : error_text());
}

static PyObject *echo(PyObject *self, PyObject *args)
{
    return Py_NewRef(args);
}

static PyMethodDef echo_def = {"echo", echo, METH_VARARGS, NULL};

static PyObject *methods_(PyObject *self, PyObject *args)
{
    PyObject *fn = PyCFunction_New(&echo_def, NULL);
    PyObject *obj = PyUnicode_FromString("self");
    PyObject *m = PyMethod_New(fn, obj);
    PyObject *called = PyObject_CallFunction(m, "i", 1);
    PyObject *nomethod = PyMethod_New(fn, NULL);
    PyObject *nm = nomethod ? nomethod : error_name();
    PyObject *im = PyInstanceMethod_New(fn);
    PyObject *imcalled = PyObject_CallFunction(im, "i", 3);
    PyObject *cm = PyClassMethod_New(fn);
    PyObject *sm = PyStaticMethod_New(fn);
    PyObject *smcalled = PyObject_CallFunction(sm, "i", 4);
    PyObject *smc = smcalled ? smcalled : error_text();
    PyObject *cmcalled = PyObject_CallFunction(cm, "i", 4);
    PyObject *cmc = cmcalled ? cmcalled : error_text();
    PyObject *five = PyLong_FromLong(5);
    PyObject *badf = borrowed(PyMethod_Function(five));
    PyObject *bads = borrowed(PyMethod_Self(five));
    PyObject *badi = borrowed(PyInstanceMethod_Function(five));
    PyObject *r = Py_BuildValue("(ssssiiNiNNNNsssNNN)", Py_TYPE(m)->tp_name, Py_TYPE(im)->tp_name,
            Py_TYPE(cm)->tp_name, Py_TYPE(sm)->tp_name, PyMethod_Function(m) == fn, PyMethod_Self(m) == obj,
            called ? called : error_text(), PyInstanceMethod_Function(im) == fn,
            imcalled ? imcalled : error_text(), nm, smc, cmc, PyEval_GetFuncName(m), PyEval_GetFuncDesc(m),
            PyEval_GetFuncName(im), badf, bads, badi);
    Py_DECREF(five);
    Py_DECREF(fn); Py_DECREF(obj); Py_DECREF(m); Py_DECREF(im); Py_DECREF(cm); Py_DECREF(sm);
    return r;
}

/* classmethod, staticmethod and a function set on a heap type, looked up on the type and on an instance. */
static PyType_Slot holder_slots[] = {{0, NULL}};
static PyType_Spec holder_spec = {"funcobjects.Holder", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, holder_slots};

static PyObject *binding(PyObject *self, PyObject *args)
{
    PyObject *type = PyType_FromSpec(&holder_spec);
    if (type == NULL) {
        return NULL;
    }
    PyObject *fn = PyCFunction_New(&echo_def, NULL);
    PyObject *cm = PyClassMethod_New(fn);
    PyObject *sm = PyStaticMethod_New(fn);
    PyObject *func = new_function("Holder.f");
    PyObject_SetAttrString(type, "cm", cm);
    PyObject_SetAttrString(type, "sm", sm);
    PyObject_SetAttrString(type, "f", func);
    PyObject *inst = PyObject_CallNoArgs(type);
    PyObject *r = PyList_New(0);
    PyObject *holders[] = {type, inst};
    for (int i = 0; i < 2; i++) {
        PyObject *c = PyObject_GetAttrString(holders[i], "cm");
        PyObject *s2 = PyObject_GetAttrString(holders[i], "sm");
        PyObject *f = PyObject_GetAttrString(holders[i], "f");
        PyObject *called = PyObject_CallFunction(c, "i", 7);
        PyObject *entry = Py_BuildValue("(siNsisiN)", Py_TYPE(c)->tp_name,
                PyMethod_Check(c) && PyMethod_Self(c) == type, called ? called : error_text(),
                Py_TYPE(s2)->tp_name, s2 == fn, Py_TYPE(f)->tp_name,
                PyMethod_Check(f) ? PyMethod_Self(f) == inst : f == func,
                PyUnicode_FromString(PyEval_GetFuncName(f)));
        PyList_Append(r, entry);
        Py_DECREF(entry);
        Py_DECREF(c);
        Py_DECREF(s2);
        Py_DECREF(f);
    }
    Py_DECREF(inst);
    Py_DECREF(func);
    Py_DECREF(sm);
    Py_DECREF(cm);
    Py_DECREF(fn);
    Py_DECREF(type);
    return r;
}

/* Attributes that are plain fields in CPython, read through getattr. */
static PyObject *attr(PyObject *o, const char *name)
{
    PyObject *v = PyObject_GetAttrString(o, name);
    if (v == NULL) {
        return error_text();
    }
    if (PyUnicode_Check(v) || PyLong_Check(v) || PyBytes_Check(v) || PyTuple_Check(v) || v == Py_None) {
        return v;
    }
    PyObject *r = PyUnicode_FromString(Py_TYPE(v)->tp_name);
    Py_DECREF(v);
    return r;
}

static PyObject *attributes(PyObject *self, PyObject *args)
{
    PyObject *f = new_function("Outer.fn");
    PyObject *code = PyFunction_GetCode(f);
    PyObject *globals = PyDict_New();
    PyFrameObject *frame = PyFrame_New(PyThreadState_Get(), (PyCodeObject *)code, globals, NULL);
    PyErr_SetString(PyExc_ValueError, "v");
    PyTraceBack_Here(frame);
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *tb = PyException_GetTraceback(exc);
    PyObject *fn = PyCFunction_New(&echo_def, NULL);
    PyObject *m = PyMethod_New(fn, f);
    PyObject *cm = PyClassMethod_New(fn);
    PyObject *sm = PyStaticMethod_New(fn);
    PyObject *im = PyInstanceMethod_New(fn);
    PyObject *computed = Py_BuildValue("(NNNNNNNNNNN)", attr(code, "co_code"), attr(code, "co_varnames"),
            attr(code, "co_cellvars"), attr(code, "co_freevars"), attr((PyObject *)frame, "f_code"),
            attr((PyObject *)frame, "f_globals"), attr((PyObject *)frame, "f_locals"), attr(tb, "tb_lineno"),
            attr(tb, "tb_lasti"), attr((PyObject *)frame, "f_lineno"), attr((PyObject *)frame, "f_lasti"));
    PyObject *r = Py_BuildValue("((NNNNNNNNN)(NNN)(NNNNNNNNN)(NNNNNNN)N)",
            attr(code, "co_name"), attr(code, "co_qualname"), attr(code, "co_filename"),
            attr(code, "co_firstlineno"), attr(code, "co_argcount"), attr(code, "co_flags"),
            attr(code, "co_linetable"), attr(code, "co_consts"), attr(code, "co_missing"),
            attr(tb, "tb_next"), attr(tb, "tb_frame"), attr((PyObject *)frame, "f_back"),
            attr(f, "__name__"), attr(f, "__qualname__"), attr(f, "__code__"), attr(f, "__defaults__"),
            attr(f, "__kwdefaults__"), attr(f, "__closure__"), attr(f, "__doc__"), attr(f, "__module__"),
            attr(f, "__globals__"),
            attr(m, "__func__"), attr(m, "__self__"), attr(cm, "__func__"), attr(cm, "__wrapped__"),
            attr(sm, "__func__"), attr(im, "__func__"), attr(m, "nothing"), computed);
    Py_DECREF(im); Py_DECREF(sm); Py_DECREF(cm); Py_DECREF(m); Py_DECREF(fn);
    Py_DECREF(tb); Py_DECREF(exc); Py_DECREF(frame); Py_DECREF(globals); Py_DECREF(f);
    return r;
}

/* Function watchers: 4 C threads each create 250 functions and set their defaults and keyword defaults. */
static _Atomic long events[5];
static _Atomic long with_value[5];

static int count_func_events(PyFunction_WatchEvent event, PyFunctionObject *func, PyObject *new_value)
{
    events[event]++;
    if (new_value != NULL) {
        with_value[event]++;
    }
    return 0;
}

static void *func_churn(void *arg)
{
    PyGILState_STATE g = PyGILState_Ensure();
    for (int i = 0; i < 250; i++) {
        PyObject *f = new_function(NULL);
        PyObject *d = Py_BuildValue("(i)", i);
        PyObject *k = PyDict_New();
        PyFunction_SetDefaults(f, d);
        PyFunction_SetKwDefaults(f, k);
        PyFunction_SetDefaults(f, Py_None);
        Py_DECREF(d);
        Py_DECREF(k);
        Py_DECREF(f);
    }
    PyGILState_Release(g);
    return NULL;
}

static PyObject *func_watchers(PyObject *self, PyObject *args)
{
    for (int i = 0; i < 5; i++) {
        events[i] = with_value[i] = 0;
    }
    int id = PyFunction_AddWatcher(count_func_events);
    if (id < 0) {
        return NULL;
    }
    pthread_t t[4];
    Py_BEGIN_ALLOW_THREADS
    for (int i = 0; i < 4; i++) {
        pthread_create(&t[i], NULL, func_churn, NULL);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
    }
    Py_END_ALLOW_THREADS
    PyObject *counts = Py_BuildValue("(lllll)(lllll)", events[0], events[1], events[2], events[3], events[4],
            with_value[0], with_value[1], with_value[2], with_value[3], with_value[4]);
    int cleared = PyFunction_ClearWatcher(id);
    PyObject *again = PyFunction_ClearWatcher(id) < 0 ? error_text() : PyUnicode_FromString("cleared twice");
    PyObject *invalid = PyFunction_ClearWatcher(-1) < 0 ? error_text() : PyUnicode_FromString("cleared -1");
    int ids[9], n = 0;
    for (; n < 9; n++) {
        ids[n] = PyFunction_AddWatcher(count_func_events);
        if (ids[n] < 0) {
            break;
        }
    }
    PyObject *full = error_text();
    for (int i = 0; i < n; i++) {
        PyFunction_ClearWatcher(ids[i]);
    }
    return Py_BuildValue("(NiNNiN)", counts, cleared, again, invalid, n, full);
}

/* Not in the known answers: CPython runs the code (AssertionError), ftcheck refuses to. */
static PyObject *call_plain(PyObject *self, PyObject *args)
{
    PyObject *f = new_function(NULL);
    PyObject *r = PyObject_CallNoArgs(f);
    Py_DECREF(f);
    return r;
}

static PyMethodDef module_methods[] = {
    {"getters", getters, METH_NOARGS, NULL},
    {"setters", setters, METH_NOARGS, NULL},
    {"vectorcall", vectorcall, METH_NOARGS, NULL},
    {"methods", methods_, METH_NOARGS, NULL},
    {"attributes", attributes, METH_NOARGS, NULL},
    {"binding", binding, METH_NOARGS, NULL},
    {"func_watchers", func_watchers, METH_NOARGS, NULL},
    {"call_plain", call_plain, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moddef = {PyModuleDef_HEAD_INIT, "funcobjects", NULL, -1, module_methods};

PyMODINIT_FUNC PyInit_funcobjects(void)
{
    PyObject *m = PyModule_Create(&moddef);
#ifdef Py_GIL_DISABLED
    if (m != NULL) {
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    }
#endif
    return m;
}
