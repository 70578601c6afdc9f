/* The C-API functions that take or return structs by value (PyStatus, Py_complex), which the generated
   trampolines cannot carry. PyStatus values and Py_complex conversions behave as in CPython; everything that
   would configure or start an interpreter reports itself through ftb_report_missing (SystemError naming the
   function once the runtime is up) and returns an error status, because ftcheck is not embeddable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "Python.h"
#include "internal/ftbridge.h"

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

void Py_ExitStatusException(PyStatus status)
{
    if (PyStatus_IsExit(status)) {
        exit(status.exitcode);
    }
    if (PyStatus_IsError(status)) {
        fprintf(stderr, "Fatal Python error: %s: %s\n", status.func != NULL ? status.func : "Py_ExitStatusException",
                status.err_msg != NULL ? status.err_msg : "(no message)");
        fflush(stderr);
        abort();
    }
    fprintf(stderr, "Fatal Python error: Py_ExitStatusException: called with a status that is not an error\n");
    abort();
}

/* The process exit CPython performs, without finalising an interpreter ftcheck does not have. */
void Py_Exit(int status)
{
    fflush(stdout);
    fflush(stderr);
    exit(status);
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

/* ---- interpreter configuration and start-up: not available ---- */

static PyStatus unsupported(const char *name)
{
    ftb_report_missing(name);
    PyStatus s = {._type = _PyStatus_TYPE_ERROR, .func = name,
                  .err_msg = "ftcheck runs extensions in its own runtime and cannot configure or start an interpreter"};
    return s;
}

PyStatus PyConfig_SetString(PyConfig *config, wchar_t **config_str, const wchar_t *str)
{
    (void)config; (void)config_str; (void)str;
    return unsupported("PyConfig_SetString");
}

PyStatus PyConfig_SetBytesString(PyConfig *config, wchar_t **config_str, const char *str)
{
    (void)config; (void)config_str; (void)str;
    return unsupported("PyConfig_SetBytesString");
}

PyStatus PyConfig_Read(PyConfig *config)
{
    (void)config;
    return unsupported("PyConfig_Read");
}

PyStatus PyConfig_SetBytesArgv(PyConfig *config, Py_ssize_t argc, char *const *argv)
{
    (void)config; (void)argc; (void)argv;
    return unsupported("PyConfig_SetBytesArgv");
}

PyStatus PyConfig_SetArgv(PyConfig *config, Py_ssize_t argc, wchar_t *const *argv)
{
    (void)config; (void)argc; (void)argv;
    return unsupported("PyConfig_SetArgv");
}

PyStatus PyConfig_SetWideStringList(PyConfig *config, PyWideStringList *list, Py_ssize_t length, wchar_t **items)
{
    (void)config; (void)list; (void)length; (void)items;
    return unsupported("PyConfig_SetWideStringList");
}

PyStatus Py_PreInitialize(const PyPreConfig *src_config)
{
    (void)src_config;
    return unsupported("Py_PreInitialize");
}

PyStatus Py_PreInitializeFromBytesArgs(const PyPreConfig *src_config, Py_ssize_t argc, char **argv)
{
    (void)src_config; (void)argc; (void)argv;
    return unsupported("Py_PreInitializeFromBytesArgs");
}

PyStatus Py_PreInitializeFromArgs(const PyPreConfig *src_config, Py_ssize_t argc, wchar_t **argv)
{
    (void)src_config; (void)argc; (void)argv;
    return unsupported("Py_PreInitializeFromArgs");
}

PyStatus Py_InitializeFromConfig(const PyConfig *config)
{
    (void)config;
    return unsupported("Py_InitializeFromConfig");
}

PyStatus Py_NewInterpreterFromConfig(PyThreadState **tstate_p, const PyInterpreterConfig *config)
{
    (void)config;
    if (tstate_p != NULL) {
        *tstate_p = NULL;
    }
    return unsupported("Py_NewInterpreterFromConfig");
}

/* ---- Py_complex by value ---- */

PyObject *PyComplex_FromCComplex(Py_complex c)
{
    return PyComplex_FromDoubles(c.real, c.imag);
}

Py_complex PyComplex_AsCComplex(PyObject *op)
{
    Py_complex c = {-1.0, 0.0};
    if (PyComplex_Check(op)) {
        return ((PyComplexObject *)op)->cval;
    }
    /* Not a complex: the real part goes through __complex__/__float__ and carries any error. */
    double real = PyComplex_RealAsDouble(op);
    if (real == -1.0 && PyErr_Occurred()) {
        return c;
    }
    double imag = PyComplex_ImagAsDouble(op);
    if (imag == -1.0 && PyErr_Occurred()) {
        return c;
    }
    c.real = real;
    c.imag = imag;
    return c;
}
