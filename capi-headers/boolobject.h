/* bool: two immortal singletons exported by the bridge. */
#ifndef Py_BOOLOBJECT_H
#define Py_BOOLOBJECT_H

PyAPI_DATA(PyTypeObject) PyBool_Type;
#define PyBool_Check(x) Py_IS_TYPE((x), &PyBool_Type)

/* Both are int objects in memory (PyLongObject layout). */
PyAPI_DATA(PyLongObject) _Py_FalseStruct;
PyAPI_DATA(PyLongObject) _Py_TrueStruct;
#define Py_False _PyObject_CAST(&_Py_FalseStruct)
#define Py_True _PyObject_CAST(&_Py_TrueStruct)

PyAPI_FUNC(int) Py_IsTrue(PyObject *x);
PyAPI_FUNC(int) Py_IsFalse(PyObject *x);
#define Py_IsTrue(x) Py_Is((x), Py_True)
#define Py_IsFalse(x) Py_Is((x), Py_False)

#define Py_RETURN_TRUE return Py_True
#define Py_RETURN_FALSE return Py_False

PyAPI_FUNC(PyObject *) PyBool_FromLong(long ok);

#endif
