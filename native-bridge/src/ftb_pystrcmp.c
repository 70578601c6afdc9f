/* pystrcmp.h: case-insensitive comparison of ASCII letters, whatever the C locale says. */
#include "Python.h"
#include "ftb_runtime.h"

int PyOS_mystrnicmp(const char *a, const char *b, Py_ssize_t n)
{
    if (n == 0) {
        return 0;
    }
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    while (--n > 0 && *p && *q && ftb_ascii_lower(*p) == ftb_ascii_lower(*q)) {
        p++;
        q++;
    }
    return ftb_ascii_lower(*p) - ftb_ascii_lower(*q);
}

int PyOS_mystricmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    while (*p && ftb_ascii_lower(*p) == ftb_ascii_lower(*q)) {
        p++;
        q++;
    }
    return ftb_ascii_lower(*p) - ftb_ascii_lower(*q);
}
