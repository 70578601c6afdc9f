/* Misuse sample for the checked allocators and PyMutex: a buffer taken from the object domain, a block freed
 * through the wrong domain, an API call with no thread state, and unlocking an unlocked PyMutex (fatal). */
#include <Python.h>
#include <stdio.h>
#include <string.h>

/* The free-threaded hazard: PyObject_Malloc for a plain buffer (should be PyMem_Malloc). */
static PyObject *object_domain_buffer(PyObject *module, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n < 0 && PyErr_Occurred()) {
        return NULL;
    }
    char *buf = PyObject_Malloc((size_t)n);
    if (buf == NULL) {
        return PyErr_NoMemory();
    }
    memset(buf, 'x', (size_t)n);
    PyObject *r = PyBytes_FromStringAndSize(buf, n);
    PyObject_Free(buf);
    return r;
}

/* Allocated with PyMem_Malloc, freed with PyMem_RawFree: a different domain. */
static PyObject *wrong_domain_free(PyObject *module, PyObject *unused)
{
    void *p = PyMem_Malloc(64);
    if (p == NULL) {
        return PyErr_NoMemory();
    }
    PyMem_RawFree(p);
    Py_RETURN_NONE;
}

/* The correct pattern: no diagnostic. */
static PyObject *mem_domain_buffer(PyObject *module, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n < 0 && PyErr_Occurred()) {
        return NULL;
    }
    char *buf = PyMem_Malloc((size_t)n);
    if (buf == NULL) {
        return PyErr_NoMemory();
    }
    memset(buf, 'y', (size_t)n);
    PyObject *r = PyBytes_FromStringAndSize(buf, n);
    PyMem_Free(buf);
    return r;
}

/* Calls the API between Py_BEGIN_ALLOW_THREADS and Py_END_ALLOW_THREADS, i.e. without a thread state. */
static PyObject *call_without_thread_state(PyObject *module, PyObject *unused)
{
    PyObject *list;
    Py_BEGIN_ALLOW_THREADS
    list = PyList_New(0);
    Py_END_ALLOW_THREADS
    if (list == NULL) {
        return NULL;
    }
    Py_DECREF(list);
    Py_RETURN_NONE;
}

static PyMutex never_locked;

static PyObject *unlock_unlocked_mutex(PyObject *module, PyObject *unused)
{
    PyMutex_Unlock(&never_locked);
    Py_RETURN_NONE;
}

/* open_missing(path): fopen a file that does not exist and report errno the CPython way. */
static PyObject *open_missing(PyObject *module, PyObject *arg)
{
    const char *path = PyUnicode_AsUTF8(arg);
    if (path == NULL) {
        return NULL;
    }
    FILE *f = fopen(path, "r");
    if (f != NULL) {
        fclose(f);
        Py_RETURN_NONE;
    }
    return PyErr_SetFromErrnoWithFilename(PyExc_OSError, path);
}

static PyMethodDef methods[] = {
    {"open_missing", open_missing, METH_O, NULL},
    {"object_domain_buffer", object_domain_buffer, METH_O, NULL},
    {"wrong_domain_free", wrong_domain_free, METH_NOARGS, NULL},
    {"mem_domain_buffer", mem_domain_buffer, METH_O, NULL},
    {"call_without_thread_state", call_without_thread_state, METH_NOARGS, NULL},
    {"unlock_unlocked_mutex", unlock_unlocked_mutex, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ftmemory", NULL, 0, methods, slots,
};

PyMODINIT_FUNC PyInit_ftmemory(void)
{
    return PyModuleDef_Init(&module_def);
}
