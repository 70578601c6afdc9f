/* A module that hands out borrowed references from a shared list while another thread replaces its items.
 *
 * The list holds fresh heap ints (never the small cached ones), and item i always has the value i * 1000 + g for
 * some generation g < 1000, so a reader can tell when it read an object that is no longer item i. replace() frees
 * every item it overwrites: the list held the only reference. peek() and get() take a borrowed reference with
 * PyList_GetItem / PyList_GET_ITEM and use it after some other work: nothing keeps the item alive meanwhile, so
 * another thread's replace() can free it first (use after free, and a refcount write into freed memory).
 * The fixed twin is ftrace_borrowed_fixed.c (PyList_GetItemRef). */
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

/* peek(n): reads n items through borrowed references. RACE: the item is borrowed from the list, and
 * make_label() gives another thread time to replace (and free) it before PyLong_AsLong reads it. */
static PyObject *peek(PyObject *module, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    long long sum = 0;
    for (long k = 0; k < n; k++) {
        Py_ssize_t i = k % SIZE;
        PyObject *item = PyList_GetItem(items, i); /* borrowed: the list may drop it at any time */
        if (item == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_IndexError)) {
                return NULL;
            }
            PyErr_Clear(); /* pop() shortened the list for a moment: skip it */
            continue;
        }
        if (make_label(i) < 0) {
            return NULL;
        }
        long v = PyLong_AsLong(item); /* may read a freed (or reused) object */
        if ((v == -1 && PyErr_Occurred()) || check(i, v) < 0) {
            return NULL;
        }
        sum += v;
    }
    return PyLong_FromLongLong(sum);
}

/* get(i): returns item i. RACE: PyList_GET_ITEM borrows, and the Py_INCREF comes too late, after the label
 * work: if the item was freed meanwhile, the caller gets a dead object (or someone else's) with a count bumped. */
static PyObject *get(PyObject *module, PyObject *arg)
{
    Py_ssize_t i = PyLong_AsSsize_t(arg);
    if (i == -1 && PyErr_Occurred()) {
        return NULL;
    }
    i = ((i % SIZE) + SIZE) % SIZE;
    if (i >= PyList_GET_SIZE(items)) { /* pop() shortened the list for a moment */
        Py_RETURN_NONE;
    }
    PyObject *item = PyList_GET_ITEM(items, i); /* borrowed, no lock */
    if (make_label(i) < 0) {
        return NULL;
    }
    Py_INCREF(item); /* too late: the item may already be freed */
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
    {"peek", peek, METH_O, "peek(n): sum n items read through borrowed references (racy)"},
    {"get", get, METH_O, "get(i): item i, increfed too late (racy)"},
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
    PyModuleDef_HEAD_INIT, "ftrace_borrowed", "Borrowed list items used while another thread frees them.", 0,
    methods, slots,
};

PyMODINIT_FUNC PyInit_ftrace_borrowed(void)
{
    return PyModuleDef_Init(&module_def);
}
