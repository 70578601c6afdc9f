/* sysmodule.h: the variadic functions, which cannot be Java upcalls. */
#include <stdio.h>
#include "Python.h"

/* sys.stdout / sys.stderr are the process's streams in the runtime; output is truncated at 1000 bytes as in
 * CPython. */
void PySys_WriteStdout(const char *format, ...)
{
    char buf[1001];
    va_list va;
    va_start(va, format);
    vsnprintf(buf, sizeof buf, format, va);
    va_end(va);
    fputs(buf, stdout);
    fflush(stdout);
}

void PySys_WriteStderr(const char *format, ...)
{
    char buf[1001];
    va_list va;
    va_start(va, format);
    vsnprintf(buf, sizeof buf, format, va);
    va_end(va);
    fputs(buf, stderr);
    fflush(stderr);
}

/* The runtime installs no audit hooks, so every event is allowed (what CPython does with no hooks). */
int PySys_Audit(const char *event, const char *format, ...)
{
    return 0;
}
