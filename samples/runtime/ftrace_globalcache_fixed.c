/* The fixed twin of ftrace_globalcache.c: the same global cache, guarded by a PyMutex. refresh() swaps the
 * pointer under the lock and releases the old tuple after unlocking; readers take a strong reference under the
 * lock and use the tuple only through it, so a tuple is freed only once nobody uses it. */
#include <Python.h>

static PyMutex cache_lock;  /* guards cache and version */
static PyObject *cache;     /* strong reference; read and written only with cache_lock held */
static long version;

static PyObject *build(long v)
{
    PyObject *label = PyUnicode_FromFormat("cache version %ld", v);
    if (label == NULL) {
        return NULL;
    }
    PyObject *t = Py_BuildValue("(llN)", 1000000L + v, (1000000L + v) * 7 + 3, label);
    return t;
}

/* refresh(): builds the new cache outside the lock, swaps it in under the lock, releases the old one after. */
static PyObject *refresh(PyObject *module, PyObject *unused)
{
    PyMutex_Lock(&cache_lock);
    long v = ++version;
    PyMutex_Unlock(&cache_lock);
    PyObject *fresh = build(v);
    if (fresh == NULL) {
        return NULL;
    }
    PyMutex_Lock(&cache_lock);
    PyObject *old = cache;
    cache = fresh;
    PyMutex_Unlock(&cache_lock);
    Py_XDECREF(old); /* readers that still use it hold their own references */
    Py_RETURN_NONE;
}

/* A strong reference to the current cache (or NULL), taken under the lock. */
static PyObject *current(void)
{
    PyMutex_Lock(&cache_lock);
    PyObject *c = Py_XNewRef(cache);
    PyMutex_Unlock(&cache_lock);
    return c;
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

/* lookup(): the cached tuple, through the strong reference current() took. */
static PyObject *lookup(PyObject *module, PyObject *unused)
{
    PyObject *c = current();
    if (c == NULL) {
        Py_RETURN_NONE;
    }
    if (check(c) < 0) {
        Py_DECREF(c);
        return NULL;
    }
    return c;
}

/* version(): the cached version number, read through a strong reference. */
static PyObject *version_of_cache(PyObject *module, PyObject *unused)
{
    PyObject *c = current();
    if (c == NULL) {
        return PyLong_FromLong(0);
    }
    PyObject *r = check(c) < 0 ? NULL : PyLong_FromLong(PyLong_AsLong(PyTuple_GET_ITEM(c, 0)) - 1000000L);
    Py_DECREF(c);
    return r;
}

static PyMethodDef methods[] = {
    {"refresh", refresh, METH_NOARGS, "refresh(): replace the cache"},
    {"lookup", lookup, METH_NOARGS, "lookup(): the cached tuple"},
    {"version", version_of_cache, METH_NOARGS, "version(): the cached version"},
    {NULL, NULL, 0, NULL},
};

static int exec_module(PyObject *module)
{
    PyObject *first = build(0);
    if (first == NULL) {
        return -1;
    }
    PyMutex_Lock(&cache_lock);
    PyObject *old = cache;
    cache = old == NULL ? first : old;
    PyMutex_Unlock(&cache_lock);
    if (old != NULL) {
        Py_DECREF(first);
    }
    return 0;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ftrace_globalcache_fixed", "A global cache guarded by a PyMutex.", 0, methods, slots,
};

PyMODINIT_FUNC PyInit_ftrace_globalcache_fixed(void)
{
    return PyModuleDef_Init(&module_def);
}
