/* fileutils.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef Py_FILEUTILS_H
#define Py_FILEUTILS_H

PyAPI_FUNC(wchar_t *) Py_DecodeLocale(const char *, size_t *);
PyAPI_FUNC(char *) Py_EncodeLocale(const wchar_t *, size_t *);
/* 3.14: fopen() of a str, bytes or os.PathLike path (OSError with the file name on failure; the descriptor is
   not inherited), and the matching fclose(). */
#if PY_VERSION_HEX >= 0x030E0000
PyAPI_FUNC(FILE *) Py_fopen(PyObject *path, const char *mode);
PyAPI_FUNC(int) Py_fclose(FILE *file);
#endif

#endif
