/* The sys module from C. */
#ifndef FTCHECK_SYSMODULE_H
#define FTCHECK_SYSMODULE_H

PyAPI_FUNC(PyObject *) PySys_GetObject(const char *name);
PyAPI_FUNC(int) PySys_SetObject(const char *name, PyObject *v);
/* Formatted output to sys.stdout / sys.stderr, truncated at 1000 bytes like CPython. Native. */
PyAPI_FUNC(void) PySys_WriteStdout(const char *format, ...);
PyAPI_FUNC(void) PySys_WriteStderr(const char *format, ...);PyAPI_FUNC(void) PySys_FormatStdout(const char *format, ...);
PyAPI_FUNC(void) PySys_FormatStderr(const char *format, ...);
PyAPI_FUNC(int) PySys_Audit(const char *event, const char *format, ...);

#endif
