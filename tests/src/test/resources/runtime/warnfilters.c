/* Warnings issued from C (PyErr_WarnEx, PyErr_WarnExplicit) under filters set through the warnings module, inside
   warnings.catch_warnings(record=True) so each case sees only its own filters and the recorded warnings can be
   returned. Errors are "Type: message". KnownAnswerModulesTest compares the answers with CPython 3.13's;
   contexts() is not among them: it shows 3.14's context-aware catch_warnings (see WarningsContextTest). */
#include <Python.h>

static PyObject *error_text(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("NULL, no error");
    }
    PyObject *r = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

static PyObject *warnings_call(const char *name, PyObject *args, PyObject *kwargs)
{
    PyObject *w = PyImport_ImportModule("warnings");
    PyObject *f = w != NULL ? PyObject_GetAttrString(w, name) : NULL;
    Py_XDECREF(w);
    PyObject *r = f != NULL ? PyObject_Call(f, args, kwargs) : NULL;
    Py_XDECREF(f);
    return r;
}

static PyObject *builtin(PyObject *name)
{
    PyObject *b = PyImport_ImportModule("builtins");
    PyObject *r = b != NULL ? PyObject_GetAttr(b, name) : NULL;
    Py_XDECREF(b);
    return r;
}

/* Enters catch_warnings(record=True): the manager in *cm, the log returned. */
static PyObject *enter(PyObject **cm)
{
    PyObject *kw = Py_BuildValue("{s:O}", "record", Py_True);
    PyObject *empty = PyTuple_New(0);
    *cm = warnings_call("catch_warnings", empty, kw);
    Py_DECREF(kw);
    Py_DECREF(empty);
    return *cm != NULL ? PyObject_CallMethod(*cm, "__enter__", NULL) : NULL;
}

static int leave(PyObject *cm)
{
    PyObject *r = PyObject_CallMethod(cm, "__exit__", "OOO", Py_None, Py_None, Py_None);
    Py_DECREF(cm);
    Py_XDECREF(r);
    return r != NULL ? 0 : -1;
}

/* [(category name, str(message))] of a record log. */
static PyObject *logged(PyObject *log)
{
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(log); i++) {
        PyObject *m = PyList_GET_ITEM(log, i);
        PyObject *cat = PyObject_GetAttrString(m, "category");
        PyObject *msg = PyObject_GetAttrString(m, "message");
        PyObject *item = Py_BuildValue("(sN)", ((PyTypeObject *)cat)->tp_name, PyObject_Str(msg));
        PyList_Append(out, item);
        Py_DECREF(item);
        Py_DECREF(cat);
        Py_DECREF(msg);
    }
    return out;
}

/* Applies one filter: ("simple", action, category) or ("filter", action, message, category, module). */
static int apply(PyObject *spec)
{
    const char *kind = PyUnicode_AsUTF8(PyTuple_GET_ITEM(spec, 0));
    PyObject *r;
    if (strcmp(kind, "reset") == 0) {
        PyObject *empty = PyTuple_New(0);
        r = warnings_call("resetwarnings", empty, NULL);
        Py_DECREF(empty);
    }
    else if (strcmp(kind, "simple") == 0) {
        PyObject *cat = builtin(PyTuple_GET_ITEM(spec, 2));
        PyObject *args = Py_BuildValue("(ON)", PyTuple_GET_ITEM(spec, 1), cat);
        r = args != NULL ? warnings_call("simplefilter", args, NULL) : NULL;
        Py_XDECREF(args);
    }
    else {
        PyObject *cat = builtin(PyTuple_GET_ITEM(spec, 3));
        PyObject *args = Py_BuildValue("(OONO)", PyTuple_GET_ITEM(spec, 1), PyTuple_GET_ITEM(spec, 2), cat,
                                       PyTuple_GET_ITEM(spec, 4));
        r = args != NULL ? warnings_call("filterwarnings", args, NULL) : NULL;
        Py_XDECREF(args);
    }
    Py_XDECREF(r);
    return r != NULL ? 0 : -1;
}

/* Issues (category, text) with PyErr_WarnEx; "ok" or the error it raised. */
static PyObject *issue(PyObject *w)
{
    PyObject *cat = builtin(PyTuple_GET_ITEM(w, 0));
    if (cat == NULL) {
        return error_text();
    }
    int rc = PyErr_WarnEx(cat, PyUnicode_AsUTF8(PyTuple_GET_ITEM(w, 1)), 1);
    Py_DECREF(cat);
    return rc == 0 ? PyUnicode_FromString("ok") : error_text();
}

/* scenario(filters, warnings): inside catch_warnings(record=True), resetwarnings(), apply the filters, issue the
   warnings: (each warning's outcome, the recorded warnings). */
static PyObject *scenario(PyObject *self, PyObject *args)
{
    PyObject *filters, *warns, *cm;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &filters, &PyList_Type, &warns)) {
        return NULL;
    }
    PyObject *log = enter(&cm);
    if (log == NULL) {
        Py_XDECREF(cm);
        return error_text();
    }
    PyObject *outcomes = PyList_New(0);
    PyObject *reset = Py_BuildValue("(s)", "reset");
    if (apply(reset) < 0) {
        PyList_Append(outcomes, error_text());
    }
    Py_DECREF(reset);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(filters); i++) {
        if (apply(PyList_GET_ITEM(filters, i)) < 0) {
            PyObject *e = error_text();
            PyList_Append(outcomes, e);
            Py_DECREF(e);
        }
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(warns); i++) {
        PyObject *o = issue(PyList_GET_ITEM(warns, i));
        PyList_Append(outcomes, o);
        Py_DECREF(o);
    }
    PyObject *rec = logged(log);
    Py_DECREF(log);
    if (leave(cm) < 0) {
        return error_text();
    }
    return Py_BuildValue("(NN)", outcomes, rec);
}

/* explicit(action, registry_given, [(filename, lineno, module, text)]): PyErr_WarnExplicit under
   simplefilter(action) with a registry dict (or NULL): (outcomes, recorded (category, text, filename, lineno)). */
static PyObject *explicit(PyObject *self, PyObject *args)
{
    PyObject *action, *calls, *cm;
    int with_registry;
    if (!PyArg_ParseTuple(args, "UpO!", &action, &with_registry, &PyList_Type, &calls)) {
        return NULL;
    }
    PyObject *log = enter(&cm);
    if (log == NULL) {
        return error_text();
    }
    PyObject *spec = Py_BuildValue("(sOs)", "simple", action, "Warning");
    PyObject *outcomes = PyList_New(0);
    if (apply(spec) < 0) {
        PyList_Append(outcomes, error_text());
    }
    Py_DECREF(spec);
    PyObject *registry = with_registry ? PyDict_New() : NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(calls); i++) {
        PyObject *c = PyList_GET_ITEM(calls, i);
        PyObject *mod = PyTuple_GET_ITEM(c, 2);
        int rc = PyErr_WarnExplicit(PyExc_UserWarning, PyUnicode_AsUTF8(PyTuple_GET_ITEM(c, 3)),
                                    PyUnicode_AsUTF8(PyTuple_GET_ITEM(c, 0)),
                                    (int)PyLong_AsLong(PyTuple_GET_ITEM(c, 1)),
                                    mod == Py_None ? NULL : PyUnicode_AsUTF8(mod), registry);
        PyObject *o = rc == 0 ? PyUnicode_FromString("ok") : error_text();
        PyList_Append(outcomes, o);
        Py_DECREF(o);
    }
    Py_XDECREF(registry);
    PyObject *rec = PyList_New(0);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(log); i++) {
        PyObject *m = PyList_GET_ITEM(log, i);
        PyObject *item = Py_BuildValue("(NNN)", PyObject_Str(PyObject_GetAttrString(m, "message")),
                                       PyObject_GetAttrString(m, "filename"), PyObject_GetAttrString(m, "lineno"));
        PyList_Append(rec, item);
        Py_DECREF(item);
    }
    Py_DECREF(log);
    if (leave(cm) < 0) {
        return error_text();
    }
    return Py_BuildValue("(NN)", outcomes, rec);
}

/* The inner half of contexts(): enters catch_warnings in the context it runs in and makes warnings errors there,
   leaving it entered (the context, not this call, scopes it); returns the manager. */
static PyObject *strict_here(PyObject *self, PyObject *unused)
{
    PyObject *cm;
    PyObject *log = enter(&cm);
    if (log == NULL) {
        Py_XDECREF(cm);
        return NULL;
    }
    Py_DECREF(log);
    PyObject *spec = Py_BuildValue("(sss)", "simple", "error", "Warning");
    int rc = apply(spec);
    Py_DECREF(spec);
    if (rc < 0) {
        Py_DECREF(cm);
        return NULL;
    }
    return cm;
}

static PyObject *warn_here(PyObject *self, PyObject *unused)
{
    return PyErr_WarnEx(PyExc_UserWarning, "in the other context", 1) == 0 ? PyUnicode_FromString("ok")
                                                                         : error_text();
}

static PyMethodDef helper_defs[] = {
    {"strict_here", strict_here, METH_NOARGS, NULL},
    {"warn_here", warn_here, METH_NOARGS, NULL},
};

/* contexts(): outer context records everything ("always"); a copied context makes warnings errors in its own
   catch_warnings. With context-aware warnings (free-threaded 3.14) the copy's filter stays there: (outer outcome,
   copy outcome, outer outcome after, recorded in the outer log). */
static PyObject *contexts(PyObject *self, PyObject *unused)
{
    PyObject *cm;
    PyObject *log = enter(&cm);
    if (log == NULL) {
        return error_text();
    }
    PyObject *spec = Py_BuildValue("(sss)", "simple", "always", "Warning");
    apply(spec);
    Py_DECREF(spec);
    PyObject *ctx = PyContext_CopyCurrent();
    PyObject *strict = PyCFunction_New(&helper_defs[0], NULL);
    PyObject *warn = PyCFunction_New(&helper_defs[1], NULL);
    PyObject *r = PyObject_CallMethod(ctx, "run", "O", strict);
    PyObject *before = PyErr_WarnEx(PyExc_UserWarning, "in the outer context", 1) == 0
                       ? PyUnicode_FromString("ok") : error_text();
    Py_XDECREF(r);
    PyObject *in_copy = PyObject_CallMethod(ctx, "run", "O", warn);
    if (in_copy == NULL) {
        in_copy = error_text();
    }
    PyObject *after = PyErr_WarnEx(PyExc_UserWarning, "in the outer context again", 1) == 0
                      ? PyUnicode_FromString("ok") : error_text();
    PyObject *rec = logged(log);
    Py_DECREF(log);
    Py_DECREF(strict);
    Py_DECREF(warn);
    Py_DECREF(ctx);
    if (leave(cm) < 0) {
        return error_text();
    }
    return Py_BuildValue("(NNNN)", before, in_copy, after, rec);
}

static PyMethodDef methods[] = {
    {"scenario", scenario, METH_VARARGS, NULL},
    {"explicit", explicit, METH_VARARGS, NULL},
    {"contexts", contexts, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef moddef = {PyModuleDef_HEAD_INIT, "warnfilters", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_warnfilters(void)
{
    return PyModuleDef_Init(&moddef);
}
