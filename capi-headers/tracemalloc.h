/* tracemalloc.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef Py_TRACEMALLOC_H
#define Py_TRACEMALLOC_H

/* Native; tracemalloc is never tracing in this runtime, so Track returns -2 as CPython does when disabled. */
PyAPI_FUNC(int) PyTraceMalloc_Track(unsigned int domain, uintptr_t ptr, size_t size);
PyAPI_FUNC(int) PyTraceMalloc_Untrack(unsigned int domain, uintptr_t ptr);

#endif
