/* objimpl.h: the collector switch. The runtime has no cycle collector (cycles leak, as with gc.disable()), so
   the flag only records what gc.enable()/gc.disable() would report; it starts enabled, as CPython's does. */
#include "Python.h"

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
