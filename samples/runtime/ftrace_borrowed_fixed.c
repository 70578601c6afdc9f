/* The fixed twin of ftrace_borrowed.c: the same shared list, the same replace() and pop() freeing the items
 * they drop, but peek() and get() take a strong reference with PyList_GetItemRef before any other work, so an
 * item stays alive while it is used even if another thread removes it from the list meanwhile. */
#include <Python.h>

#define SIZE 64

static PyObject *items; /* shared list, strong reference, created at init */

static PyObject *item_value(Py_ssize_t i, long generation)
{
    return PyLong_FromLong(1000000L + (long)i * 1000 + generation % 1000);
}

/* Some realistic work between getting the item and using it: formats a label for it. */
static int make_label(Py_ssize_t i)
{
    PyObject *label = PyUnicode_FromFormat("item %zd of %d", i, SIZE);
    if (label == NULL) {
        return -1;
    }
    Py_ssize_t n = PyUnicode_GetLength(label);
    Py_DECREF(label);
    return n > 0 ? 0 : -1;
}

static int check(Py_ssize_t i, long v)
{
    if (v < 1000000L || (v - 1000000L) / 1000 != i) {
        PyErr_Format(PyExc_RuntimeError, "item %zd read as %ld: not an object the list held there "
                     "(freed while in use?)", i, v);
        return -1;
    }
    return 0;
}

/* replace(n): overwrites n items with fresh ints; each old item is freed right away. */
static PyObject *replace(PyObject *module, PyObject *arg)
{
    static long generation;
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    for (long k = 0; k < n; k++) {
        long g = ++generation;
        Py_ssize_t i = (Py_ssize_t)((g * 7) % SIZE);
        PyObject *v = item_value(i, g);
        if (v == NULL || PyList_SetItem(items, i, v) < 0) { /* steals v, releases the old item */
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

/* pop(): removes the last item (freeing it) and appends a fresh one, so the list keeps its size. */
static PyObject *pop(PyObject *module, PyObject *unused)
{
    Py_ssize_t last = SIZE - 1;
    if (PyList_SetSlice(items, last, last + 1, NULL) < 0) {
        return NULL;
    }
    PyObject *v = item_value(last, 0);
    if (v == NULL) {
        return NULL;
    }
    int rc = PyList_Append(items, v);
    Py_DECREF(v);
    if (rc < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* peek(n): reads n items, each through a strong reference (PyList_GetItemRef), released after use. */
static PyObject *peek(PyObject *module, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    long long sum = 0;
    for (long k = 0; k < n; k++) {
        Py_ssize_t i = k % SIZE;
        PyObject *item = PyList_GetItemRef(items, i); /* strong: ours until the Py_DECREF below */
        if (item == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_IndexError)) {
                return NULL;
            }
            PyErr_Clear(); /* pop() shortened the list for a moment: skip it */
            continue;
        }
        if (make_label(i) < 0) {
            Py_DECREF(item);
            return NULL;
        }
        long v = PyLong_AsLong(item);
        Py_DECREF(item);
        if ((v == -1 && PyErr_Occurred()) || check(i, v) < 0) {
            return NULL;
        }
        sum += v;
    }
    return PyLong_FromLongLong(sum);
}

/* get(i): returns item i, a strong reference taken at once with PyList_GetItemRef (None if pop() shortened the
 * list for a moment). */
static PyObject *get(PyObject *module, PyObject *arg)
{
    Py_ssize_t i = PyLong_AsSsize_t(arg);
    if (i == -1 && PyErr_Occurred()) {
        return NULL;
    }
    i = ((i % SIZE) + SIZE) % SIZE;
    PyObject *item = PyList_GetItemRef(items, i); /* strong, checked under the list's lock */
    if (item == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_IndexError)) {
            return NULL;
        }
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    if (make_label(i) < 0) {
        Py_DECREF(item);
        return NULL;
    }
    long v = PyLong_AsLong(item);
    if ((v == -1 && PyErr_Occurred()) || check(i, v) < 0) {
        Py_DECREF(item);
        return NULL;
    }
    return item;
}

static PyObject *size(PyObject *module, PyObject *unused)
{
    return PyLong_FromSsize_t(PyList_Size(items));
}

static PyMethodDef methods[] = {
    {"replace", replace, METH_O, "replace(n): overwrite n items with fresh ints, freeing the old ones"},
    {"pop", pop, METH_NOARGS, "pop(): drop the last item and append a fresh one"},
    {"peek", peek, METH_O, "peek(n): sum n items read through strong references"},
    {"get", get, METH_O, "get(i): item i (a strong reference)"},
    {"size", size, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int exec_module(PyObject *module)
{
    items = PyList_New(SIZE);
    if (items == NULL) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < SIZE; i++) {
        PyObject *v = item_value(i, 0);
        if (v == NULL) {
            return -1;
        }
        PyList_SET_ITEM(items, i, v);
    }
    return PyModule_AddObjectRef(module, "items", items);
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ftrace_borrowed_fixed",
    "List items read through strong references while another thread frees them.", 0, methods, slots,
};

PyMODINIT_FUNC PyInit_ftrace_borrowed_fixed(void)
{
    return PyModuleDef_Init(&module_def);
}
