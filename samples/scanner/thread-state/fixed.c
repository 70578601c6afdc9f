/*
 * Blocking file reads that release the thread state (a typical I/O helper).
 * Fixed twin: only C work while detached; errors are raised after the thread state is back.
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
    int err = 0;
    Py_BEGIN_ALLOW_THREADS
    while (got < n) {
        ssize_t r = read(fd, buf + got, (size_t)(n - got));
        if (r <= 0) {
            err = r < 0 ? errno : EIO;
            break;
        }
        got += r;
    }
    Py_END_ALLOW_THREADS
    if (err) {
        errno = err;
        Py_DECREF(out);
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return out;
}

static PyObject *
sleep_then_release(PyObject *module, PyObject *obj)
{
    PyThreadState *save = PyEval_SaveThread();
    usleep(1000);
    PyEval_RestoreThread(save);
    Py_DECREF(obj);
    Py_RETURN_NONE;
}
