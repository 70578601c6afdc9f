/* Single-phase sample: a module that declares GIL-free operation with PyUnstable_Module_SetGIL and keeps one
 * shared list that many threads append to concurrently. Exercises METH_O / METH_NOARGS / METH_VARARGS /
 * METH_FASTCALL functions, error returns and the NULL-without-exception misuse. */
#include <Python.h>

static PyObject *shared_list; /* strong reference, created at init */

static PyObject *append(PyObject *self, PyObject *item)
{
    if (PyList_Append(shared_list, item) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *length(PyObject *self, PyObject *unused)
{
    return PyLong_FromSsize_t(PyList_Size(shared_list));
}

static PyObject *clear(PyObject *self, PyObject *unused)
{
    if (PyList_SetSlice(shared_list, 0, PyList_Size(shared_list), NULL) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Sum of the ints in the shared list, read with strong references. */
static PyObject *total(PyObject *self, PyObject *unused)
{
    long long sum = 0;
    Py_ssize_t n = PyList_Size(shared_list);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GetItemRef(shared_list, i);
        if (item == NULL) {
            return NULL;
        }
        long v = PyLong_AsLong(item);
        Py_DECREF(item);
        if (v == -1 && PyErr_Occurred()) {
            return NULL;
        }
        sum += v;
    }
    return PyLong_FromLongLong(sum);
}

/* Appends count ints in a tight C loop: lets a test drive many appends per upcall into the module. */
static PyObject *append_many(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "append_many(value, count) takes exactly 2 arguments");
        return NULL;
    }
    long count = PyLong_AsLong(args[1]);
    if (count == -1 && PyErr_Occurred()) {
        return NULL;
    }
    for (long i = 0; i < count; i++) {
        if (PyList_Append(shared_list, args[0]) < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

static PyObject *echo(PyObject *self, PyObject *args)
{
    return Py_NewRef(args);
}

static PyObject *double_it(PyObject *self, PyObject *arg)
{
    if (PyFloat_Check(arg)) {
        return PyFloat_FromDouble(2.0 * PyFloat_AsDouble(arg));
    }
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromLong(2 * v);
}

static PyObject *fail(PyObject *self, PyObject *arg)
{
    PyErr_SetString(PyExc_ValueError, PyUnicode_AsUTF8(arg));
    return NULL;
}

/* Misuse: returns NULL without setting an exception; the runtime must turn it into SystemError. */
static PyObject *null_without_exception(PyObject *self, PyObject *unused)
{
    return NULL;
}

/* arith(a, b): the number protocol, as a tuple (a+b, a-b, a*b, a/b, a//b, a%b, a**b). */
static PyObject *arith(PyObject *self, PyObject *args)
{
    PyObject *a, *b;
    if (!PyArg_UnpackTuple(args, "arith", 2, 2, &a, &b)) {
        return NULL;
    }
    PyObject *r[7] = {NULL};
    PyObject *t = NULL;
    /* Stop at the first operation that raises, so its exception is the one reported. */
    if ((r[0] = PyNumber_Add(a, b)) && (r[1] = PyNumber_Subtract(a, b)) && (r[2] = PyNumber_Multiply(a, b))
        && (r[3] = PyNumber_TrueDivide(a, b)) && (r[4] = PyNumber_FloorDivide(a, b))
        && (r[5] = PyNumber_Remainder(a, b)) && (r[6] = PyNumber_Power(a, b, Py_None))) {
        t = PyTuple_Pack(7, r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
    }
    for (int i = 0; i < 7; i++) {
        Py_XDECREF(r[i]);
    }
    return t;
}

/* buffer_sum(obj): sum of the bytes of any buffer exporter. */
static PyObject *buffer_sum(PyObject *self, PyObject *obj)
{
    Py_buffer view;
    if (PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    long sum = 0;
    for (Py_ssize_t i = 0; i < view.len; i++) {
        sum += ((unsigned char *)view.buf)[i];
    }
    PyBuffer_Release(&view);
    return PyLong_FromLong(sum);
}

/* import_name(name): PyImport_ImportModule, returning the module's name. */
static PyObject *import_name(PyObject *self, PyObject *arg)
{
    const char *name = PyUnicode_AsUTF8(arg);
    if (name == NULL) {
        return NULL;
    }
    PyObject *m = PyImport_ImportModule(name);
    if (m == NULL) {
        return NULL;
    }
    PyObject *r = PyUnicode_FromString(PyModule_GetName(m));
    Py_DECREF(m);
    return r;
}

/* grown_tuple(n): builds (0, 1, 2) then resizes it to n items with _PyTuple_Resize, filling the new slots. */
static PyObject *grown_tuple(PyObject *self, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n < 0) {
        return PyErr_Occurred() ? NULL : PyErr_Format(PyExc_ValueError, "n must be >= 0");
    }
    PyObject *t = PyTuple_New(3);
    if (t == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < 3; i++) {
        PyTuple_SET_ITEM(t, i, PyLong_FromSsize_t(i));
    }
    if (_PyTuple_Resize(&t, n) < 0) {
        return NULL;
    }
    for (Py_ssize_t i = 3; i < n; i++) {
        PyTuple_SET_ITEM(t, i, PyLong_FromSsize_t(i * 10));
    }
    return t;
}

static PyMethodDef methods[] = {
    {"import_name", import_name, METH_O, NULL},
    {"grown_tuple", grown_tuple, METH_O, NULL},
    {"arith", arith, METH_VARARGS, NULL},
    {"buffer_sum", buffer_sum, METH_O, NULL},
    {"append", append, METH_O, "Append to the shared list."},
    {"length", length, METH_NOARGS, NULL},
    {"clear", clear, METH_NOARGS, NULL},
    {"total", total, METH_NOARGS, NULL},
    {"append_many", (PyCFunction)(void (*)(void))append_many, METH_FASTCALL, NULL},
    {"echo", echo, METH_VARARGS, NULL},
    {"double_it", double_it, METH_O, NULL},
    {"fail", fail, METH_O, NULL},
    {"null_without_exception", null_without_exception, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ftsingle", "Single-phase GIL-free sample.", -1, methods,
};

PyMODINIT_FUNC PyInit_ftsingle(void)
{
    PyObject *m = PyModule_Create(&module_def);
    if (m == NULL) {
        return NULL;
    }
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    shared_list = PyList_New(0);
    if (shared_list == NULL || PyModule_AddObjectRef(m, "shared", shared_list) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
