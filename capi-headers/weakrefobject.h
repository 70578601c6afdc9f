/* Weak references. The object layout stays private; use PyWeakref_GetRef. */
#ifndef Py_WEAKREFOBJECT_H
#define Py_WEAKREFOBJECT_H

typedef struct _PyWeakReference PyWeakReference;

PyAPI_DATA(PyTypeObject) _PyWeakref_RefType;
PyAPI_DATA(PyTypeObject) _PyWeakref_ProxyType;
PyAPI_DATA(PyTypeObject) _PyWeakref_CallableProxyType;

#define PyWeakref_CheckRef(op) PyObject_TypeCheck((op), &_PyWeakref_RefType)
#define PyWeakref_CheckRefExact(op) Py_IS_TYPE((op), &_PyWeakref_RefType)
#define PyWeakref_CheckProxy(op) \
    (Py_IS_TYPE((op), &_PyWeakref_ProxyType) || Py_IS_TYPE((op), &_PyWeakref_CallableProxyType))
#define PyWeakref_Check(op) (PyWeakref_CheckRef(op) || PyWeakref_CheckProxy(op))

PyAPI_FUNC(PyObject *) PyWeakref_NewRef(PyObject *ob, PyObject *callback);
PyAPI_FUNC(PyObject *) PyWeakref_NewProxy(PyObject *ob, PyObject *callback);
PyAPI_FUNC(int) PyWeakref_GetRef(PyObject *ref, PyObject **pobj);
/* 3.14: 1 if the referent is gone, 0 if alive, -1 (TypeError) for a non-weakref. */
#if PY_VERSION_HEX >= 0x030E0000
PyAPI_FUNC(int) PyWeakref_IsDead(PyObject *ref);
#endif
/* Borrowed and deprecated: the referent may die at any time in a free-threaded build. */
PyAPI_FUNC(PyObject *) PyWeakref_GetObject(PyObject *ref);
#define PyWeakref_GET_OBJECT(ref) PyWeakref_GetObject(_PyObject_CAST(ref))

PyAPI_FUNC(void) PyObject_ClearWeakRefs(PyObject *o);

PyAPI_FUNC(void) PyUnstable_Object_ClearWeakRefsNoCallbacks(PyObject *);

#endif
