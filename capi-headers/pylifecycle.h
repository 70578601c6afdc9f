/* Runtime life cycle queries. */
#ifndef Py_PYLIFECYCLE_H
#define Py_PYLIFECYCLE_H

PyAPI_FUNC(int) Py_IsInitialized(void);
PyAPI_FUNC(int) Py_IsFinalizing(void);
PyAPI_FUNC(int) Py_AtExit(void (*func)(void));
PyAPI_FUNC(const char *) Py_GetVersion(void);

typedef void (*PyOS_sighandler_t)(int);
typedef void (*atexit_datacallbackfunc)(void *);
PyAPI_DATA(const unsigned long) Py_Version;
#define PyInterpreterConfig_DEFAULT_GIL (0)
#define PyInterpreterConfig_SHARED_GIL (1)
#define PyInterpreterConfig_OWN_GIL (2)
typedef struct {
    int use_main_obmalloc;
    int allow_fork;
    int allow_exec;
    int allow_threads;
    int allow_daemon_threads;
    int check_multi_interp_extensions;
    int gil;
} PyInterpreterConfig;

/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */

PyAPI_FUNC(void) Py_Initialize(void);
PyAPI_FUNC(void) Py_InitializeEx(int);
PyAPI_FUNC(void) Py_Finalize(void);
PyAPI_FUNC(int) Py_FinalizeEx(void);
PyAPI_FUNC(PyThreadState *) Py_NewInterpreter(void);
PyAPI_FUNC(void) Py_EndInterpreter(PyThreadState *);
PyAPI_FUNC(void) Py_Exit(int) _Py_NO_RETURN;
PyAPI_FUNC(int) Py_Main(int, wchar_t **);
PyAPI_FUNC(int) Py_BytesMain(int, char **);
PyAPI_FUNC(void) Py_SetProgramName(const wchar_t *);
PyAPI_FUNC(wchar_t *) Py_GetProgramName(void);
PyAPI_FUNC(void) Py_SetPythonHome(const wchar_t *);
PyAPI_FUNC(wchar_t *) Py_GetPythonHome(void);
PyAPI_FUNC(wchar_t *) Py_GetProgramFullPath(void);
PyAPI_FUNC(wchar_t *) Py_GetPrefix(void);
PyAPI_FUNC(wchar_t *) Py_GetExecPrefix(void);
PyAPI_FUNC(wchar_t *) Py_GetPath(void);
PyAPI_FUNC(const char *) Py_GetPlatform(void);
PyAPI_FUNC(const char *) Py_GetCopyright(void);
PyAPI_FUNC(const char *) Py_GetCompiler(void);
PyAPI_FUNC(const char *) Py_GetBuildInfo(void);
PyAPI_FUNC(PyOS_sighandler_t) PyOS_getsig(int);
PyAPI_FUNC(PyOS_sighandler_t) PyOS_setsig(int, PyOS_sighandler_t);
PyAPI_FUNC(int) Py_FrozenMain(int, char **);
PyAPI_FUNC(PyStatus) Py_PreInitialize(const PyPreConfig *);
PyAPI_FUNC(PyStatus) Py_PreInitializeFromBytesArgs(const PyPreConfig *, Py_ssize_t, char **);
PyAPI_FUNC(PyStatus) Py_PreInitializeFromArgs(const PyPreConfig *, Py_ssize_t, wchar_t **);
PyAPI_FUNC(PyStatus) Py_InitializeFromConfig(const PyConfig *);
PyAPI_FUNC(int) Py_RunMain(void);
PyAPI_FUNC(void) Py_ExitStatusException(PyStatus) _Py_NO_RETURN;
PyAPI_FUNC(int) Py_FdIsInteractive(FILE *, const char *);
PyAPI_FUNC(PyStatus) Py_NewInterpreterFromConfig(PyThreadState **, const PyInterpreterConfig *);
PyAPI_FUNC(int) PyUnstable_AtExit(PyInterpreterState *, atexit_datacallbackfunc, void *);

#endif
