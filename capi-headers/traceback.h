/* traceback.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef Py_TRACEBACK_H
#define Py_TRACEBACK_H

typedef struct _traceback PyTracebackObject;

/* The public traceback entry of CPython 3.13. tb_lineno is -1 until computed from tb_lasti. */
struct _traceback {
    PyObject_HEAD
    PyTracebackObject *tb_next;
    PyFrameObject *tb_frame;
    int tb_lasti;
    int tb_lineno;
};

PyAPI_FUNC(int) PyTraceBack_Here(PyFrameObject *frame);
PyAPI_FUNC(int) PyTraceBack_Print(PyObject *tb, PyObject *file);

#endif
