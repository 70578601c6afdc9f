/* Generators and coroutines: type objects and checks only. */
#ifndef Py_GENOBJECT_H
#define Py_GENOBJECT_H

PyAPI_DATA(PyTypeObject) PyGen_Type;
PyAPI_DATA(PyTypeObject) PyCoro_Type;
PyAPI_DATA(PyTypeObject) PyAsyncGen_Type;

#define PyGen_Check(op) PyObject_TypeCheck((op), &PyGen_Type)
#define PyGen_CheckExact(op) Py_IS_TYPE((op), &PyGen_Type)
#define PyCoro_CheckExact(op) Py_IS_TYPE((op), &PyCoro_Type)
#define PyAsyncGen_CheckExact(op) Py_IS_TYPE((op), &PyAsyncGen_Type)

typedef struct PyGenObject PyGenObject;
typedef struct PyCoroObject PyCoroObject;
typedef struct PyAsyncGenObject PyAsyncGenObject;
PyAPI_DATA(PyTypeObject) _PyAsyncGenASend_Type;
#define PyAsyncGenASend_CheckExact(op) Py_IS_TYPE((op), &_PyAsyncGenASend_Type)

/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */
PyAPI_FUNC(PyObject *) PyGen_New(PyFrameObject *);
PyAPI_FUNC(PyObject *) PyGen_NewWithQualName(PyFrameObject *, PyObject *, PyObject *);
PyAPI_FUNC(PyCodeObject *) PyGen_GetCode(PyGenObject *);
PyAPI_FUNC(PyObject *) PyCoro_New(PyFrameObject *, PyObject *, PyObject *);
PyAPI_FUNC(PyObject *) PyAsyncGen_New(PyFrameObject *, PyObject *, PyObject *);

#endif
