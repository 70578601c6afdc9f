/* Extensions include this for PyFrame_New; the other frame accessors live in pyframe.h (pulled in by Python.h). */
#ifndef FTCHECK_FRAMEOBJECT_H
#define FTCHECK_FRAMEOBJECT_H
#include "Python.h"

/* As in CPython, only this header (not Python.h) declares PyFrame_New; C linkage, since C++ includes it
   outside Python.h's extern "C" block. */
#ifdef __cplusplus
extern "C" {
#endif
PyAPI_FUNC(PyFrameObject *) PyFrame_New(PyThreadState *, PyCodeObject *, PyObject *, PyObject *);
#ifdef __cplusplus
}
#endif
#endif
