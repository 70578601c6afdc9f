/* Reference counting for the Java side, using the same inline free-threaded algorithms the headers give
 * extensions, so Java and C agree on ownership (ob_tid) and on when an object dies. */
#include "Python.h"
#include "ftb_runtime.h"

FTB_EXPORT void ftb_incref(PyObject *op) { Py_INCREF(op); }

FTB_EXPORT void ftb_decref(PyObject *op) { Py_DECREF(op); }
