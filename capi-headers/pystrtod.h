/* Locale-independent string <-> double conversion, and small string helpers. */
#ifndef Py_STRTOD_H
#define Py_STRTOD_H

PyAPI_FUNC(double) PyOS_string_to_double(const char *str, char **endptr, PyObject *overflow_exception);
PyAPI_FUNC(char *) PyOS_double_to_string(double val, char format_code, int precision, int flags, int *type);

#define Py_DTSF_SIGN 0x01
#define Py_DTSF_ADD_DOT_0 0x02
#define Py_DTSF_ALT 0x04
#define Py_DTSF_NO_NEG_0 0x08

#define Py_DTST_FINITE 0
#define Py_DTST_INFINITE 1
#define Py_DTST_NAN 2

PyAPI_FUNC(long) PyOS_strtol(const char *str, char **ptr, int base);
PyAPI_FUNC(unsigned long) PyOS_strtoul(const char *str, char **ptr, int base);
PyAPI_FUNC(int) PyOS_mystrnicmp(const char *a, const char *b, Py_ssize_t n);
PyAPI_FUNC(int) PyOS_mystricmp(const char *a, const char *b);
#define PyOS_strnicmp PyOS_mystrnicmp
#define PyOS_stricmp PyOS_mystricmp
PyAPI_FUNC(PyObject *) PyOS_FSPath(PyObject *path);

#endif
