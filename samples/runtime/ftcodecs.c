/* The codec registry under threads: every thread registers its own error handlers and search function and looks
   them up again, while all of them also look up the built-in codecs. ThreadsAndRacesTest checks exact counts. */
#include <Python.h>
#include <stdio.h>
#include <string.h>

static PyObject *handler(PyObject *self, PyObject *exc)
{
    return Py_BuildValue("(sn)", "", (Py_ssize_t)0);
}

static PyObject *coder(PyObject *self, PyObject *args)
{
    return Py_BuildValue("(On)", PyTuple_GET_ITEM(args, 0), (Py_ssize_t)0);
}

static PyMethodDef handler_def = {"handler", handler, METH_O, NULL};
static PyMethodDef coder_def = {"coder", coder, METH_VARARGS, NULL};

/* Answers "codec_<id>_<anything>" for the thread id it was made for (its self). */
static PyObject *search(PyObject *self, PyObject *name)
{
    char prefix[32];
    snprintf(prefix, sizeof prefix, "codec_%ld_", PyLong_AsLong(self));
    const char *n = PyUnicode_AsUTF8(name);
    if (n == NULL || strncmp(n, prefix, strlen(prefix)) != 0) {
        Py_RETURN_NONE;
    }
    PyObject *c = PyCFunction_New(&coder_def, NULL);
    return Py_BuildValue("(NOOO)", c, c, Py_None, Py_None);
}

static PyMethodDef search_def = {"search", search, METH_O, NULL};

/* churn(id, n): n handlers and n codec names of this thread registered and found again; returns the hits. */
static PyObject *churn(PyObject *self, PyObject *args)
{
    long id, n, hits = 0;
    if (!PyArg_ParseTuple(args, "ll", &id, &n)) {
        return NULL;
    }
    PyObject *me = PyLong_FromLong(id);
    PyObject *fn = PyCFunction_New(&search_def, me);
    Py_DECREF(me);
    if (fn == NULL || PyCodec_Register(fn) < 0) {
        return NULL;
    }
    Py_DECREF(fn);
    PyObject *h = PyCFunction_New(&handler_def, NULL);
    char name[64];
    for (long k = 0; k < n; k++) {
        snprintf(name, sizeof name, "t%ld.%ld", id, k);
        if (PyCodec_RegisterError(name, h) < 0) {
            return NULL;
        }
        PyObject *found = PyCodec_LookupError(name);
        hits += found == h;
        Py_XDECREF(found);
        snprintf(name, sizeof name, "codec_%ld_%ld", id, k);
        hits += PyCodec_KnownEncoding(name);
        hits += PyCodec_KnownEncoding("utf-8") - 1;
    }
    Py_DECREF(h);
    return PyLong_FromLong(hits);
}

/* How many of the threads' handlers and codec names are still found. */
static PyObject *census(PyObject *self, PyObject *args)
{
    long threads, n, found = 0;
    if (!PyArg_ParseTuple(args, "ll", &threads, &n)) {
        return NULL;
    }
    char name[64];
    for (long id = 0; id < threads; id++) {
        for (long k = 0; k < n; k++) {
            snprintf(name, sizeof name, "t%ld.%ld", id, k);
            PyObject *h = PyCodec_LookupError(name);
            found += h != NULL;
            if (h == NULL) {
                PyErr_Clear();
            }
            Py_XDECREF(h);
            snprintf(name, sizeof name, "codec_%ld_%ld", id, k);
            found += PyCodec_KnownEncoding(name);
        }
    }
    return PyLong_FromLong(found);
}

static PyMethodDef methods[] = {
    {"churn", churn, METH_VARARGS, NULL},
    {"census", census, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "ftcodecs", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_ftcodecs(void)
{
    return PyModuleDef_Init(&module);
}
