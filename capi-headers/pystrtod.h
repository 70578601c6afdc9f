/* Locale-independent string <-> double conversion. */
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

#endif
