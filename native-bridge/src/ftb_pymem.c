/* pymem.h: the raw and mem allocator domains, over the tagged blocks of bridge_alloc.c (which catch frees through
   the wrong domain, overruns, and mem-domain calls without a thread state). */
#include "ftb_runtime.h"

void *PyMem_RawMalloc(size_t size) { return ftb_domain_malloc('r', size, "PyMem_RawMalloc"); }
void *PyMem_RawCalloc(size_t nelem, size_t elsize) { return ftb_domain_calloc('r', nelem, elsize, "PyMem_RawCalloc"); }
void *PyMem_RawRealloc(void *p, size_t size) { return ftb_domain_realloc('r', p, size, "PyMem_RawRealloc"); }
void PyMem_RawFree(void *p) { ftb_domain_free('r', p, "PyMem_RawFree"); }

void *PyMem_Malloc(size_t size) { return ftb_domain_malloc('m', size, "PyMem_Malloc"); }
void *PyMem_Calloc(size_t nelem, size_t elsize) { return ftb_domain_calloc('m', nelem, elsize, "PyMem_Calloc"); }
void *PyMem_Realloc(void *p, size_t size) { return ftb_domain_realloc('m', p, size, "PyMem_Realloc"); }
void PyMem_Free(void *p) { ftb_domain_free('m', p, "PyMem_Free"); }
