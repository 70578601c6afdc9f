/* objimpl.h: the object allocator domain (over bridge_alloc.c's tagged blocks) and the collector switch. */
#include "bridge_checked.h"

void *PyObject_Malloc(size_t size)
{
    return ftb_domain_malloc_at('o', size, "PyObject_Malloc", ftb_checked ? ftb_site(__builtin_frame_address(0)) : NULL);
}
void *PyObject_Calloc(size_t nelem, size_t elsize) { return ftb_domain_calloc('o', nelem, elsize, "PyObject_Calloc"); }
void *PyObject_Realloc(void *p, size_t size) { return ftb_domain_realloc('o', p, size, "PyObject_Realloc"); }
void PyObject_Free(void *p)
{
    FTB_ENTER_NATIVE();
    ftb_domain_free('o', p, "PyObject_Free");
    FTB_LEAVE_NATIVE();
}

/* The runtime has no cycle collector (cycles leak, as with gc.disable()), so the flag only records what
   gc.enable()/gc.disable() would report; it starts enabled, as CPython's does. */
static int gc_enabled = 1;

int PyGC_Enable(void)
{
    return __atomic_exchange_n(&gc_enabled, 1, __ATOMIC_SEQ_CST);
}

int PyGC_Disable(void)
{
    return __atomic_exchange_n(&gc_enabled, 0, __ATOMIC_SEQ_CST);
}

int PyGC_IsEnabled(void)
{
    return __atomic_load_n(&gc_enabled, __ATOMIC_SEQ_CST);
}
