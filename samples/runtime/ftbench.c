/* C-API microbenchmark and thread-scaling benchmark. The same source builds against the real CPython 3.13
 * headers (run in that interpreter) and against ftcheck's headers (run in the ftcheck runtime), so the figures
 * compare like with like. Build with -DFTBENCH_GIL to get "ftbench_gil", a copy that does not declare
 * Py_mod_gil (the runtime then enables the GIL). */
#include <Python.h>
#include <pthread.h>
#include <time.h>

#ifdef FTBENCH_GIL
#define FTBENCH_NAME "ftbench_gil"
#define FTBENCH_INIT PyInit_ftbench_gil
#else
#define FTBENCH_NAME "ftbench"
#define FTBENCH_INIT PyInit_ftbench
#endif

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static PyObject *noop(PyObject *self, PyObject *unused)
{
    Py_RETURN_NONE;
}

static PyMethodDef noop_def = {"noop", noop, METH_NOARGS, NULL};

static int put(PyObject *d, const char *name, double ns)
{
    PyObject *v = PyFloat_FromDouble(ns);
    if (v == NULL) {
        return -1;
    }
    int rc = PyDict_SetItemString(d, name, v);
    Py_DECREF(v);
    return rc;
}

/* micro(n): ns per operation for the operations the issue lists. */
static PyObject *micro(PyObject *module, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n <= 0) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "n must be positive");
        }
        return NULL;
    }
    PyObject *out = PyDict_New();
    PyObject *list = PyList_New(0);
    PyObject *dict = PyDict_New();
    PyObject *keys[1000];
    PyObject *f = PyCFunction_New(&noop_def, NULL);
    if (out == NULL || list == NULL || dict == NULL || f == NULL) {
        goto fail;
    }
    for (int i = 0; i < 1000; i++) {
        keys[i] = PyLong_FromLong(100000 + i);
        PyList_Append(list, keys[i]);
        PyDict_SetItem(dict, keys[i], keys[i]);
    }
    long long sink = 0;
    double t0 = now_ns();
    for (long i = 0; i < n; i++) {
        PyObject *item = PyList_GetItemRef(list, i % 1000);
        sink += PyLong_AsLong(item);
        Py_DECREF(item);
    }
    double t1 = now_ns();
    put(out, "PyList_GetItemRef+PyLong_AsLong+Py_DECREF", (t1 - t0) / n);

    t0 = now_ns();
    for (long i = 0; i < n; i++) {
        PyObject *r;
        if (PyDict_GetItemRef(dict, keys[i % 1000], &r) == 1) {
            Py_DECREF(r);
        }
    }
    t1 = now_ns();
    put(out, "PyDict_GetItemRef", (t1 - t0) / n);

    PyObject *scratch = PyList_New(0);
    t0 = now_ns();
    for (long i = 0; i < n; i++) {
        PyObject *v = PyLong_FromLong(1000 + i);
        PyList_Append(scratch, v);
        Py_DECREF(v);
        if ((i & 4095) == 4095) {
            PyList_SetSlice(scratch, 0, PyList_GET_SIZE(scratch), NULL);
        }
    }
    t1 = now_ns();
    Py_DECREF(scratch);
    put(out, "PyLong_FromLong+PyList_Append", (t1 - t0) / n);

    t0 = now_ns();
    for (long i = 0; i < n; i++) {
        PyObject *t = PyTuple_Pack(2, keys[i % 1000], keys[(i + 1) % 1000]);
        Py_DECREF(t);
    }
    t1 = now_ns();
    put(out, "PyTuple_Pack(2)", (t1 - t0) / n);

    t0 = now_ns();
    for (long i = 0; i < n; i++) {
        Py_INCREF(keys[i % 1000]);
        Py_DECREF(keys[i % 1000]);
    }
    t1 = now_ns();
    put(out, "Py_INCREF+Py_DECREF", (t1 - t0) / n);

    t0 = now_ns();
    for (long i = 0; i < n; i++) {
        PyObject *r = PyObject_CallNoArgs(f);
        Py_XDECREF(r);
    }
    t1 = now_ns();
    put(out, "PyObject_CallNoArgs(builtin)", (t1 - t0) / n);

    for (int i = 0; i < 1000; i++) {
        Py_DECREF(keys[i]);
    }
    Py_DECREF(list);
    Py_DECREF(dict);
    Py_DECREF(f);
    if (sink == 42) {
        put(out, "unlikely", 0);
    }
    return out;
fail:
    Py_XDECREF(out);
    Py_XDECREF(list);
    Py_XDECREF(dict);
    Py_XDECREF(f);
    return NULL;
}

typedef struct {
    long n;
} job;

/* One thread's share: object churn on a thread-local list plus strong reads. */
static void *work(void *arg)
{
    job *j = (job *)arg;
    PyGILState_STATE g = PyGILState_Ensure();
    PyObject *local = PyList_New(0);
    for (long i = 0; i < j->n && local != NULL; i++) {
        PyObject *v = PyLong_FromLong(1000 + i);
        PyList_Append(local, v);
        Py_DECREF(v);
        PyObject *r = PyList_GetItemRef(local, 0);
        Py_XDECREF(r);
        if ((i & 1023) == 1023) {
            PyList_SetSlice(local, 0, PyList_GET_SIZE(local), NULL);
        }
    }
    Py_XDECREF(local);
    PyGILState_Release(g);
    return NULL;
}

/* scaling(threads, n_per_thread): wall-clock seconds for `threads` C threads doing n_per_thread iterations. */
static PyObject *scaling(PyObject *module, PyObject *args)
{
    int threads;
    long n;
    if (!PyArg_ParseTuple(args, "il:scaling", &threads, &n)) {
        return NULL;
    }
    if (threads < 1 || threads > 16) {
        PyErr_SetString(PyExc_ValueError, "threads must be in 1..16");
        return NULL;
    }
    pthread_t tids[16];
    job jobs[16];
    double t0, t1;
    Py_BEGIN_ALLOW_THREADS
    t0 = now_ns();
    for (int t = 0; t < threads; t++) {
        jobs[t].n = n;
        pthread_create(&tids[t], NULL, work, &jobs[t]);
    }
    for (int t = 0; t < threads; t++) {
        pthread_join(tids[t], NULL);
    }
    t1 = now_ns();
    Py_END_ALLOW_THREADS
    return PyFloat_FromDouble((t1 - t0) / 1e9);
}

static PyMethodDef methods[] = {
    {"micro", micro, METH_O, NULL},
    {"scaling", scaling, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
#if !defined(FTBENCH_GIL) && defined(Py_GIL_DISABLED)
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, FTBENCH_NAME, NULL, 0, methods, slots,
};

PyMODINIT_FUNC FTBENCH_INIT(void)
{
    return PyModuleDef_Init(&module_def);
}
