/* Extensions include this for PyFrame_New; the other frame accessors live in pyframe.h (pulled in by Python.h). */
#ifndef FTCHECK_FRAMEOBJECT_H
#define FTCHECK_FRAMEOBJECT_H
#include "Python.h"

/* As in CPython, only this header (not Python.h) declares PyFrame_New. */
PyAPI_FUNC(PyFrameObject *) PyFrame_New(PyThreadState *, PyCodeObject *, PyObject *, PyObject *);
#endif
