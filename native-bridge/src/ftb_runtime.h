/* Internal interface between the runtime core's C parts (allocators, variadic helpers, diagnostics) and the
 * Java side. Not part of the C-API headers that extensions see. */
#ifndef FTB_RUNTIME_H
#define FTB_RUNTIME_H

#include <stdint.h>

#define FTB_EXPORT __attribute__((visibility("default")))

/* Reports a structured diagnostic (kind, C function, message) to the Java runtime, or to stderr before the
 * runtime has installed its hook. Safe to call from any thread. */
void ftb_report(const char *kind, const char *c_function, const char *message);

/* Whether the calling thread has an attached thread state (maintained by the Java side). */
extern __thread int ftb_tstate_attached;

#endif
