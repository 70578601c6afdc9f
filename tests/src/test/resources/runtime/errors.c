/* pyerrors.h: the handled exception (GetExcInfo/SetExcInfo/Get/SetHandledException), ImportError with name and
   path, OSError with two file names, program text, interrupts, the wakeup fd and explicit warnings.
   KnownAnswerModulesTest compares the answers with CPython 3.13t's. */
#include <Python.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static PyObject *error_text(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        return PyUnicode_FromString("no error");
    }
    PyObject *r = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
    Py_DECREF(exc);
    return r;
}

/* An object, or "NULL" (stolen). */
static PyObject *shown(PyObject *o)
{
    return o != NULL ? o : PyUnicode_FromString("NULL");
}

static PyObject *exc_info(void)
{
    PyObject *t, *v, *tb;
    PyErr_GetExcInfo(&t, &v, &tb);
    return Py_BuildValue("(NNN)", shown(t), shown(v), shown(tb));
}

static PyObject *handled(PyObject *self, PyObject *args)
{
    PyObject *start = exc_info();
    PyObject *start_h = shown(PyErr_GetHandledException());
    PyErr_SetString(PyExc_ValueError, "being handled");
    PyObject *exc = PyErr_GetRaisedException();
    PyErr_SetHandledException(exc);
    PyObject *after_set = exc_info();
    PyObject *got = shown(PyErr_GetHandledException());
    PyObject *occurred = PyBool_FromLong(PyErr_Occurred() != NULL);
    PyErr_SetHandledException(Py_None);
    PyObject *after_none = exc_info();
    PyErr_SetExcInfo(Py_NewRef((PyObject *)Py_TYPE(exc)), Py_NewRef(exc), NULL);
    PyObject *after_setinfo = shown(PyErr_GetHandledException());
    PyErr_SetExcInfo(NULL, NULL, NULL);
    PyObject *cleared = exc_info();
    PyErr_SetHandledException(exc);
    PyErr_SetHandledException(NULL);
    PyObject *cleared2 = shown(PyErr_GetHandledException());
    Py_DECREF(exc);
    return Py_BuildValue("(NNNNNNNNN)", start, start_h, after_set, got, occurred, after_none, after_setinfo, cleared,
                         cleared2);
}

static PyObject *import_error(PyObject *self, PyObject *args)
{
    PyObject *msg, *name, *path;
    if (!PyArg_ParseTuple(args, "OOO", &msg, &name, &path)) {
        return NULL;
    }
    PyErr_SetImportError(msg == Py_None ? NULL : msg, name == Py_None ? NULL : name, path == Py_None ? NULL : path);
    PyObject *e = PyErr_GetRaisedException();
    if (!PyObject_TypeCheck(e, (PyTypeObject *)PyExc_ImportError)) {
        PyErr_SetRaisedException(e);
        return error_text();
    }
    PyObject *r = Py_BuildValue("(sNNNNN)", Py_TYPE(e)->tp_name, PyObject_Str(e), PyObject_Repr(e),
                                PyObject_GetAttrString(e, "msg"), PyObject_GetAttrString(e, "name"),
                                PyObject_GetAttrString(e, "path"));
    Py_DECREF(e);
    return r;
}

static PyObject *import_subclass(PyObject *self, PyObject *args)
{
    PyObject *m = PyUnicode_FromString("no module named x"), *n = PyUnicode_FromString("x");
    PyErr_SetImportErrorSubclass(PyExc_ModuleNotFoundError, m, n, NULL);
    PyObject *e = PyErr_GetRaisedException();
    PyObject *first = Py_BuildValue("(sNN)", Py_TYPE(e)->tp_name, PyObject_Str(e), PyObject_GetAttrString(e, "name"));
    Py_DECREF(e);
    PyErr_SetImportErrorSubclass(PyExc_ValueError, m, n, NULL);
    PyObject *wrong = error_text();
    PyErr_SetImportErrorSubclass(PyExc_ImportError, NULL, n, NULL);
    PyObject *nomsg = error_text();
    Py_DECREF(m);
    Py_DECREF(n);
    return Py_BuildValue("(NNN)", first, wrong, nomsg);
}

static PyObject *two_files(PyObject *self, PyObject *args)
{
    PyObject *a = PyUnicode_FromString("src.txt"), *b = PyUnicode_FromString("dst.txt");
    errno = ENOENT;
    PyErr_SetFromErrnoWithFilenameObjects(PyExc_OSError, a, b);
    PyObject *both = error_text();
    errno = EACCES;
    PyErr_SetFromErrnoWithFilenameObjects(PyExc_OSError, a, NULL);
    PyObject *one = error_text();
    errno = EEXIST;
    PyErr_SetFromErrnoWithFilenameObjects(PyExc_ValueError, a, b);
    PyObject *other = error_text();
    Py_DECREF(a);
    Py_DECREF(b);
    return Py_BuildValue("(NNN)", both, one, other);
}

static PyObject *program_text(PyObject *self, PyObject *args)
{
    char path[] = "/tmp/ftcheck-errors-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    const char text[] = "first line\nsecond \xc3\xa9 \xff line\nlast line";
    if (write(fd, text, sizeof text - 1) != (ssize_t)(sizeof text - 1)) {
        close(fd);
        unlink(path);
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    close(fd);
    PyObject *name = PyUnicode_FromString(path);
    PyObject *r = Py_BuildValue("(NNNNNNN)", shown(PyErr_ProgramText(path, 1)), shown(PyErr_ProgramText(path, 2)),
                                shown(PyErr_ProgramTextObject(name, 3)), shown(PyErr_ProgramText(path, 4)),
                                shown(PyErr_ProgramText(path, 0)), shown(PyErr_ProgramText("/nonexistent/file", 1)),
                                PyBool_FromLong(PyErr_Occurred() != NULL));
    Py_DECREF(name);
    unlink(path);
    return r;
}

static PyObject *signals(PyObject *self, PyObject *args)
{
    int bad = PyErr_SetInterruptEx(0);
    int big = PyErr_SetInterruptEx(1000);
    int usr = PyErr_SetInterruptEx(SIGUSR1);
    int checked = PyErr_CheckSignals();
    int w1 = PySignal_SetWakeupFd(5);
    int w2 = PySignal_SetWakeupFd(-3);
    int w3 = PySignal_SetWakeupFd(-1);
    return Py_BuildValue("(iiiiiii)", bad, big, usr, checked, w1, w2, w3);
}

static PyObject *warn(PyObject *self, PyObject *args)
{
    PyObject *msg = PyUnicode_FromString("explicit warning"), *file = PyUnicode_FromString("some_file.py");
    int r = PyErr_WarnExplicitObject(PyExc_UserWarning, msg, file, 12, NULL, NULL);
    Py_DECREF(msg);
    Py_DECREF(file);
    PyErr_SetString(PyExc_KeyError, "shown");
    PyObject *e = PyErr_GetRaisedException();
    PyErr_DisplayException(e);
    PyErr_Display(NULL, e, NULL);
    Py_DECREF(e);
    return Py_BuildValue("(iN)", r, PyBool_FromLong(PyErr_Occurred() != NULL));
}

/* The SyntaxError fields and str after PyErr_SyntaxLocation*, with a source file src.py in a fresh directory. */
static PyObject *syntax(PyObject *self, PyObject *args)
{
    int which, line, col, end_line = -2, end_col = -2, with_file;
    if (!PyArg_ParseTuple(args, "iiii|ii", &which, &with_file, &line, &col, &end_line, &end_col)) {
        return NULL;
    }
    char dir[] = "/tmp/ftcheck-syntax-XXXXXX";
    if (mkdtemp(dir) == NULL) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    char path[64];
    snprintf(path, sizeof path, "%s/src.py", dir);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    fputs("first = 1\nsecond line(\n", f);
    fclose(f);
    PyObject *type = which == 0 ? PyExc_SyntaxError : PyExc_IndentationError;
    PyErr_SetString(type, "bad syntax here");
    PyObject *name = PyUnicode_FromString(path);
    if (end_line != -2) {
        PyErr_RangedSyntaxLocationObject(with_file ? name : NULL, line, col, end_line, end_col);
    } else if (col == -1) {
        PyErr_SyntaxLocation(with_file ? path : NULL, line);
    } else {
        PyErr_SyntaxLocationEx(with_file ? path : NULL, line, col);
    }
    PyObject *e = PyErr_GetRaisedException();
    const char *names[] = {"msg", "lineno", "offset", "end_lineno", "end_offset", "text", "print_file_and_line"};
    PyObject *t = PyTuple_New(10);
    for (int i = 0; i < 7; i++) {
        PyTuple_SET_ITEM(t, i, PyObject_GetAttrString(e, names[i]));
    }
    PyObject *fn = PyObject_GetAttrString(e, "filename");
    PyTuple_SET_ITEM(t, 7, fn == Py_None ? fn : PyBool_FromLong(PyObject_RichCompareBool(fn, name, Py_EQ)));
    if (fn != Py_None) {
        Py_DECREF(fn);
    }
    PyTuple_SET_ITEM(t, 8, PyObject_Str(e));
    PyTuple_SET_ITEM(t, 9, PyUnicode_FromString(Py_TYPE(e)->tp_name));
    Py_DECREF(e);
    Py_DECREF(name);
    unlink(path);
    rmdir(dir);
    return t;
}

static PyMethodDef methods[] = {
    {"syntax", syntax, METH_VARARGS, NULL},
    {"handled", handled, METH_NOARGS, NULL},
    {"import_error", import_error, METH_VARARGS, NULL},
    {"import_subclass", import_subclass, METH_NOARGS, NULL},
    {"two_files", two_files, METH_NOARGS, NULL},
    {"program_text", program_text, METH_NOARGS, NULL},
    {"signals", signals, METH_NOARGS, NULL},
    {"warn", warn, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "errors", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_errors(void)
{
    return PyModuleDef_Init(&module);
}
