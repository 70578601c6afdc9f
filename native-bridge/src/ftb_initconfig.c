/* initconfig.h: PyStatus values and PyWideStringList as CPython has them (they pass structs by value, which the
   generated trampolines cannot carry), PyPreConfig defaults exactly as CPython 3.13 fills them (-1 means "decide
   later"), and the PyConfig setters, which report themselves through ftb_report_missing (SystemError naming the
   function once the runtime is up) and return an error status, because ftcheck is not embeddable. */
#include <string.h>
#include <wchar.h>
#include "Python.h"
#include "internal/ftbridge.h"
#include "ftb_runtime.h"

/* ---- PyStatus ---- */

PyStatus PyStatus_Ok(void)
{
    PyStatus s = {._type = _PyStatus_TYPE_OK};
    return s;
}

PyStatus PyStatus_Error(const char *err_msg)
{
    PyStatus s = {._type = _PyStatus_TYPE_ERROR, .err_msg = err_msg};
    return s;
}

PyStatus PyStatus_NoMemory(void)
{
    return PyStatus_Error("memory allocation failed");
}

PyStatus PyStatus_Exit(int exitcode)
{
    PyStatus s = {._type = _PyStatus_TYPE_EXIT, .exitcode = exitcode};
    return s;
}

int PyStatus_IsError(PyStatus status)
{
    return status._type == _PyStatus_TYPE_ERROR;
}

int PyStatus_IsExit(PyStatus status)
{
    return status._type == _PyStatus_TYPE_EXIT;
}

int PyStatus_Exception(PyStatus status)
{
    return status._type != _PyStatus_TYPE_OK;
}

/* ---- PyWideStringList: plain memory management, as CPython does it ---- */

PyStatus PyWideStringList_Insert(PyWideStringList *list, Py_ssize_t index, const wchar_t *item)
{
    if (index < 0) {
        return PyStatus_Error("PyWideStringList_Insert index must be >= 0");
    }
    if (index > list->length) {
        index = list->length;
    }
    if ((size_t)list->length + 1 > SIZE_MAX / sizeof(wchar_t *)) {
        return PyStatus_NoMemory();
    }
    size_t chars = wcslen(item) + 1;
    wchar_t *copy = PyMem_RawMalloc(chars * sizeof(wchar_t));
    if (copy == NULL) {
        return PyStatus_NoMemory();
    }
    memcpy(copy, item, chars * sizeof(wchar_t));
    wchar_t **items = PyMem_RawRealloc(list->items, ((size_t)list->length + 1) * sizeof(wchar_t *));
    if (items == NULL) {
        PyMem_RawFree(copy);
        return PyStatus_NoMemory();
    }
    memmove(&items[index + 1], &items[index], (size_t)(list->length - index) * sizeof(wchar_t *));
    items[index] = copy;
    list->items = items;
    list->length++;
    return PyStatus_Ok();
}

PyStatus PyWideStringList_Append(PyWideStringList *list, const wchar_t *item)
{
    return PyWideStringList_Insert(list, list->length, item);
}

/* ---- PyConfig: not available ---- */

PyStatus ftb_status_unsupported(const char *name)
{
    ftb_report_missing(name);
    PyStatus s = {._type = _PyStatus_TYPE_ERROR, .func = name,
                  .err_msg = "ftcheck runs extensions in its own runtime and cannot configure or start an interpreter"};
    return s;
}

PyStatus PyConfig_SetString(PyConfig *config, wchar_t **config_str, const wchar_t *str)
{
    (void)config; (void)config_str; (void)str;
    return ftb_status_unsupported("PyConfig_SetString");
}

PyStatus PyConfig_SetBytesString(PyConfig *config, wchar_t **config_str, const char *str)
{
    (void)config; (void)config_str; (void)str;
    return ftb_status_unsupported("PyConfig_SetBytesString");
}

PyStatus PyConfig_Read(PyConfig *config)
{
    (void)config;
    return ftb_status_unsupported("PyConfig_Read");
}

PyStatus PyConfig_SetBytesArgv(PyConfig *config, Py_ssize_t argc, char *const *argv)
{
    (void)config; (void)argc; (void)argv;
    return ftb_status_unsupported("PyConfig_SetBytesArgv");
}

PyStatus PyConfig_SetArgv(PyConfig *config, Py_ssize_t argc, wchar_t *const *argv)
{
    (void)config; (void)argc; (void)argv;
    return ftb_status_unsupported("PyConfig_SetArgv");
}

PyStatus PyConfig_SetWideStringList(PyConfig *config, PyWideStringList *list, Py_ssize_t length, wchar_t **items)
{
    (void)config; (void)list; (void)length; (void)items;
    return ftb_status_unsupported("PyConfig_SetWideStringList");
}

/* ---- PyPreConfig ---- */

void PyPreConfig_InitPythonConfig(PyPreConfig *config)
{
    *config = (PyPreConfig){
        ._config_init = 2,          /* the "Python" configuration */
        .parse_argv = 1,
        .isolated = 0,
        .use_environment = 1,
        .configure_locale = 1,
        .coerce_c_locale = -1,
        .coerce_c_locale_warn = -1,
        .utf8_mode = -1,
        .dev_mode = -1,
        .allocator = 0,             /* PYMEM_ALLOCATOR_NOT_SET */
    };
}

void PyPreConfig_InitIsolatedConfig(PyPreConfig *config)
{
    *config = (PyPreConfig){
        ._config_init = 3,          /* the "isolated" configuration */
        .isolated = 1,
    };
}
