/* pystrcmp.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef Py_STRCMP_H
#define Py_STRCMP_H

PyAPI_FUNC(int) PyOS_mystrnicmp(const char *a, const char *b, Py_ssize_t n);
PyAPI_FUNC(int) PyOS_mystricmp(const char *a, const char *b);
#define PyOS_strnicmp PyOS_mystrnicmp
#define PyOS_stricmp PyOS_mystricmp

#endif
