/* range, enumerate/reversed, the built-in iterators and filter/map/zip: type objects and checks. */
#ifndef Py_ITEROBJECT_H
#define Py_ITEROBJECT_H

PyAPI_DATA(PyTypeObject) PyRange_Type;
PyAPI_DATA(PyTypeObject) PyRangeIter_Type;
PyAPI_DATA(PyTypeObject) PyLongRangeIter_Type;
PyAPI_DATA(PyTypeObject) PyEnum_Type;
PyAPI_DATA(PyTypeObject) PyReversed_Type;
PyAPI_DATA(PyTypeObject) PySeqIter_Type;
PyAPI_DATA(PyTypeObject) PyCallIter_Type;
PyAPI_DATA(PyTypeObject) PyFilter_Type;
PyAPI_DATA(PyTypeObject) PyMap_Type;
PyAPI_DATA(PyTypeObject) PyZip_Type;

#define PyRange_Check(op) Py_IS_TYPE((op), &PyRange_Type)
#define PySeqIter_Check(op) Py_IS_TYPE((op), &PySeqIter_Type)
#define PyCallIter_Check(op) Py_IS_TYPE((op), &PyCallIter_Type)

PyAPI_FUNC(PyObject *) PySeqIter_New(PyObject *seq);
PyAPI_FUNC(PyObject *) PyCallIter_New(PyObject *callable, PyObject *sentinel);

#endif
