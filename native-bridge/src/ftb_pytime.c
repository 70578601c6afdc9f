/* pytime.h: the clocks, as nanosecond counts from clock_gettime. */
#include <time.h>
#include "Python.h"

static int clock_ns(clockid_t clock, PyTime_t *result)
{
    struct timespec ts;
    if (clock_gettime(clock, &ts) != 0) {
        *result = 0;
        return -1;
    }
    *result = (PyTime_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
    return 0;
}

double PyTime_AsSecondsDouble(PyTime_t t)
{
    /* Exact when t is whole seconds; otherwise one rounding. */
    if (t % 1000000000 == 0) {
        return (double)(t / 1000000000);
    }
    return (double)t / 1e9;
}

int PyTime_Monotonic(PyTime_t *result)
{
    return clock_ns(CLOCK_MONOTONIC, result);
}

int PyTime_MonotonicRaw(PyTime_t *result)
{
    return clock_ns(CLOCK_MONOTONIC, result);
}

int PyTime_PerfCounter(PyTime_t *result)
{
    return clock_ns(CLOCK_MONOTONIC, result);
}

int PyTime_PerfCounterRaw(PyTime_t *result)
{
    return clock_ns(CLOCK_MONOTONIC, result);
}

int PyTime_Time(PyTime_t *result)
{
    return clock_ns(CLOCK_REALTIME, result);
}

int PyTime_TimeRaw(PyTime_t *result)
{
    return clock_ns(CLOCK_REALTIME, result);
}
