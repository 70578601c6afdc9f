/* pylifecycle.h: facts about this runtime's build and platform, pointer hashing, signal handlers, the
   process-lifetime functions that are no-ops once the runtime is running (as in CPython once initialized), the
   process exits, and the configured start-ups, which report themselves (ftb_status_unsupported) because ftcheck
   cannot start an interpreter. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ftb_runtime.h"

const unsigned long Py_Version = PY_VERSION_HEX;

/* Free-threading is experimental in 3.13 and supported from 3.14 (PEP 779); sys.version says which. */
const char *Py_GetVersion(void)
{
#if PY_VERSION_HEX >= 0x030E0000
    return PY_VERSION " free-threading build (ftcheck runtime)";
#else
    return PY_VERSION " experimental free-threading build (ftcheck runtime)";
#endif
}

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

/* ---- exiting the process ---- */

void Py_ExitStatusException(PyStatus status)
{
    if (PyStatus_IsExit(status)) {
        exit(status.exitcode);
    }
    if (PyStatus_IsError(status)) {
        fprintf(stderr, "Fatal Python error: %s: %s\n", status.func != NULL ? status.func : "Py_ExitStatusException",
                status.err_msg != NULL ? status.err_msg : "(no message)");
        fflush(stderr);
        abort();
    }
    fprintf(stderr, "Fatal Python error: Py_ExitStatusException: called with a status that is not an error\n");
    abort();
}

/* The process exit CPython performs, without finalising an interpreter ftcheck does not have. */
void Py_Exit(int status)
{
    fflush(stdout);
    fflush(stderr);
    exit(status);
}

/* ---- configured start-up: not available ---- */

PyStatus Py_PreInitialize(const PyPreConfig *src_config)
{
    (void)src_config;
    return ftb_status_unsupported("Py_PreInitialize");
}

PyStatus Py_PreInitializeFromBytesArgs(const PyPreConfig *src_config, Py_ssize_t argc, char **argv)
{
    (void)src_config; (void)argc; (void)argv;
    return ftb_status_unsupported("Py_PreInitializeFromBytesArgs");
}

PyStatus Py_PreInitializeFromArgs(const PyPreConfig *src_config, Py_ssize_t argc, wchar_t **argv)
{
    (void)src_config; (void)argc; (void)argv;
    return ftb_status_unsupported("Py_PreInitializeFromArgs");
}

PyStatus Py_InitializeFromConfig(const PyConfig *config)
{
    (void)config;
    return ftb_status_unsupported("Py_InitializeFromConfig");
}

PyStatus Py_NewInterpreterFromConfig(PyThreadState **tstate_p, const PyInterpreterConfig *config)
{
    (void)config;
    if (tstate_p != NULL) {
        *tstate_p = NULL;
    }
    return ftb_status_unsupported("Py_NewInterpreterFromConfig");
}
