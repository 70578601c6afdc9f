/* Module creation and argument parsing/building. The PyArg_* parsers, Py_BuildValue and other variadic
   functions are implemented natively in the bridge (they walk a format and call the non-variadic API). */
#ifndef Py_MODSUPPORT_H
#define Py_MODSUPPORT_H

#include <stdarg.h>

#define PYTHON_API_VERSION 1013
#define PYTHON_API_STRING "1013"
#define PYTHON_ABI_VERSION 3
#define PYTHON_ABI_STRING "3"

PyAPI_FUNC(int) PyArg_Parse(PyObject *args, const char *format, ...);
PyAPI_FUNC(int) PyArg_ParseTuple(PyObject *args, const char *format, ...);
PyAPI_FUNC(int) PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kw, const char *format, char **keywords, ...);
PyAPI_FUNC(int) PyArg_VaParse(PyObject *args, const char *format, va_list va);
PyAPI_FUNC(int) PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kw, const char *format, char **keywords, va_list va);
PyAPI_FUNC(int) PyArg_ValidateKeywordArguments(PyObject *kw);
PyAPI_FUNC(int) PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t max, ...);
PyAPI_FUNC(PyObject *) Py_BuildValue(const char *format, ...);
PyAPI_FUNC(PyObject *) Py_VaBuildValue(const char *format, va_list va);

PyAPI_FUNC(int) PyModule_AddObjectRef(PyObject *module, const char *name, PyObject *value);
PyAPI_FUNC(int) PyModule_Add(PyObject *module, const char *name, PyObject *value);
PyAPI_FUNC(int) PyModule_AddObject(PyObject *module, const char *name, PyObject *value);
PyAPI_FUNC(int) PyModule_AddIntConstant(PyObject *module, const char *name, long value);
PyAPI_FUNC(int) PyModule_AddStringConstant(PyObject *module, const char *name, const char *value);
PyAPI_FUNC(int) PyModule_AddType(PyObject *module, PyTypeObject *type);
PyAPI_FUNC(int) PyModule_AddFunctions(PyObject *module, PyMethodDef *functions);
PyAPI_FUNC(int) PyModule_SetDocString(PyObject *module, const char *doc);
PyAPI_FUNC(int) PyModule_ExecDef(PyObject *module, PyModuleDef *def);

#define PyModule_AddIntMacro(m, c) PyModule_AddIntConstant((m), #c, (c))
#define PyModule_AddStringMacro(m, c) PyModule_AddStringConstant((m), #c, (c))

PyAPI_FUNC(PyObject *) PyModule_Create2(PyModuleDef *def, int apiver);
PyAPI_FUNC(PyObject *) PyModule_FromDefAndSpec2(PyModuleDef *def, PyObject *spec, int module_api_version);
#define PyModule_Create(module) PyModule_Create2((module), PYTHON_API_VERSION)
#define PyModule_FromDefAndSpec(module, spec) PyModule_FromDefAndSpec2((module), (spec), PYTHON_API_VERSION)



/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */
#define Py_CLEANUP_SUPPORTED 0x20000

/* Argument Clinic's checks: internal in CPython 3.13 but still exported by libpython, and called by extensions
   generated with an older Argument Clinic (CPython 3.11's own Modules/ among them). */
PyAPI_FUNC(int) _PyArg_CheckPositional(const char *name, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max);
PyAPI_FUNC(void) _PyArg_BadArgument(const char *fname, const char *displayname, const char *expected, PyObject *arg);
PyAPI_FUNC(int) _PyArg_NoKeywords(const char *funcname, PyObject *kwargs);
PyAPI_FUNC(int) _PyArg_NoPositional(const char *funcname, PyObject *args);
PyAPI_FUNC(int) _PyArg_NoKwnames(const char *funcname, PyObject *kwnames);

#endif
