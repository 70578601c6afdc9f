/*
 * Blocking file reads that release the thread state (a typical I/O helper).
 * Hazard twin: C-API calls while the thread state is detached.
 */
#include <Python.h>
#include <errno.h>
#include <unistd.h>

static PyObject *
read_exact(PyObject *module, PyObject *args)
{
    int fd;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "in", &fd, &n)) {
        return NULL;
    }
    PyObject *out = PyBytes_FromStringAndSize(NULL, n);
    if (out == NULL) {
        return NULL;
    }
    char *buf = PyBytes_AS_STRING(out);
    Py_ssize_t got = 0;
    Py_BEGIN_ALLOW_THREADS
    while (got < n) {
        ssize_t r = read(fd, buf + got, (size_t)(n - got));
        if (r <= 0) {
            PyErr_SetFromErrno(PyExc_OSError);
            break;
        }
        got += r;
    }
    Py_END_ALLOW_THREADS
    if (got < n) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

static PyObject *
sleep_then_release(PyObject *module, PyObject *obj)
{
    PyThreadState *save = PyEval_SaveThread();
    usleep(1000);
    Py_DECREF(obj);
    PyEval_RestoreThread(save);
    Py_RETURN_NONE;
}
