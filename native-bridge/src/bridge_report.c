/* Diagnostic channel from native code to the Java runtime's structured event stream. */
#include <stdio.h>

#include "ftb_runtime.h"

typedef void (*ftb_report_fn)(const char *kind, const char *c_function, const char *message);

static ftb_report_fn report_hook;

FTB_EXPORT void ftb_set_report_hook(ftb_report_fn hook) { report_hook = hook; }

void ftb_report(const char *kind, const char *c_function, const char *message) {
    ftb_report_fn hook = report_hook;
    if (hook != NULL) {
        hook(kind, c_function, message);
    } else {
        fprintf(stderr, "ftcheck: %s in %s: %s\n", kind, c_function, message);
    }
}
