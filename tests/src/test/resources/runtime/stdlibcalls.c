/* The standard-library modules extensions import, called from C the way extensions call them: import by name,
   read an attribute (dotted), call it; construct an object and call its methods or read its attributes, or run
   a sequence of steps on one object; and struct.pack_into's effect on a bytearray. Each stand-in module of the
   runtime is checked through these against what CPython's own module returns. Errors are "Type: message".
   KnownAnswerModulesTest compares the answers with CPython 3.13's. */
#include <Python.h>
#include <pthread.h>

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

/* module.a.b.c as a new reference, or NULL. */
static PyObject *lookup(PyObject *module, PyObject *dotted)
{
    PyObject *obj = PyImport_Import(module);
    PyObject *parts = obj != NULL ? PyUnicode_Split(dotted, PyUnicode_FromString("."), -1) : NULL;
    for (Py_ssize_t i = 0; parts != NULL && obj != NULL && i < PyList_GET_SIZE(parts); i++) {
        PyObject *next = PyObject_GetAttr(obj, PyList_GET_ITEM(parts, i));
        Py_SETREF(obj, next);
    }
    Py_XDECREF(parts);
    return obj;
}

/* attr(module, dotted): the attribute. */
static PyObject *attr(PyObject *self, PyObject *args)
{
    PyObject *module, *dotted;
    if (!PyArg_ParseTuple(args, "UU", &module, &dotted)) {
        return NULL;
    }
    PyObject *r = lookup(module, dotted);
    return r != NULL ? r : error_text();
}

/* call(module, dotted, *args): the attribute called with args. */
static PyObject *call(PyObject *self, PyObject *args)
{
    PyObject *f = lookup(PyTuple_GET_ITEM(args, 0), PyTuple_GET_ITEM(args, 1));
    if (f == NULL) {
        return error_text();
    }
    PyObject *rest = PyTuple_GetSlice(args, 2, PyTuple_GET_SIZE(args));
    PyObject *r = PyObject_Call(f, rest, NULL);
    Py_DECREF(rest);
    Py_DECREF(f);
    return r != NULL ? r : error_text();
}

/* mutated(module, dotted, obj, *args): (module.dotted(obj, *args), obj), for functions that change obj. */
static PyObject *mutated(PyObject *self, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) < 3) {
        PyErr_SetString(PyExc_TypeError, "mutated(module, dotted, obj, *args)");
        return NULL;
    }
    PyObject *r = call(self, args);
    if (r == NULL) {
        return NULL;
    }
    PyObject *pair = PyTuple_Pack(2, r, PyTuple_GET_ITEM(args, 2));
    Py_DECREF(r);
    return pair;
}

/* listed(module, dotted, *args): list(call(...)), for what returns an iterator. */
static PyObject *listed(PyObject *self, PyObject *args)
{
    PyObject *r = call(self, args);
    if (r == NULL || PyUnicode_Check(r)) {
        return r;
    }
    PyObject *l = PySequence_List(r);
    Py_DECREF(r);
    return l != NULL ? l : error_text();
}

/* on(module, dotted_class, class_args, name, *args): obj = class(*class_args); obj.name, called when args are
   given (pass () as the only extra argument to call with none). */
static PyObject *on(PyObject *self, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) < 4) {
        PyErr_SetString(PyExc_TypeError, "on(module, class, class_args, name, *args)");
        return NULL;
    }
    PyObject *cls = lookup(PyTuple_GET_ITEM(args, 0), PyTuple_GET_ITEM(args, 1));
    if (cls == NULL) {
        return error_text();
    }
    PyObject *obj = PyObject_Call(cls, PyTuple_GET_ITEM(args, 2), NULL);
    Py_DECREF(cls);
    if (obj == NULL) {
        return error_text();
    }
    PyObject *member = PyObject_GetAttr(obj, PyTuple_GET_ITEM(args, 3));
    Py_DECREF(obj);
    if (member == NULL || PyTuple_GET_SIZE(args) == 4) {
        return member != NULL ? member : error_text();
    }
    PyObject *rest = PyTuple_GetSlice(args, 4, PyTuple_GET_SIZE(args));
    if (PyTuple_GET_SIZE(rest) == 1 && PyTuple_Check(PyTuple_GET_ITEM(rest, 0))
        && PyTuple_GET_SIZE(PyTuple_GET_ITEM(rest, 0)) == 0) {
        Py_SETREF(rest, PyTuple_New(0));
    }
    PyObject *r = PyObject_Call(member, rest, NULL);
    Py_DECREF(rest);
    Py_DECREF(member);
    return r != NULL ? r : error_text();
}

/* repr_of(module, dotted_class, class_args): repr(class(*class_args)). */
static PyObject *repr_of(PyObject *self, PyObject *args)
{
    PyObject *module, *dotted, *cargs;
    if (!PyArg_ParseTuple(args, "UUO!", &module, &dotted, &PyTuple_Type, &cargs)) {
        return NULL;
    }
    PyObject *cls = lookup(module, dotted);
    PyObject *obj = cls != NULL ? PyObject_Call(cls, cargs, NULL) : NULL;
    Py_XDECREF(cls);
    PyObject *r = obj != NULL ? PyObject_Repr(obj) : NULL;
    Py_XDECREF(obj);
    return r != NULL ? r : error_text();
}

/* One step of steps run in a new thread of its own: obj.name(*args). */
struct in_thread {
    PyObject *obj, *name, *args, *result;
};

static void *run_in_thread(void *arg)
{
    struct in_thread *t = arg;
    PyGILState_STATE g = PyGILState_Ensure();
    PyObject *m = PyObject_GetAttr(t->obj, t->name);
    t->result = m != NULL ? PyObject_Call(m, t->args, NULL) : NULL;
    Py_XDECREF(m);
    if (t->result == NULL) {
        t->result = error_text();
    }
    PyGILState_Release(g);
    return NULL;
}

static PyObject *step_in_thread(PyObject *obj, PyObject *step)
{
    struct in_thread t = {obj, PyList_GET_ITEM(step, 0), NULL, NULL};
    PyObject *rest = PyList_GetSlice(step, 1, PyList_GET_SIZE(step));
    t.args = PyList_AsTuple(rest);
    Py_DECREF(rest);
    pthread_t thread;
    int failed;
    Py_BEGIN_ALLOW_THREADS
    failed = pthread_create(&thread, NULL, run_in_thread, &t) != 0 || pthread_join(thread, NULL) != 0;
    Py_END_ALLOW_THREADS
    Py_DECREF(t.args);
    return failed ? PyUnicode_FromString("no thread") : t.result;
}

/* PyThread_get_thread_ident() of the calling thread. */
static PyObject *thread_ident(PyObject *self, PyObject *args)
{
    return PyLong_FromUnsignedLong(PyThread_get_thread_ident());
}

/* steps(module, dotted_class, class_args, *steps): obj = class(*class_args), then each step on that one object:
   a str reads that attribute, a tuple (name, *args) calls that method, a list [name, *args] calls it in a new
   thread; the list of what each gave (errors as text, the later steps still run). */
static PyObject *steps(PyObject *self, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) < 3) {
        PyErr_SetString(PyExc_TypeError, "steps(module, class, class_args, *steps)");
        return NULL;
    }
    PyObject *cls = lookup(PyTuple_GET_ITEM(args, 0), PyTuple_GET_ITEM(args, 1));
    PyObject *obj = cls != NULL ? PyObject_Call(cls, PyTuple_GET_ITEM(args, 2), NULL) : NULL;
    Py_XDECREF(cls);
    if (obj == NULL) {
        return error_text();
    }
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 3; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *step = PyTuple_GET_ITEM(args, i), *r;
        if (PyTuple_Check(step) && PyTuple_GET_SIZE(step) > 0) {
            PyObject *rest = PyTuple_GetSlice(step, 1, PyTuple_GET_SIZE(step));
            PyObject *m = PyObject_GetAttr(obj, PyTuple_GET_ITEM(step, 0));
            r = m != NULL ? PyObject_Call(m, rest, NULL) : NULL;
            Py_XDECREF(m);
            Py_DECREF(rest);
        } else if (PyList_Check(step) && PyList_GET_SIZE(step) > 0) {
            r = step_in_thread(obj, step);
        } else {
            r = PyObject_GetAttr(obj, step);
        }
        if (r == NULL) {
            r = error_text();
        }
        PyList_Append(out, r);
        Py_DECREF(r);
    }
    Py_DECREF(obj);
    return out;
}

/* struct.pack_into(fmt, bytearray(size), offset, *values): (its result, the bytearray's bytes after). */
static PyObject *pack_into(PyObject *self, PyObject *args)
{
    PyObject *fmt = PyTuple_GET_ITEM(args, 0);
    Py_ssize_t size = PyLong_AsSsize_t(PyTuple_GET_ITEM(args, 1));
    PyObject *buf = PyByteArray_FromStringAndSize(NULL, size);
    memset(PyByteArray_AS_STRING(buf), 0, (size_t)size);
    PyObject *f = lookup(PyUnicode_FromString("struct"), PyUnicode_FromString("pack_into"));
    PyObject *call_args = PyTuple_New(PyTuple_GET_SIZE(args));
    PyTuple_SET_ITEM(call_args, 0, Py_NewRef(fmt));
    PyTuple_SET_ITEM(call_args, 1, Py_NewRef(buf));
    for (Py_ssize_t i = 2; i < PyTuple_GET_SIZE(args); i++) {
        PyTuple_SET_ITEM(call_args, i, Py_NewRef(PyTuple_GET_ITEM(args, i)));
    }
    PyObject *r = PyObject_Call(f, call_args, NULL);
    if (r == NULL) {
        r = error_text();
    }
    Py_DECREF(call_args);
    Py_DECREF(f);
    PyObject *out = Py_BuildValue("(Ny#)", r, PyByteArray_AS_STRING(buf), PyByteArray_GET_SIZE(buf));
    Py_DECREF(buf);
    return out;
}

static PyMethodDef methods[] = {
    {"attr", attr, METH_VARARGS, NULL},
    {"call", call, METH_VARARGS, NULL},
    {"mutated", mutated, METH_VARARGS, NULL},
    {"listed", listed, METH_VARARGS, NULL},
    {"on", on, METH_VARARGS, NULL},
    {"repr_of", repr_of, METH_VARARGS, NULL},
    {"steps", steps, METH_VARARGS, NULL},
    {"thread_ident", thread_ident, METH_NOARGS, NULL},
    {"pack_into", pack_into, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "stdlibcalls", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_stdlibcalls(void)
{
    return PyModuleDef_Init(&module);
}
