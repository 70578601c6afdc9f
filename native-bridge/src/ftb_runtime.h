/* Private declarations shared by the bridge's C files (ftb_<header>.c and bridge_*.c). Not part of the C-API
 * headers that extensions see; the control interface the Java side calls is capi-headers/internal/ftbridge.h. */
#ifndef FTB_RUNTIME_H
#define FTB_RUNTIME_H

#include "Python.h"

#define FTB_EXPORT __attribute__((visibility("default")))
/* Shared between the bridge's files but not exported from libftbridge.so (calls need no PLT indirection). */
#define FTB_HIDDEN __attribute__((visibility("hidden")))

/* ---- diagnostics (bridge_report.c) ---- */

/* Reports a structured diagnostic (kind, C function, message) to the Java runtime, or to stderr before the
 * runtime has installed its hook. Safe to call from any thread. */
void ftb_report(const char *kind, const char *c_function, const char *message);

/* ---- blocking waits (bridge_hooks.c) ---- */

/* Run the runtime's detach/attach hooks (or the critical-section defaults) around a blocking wait. */
void ftb_before_blocking(void);
void ftb_after_blocking(void);

/* ---- biased reference counting (ftb_object.c) ---- */

/* Registers the calling thread for biased reference counting if it is not yet (cheap when it is). */
void ftb_brc_ensure_registered(void);

/* ---- allocator domains (bridge_alloc.c), behind PyMem_Raw*, PyMem_* and PyObject_Malloc & co. ---- */

/* Whether the calling thread has an attached thread state (maintained by the Java side). */
extern __thread int ftb_tstate_attached;

/* domain is 'r' (raw), 'm' (mem) or 'o' (object); api names the C-API function in reports. */
FTB_HIDDEN void *ftb_domain_malloc(char domain, size_t size, const char *api);
/* ftb_domain_malloc blaming site (a code address) for the allocation in checked mode. */
FTB_HIDDEN void *ftb_domain_malloc_at(char domain, size_t size, const char *api, void *site);
FTB_HIDDEN void *ftb_domain_calloc(char domain, size_t nelem, size_t elsize, const char *api);
FTB_HIDDEN void *ftb_domain_realloc(char domain, void *p, size_t size, const char *api);
FTB_HIDDEN void ftb_domain_free(char domain, void *p, const char *api);

/* ---- printf-style formatting (bridge_format.c) ---- */

/* PyUnicode_FromFormatV's format language; returns str, or bytes when as_bytes (PyBytes_FromFormatV's
 * variant), or NULL with an exception set. vargs is copied, not consumed. */
FTB_HIDDEN PyObject *ftb_vformat(const char *format, va_list vargs, int as_bytes);

/* ---- bytes and bytearray from other objects (ftb_bytesobject.c); bytearray when the flag is set ---- */

/* a + b for two buffer exporters; TypeError naming both types otherwise. */
FTB_HIDDEN PyObject *ftb_bytes_concat(PyObject *a, PyObject *b, int bytearray);
/* A copy of a buffer exporter's bytes. */
FTB_HIDDEN PyObject *ftb_bytes_from_buffer(PyObject *x, int bytearray);
/* The ints 0..255 an iterator yields, with the messages bytes() and bytearray() give. */
FTB_HIDDEN PyObject *ftb_bytes_from_iterable(PyObject *it, int bytearray);

/* ---- interpreter configuration (ftb_initconfig.c) ---- */

/* Reports name through ftb_report_missing and returns an error status: ftcheck cannot configure or start an
 * interpreter. */
FTB_HIDDEN PyStatus ftb_status_unsupported(const char *name);

/* ---- statically allocated objects ---- */

/* The header of an immortal object of the given type that lives in the bridge's data. */
#define FTB_IMMORTAL_HEADER(type) { 0, 0, { 0 }, 0, _Py_IMMORTAL_REFCNT_LOCAL, 0, (type) }

/* ASCII-only lower case, as CPython's parsers and comparisons use whatever the C locale is. */
static inline int ftb_ascii_lower(int c)
{
    c &= 0xff;
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

#endif
