/* Threads created in C that call the API: each takes a thread state with PyGILState_Ensure first, as
 * required with or without the GIL. rogue() shows the misuse: a C thread calling the API without one. */
#include <Python.h>
#include <pthread.h>

static PyObject *results; /* list every worker appends to */

typedef struct {
    long per_thread;
    long base;
} job;

static void *worker(void *arg)
{
    job *j = (job *)arg;
    PyGILState_STATE g = PyGILState_Ensure();
    for (long i = 0; i < j->per_thread; i++) {
        PyObject *v = PyLong_FromLong(j->base + i);
        if (v == NULL || PyList_Append(results, v) < 0) {
            Py_XDECREF(v);
            PyErr_Clear();
            break;
        }
        Py_DECREF(v);
    }
    PyGILState_Release(g);
    return NULL;
}

/* run(nthreads, per_thread): starts C threads, waits for them with the thread state released. */
static PyObject *run(PyObject *module, PyObject *args)
{
    int nthreads;
    long per_thread;
    if (!PyArg_ParseTuple(args, "il:run", &nthreads, &per_thread)) {
        return NULL;
    }
    if (nthreads < 1 || nthreads > 64) {
        PyErr_SetString(PyExc_ValueError, "nthreads must be in 1..64");
        return NULL;
    }
    pthread_t tids[64];
    job jobs[64];
    int started = 0;
    Py_BEGIN_ALLOW_THREADS
    for (int t = 0; t < nthreads; t++) {
        jobs[t].per_thread = per_thread;
        jobs[t].base = (long)t * per_thread;
        if (pthread_create(&tids[t], NULL, worker, &jobs[t]) != 0) {
            break;
        }
        started++;
    }
    for (int t = 0; t < started; t++) {
        pthread_join(tids[t], NULL);
    }
    Py_END_ALLOW_THREADS
    if (started != nthreads) {
        PyErr_SetString(PyExc_RuntimeError, "pthread_create failed");
        return NULL;
    }
    return PyLong_FromSsize_t(PyList_Size(results));
}

static void *rogue_worker(void *arg)
{
    PyObject *l = PyList_New(0); /* no PyGILState_Ensure: no thread state */
    Py_XDECREF(l);
    return NULL;
}

static PyObject *rogue(PyObject *module, PyObject *unused)
{
    pthread_t tid;
    Py_BEGIN_ALLOW_THREADS
    if (pthread_create(&tid, NULL, rogue_worker, NULL) == 0) {
        pthread_join(tid, NULL);
    }
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static PyObject *reset(PyObject *module, PyObject *unused)
{
    if (PyList_SetSlice(results, 0, PyList_Size(results), NULL) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *total(PyObject *module, PyObject *unused)
{
    long long sum = 0;
    Py_ssize_t n = PyList_Size(results);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyList_GetItemRef(results, i);
        if (v == NULL) {
            return NULL;
        }
        sum += PyLong_AsLong(v);
        Py_DECREF(v);
    }
    return PyLong_FromLongLong(sum);
}

static PyMethodDef methods[] = {
    {"run", run, METH_VARARGS, NULL},
    {"rogue", rogue, METH_NOARGS, NULL},
    {"reset", reset, METH_NOARGS, NULL},
    {"total", total, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int exec_module(PyObject *module)
{
    results = PyList_New(0);
    return results == NULL ? -1 : PyModule_AddObjectRef(module, "results", results);
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ftpthreads", NULL, 0, methods, slots,
};

PyMODINIT_FUNC PyInit_ftpthreads(void)
{
    return PyModuleDef_Init(&module_def);
}
