/* Writing to file-like objects. */
#ifndef Py_FILEOBJECT_H
#define Py_FILEOBJECT_H

PyAPI_FUNC(int) PyFile_WriteObject(PyObject *obj, PyObject *p, int flags);
PyAPI_FUNC(int) PyFile_WriteString(const char *s, PyObject *p);
PyAPI_FUNC(PyObject *) PyFile_GetLine(PyObject *p, int n);
PyAPI_FUNC(int) PyObject_AsFileDescriptor(PyObject *o);

#define PY_STDIOTEXTMODE "b"
PyAPI_DATA(const char *) Py_FileSystemDefaultEncoding;
PyAPI_DATA(const char *) Py_FileSystemDefaultEncodeErrors;
PyAPI_DATA(int) Py_HasFileSystemDefaultEncoding;
PyAPI_DATA(int) Py_UTF8Mode;
PyAPI_DATA(PyTypeObject) PyStdPrinter_Type;
typedef PyObject *(*Py_OpenCodeHookFunction)(PyObject *, void *);

/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */
PyAPI_FUNC(PyObject *) PyFile_FromFd(int, const char *, const char *, int, const char *, const char *, const char *, int);
PyAPI_FUNC(char *) Py_UniversalNewlineFgets(char *, int, FILE *, PyObject *);
PyAPI_FUNC(PyObject *) PyFile_NewStdPrinter(int);
PyAPI_FUNC(PyObject *) PyFile_OpenCode(const char *);
PyAPI_FUNC(PyObject *) PyFile_OpenCodeObject(PyObject *);
PyAPI_FUNC(int) PyFile_SetOpenCodeHook(Py_OpenCodeHookFunction, void *);

#endif
