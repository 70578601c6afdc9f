/* fileobject.h: the file-system encoding globals, and reading a line from a C stream with universal newlines. */
#include <errno.h>
#include <stdio.h>
#include "Python.h"

/* CPython's values for a started interpreter on Linux with a UTF-8 locale. */
const char *Py_FileSystemDefaultEncoding = "utf-8";
const char *Py_FileSystemDefaultEncodeErrors = "surrogateescape";
int Py_HasFileSystemDefaultEncoding = 0;
int Py_UTF8Mode = 0;

/* Up to n-1 characters, ending after the first newline; "\r" and "\r\n" both become "\n". A Python file object
   is not accepted (ENXIO), as in CPython 3.13. NULL when nothing was read. */
char *Py_UniversalNewlineFgets(char *buf, int n, FILE *stream, PyObject *fobj)
{
    if (fobj != NULL) {
        errno = ENXIO;
        return NULL;
    }
    char *p = buf;
    flockfile(stream);
    int c;
    while (--n > 0 && (c = getc_unlocked(stream)) != EOF) {
        if (c == '\r') {
            int next = getc_unlocked(stream);
            if (next != '\n' && next != EOF) {
                ungetc(next, stream);
            }
            *p++ = '\n';
            break;
        }
        *p++ = (char)c;
        if (c == '\n') {
            break;
        }
    }
    funlockfile(stream);
    *p = '\0';
    return p == buf ? NULL : buf;
}
