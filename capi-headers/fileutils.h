/* fileutils.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef Py_FILEUTILS_H
#define Py_FILEUTILS_H

PyAPI_FUNC(wchar_t *) Py_DecodeLocale(const char *, size_t *);
PyAPI_FUNC(char *) Py_EncodeLocale(const wchar_t *, size_t *);

#endif
