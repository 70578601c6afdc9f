/* pylifecycle.h: facts about this runtime's build and platform, pointer hashing, signal handlers, and the
   process-lifetime functions that are no-ops once the runtime is running (as in CPython once initialized). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "Python.h"

const char *Py_GetPlatform(void)
{
    return "linux";
}

/* The compiler that built the runtime's C side, in CPython's "[GCC x.y.z]" form. */
const char *Py_GetCompiler(void)
{
#if defined(__clang__)
    return "[Clang " __clang_version__ "]";
#else
    return "[GCC " __VERSION__ "]";
#endif
}

/* CPython's form "<git branch>, <build date>, <build time>"; the runtime has no git identifier, for which CPython
   writes "main". */
const char *Py_GetBuildInfo(void)
{
    return "main, " __DATE__ ", " __TIME__;
}

/* Pointers are aligned, so their low 4 bits carry nothing: rotate them to the top. -1 is reserved for errors. */
Py_hash_t Py_HashPointer(const void *ptr)
{
    size_t y = (size_t)ptr;
    y = (y >> 4) | (y << (8 * sizeof y - 4));
    Py_hash_t h = (Py_hash_t)y;
    return h == -1 ? -2 : h;
}

PyOS_sighandler_t PyOS_getsig(int sig)
{
    struct sigaction current;
    if (sigaction(sig, NULL, &current) == -1) {
        return SIG_ERR;
    }
    return current.sa_handler;
}

/* Handlers run on the alternate signal stack when there is one, as CPython installs them. */
PyOS_sighandler_t PyOS_setsig(int sig, PyOS_sighandler_t handler)
{
    struct sigaction next, previous;
    memset(&next, 0, sizeof next);
    next.sa_handler = handler;
    next.sa_flags = SA_ONSTACK;
    sigemptyset(&next.sa_mask);
    if (sigaction(sig, &next, &previous) == -1) {
        return SIG_ERR;
    }
    return previous.sa_handler;
}

/* The runtime never runs interactively (CPython's config.interactive, set by -i, is 0), so only a terminal counts. */
int Py_FdIsInteractive(FILE *fp, const char *filename)
{
    (void)filename;
    return isatty(fileno(fp)) ? 1 : 0;
}

/* Extension code only runs inside a started runtime, where CPython's Py_Initialize does nothing. */
void Py_InitializeEx(int install_sigs)
{
    (void)install_sigs;
}

void Py_Initialize(void)
{
}
