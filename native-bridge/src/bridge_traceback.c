/* Getters for the computed int attributes of tracebacks and frames (tb_lineno, tb_lasti, f_lineno, f_lasti),
   installed by the runtime as getset descriptors. They compute through the C-API as CPython's getters do. */
#include <Python.h>
#include <frameobject.h>

PyObject *ftb_tb_lineno_get(PyObject *self, void *closure)
{
    PyTracebackObject *tb = (PyTracebackObject *)self;
    int line = tb->tb_lineno;
    if (line == -1) {
        PyCodeObject *co = PyFrame_GetCode(tb->tb_frame);
        if (co == NULL) {
            return NULL;
        }
        line = PyCode_Addr2Line(co, tb->tb_lasti);
        Py_DECREF(co);
    }
    return line < 0 ? Py_NewRef(Py_None) : PyLong_FromLong(line);
}

PyObject *ftb_tb_lasti_get(PyObject *self, void *closure)
{
    int lasti = ((PyTracebackObject *)self)->tb_lasti;
    return lasti < 0 ? Py_NewRef(Py_None) : PyLong_FromLong(lasti);
}

PyObject *ftb_frame_lineno_get(PyObject *self, void *closure)
{
    int line = PyFrame_GetLineNumber((PyFrameObject *)self);
    return line < 0 ? Py_NewRef(Py_None) : PyLong_FromLong(line);
}

PyObject *ftb_frame_lasti_get(PyObject *self, void *closure)
{
    return PyLong_FromLong(PyFrame_GetLasti((PyFrameObject *)self));
}
