/* Writing to file-like objects, and the tracemalloc hooks extensions call for their own allocations. */
#ifndef FTCHECK_FILEOBJECT_H
#define FTCHECK_FILEOBJECT_H

PyAPI_FUNC(int) PyFile_WriteObject(PyObject *obj, PyObject *p, int flags);
PyAPI_FUNC(int) PyFile_WriteString(const char *s, PyObject *p);
PyAPI_FUNC(PyObject *) PyFile_GetLine(PyObject *p, int n);
PyAPI_FUNC(int) PyObject_AsFileDescriptor(PyObject *o);

/* Native; tracemalloc is never tracing in this runtime, so Track returns -2 as CPython does when disabled. */
PyAPI_FUNC(int) PyTraceMalloc_Track(unsigned int domain, uintptr_t ptr, size_t size);
PyAPI_FUNC(int) PyTraceMalloc_Untrack(unsigned int domain, uintptr_t ptr);

#endif
