/* Small API functions that need no Java: clocks, float packing (binary16/32/64), tracemalloc stubs with CPython's documented
   "disabled" result, version text and deprecated no-ops. */
#include <float.h>
#include <string.h>
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

/* tracemalloc never traces in this runtime; CPython returns -2 when it is disabled. */
int PyTraceMalloc_Track(unsigned int domain, uintptr_t ptr, size_t size)
{
    return -2;
}

int PyTraceMalloc_Untrack(unsigned int domain, uintptr_t ptr)
{
    return -2;
}

const char *Py_GetVersion(void)
{
    return PY_VERSION " experimental free-threading build (ftcheck runtime)";
}

void PyEval_InitThreads(void)
{
}

const char *const PyStructSequence_UnnamedField = "unnamed field";

static void store_bytes(char *p, const unsigned char *native, size_t n, int le)
{
    /* The host is little-endian; big-endian output reverses the bytes. */
    for (size_t i = 0; i < n; i++) {
        p[i] = (char)native[le ? i : n - 1 - i];
    }
}

static void load_bytes(unsigned char *native, const char *p, size_t n, int le)
{
    for (size_t i = 0; i < n; i++) {
        native[le ? i : n - 1 - i] = (unsigned char)p[i];
    }
}

int PyFloat_Pack8(double x, char *p, int le)
{
    store_bytes(p, (const unsigned char *)&x, sizeof x, le);
    return 0;
}

int PyFloat_Pack4(double x, char *p, int le)
{
    float y = (float)x;
    if (isinf(y) && !isinf(x)) {
        PyErr_SetString(PyExc_OverflowError, "float too large to pack with f format");
        return -1;
    }
    store_bytes(p, (const unsigned char *)&y, sizeof y, le);
    return 0;
}

double PyFloat_Unpack8(const char *p, int le)
{
    double x;
    load_bytes((unsigned char *)&x, p, sizeof x, le);
    return x;
}

double PyFloat_Unpack4(const char *p, int le)
{
    float y;
    load_bytes((unsigned char *)&y, p, sizeof y, le);
    return y;
}

/* binary16 through the compiler's _Float16: one correctly rounded (to nearest even) conversion, like CPython. */
int PyFloat_Pack2(double x, char *p, int le)
{
    uint16_t bits;
    if (isnan(x)) {
        bits = (uint16_t)(0x7e00 | (signbit(x) ? 0x8000 : 0));
    } else {
        _Float16 h = (_Float16)x;
        if (isinf((double)h) && !isinf(x)) {
            PyErr_SetString(PyExc_OverflowError, "float too large to pack with e format");
            return -1;
        }
        memcpy(&bits, &h, sizeof bits);
    }
    store_bytes(p, (const unsigned char *)&bits, sizeof bits, le);
    return 0;
}

double PyFloat_Unpack2(const char *p, int le)
{
    _Float16 h;
    load_bytes((unsigned char *)&h, p, sizeof h, le);
    return (double)h;
}
