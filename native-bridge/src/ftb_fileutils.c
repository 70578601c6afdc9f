/* fileutils.h: 3.14's Py_fopen and Py_fclose (both bridge builds export them). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "Python.h"

/* fopen() of a str, bytes or os.PathLike path, encoded with the file-system encoding. The file descriptor is not
   inherited by child processes ('e' flag: O_CLOEXEC). Audits "open" (path, mode, 0) as CPython does; on failure
   sets OSError (the errno's subclass) with the path as its filename and returns NULL. */
FILE *Py_fopen(PyObject *path, const char *mode)
{
    PyObject *bytes = NULL;
    if (!PyUnicode_FSConverter(path, &bytes)) {
        return NULL;
    }
    if (PySys_Audit("open", "Osi", path, mode, 0) < 0) {
        Py_DECREF(bytes);
        return NULL;
    }
    size_t n = strlen(mode);
    char *cloexec_mode = PyMem_RawMalloc(n + 2);
    if (cloexec_mode == NULL) {
        Py_DECREF(bytes);
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(cloexec_mode, mode, n);
    cloexec_mode[n] = 'e';
    cloexec_mode[n + 1] = '\0';
    FILE *f;
    do {
        errno = 0;
        f = fopen(PyBytes_AS_STRING(bytes), cloexec_mode);
    } while (f == NULL && errno == EINTR);
    int saved = errno;
    PyMem_RawFree(cloexec_mode);
    Py_DECREF(bytes);
    if (f == NULL) {
        errno = saved;
        PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
    }
    return f;
}

int Py_fclose(FILE *file)
{
    return fclose(file);
}
