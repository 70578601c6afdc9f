/* fileobject.h: reading a line from a C stream with universal newlines. */
#include <errno.h>
#include <stdio.h>
#include "Python.h"

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
