/* Crash sample for `ftcheck run`'s supervisor: functions that kill the process in the ways native code does (a NULL
 * dereference, abort(), unbounded recursion, an endless loop), plus an ordinary function so a test can check that
 * results of calls before the crash survive (ftcrashinit.c crashes inside PyInit).
 * The crashing functions are static on purpose: their names live only in the ELF .symtab, not in .dynsym. */
#include <Python.h>
#include <stdlib.h>
#include <signal.h>

static volatile int *volatile null_target; /* stays NULL; volatile so the compiler keeps the load */

static PyObject *ok(PyObject *self, PyObject *arg)
{
    return Py_NewRef(arg);
}

static __attribute__((noinline)) int read_through_null(void)
{
    return *null_target;
}

static PyObject *null_deref(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(read_through_null());
}

static __attribute__((noinline)) void give_up(void)
{
    abort();
}

static PyObject *do_abort(PyObject *self, PyObject *unused)
{
    give_up();
    Py_RETURN_NONE;
}

/* Recurses `limit` levels; each frame keeps a live buffer so neither the stack use nor the recursion can be
 * optimised away. With a large limit the native stack overflows long before the end. */
static __attribute__((noinline)) long recurse(long depth, long limit)
{
    volatile char frame[256];
    frame[depth % 256] = (char)depth;
    if (depth >= limit) {
        return frame[0];
    }
    return recurse(depth + 1, limit) + frame[(depth + 1) % 256];
}

static PyObject *overflow(PyObject *self, PyObject *arg)
{
    long limit = PyLong_AsLong(arg);
    if (limit == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromLong(recurse(0, limit));
}

static __attribute__((noinline)) void spin(void)
{
    for (volatile unsigned long i = 0;; i++) {
    }
}

static PyObject *loop_forever(PyObject *self, PyObject *unused)
{
    spin();
    Py_RETURN_NONE;
}

static PyObject *raise_signal(PyObject *self, PyObject *arg)
{
    long sig = PyLong_AsLong(arg);
    if (sig == -1 && PyErr_Occurred()) {
        return NULL;
    }
    raise((int)sig);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"ok", ok, METH_O, "Returns its argument."},
    {"null_deref", null_deref, METH_NOARGS, "Reads through a NULL pointer (SIGSEGV)."},
    {"do_abort", do_abort, METH_NOARGS, "Calls abort() (SIGABRT)."},
    {"overflow", overflow, METH_O, "Recurses overflow(n) levels deep: a native stack overflow for large n."},
    {"loop_forever", loop_forever, METH_NOARGS, "Never returns."},
    {"raise_signal", raise_signal, METH_O, "raise(sig)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "ftcrash", "Ways for native code to crash.", -1, methods,
};

PyMODINIT_FUNC PyInit_ftcrash(void)
{
    PyObject *m = PyModule_Create(&module);
    if (m != NULL) {
        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    }
    return m;
}
