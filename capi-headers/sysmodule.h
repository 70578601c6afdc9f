/* The sys module from C. */
#ifndef Py_SYSMODULE_H
#define Py_SYSMODULE_H

PyAPI_FUNC(PyObject *) PySys_GetObject(const char *name);
PyAPI_FUNC(int) PySys_SetObject(const char *name, PyObject *v);
/* Formatted output to sys.stdout / sys.stderr, truncated at 1000 bytes like CPython. Native. */
PyAPI_FUNC(void) PySys_WriteStdout(const char *format, ...);
PyAPI_FUNC(void) PySys_WriteStderr(const char *format, ...);
PyAPI_FUNC(void) PySys_FormatStdout(const char *format, ...);
PyAPI_FUNC(void) PySys_FormatStderr(const char *format, ...);
PyAPI_FUNC(int) PySys_Audit(const char *event, const char *format, ...);

typedef int (*Py_AuditHookFunction)(const char *, PyObject *, void *);
typedef struct PerfMapState PerfMapState;

/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */
PyAPI_FUNC(void) PySys_SetArgv(int, wchar_t **);
PyAPI_FUNC(void) PySys_SetArgvEx(int, wchar_t **, int);
PyAPI_FUNC(void) PySys_ResetWarnOptions(void);
PyAPI_FUNC(PyObject *) PySys_GetXOptions(void);
PyAPI_FUNC(int) PySys_AuditTuple(const char *, PyObject *);
PyAPI_FUNC(int) PySys_AddAuditHook(Py_AuditHookFunction, void *);
PyAPI_FUNC(int) PyUnstable_PerfMapState_Init(void);
PyAPI_FUNC(int) PyUnstable_WritePerfMapEntry(const void *, unsigned int, const char *);
PyAPI_FUNC(void) PyUnstable_PerfMapState_Fini(void);
PyAPI_FUNC(int) PyUnstable_CopyPerfMapFile(const char *);
PyAPI_FUNC(int) PyUnstable_PerfTrampoline_CompileCode(PyCodeObject *);
PyAPI_FUNC(int) PyUnstable_PerfTrampoline_SetPersistAfterFork(int);

#endif
