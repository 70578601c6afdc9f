/* tracemalloc.h: the hooks extensions call for their own allocations. */
#include "Python.h"

/* tracemalloc never traces in this runtime; CPython returns -2 when it is disabled. */
int PyTraceMalloc_Track(unsigned int domain, uintptr_t ptr, size_t size)
{
    return -2;
}

int PyTraceMalloc_Untrack(unsigned int domain, uintptr_t ptr)
{
    return -2;
}
