/* pyerrors.h functions that read the C errno, which only native code can see reliably. */
#include <errno.h>
#include <string.h>
#include "Python.h"

/* OSError(errno, strerror, filename, 0, filename2), whose str is "[Errno N] text: 'a' -> 'b'". The subclass is
   the one PyErr_SetFromErrnoWithFilenameObject picks for the errno. */
PyObject *PyErr_SetFromErrnoWithFilenameObjects(PyObject *type, PyObject *filename, PyObject *filename2)
{
    int err = errno;
    PyErr_SetFromErrnoWithFilenameObject(type, filename);
    if (filename2 == NULL || filename2 == Py_None) {
        return NULL;
    }
    PyObject *first = PyErr_GetRaisedException();
    if (first == NULL) {
        return NULL;
    }
    PyObject *subclass = (PyObject *)Py_TYPE(first);
    PyObject *args = Py_BuildValue("(isOiO)", err, strerror(err), filename != NULL ? filename : Py_None, 0, filename2);
    if (args != NULL) {
        PyErr_SetObject(subclass, args);
        Py_DECREF(args);
    }
    Py_DECREF(first);
    return NULL;
}
