/* Hooks through which the Java runtime takes over reporting: unimplemented functions, fatal misuse, and the
   detach/attach around blocking waits. Each has a stand-alone default so the bridge works before Java wires it.
   Py_FatalError's back ends are in ftb_pyerrors.c. */
#include <stdio.h>
#include <stdlib.h>
#include "Python.h"
#include "internal/ftbridge.h"
#include "ftb_runtime.h"

static ftb_missing_handler missing_handler;
static ftb_fatal_handler fatal_handler;
static ftb_block_hook before_block_hook;
static ftb_block_hook after_block_hook;

FTB_API void ftb_set_missing_handler(ftb_missing_handler handler)
{
    __atomic_store_n(&missing_handler, handler, __ATOMIC_RELEASE);
}

void ftb_report_missing(const char *name)
{
    ftb_missing_handler h = __atomic_load_n(&missing_handler, __ATOMIC_ACQUIRE);
    if (h != NULL) {
        h(name);
    } else {
        fprintf(stderr, "ftcheck: C-API function %s is not implemented\n", name);
    }
}

FTB_API void ftb_set_fatal_handler(ftb_fatal_handler handler)
{
    __atomic_store_n(&fatal_handler, handler, __ATOMIC_RELEASE);
}

void ftb_fatal(const char *function, const char *message)
{
    ftb_fatal_handler h = __atomic_load_n(&fatal_handler, __ATOMIC_ACQUIRE);
    if (h != NULL) {
        h(function, message);
        return;
    }
    fprintf(stderr, "Fatal Python error: %s: %s\n", function, message);
    fflush(stderr);
    abort();
}

FTB_API void ftb_set_block_hooks(ftb_block_hook before_blocking, ftb_block_hook after_blocking)
{
    __atomic_store_n(&before_block_hook, before_blocking, __ATOMIC_RELEASE);
    __atomic_store_n(&after_block_hook, after_blocking, __ATOMIC_RELEASE);
}

void ftb_before_blocking(void)
{
    ftb_block_hook h = __atomic_load_n(&before_block_hook, __ATOMIC_ACQUIRE);
    if (h != NULL) {
        h();
    } else {
        ftb_cs_suspend_all();
    }
}

void ftb_after_blocking(void)
{
    ftb_block_hook h = __atomic_load_n(&after_block_hook, __ATOMIC_ACQUIRE);
    if (h != NULL) {
        h();
    } else {
        ftb_cs_resume_top();
    }
}
