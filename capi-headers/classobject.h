/* classobject.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef Py_CLASSOBJECT_H
#define Py_CLASSOBJECT_H

typedef struct PyMethodObject PyMethodObject;
typedef struct PyInstanceMethodObject PyInstanceMethodObject;

PyAPI_FUNC(PyObject *) PyMethod_GET_FUNCTION(PyObject *meth);
PyAPI_FUNC(PyObject *) PyMethod_GET_SELF(PyObject *meth);
PyAPI_FUNC(PyObject *) PyInstanceMethod_GET_FUNCTION(PyObject *meth);

PyAPI_FUNC(PyObject *) PyMethod_New(PyObject *func, PyObject *self);
PyAPI_FUNC(PyObject *) PyMethod_Function(PyObject *meth);
PyAPI_FUNC(PyObject *) PyMethod_Self(PyObject *meth);
PyAPI_FUNC(PyObject *) PyInstanceMethod_New(PyObject *func);
PyAPI_FUNC(PyObject *) PyInstanceMethod_Function(PyObject *im);

#endif
