/* Frames, code objects and tracebacks. The runtime has no bytecode interpreter: frames exist only as PyFrame_New
   makes them (frameobject.h), for tracebacks. */
#ifndef Py_PYFRAME_H
#define Py_PYFRAME_H


PyAPI_DATA(PyTypeObject) PyFrame_Type;
PyAPI_DATA(PyTypeObject) PyCode_Type;
PyAPI_DATA(PyTypeObject) PyTraceBack_Type;

#define PyFrame_Check(op) Py_IS_TYPE((op), &PyFrame_Type)
#define PyCode_Check(op) Py_IS_TYPE((op), &PyCode_Type)
#define PyTraceBack_Check(op) Py_IS_TYPE((op), &PyTraceBack_Type)

PyAPI_FUNC(int) PyFrame_GetLineNumber(PyFrameObject *frame);
PyAPI_FUNC(PyCodeObject *) PyFrame_GetCode(PyFrameObject *frame);
PyAPI_FUNC(PyFrameObject *) PyFrame_GetBack(PyFrameObject *frame);

PyAPI_DATA(PyTypeObject) PyFrameLocalsProxy_Type;
#define PyFrameLocalsProxy_Check(op) Py_IS_TYPE((op), &PyFrameLocalsProxy_Type)
#define PyUnstable_EXECUTABLE_KIND_SKIP 0
#define PyUnstable_EXECUTABLE_KIND_PY_FUNCTION 1
#define PyUnstable_EXECUTABLE_KIND_BUILTIN_FUNCTION 3
#define PyUnstable_EXECUTABLE_KIND_METHOD_DESCRIPTOR 4
#define PyUnstable_EXECUTABLE_KINDS 5
PyAPI_DATA(const PyTypeObject *const) PyUnstable_ExecutableKinds[PyUnstable_EXECUTABLE_KINDS + 1];

struct _PyInterpreterFrame;
/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */
#define PyUnstable_EXECUTABLE_KIND_SKIP 0
#define PyUnstable_EXECUTABLE_KIND_PY_FUNCTION 1
#define PyUnstable_EXECUTABLE_KIND_BUILTIN_FUNCTION 3
#define PyUnstable_EXECUTABLE_KIND_METHOD_DESCRIPTOR 4
#define PyUnstable_EXECUTABLE_KINDS 5

PyAPI_FUNC(PyObject *) PyFrame_GetLocals(PyFrameObject *);
PyAPI_FUNC(PyObject *) PyFrame_GetGlobals(PyFrameObject *);
PyAPI_FUNC(PyObject *) PyFrame_GetBuiltins(PyFrameObject *);
PyAPI_FUNC(PyObject *) PyFrame_GetGenerator(PyFrameObject *);
PyAPI_FUNC(int) PyFrame_GetLasti(PyFrameObject *);
PyAPI_FUNC(PyObject *) PyFrame_GetVar(PyFrameObject *, PyObject *);
PyAPI_FUNC(PyObject *) PyFrame_GetVarString(PyFrameObject *, const char *);
PyAPI_FUNC(PyObject *) PyUnstable_InterpreterFrame_GetCode(struct _PyInterpreterFrame *);
PyAPI_FUNC(int) PyUnstable_InterpreterFrame_GetLasti(struct _PyInterpreterFrame *);
PyAPI_FUNC(int) PyUnstable_InterpreterFrame_GetLine(struct _PyInterpreterFrame *);

#endif
