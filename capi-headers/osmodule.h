/* osmodule.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef Py_OSMODULE_H
#define Py_OSMODULE_H

PyAPI_FUNC(PyObject *) PyOS_FSPath(PyObject *path);

#endif
