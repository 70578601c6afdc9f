/* initconfig.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef Py_PYCORECONFIG_H
#define Py_PYCORECONFIG_H

/* Interpreter configuration (PEP 587). ftcheck is not an embeddable interpreter: the PyStatus helpers
   work, everything that would configure or start an interpreter reports itself as unsupported. */
typedef struct {
    enum {
        _PyStatus_TYPE_OK = 0,
        _PyStatus_TYPE_ERROR = 1,
        _PyStatus_TYPE_EXIT = 2
    } _type;
    const char *func;
    const char *err_msg;
    int exitcode;
} PyStatus;

typedef struct {
    Py_ssize_t length;
    wchar_t **items;
} PyWideStringList;

typedef struct PyPreConfig {
    int _config_init;
    int parse_argv;
    int isolated;
    int use_environment;
    int configure_locale;
    int coerce_c_locale;
    int coerce_c_locale_warn;
    int utf8_mode;
    int dev_mode;
    int allocator;
} PyPreConfig;

/* 3.14 adds remote_debug, thread_inherit_context, context_aware_warnings and tlbc_enabled (464 bytes, 448 in
   3.13). */
typedef struct PyConfig {
    int _config_init;
    int isolated;
    int use_environment;
    int dev_mode;
    int install_signal_handlers;
    int use_hash_seed;
    unsigned long hash_seed;
    int faulthandler;
    int tracemalloc;
    int perf_profiling;
#if PY_VERSION_HEX >= 0x030E0000
    int remote_debug;
#endif
    int import_time;
    int code_debug_ranges;
    int show_ref_count;
    int dump_refs;
    wchar_t *dump_refs_file;
    int malloc_stats;
    wchar_t *filesystem_encoding;
    wchar_t *filesystem_errors;
    wchar_t *pycache_prefix;
    int parse_argv;
    PyWideStringList orig_argv;
    PyWideStringList argv;
    PyWideStringList xoptions;
    PyWideStringList warnoptions;
    int site_import;
    int bytes_warning;
    int warn_default_encoding;
    int inspect;
    int interactive;
    int optimization_level;
    int parser_debug;
    int write_bytecode;
    int verbose;
    int quiet;
    int user_site_directory;
    int configure_c_stdio;
    int buffered_stdio;
    wchar_t *stdio_encoding;
    wchar_t *stdio_errors;
    wchar_t *check_hash_pycs_mode;
    int use_frozen_modules;
    int safe_path;
    int int_max_str_digits;
#if PY_VERSION_HEX >= 0x030E0000
    int thread_inherit_context;
    int context_aware_warnings;
#endif
    int cpu_count;
    int enable_gil;              /* free-threaded build only */
#if PY_VERSION_HEX >= 0x030E0000
    int tlbc_enabled;            /* free-threaded build only */
#endif
    int pathconfig_warnings;
    wchar_t *program_name;
    wchar_t *pythonpath_env;
    wchar_t *home;
    wchar_t *platlibdir;
    int module_search_paths_set;
    PyWideStringList module_search_paths;
    wchar_t *stdlib_dir;
    wchar_t *executable;
    wchar_t *base_executable;
    wchar_t *prefix;
    wchar_t *base_prefix;
    wchar_t *exec_prefix;
    wchar_t *base_exec_prefix;
    int skip_source_first_line;
    wchar_t *run_command;
    wchar_t *run_module;
    wchar_t *run_filename;
    wchar_t *sys_path_0;
    int _install_importlib;
    int _init_main;
    int _is_python_build;
} PyConfig;

PyAPI_FUNC(PyStatus) PyStatus_Ok(void);
PyAPI_FUNC(PyStatus) PyStatus_Error(const char *);
PyAPI_FUNC(PyStatus) PyStatus_NoMemory(void);
PyAPI_FUNC(PyStatus) PyStatus_Exit(int);
PyAPI_FUNC(int) PyStatus_IsError(PyStatus);
PyAPI_FUNC(int) PyStatus_IsExit(PyStatus);
PyAPI_FUNC(int) PyStatus_Exception(PyStatus);
PyAPI_FUNC(PyStatus) PyWideStringList_Append(PyWideStringList *, const wchar_t *);
PyAPI_FUNC(PyStatus) PyWideStringList_Insert(PyWideStringList *, Py_ssize_t, const wchar_t *);
PyAPI_FUNC(void) PyPreConfig_InitPythonConfig(PyPreConfig *);
PyAPI_FUNC(void) PyPreConfig_InitIsolatedConfig(PyPreConfig *);
PyAPI_FUNC(void) PyConfig_InitPythonConfig(PyConfig *);
PyAPI_FUNC(void) PyConfig_InitIsolatedConfig(PyConfig *);
PyAPI_FUNC(void) PyConfig_Clear(PyConfig *);
PyAPI_FUNC(PyStatus) PyConfig_SetString(PyConfig *, wchar_t **, const wchar_t *);
PyAPI_FUNC(PyStatus) PyConfig_SetBytesString(PyConfig *, wchar_t **, const char *);
PyAPI_FUNC(PyStatus) PyConfig_Read(PyConfig *);
PyAPI_FUNC(PyStatus) PyConfig_SetBytesArgv(PyConfig *, Py_ssize_t, char *const *);
PyAPI_FUNC(PyStatus) PyConfig_SetArgv(PyConfig *, Py_ssize_t, wchar_t *const *);
PyAPI_FUNC(PyStatus) PyConfig_SetWideStringList(PyConfig *, PyWideStringList *, Py_ssize_t, wchar_t **);
PyAPI_FUNC(void) Py_GetArgcArgv(int *, wchar_t ***);

/* 3.14 (PEP 741): reading the running configuration by option name, and the opaque embedding configuration. */
#if PY_VERSION_HEX >= 0x030E0000
PyAPI_FUNC(PyObject *) PyConfig_Get(const char *name);
PyAPI_FUNC(int) PyConfig_GetInt(const char *name, int *value);
PyAPI_FUNC(PyObject *) PyConfig_Names(void);
PyAPI_FUNC(int) PyConfig_Set(const char *name, PyObject *value);

typedef struct PyInitConfig PyInitConfig;
PyAPI_FUNC(PyInitConfig *) PyInitConfig_Create(void);
PyAPI_FUNC(void) PyInitConfig_Free(PyInitConfig *config);
PyAPI_FUNC(int) PyInitConfig_GetError(PyInitConfig *config, const char **err_msg);
PyAPI_FUNC(int) PyInitConfig_GetExitCode(PyInitConfig *config, int *exitcode);
PyAPI_FUNC(int) PyInitConfig_HasOption(PyInitConfig *config, const char *name);
PyAPI_FUNC(int) PyInitConfig_GetInt(PyInitConfig *config, const char *name, int64_t *value);
PyAPI_FUNC(int) PyInitConfig_GetStr(PyInitConfig *config, const char *name, char **value);
PyAPI_FUNC(int) PyInitConfig_GetStrList(PyInitConfig *config, const char *name, size_t *length, char ***items);
PyAPI_FUNC(void) PyInitConfig_FreeStrList(size_t length, char **items);
PyAPI_FUNC(int) PyInitConfig_SetInt(PyInitConfig *config, const char *name, int64_t value);
PyAPI_FUNC(int) PyInitConfig_SetStr(PyInitConfig *config, const char *name, const char *value);
PyAPI_FUNC(int) PyInitConfig_SetStrList(PyInitConfig *config, const char *name, size_t length,
                                        char *const *items);
PyAPI_FUNC(int) PyInitConfig_AddModule(PyInitConfig *config, const char *name, PyObject *(*initfunc)(void));
PyAPI_FUNC(int) Py_InitializeFromInitConfig(PyInitConfig *config);
#endif

#endif
