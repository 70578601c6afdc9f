/*
 * PyMutex micro-benchmark: ftcompat.h's fallback (CPython 3.8-3.12) against CPython 3.13's real PyMutex, with
 * a pthread mutex as the yardstick. Built and run by run_bench.sh; prints figures, asserts nothing but counts.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "ftcompat.h"

#include <pthread.h>
#include <stdint.h>
#include <time.h>

static PyMutex py_mutex;
static pthread_mutex_t os_mutex = PTHREAD_MUTEX_INITIALIZER;
/* Written only under the mutex being measured. ftcheck: ignore[FT601] */
static volatile long long shared_counter;

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

struct job {
    long iterations;
    int use_pymutex;
};

static void *worker(void *arg)
{
    const struct job *job = (const struct job *)arg;
    long i;
    for (i = 0; i < job->iterations; i++) {
        if (job->use_pymutex) {
            PyMutex_Lock(&py_mutex);
            shared_counter++;
            PyMutex_Unlock(&py_mutex);
        }
        else {
            pthread_mutex_lock(&os_mutex);
            shared_counter++;
            pthread_mutex_unlock(&os_mutex);
        }
    }
    return NULL;
}

/* run(threads, iterations, use_pymutex) -> ns per lock/unlock pair; threads == 1 is the uncontended case. */
static PyObject *run(PyObject *self, PyObject *args)
{
    int threads, use_pymutex, i, started = 0;
    long iterations;
    pthread_t tids[64];
    struct job job;
    double start, elapsed;
    (void)self;
    if (!PyArg_ParseTuple(args, "ilp", &threads, &iterations, &use_pymutex)) {
        return NULL;
    }
    if (threads < 1 || threads > 64) {
        PyErr_SetString(PyExc_ValueError, "threads must be 1..64");
        return NULL;
    }
    job.iterations = iterations;
    job.use_pymutex = use_pymutex;
    shared_counter = 0;
    Py_BEGIN_ALLOW_THREADS
    start = now_ns();
    for (i = 0; i < threads; i++) {
        if (pthread_create(&tids[i], NULL, worker, &job) == 0) {
            started++;
        }
    }
    for (i = 0; i < started; i++) {
        pthread_join(tids[i], NULL);
    }
    elapsed = now_ns() - start;
    Py_END_ALLOW_THREADS
    if (started != threads || shared_counter != (long long)threads * iterations) {
        PyErr_Format(PyExc_AssertionError, "lost updates or threads: %lld of %lld", shared_counter,
                     (long long)threads * iterations);
        return NULL;
    }
    return PyFloat_FromDouble(elapsed / ((double)threads * (double)iterations));
}

static PyMethodDef methods[] = {
    {"run", run, METH_VARARGS, "run(threads, iterations, use_pymutex) -> ns per lock/unlock pair"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ftcompat_bench", NULL, -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_ftcompat_bench(void)
{
    PyObject *module = PyModule_Create(&module_def);
    if (module != NULL && ftcompat_Module_SetGILNotUsed(module) < 0) {
        Py_CLEAR(module);
    }
    return module;
}
