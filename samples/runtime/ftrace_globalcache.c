/* A module with an unsynchronised global cache: a static PyObject * that refresh() replaces without a lock while
 * other threads read it.
 *
 * The cache is a tuple (version, version * 7 + 3, label) of fresh heap objects, so a reader can tell when it read
 * something that is no longer a cache. refresh() does `Py_XDECREF(cache); cache = new;`: the old tuple is freed
 * at once, while a reader may have just loaded the pointer and not yet taken its own reference (use after free,
 * and a refcount update on freed memory); two refreshers racing can also release the same old tuple twice.
 * The fixed twin is ftrace_globalcache_fixed.c (a PyMutex, and strong references handed out under it). */
#include <Python.h>

static PyObject *cache; /* RACE: written by refresh() and read by lookup() with no lock and no atomics */
static long version;     /* RACE: also unsynchronised; only a counter, but two refreshers can build equal ones */

static PyObject *build(long v)
{
    PyObject *label = PyUnicode_FromFormat("cache version %ld", v);
    if (label == NULL) {
        return NULL;
    }
    PyObject *t = Py_BuildValue("(llN)", 1000000L + v, (1000000L + v) * 7 + 3, label);
    return t;
}

/* refresh(): replaces the cache with a new one. RACE: the old cache is released while readers may use it. */
static PyObject *refresh(PyObject *module, PyObject *unused)
{
    PyObject *fresh = build(++version);
    if (fresh == NULL) {
        return NULL;
    }
    Py_XDECREF(cache); /* frees the old tuple: a reader holding the bare pointer now holds freed memory */
    cache = fresh;
    Py_RETURN_NONE;
}

static int check(PyObject *c)
{
    if (!PyTuple_Check(c) || PyTuple_GET_SIZE(c) != 3) {
        PyErr_SetString(PyExc_RuntimeError, "the cache is not a 3-tuple (freed while in use?)");
        return -1;
    }
    long a = PyLong_AsLong(PyTuple_GET_ITEM(c, 0));
    long b = PyLong_AsLong(PyTuple_GET_ITEM(c, 1));
    if (PyErr_Occurred()) {
        return -1;
    }
    if (b != a * 7 + 3) {
        PyErr_Format(PyExc_RuntimeError, "the cache reads (%ld, %ld): not a cache (freed while in use?)", a, b);
        return -1;
    }
    return 0;
}

/* lookup(): the cached tuple. RACE: the pointer is read without a lock and the Py_INCREF happens only after the
 * check, so another thread's refresh() may free the tuple in between. */
static PyObject *lookup(PyObject *module, PyObject *unused)
{
    PyObject *c = cache;
    if (c == NULL) {
        Py_RETURN_NONE;
    }
    if (check(c) < 0) {
        return NULL;
    }
    return Py_NewRef(c); /* too late: c may already be freed */
}

/* version_of_cache(): the cached version number, read through the bare pointer (the same race as lookup()). */
static PyObject *version_of_cache(PyObject *module, PyObject *unused)
{
    PyObject *c = cache;
    if (c == NULL || check(c) < 0) {
        return c == NULL ? PyLong_FromLong(0) : NULL;
    }
    return PyLong_FromLong(PyLong_AsLong(PyTuple_GET_ITEM(c, 0)) - 1000000L);
}

static PyMethodDef methods[] = {
    {"refresh", refresh, METH_NOARGS, "refresh(): replace the cache (racy)"},
    {"lookup", lookup, METH_NOARGS, "lookup(): the cached tuple (racy)"},
    {"version", version_of_cache, METH_NOARGS, "version(): the cached version (racy)"},
    {NULL, NULL, 0, NULL},
};

static int exec_module(PyObject *module)
{
    if (cache == NULL) {
        cache = build(0);
    }
    return cache == NULL ? -1 : 0;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ftrace_globalcache", "A global cache replaced without a lock.", 0, methods, slots,
};

PyMODINIT_FUNC PyInit_ftrace_globalcache(void)
{
    return PyModuleDef_Init(&module_def);
}
