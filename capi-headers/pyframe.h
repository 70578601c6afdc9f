/* Frames, code objects and tracebacks, opaque: the runtime has no bytecode interpreter, so only the accessors
   extensions use for error reporting are declared. */
#ifndef FTCHECK_PYFRAME_H
#define FTCHECK_PYFRAME_H


PyAPI_DATA(PyTypeObject) PyFrame_Type;
PyAPI_DATA(PyTypeObject) PyCode_Type;
PyAPI_DATA(PyTypeObject) PyTraceBack_Type;

#define PyFrame_Check(op) Py_IS_TYPE((op), &PyFrame_Type)
#define PyCode_Check(op) Py_IS_TYPE((op), &PyCode_Type)
#define PyTraceBack_Check(op) Py_IS_TYPE((op), &PyTraceBack_Type)

PyAPI_FUNC(int) PyFrame_GetLineNumber(PyFrameObject *frame);
PyAPI_FUNC(PyCodeObject *) PyFrame_GetCode(PyFrameObject *frame);
PyAPI_FUNC(PyFrameObject *) PyFrame_GetBack(PyFrameObject *frame);
PyAPI_FUNC(PyFrameObject *) PyThreadState_GetFrame(PyThreadState *tstate);
PyAPI_FUNC(PyFrameObject *) PyEval_GetFrame(void);
PyAPI_FUNC(int) PyTraceBack_Here(PyFrameObject *frame);
PyAPI_FUNC(int) PyTraceBack_Print(PyObject *tb, PyObject *file);

#endif
