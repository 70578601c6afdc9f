/*
 * ftcompat.h -- build free-threading-ready extension code on CPython 3.8 and newer.
 *
 * Part of ftcheck. Include it after <Python.h>:
 *
 *     #include <Python.h>
 *     #include "ftcompat.h"
 *
 * Where the running CPython (or ftcheck's runtime headers) already has an API, this header defines nothing for
 * it. Where the API is missing, it supplies one with the same signature and the same return convention as
 * CPython 3.13/3.14. docs/compat.md has the table of every shim and what it guarantees.
 *
 * How names are supplied (so that this header is idempotent and coexists with other compat headers):
 *   - every function body lives under an `ftcompat_` name (static inline), so it can never collide with a
 *     function another header already defined;
 *   - the public name is then mapped with `#define PyX ftcompat_PyX`, but only `#ifndef PyX`. A header that was
 *     included earlier and defined PyX as a macro (its own implementation or a `#define PyX PyX` marker) wins and
 *     we add nothing. One that defined PyX as a plain static inline function is shadowed for the rest of the
 *     translation unit by ours (same contract), with no redefinition.
 *   - when several compat headers are used, include ftcompat.h LAST: a header that defines `static inline ... PyX(`
 *     after our macro exists would have its definition renamed into ours.
 *
 * Knobs: none are required. FTCOMPAT_VERSION_HEX says which revision of the header is in use.
 */
#ifndef FTCOMPAT_H
#define FTCOMPAT_H
#define FTCOMPAT_VERSION_HEX 0x00020000

#ifndef PY_VERSION_HEX
#  error "ftcompat.h: include <Python.h> before ftcompat.h"
#endif
#if PY_VERSION_HEX < 0x03080000
#  error "ftcompat.h supports CPython 3.8 and newer"
#endif
#ifdef Py_LIMITED_API
/* The fallbacks need non-limited API (PyDict_SetDefault, PyGILState_Check), and no free-threaded CPython up to
 * 3.14 supports the limited API, so a limited-API build has nothing to port yet. */
#  error "ftcompat.h needs the full C API: it does not support Py_LIMITED_API (abi3) builds"
#endif

/* Only what the fallbacks need: on 3.14 and newer this header contributes no declarations at all, and on 3.13 only
 * the ftcompat_ definitions behind the 3.14 names. */
#if PY_VERSION_HEX < 0x030E0000
#  include <stdint.h>
#endif
#if PY_VERSION_HEX < 0x030D0000
#  if defined(_MSC_VER) && !defined(__clang__)
#    include <intrin.h>
#    include <windows.h>
#  else
#    include <sched.h>
#    include <time.h>
#  endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* One switch per CPython release that added an API family; everything below is keyed on these. */
#define FTCOMPAT_PY_LT_313 (PY_VERSION_HEX < 0x030D0000)
#define FTCOMPAT_PY_LT_314 (PY_VERSION_HEX < 0x030E0000)

/* ------------------------------------------------------------------------------------------------------------
 * Strong-reference getters and dict helpers (real API from 3.13)
 * ---------------------------------------------------------------------------------------------------------- */
#if FTCOMPAT_PY_LT_313

/* Py_NewRef only exists from 3.10. */
static inline PyObject *ftcompat_strong(PyObject *obj)
{
    Py_INCREF(obj);
    return obj;
}

/* New reference to list[index]; IndexError when index is negative or past the end, TypeError for a non-list. */
static inline PyObject *ftcompat_PyList_GetItemRef(PyObject *list, Py_ssize_t index)
{
    PyObject *item;
    if (list == NULL || !PyList_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "PyList_GetItemRef: the first argument must be a list");
        return NULL;
    }
    /* Borrowed reads below are safe: these fallbacks only compile for GIL builds. ftcheck: ignore[FT101] */
    item = PyList_GetItem(list, index);   /* raises IndexError itself (negative indices included) */
    if (item == NULL) {
        return NULL;
    }
    return ftcompat_strong(item);
}
#ifndef PyList_GetItemRef
#  define PyList_GetItemRef ftcompat_PyList_GetItemRef
#endif

/* 1 found (*result new ref), 0 missing (*result NULL, no exception), -1 error (*result NULL). */
static inline int ftcompat_PyDict_GetItemRef(PyObject *dict, PyObject *key, PyObject **result)
{
    PyObject *value;
    if (dict == NULL || !PyDict_Check(dict)) {
        PyErr_BadInternalCall();
        *result = NULL;
        return -1;
    }
    /* borrowed (GIL builds only), and unlike PyDict_GetItem it reports errors. ftcheck: ignore[FT102] */
    value = PyDict_GetItemWithError(dict, key);
    if (value != NULL) {
        *result = ftcompat_strong(value);
        return 1;
    }
    *result = NULL;
    return PyErr_Occurred() ? -1 : 0;
}
#ifndef PyDict_GetItemRef
#  define PyDict_GetItemRef ftcompat_PyDict_GetItemRef
#endif

static inline int ftcompat_PyDict_GetItemStringRef(PyObject *dict, const char *key, PyObject **result)
{
    int rc;
    PyObject *key_obj = PyUnicode_FromString(key);
    if (key_obj == NULL) {
        *result = NULL;
        return -1;
    }
    rc = ftcompat_PyDict_GetItemRef(dict, key_obj, result);
    Py_DECREF(key_obj);
    return rc;
}
#ifndef PyDict_GetItemStringRef
#  define PyDict_GetItemStringRef ftcompat_PyDict_GetItemStringRef
#endif

/* 1 key was present, 0 default inserted, -1 error. *result (if result is non-NULL) gets a new reference to the
 * value now in the dict, or NULL on error. */
static inline int ftcompat_PyDict_SetDefaultRef(PyObject *dict, PyObject *key, PyObject *default_value,
                                                PyObject **result)
{
    PyObject *value;
    int present;
    if (result != NULL) {
        *result = NULL;
    }
    if (dict == NULL || !PyDict_Check(dict)) {
        PyErr_BadInternalCall();
        return -1;
    }
    /* Look up first: PyDict_SetDefault alone cannot tell "inserted" from "present with the very same object".
     * ftcheck: ignore[FT102] */
    value = PyDict_GetItemWithError(dict, key);
    if (value != NULL) {
        present = 1;
    }
    else if (PyErr_Occurred()) {
        return -1;
    }
    else {
        value = PyDict_SetDefault(dict, key, default_value);   /* ftcheck: ignore[FT104] GIL builds only */
        if (value == NULL) {
            return -1;
        }
        /* Python code run by the key's __eq__ may have inserted the key meanwhile. */
        present = value != default_value;
    }
    if (result != NULL) {
        *result = ftcompat_strong(value);
    }
    return present;
}
#ifndef PyDict_SetDefaultRef
#  define PyDict_SetDefaultRef ftcompat_PyDict_SetDefaultRef
#endif

/* 1 removed (*result new ref if result is non-NULL), 0 missing (no KeyError, *result NULL), -1 error. */
static inline int ftcompat_PyDict_Pop(PyObject *dict, PyObject *key, PyObject **result)
{
    PyObject *value;
    if (result != NULL) {
        *result = NULL;
    }
    if (dict == NULL || !PyDict_Check(dict)) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (PyDict_GET_SIZE(dict) == 0) {
        return 0;   /* as in 3.13: an empty dict answers "missing" without hashing the key */
    }
    value = PyDict_GetItemWithError(dict, key);   /* ftcheck: ignore[FT102] GIL builds only */
    if (value == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    Py_INCREF(value);   /* keep it alive across the deletion */
    if (PyDict_DelItem(dict, key) < 0) {
        Py_DECREF(value);
        /* The key's __eq__ ran Python code that removed the entry first: that is "missing", not an error. */
        if (PyErr_ExceptionMatches(PyExc_KeyError)) {
            PyErr_Clear();
            return 0;
        }
        return -1;
    }
    if (result != NULL) {
        *result = value;
    }
    else {
        Py_DECREF(value);
    }
    return 1;
}
#ifndef PyDict_Pop
#  define PyDict_Pop ftcompat_PyDict_Pop
#endif

static inline int ftcompat_PyDict_PopString(PyObject *dict, const char *key, PyObject **result)
{
    int rc;
    PyObject *key_obj = PyUnicode_FromString(key);
    if (key_obj == NULL) {
        if (result != NULL) {
            *result = NULL;
        }
        return -1;
    }
    rc = ftcompat_PyDict_Pop(dict, key_obj, result);
    Py_DECREF(key_obj);
    return rc;
}
#ifndef PyDict_PopString
#  define PyDict_PopString ftcompat_PyDict_PopString
#endif

/* 1 referent alive (*pobj new ref), 0 dead (*pobj NULL), -1 error: TypeError for a non-weakref (*pobj NULL). */
static inline int ftcompat_PyWeakref_GetRef(PyObject *ref, PyObject **pobj)
{
    PyObject *obj;
    if (ref == NULL || !PyWeakref_Check(ref)) {
        *pobj = NULL;
        PyErr_SetString(PyExc_TypeError, "PyWeakref_GetRef: expected a weak reference");
        return -1;
    }
    /* Py_None once the referent is gone (None is not weakrefable). ftcheck: ignore[FT105] GIL builds only */
    obj = PyWeakref_GetObject(ref);
    if (obj == NULL) {
        *pobj = NULL;
        return -1;
    }
    if (obj == Py_None) {
        *pobj = NULL;
        return 0;
    }
    *pobj = ftcompat_strong(obj);
    return 1;
}
#ifndef PyWeakref_GetRef
#  define PyWeakref_GetRef ftcompat_PyWeakref_GetRef
#endif

/* New reference to sys.modules[name], creating and inserting an empty module when absent; NULL on error. */
static inline PyObject *ftcompat_PyImport_AddModuleRef(const char *name)
{
    PyObject *module = PyImport_AddModule(name);   /* ftcheck: ignore[FT106] GIL builds only */
    if (module == NULL) {
        return NULL;
    }
    return ftcompat_strong(module);
}
#ifndef PyImport_AddModuleRef
#  define PyImport_AddModuleRef ftcompat_PyImport_AddModuleRef
#endif

#endif /* FTCOMPAT_PY_LT_313: strong-reference APIs */

/* ------------------------------------------------------------------------------------------------------------
 * PyMutex (real API from 3.13, in GIL and free-threaded builds alike)
 *
 * Our fallback is a genuine one-byte lock (0 = unlocked, 1 = locked), built on the compiler's atomic builtins, so
 * it excludes other threads whether or not they hold the GIL. Guarantees:
 *   - mutual exclusion between all threads, including a holder that released the GIL while holding it
 *     (Py_BEGIN_ALLOW_THREADS inside the locked region);
 *   - a thread that must wait releases the GIL while it waits (as CPython's PyMutex detaches its thread state),
 *     so the holder can always re-take the GIL and finish; threads without a Python thread state just wait;
 *   - acquire/release memory ordering: writes made before PyMutex_Unlock are visible after PyMutex_Lock;
 *   - waiting is polling with back-off (yield, then sleeps doubling up to 1 ms): no FIFO fairness, no parking;
 *   - not re-entrant (locking twice from one thread deadlocks, as in CPython); unlocking an unlocked mutex is a
 *     fatal error, as in CPython; a PyMutex must not be copied or moved while in use.
 * Zero-initialise it: `static PyMutex m;` or `PyMutex m = {0};`.
 * ---------------------------------------------------------------------------------------------------------- */
#if FTCOMPAT_PY_LT_313

#if defined(_MSC_VER) && !defined(__clang__)
#  define FTCOMPAT_CAS_ACQUIRE(p, expected, desired) \
      (_InterlockedCompareExchange8((volatile char *)(p), (char)(desired), (char)(expected)) == (char)(expected))
#  define FTCOMPAT_EXCHANGE_RELEASE(p, v) ((unsigned char)_InterlockedExchange8((volatile char *)(p), (char)(v)))
#  define FTCOMPAT_LOAD_RELAXED(p) (*(volatile unsigned char *)(p))
#  define FTCOMPAT_LOAD_SEQ_CST(p) ((unsigned char)_InterlockedOr8((volatile char *)(p), 0))
#elif defined(__GNUC__) || defined(__clang__)
#  define FTCOMPAT_CAS_ACQUIRE(p, expected, desired) \
      ftcompat_cas_acquire((p), (expected), (desired))
#  define FTCOMPAT_EXCHANGE_RELEASE(p, v) __atomic_exchange_n((p), (unsigned char)(v), __ATOMIC_RELEASE)
#  define FTCOMPAT_LOAD_RELAXED(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#  define FTCOMPAT_LOAD_SEQ_CST(p) __atomic_load_n((p), __ATOMIC_SEQ_CST)
static inline int ftcompat_cas_acquire(unsigned char *p, unsigned char expected, unsigned char desired)
{
    return __atomic_compare_exchange_n(p, &expected, desired, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}
#else
#  error "ftcompat.h: the PyMutex fallback needs GCC/Clang __atomic builtins or MSVC interlocked intrinsics"
#endif

typedef struct ftcompat_PyMutex {
    unsigned char _bits;   /* same size and zero state as CPython 3.13's PyMutex */
} ftcompat_PyMutex;
#ifndef PyMutex
#  define PyMutex ftcompat_PyMutex
#endif

#define FTCOMPAT_MUTEX_LOCKED 1

/* One step of back-off while waiting: a few yields first (the holder is usually just about to finish), then
 * sleeps doubling from 1 us to 1 ms so that a long hold does not burn a core. */
static inline void ftcompat_mutex_backoff(unsigned int *round)
{
    unsigned int r = (*round)++;
#if defined(_MSC_VER) && !defined(__clang__)
    if (r < 16) {
        SwitchToThread();
    }
    else {
        Sleep(1);
    }
#else
    if (r < 16) {
        sched_yield();
    }
    else {
        struct timespec ts;
        unsigned int shift = r - 16 < 10 ? r - 16 : 10;
        ts.tv_sec = 0;
        ts.tv_nsec = 1000L << shift;   /* 1 us .. ~1 ms */
        nanosleep(&ts, NULL);
    }
#endif
}

static inline int ftcompat_mutex_try_lock(ftcompat_PyMutex *m)
{
    return FTCOMPAT_CAS_ACQUIRE(&m->_bits, 0, FTCOMPAT_MUTEX_LOCKED);
}

static inline void ftcompat_mutex_wait_and_lock(ftcompat_PyMutex *m)
{
    unsigned int round = 0;
    while (!(FTCOMPAT_LOAD_RELAXED(&m->_bits) == 0 && ftcompat_mutex_try_lock(m))) {
        ftcompat_mutex_backoff(&round);
    }
}

/* Whether the calling thread holds the GIL. PyGILState_Check() would be the public answer, but once a
 * sub-interpreter exists it says "yes" to every thread, and releasing a GIL we do not hold is fatal. The current
 * thread state (before 3.12 that is the GIL holder's, whichever thread it runs on) and the thread that owns it
 * answer exactly. */
static inline int ftcompat_holds_gil(void)
{
    /* Below 3.13 only, where this is the one way to read it without a fatal error. ftcheck: ignore[FT809] */
    PyThreadState *current = _PyThreadState_UncheckedGet();
    return current != NULL && current->thread_id == PyThread_get_thread_ident();
}

static inline void ftcompat_PyMutex_Lock(ftcompat_PyMutex *m)
{
    if (ftcompat_mutex_try_lock(m)) {
        return;
    }
    /* Contended. If we hold the GIL, the holder may be waiting for it: let it go while we wait. */
    if (ftcompat_holds_gil()) {
        PyThreadState *saved = PyEval_SaveThread();
        ftcompat_mutex_wait_and_lock(m);
        PyEval_RestoreThread(saved);
    }
    else {
        ftcompat_mutex_wait_and_lock(m);
    }
}
#ifndef PyMutex_Lock
#  define PyMutex_Lock ftcompat_PyMutex_Lock
#endif

static inline void ftcompat_PyMutex_Unlock(ftcompat_PyMutex *m)
{
    if (FTCOMPAT_EXCHANGE_RELEASE(&m->_bits, 0) != FTCOMPAT_MUTEX_LOCKED) {
        Py_FatalError("ftcompat PyMutex_Unlock: the mutex was not locked");
    }
}
#ifndef PyMutex_Unlock
#  define PyMutex_Unlock ftcompat_PyMutex_Unlock
#endif

#endif /* FTCOMPAT_PY_LT_313: PyMutex */

/* ------------------------------------------------------------------------------------------------------------
 * Critical sections. Object forms: real API from 3.13 (plain blocks in GIL builds). Mutex forms: real from 3.14.
 * Where ours are plain blocks, the arguments are still evaluated once, as in a free-threaded build, so code
 * behaves the same and raises no unused-variable warnings.
 * ---------------------------------------------------------------------------------------------------------- */
#if FTCOMPAT_PY_LT_313
#  ifndef Py_BEGIN_CRITICAL_SECTION
#    define Py_BEGIN_CRITICAL_SECTION(op) { (void)(op);
#  endif
#  ifndef Py_END_CRITICAL_SECTION
#    define Py_END_CRITICAL_SECTION() }
#  endif
#  ifndef Py_BEGIN_CRITICAL_SECTION2
#    define Py_BEGIN_CRITICAL_SECTION2(a, b) { (void)(a); (void)(b);
#  endif
#  ifndef Py_END_CRITICAL_SECTION2
#    define Py_END_CRITICAL_SECTION2() }
#  endif
#endif

#if FTCOMPAT_PY_LT_314
#  if defined(Py_GIL_DISABLED) && !FTCOMPAT_PY_LT_313
/* Free-threaded 3.13 has object critical sections but no mutex form. Its PyCriticalSection_Begin only takes the
 * address of op->ob_mutex, so we hand it the (never dereferenced) object whose ob_mutex field would sit at m.
 * The variable names _py_cs/_py_cs2 are what 3.13's Py_END_CRITICAL_SECTION()/..2() close, so the real END macros
 * pair with these BEGINs. The lock therefore really is held, with CPython's deadlock-avoidance (suspension while
 * blocked, lower address first in the 2-form, re-entry on the innermost mutex). */
#    if defined(__GNUC__) || defined(__clang__)
#      define ftcompat_offsetof(type, member) __builtin_offsetof(type, member)
#    else
#      include <stddef.h>
#      define ftcompat_offsetof(type, member) offsetof(type, member)
#    endif
#    define ftcompat_mutex_owner(m) \
         ((PyObject *)(void *)((char *)(PyMutex *)(m) - ftcompat_offsetof(PyObject, ob_mutex)))
#    ifndef Py_BEGIN_CRITICAL_SECTION_MUTEX
#      define Py_BEGIN_CRITICAL_SECTION_MUTEX(m)                              \
           {                                                                   \
               PyCriticalSection _py_cs;                                       \
               PyCriticalSection_Begin(&_py_cs, ftcompat_mutex_owner(m))
#    endif
#    ifndef Py_BEGIN_CRITICAL_SECTION2_MUTEX
#      define Py_BEGIN_CRITICAL_SECTION2_MUTEX(m1, m2)                        \
           {                                                                   \
               PyCriticalSection2 _py_cs2;                                     \
               PyCriticalSection2_Begin(&_py_cs2, ftcompat_mutex_owner(m1),    \
                                        ftcompat_mutex_owner(m2))
#    endif
#  else
/* GIL builds (any version below 3.14): the object forms are plain blocks, so the mutex forms are too. */
#    ifndef Py_BEGIN_CRITICAL_SECTION_MUTEX
#      define Py_BEGIN_CRITICAL_SECTION_MUTEX(m) { (void)(m);
#    endif
#    ifndef Py_BEGIN_CRITICAL_SECTION2_MUTEX
#      define Py_BEGIN_CRITICAL_SECTION2_MUTEX(m1, m2) { (void)(m1); (void)(m2);
#    endif
#  endif
#endif

/* ------------------------------------------------------------------------------------------------------------
 * CPython 3.14 additions that free-threading ports reach for (real API from 3.14).
 *
 * Below 3.14 each function is defined under its ftcompat_ name and mapped with #ifndef, as above. The
 * conventions are 3.14's: return values, the exception types raised, what is accepted (__index__ for the
 * integer conversions, str subclasses for PyUnicode_Equal, any buffer in PyBytes_Join). Only public C API is
 * called, except where a comment says otherwise; the free-threaded 3.13 versions of the reference-count helpers
 * read the object header that 3.13t's own headers expose, using the protocol 3.13t itself follows for these
 * fields (docs/compat.md, "Reference counts on free-threaded 3.13").
 * ---------------------------------------------------------------------------------------------------------- */
#if FTCOMPAT_PY_LT_314

/* Version packing: plain integer expressions, so they also work in #if. 3.14 additionally exports functions of
 * the same names for other languages; here they are C macros only. */
#ifndef Py_PACK_FULL_VERSION
#  define Py_PACK_FULL_VERSION(x, y, z, level, serial)                                        \
       ((((x) & 0xff) << 24) | (((y) & 0xff) << 16) | (((z) & 0xff) << 8) | (((level) & 0xf) << 4) \
        | ((serial) & 0xf))
#endif
#ifndef Py_PACK_VERSION
#  define Py_PACK_VERSION(x, y) Py_PACK_FULL_VERSION(x, y, 0, 0, 0)
#endif

/* ---- Fixed-width integer conversions ---------------------------------------------------------------------- */

/* A new reference. C guarantees long is at least 32 bits and long long at least 64. */
static inline PyObject *ftcompat_PyLong_FromInt32(int32_t value)
{
    return PyLong_FromLong((long)value);
}
#ifndef PyLong_FromInt32
#  define PyLong_FromInt32 ftcompat_PyLong_FromInt32
#endif

static inline PyObject *ftcompat_PyLong_FromUInt32(uint32_t value)
{
    return PyLong_FromUnsignedLong((unsigned long)value);
}
#ifndef PyLong_FromUInt32
#  define PyLong_FromUInt32 ftcompat_PyLong_FromUInt32
#endif

static inline PyObject *ftcompat_PyLong_FromInt64(int64_t value)
{
    return PyLong_FromLongLong((long long)value);
}
#ifndef PyLong_FromInt64
#  define PyLong_FromInt64 ftcompat_PyLong_FromInt64
#endif

static inline PyObject *ftcompat_PyLong_FromUInt64(uint64_t value)
{
    return PyLong_FromUnsignedLongLong((unsigned long long)value);
}
#ifndef PyLong_FromUInt64
#  define PyLong_FromUInt64 ftcompat_PyLong_FromUInt64
#endif

/* obj as an exact int: ints as they are, anything else through __index__ (TypeError when it has none), as the
 * 3.14 conversions accept. A new reference, or NULL with an exception. */
static inline PyObject *ftcompat_as_index(PyObject *obj)
{
    if (obj == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    return PyNumber_Index(obj);
}

/* *out = obj when lo <= obj <= hi; 0, or -1 with OverflowError (out of range) or the __index__ error. */
static inline int ftcompat_long_as_signed(PyObject *obj, long long lo, long long hi, const char *type_name,
                                          long long *out)
{
    int overflow = 0;
    long long v;
    PyObject *index = ftcompat_as_index(obj);
    if (index == NULL) {
        return -1;
    }
    v = PyLong_AsLongLongAndOverflow(index, &overflow);
    Py_DECREF(index);
    if (v == -1 && overflow == 0 && PyErr_Occurred()) {
        return -1;
    }
    if (overflow != 0 || v < lo || v > hi) {
        PyErr_Format(PyExc_OverflowError, "int out of range for C %s", type_name);
        return -1;
    }
    *out = v;
    return 0;
}

/* *out = obj when 0 <= obj <= hi; 0, or -1 with ValueError (negative), OverflowError (too large) or the
 * __index__ error. Negative values are a ValueError whatever their size, as in 3.14. */
static inline int ftcompat_long_as_unsigned(PyObject *obj, unsigned long long hi, const char *type_name,
                                            unsigned long long *out)
{
    int overflow = 0;
    long long small;
    unsigned long long v;
    PyObject *index = ftcompat_as_index(obj);
    if (index == NULL) {
        return -1;
    }
    small = PyLong_AsLongLongAndOverflow(index, &overflow);
    if (small == -1 && overflow == 0 && PyErr_Occurred()) {
        Py_DECREF(index);
        return -1;
    }
    if (overflow < 0 || (overflow == 0 && small < 0)) {
        Py_DECREF(index);
        PyErr_Format(PyExc_ValueError, "cannot convert a negative int to C %s", type_name);
        return -1;
    }
    if (overflow == 0) {
        v = (unsigned long long)small;
    }
    else {
        v = PyLong_AsUnsignedLongLong(index);   /* above LLONG_MAX: OverflowError past the unsigned range too */
        if (v == (unsigned long long)-1 && PyErr_Occurred()) {
            Py_DECREF(index);
            return -1;
        }
    }
    Py_DECREF(index);
    if (v > hi) {
        PyErr_Format(PyExc_OverflowError, "int out of range for C %s", type_name);
        return -1;
    }
    *out = v;
    return 0;
}

/* 0 with *value set, or -1 with an exception (*value is not to be relied on then). */
static inline int ftcompat_PyLong_AsInt32(PyObject *obj, int32_t *value)
{
    long long v;
    if (ftcompat_long_as_signed(obj, INT32_MIN, INT32_MAX, "int32_t", &v) < 0) {
        return -1;
    }
    *value = (int32_t)v;
    return 0;
}
#ifndef PyLong_AsInt32
#  define PyLong_AsInt32 ftcompat_PyLong_AsInt32
#endif

static inline int ftcompat_PyLong_AsInt64(PyObject *obj, int64_t *value)
{
    long long v;
    if (ftcompat_long_as_signed(obj, INT64_MIN, INT64_MAX, "int64_t", &v) < 0) {
        return -1;
    }
    *value = (int64_t)v;
    return 0;
}
#ifndef PyLong_AsInt64
#  define PyLong_AsInt64 ftcompat_PyLong_AsInt64
#endif

static inline int ftcompat_PyLong_AsUInt32(PyObject *obj, uint32_t *value)
{
    unsigned long long v;
    if (ftcompat_long_as_unsigned(obj, UINT32_MAX, "uint32_t", &v) < 0) {
        return -1;
    }
    *value = (uint32_t)v;
    return 0;
}
#ifndef PyLong_AsUInt32
#  define PyLong_AsUInt32 ftcompat_PyLong_AsUInt32
#endif

static inline int ftcompat_PyLong_AsUInt64(PyObject *obj, uint64_t *value)
{
    unsigned long long v;
    if (ftcompat_long_as_unsigned(obj, UINT64_MAX, "uint64_t", &v) < 0) {
        return -1;
    }
    *value = (uint64_t)v;
    return 0;
}
#ifndef PyLong_AsUInt64
#  define PyLong_AsUInt64 ftcompat_PyLong_AsUInt64
#endif

/* ---- Reference counts -------------------------------------------------------------------------------------- */
#if defined(Py_GIL_DISABLED)
/* Free-threaded 3.13 (the only free-threaded release below 3.14). 3.13t keeps these operations in internal
 * headers; these definitions act on the header fields 3.13t's public object.h declares, the way 3.13t's own
 * weak references and lock-free dict reads do:
 *   ob_ref_local  the owning thread's count (UINT32_MAX: immortal), changed only by the owner;
 *   ob_ref_shared the other threads' count shifted left by _Py_REF_SHARED_SHIFT, flags in the low bits.
 * A non-owner may only add to a shared count that is non-zero and not "merged with nothing left": a zero shared
 * word lets the owner free the object without looking at it again. Setting the maybe-weakref flag keeps the word
 * non-zero, which is what PyUnstable_EnableTryIncRef is for. */
static inline void ftcompat_reftotal_add_one(void)
{
#  ifdef Py_REF_DEBUG
    _Py_INCREF_IncRefTotal();   /* debug builds keep a process-wide total */
#  endif
}

/* 1 with a new strong reference, or 0 when the object's count may already have reached zero. The caller must
 * know that the memory is still valid (e.g. it reads op under the lock that op's deallocator takes). */
static inline int ftcompat_PyUnstable_TryIncRef(PyObject *op)
{
    uint32_t local = _Py_atomic_load_uint32_relaxed(&op->ob_ref_local);
    Py_ssize_t shared;
    if (local == _Py_IMMORTAL_REFCNT_LOCAL) {
        return 1;   /* immortal: counts are not kept */
    }
    if (_Py_IsOwnedByCurrentThread(op)) {
        _Py_atomic_store_uint32_relaxed(&op->ob_ref_local, local + 1);
        ftcompat_reftotal_add_one();
        return 1;
    }
    shared = _Py_atomic_load_ssize_relaxed(&op->ob_ref_shared);
    for (;;) {
        if (shared == 0 || shared == _Py_REF_MERGED) {
            return 0;
        }
        /* On failure the compare-exchange reloads `shared`, so the test above runs again on the fresh value. */
        if (_Py_atomic_compare_exchange_ssize(&op->ob_ref_shared, &shared,
                                              shared + ((Py_ssize_t)1 << _Py_REF_SHARED_SHIFT))) {
            ftcompat_reftotal_add_one();
            return 1;
        }
    }
}

/* Call once on an object (typically right after creating it) before other threads PyUnstable_TryIncRef it. */
static inline void ftcompat_PyUnstable_EnableTryIncRef(PyObject *op)
{
    Py_ssize_t shared;
    if (_Py_IsImmortal(op)) {
        return;
    }
    shared = _Py_atomic_load_ssize_relaxed(&op->ob_ref_shared);
    /* Any flag already set (maybe-weakref, queued, merged) keeps the shared word authoritative: nothing to do. */
    while ((shared & _Py_REF_SHARED_FLAG_MASK) == 0) {
        if (_Py_atomic_compare_exchange_ssize(&op->ob_ref_shared, &shared, shared | _Py_REF_MAYBE_WEAKREF)) {
            break;
        }
    }
}

/* 1 when the calling thread holds the only reference: it owns the object, its own count is 1 and no other
 * thread has a count, a queued merge or a weak-reference flag on it. Immortal objects answer 0. */
static inline int ftcompat_PyUnstable_Object_IsUniquelyReferenced(PyObject *op)
{
    return _Py_IsOwnedByCurrentThread(op)
           && _Py_atomic_load_uint32_relaxed(&op->ob_ref_local) == 1
           && _Py_atomic_load_ssize_relaxed(&op->ob_ref_shared) == 0;
}
#else
/* GIL builds: the GIL orders every count change, so the plain count answers exactly. */
static inline int ftcompat_PyUnstable_TryIncRef(PyObject *op)
{
    if (Py_REFCNT(op) > 0) {
        Py_INCREF(op);
        return 1;
    }
    return 0;   /* e.g. asked from op's own deallocator */
}

static inline void ftcompat_PyUnstable_EnableTryIncRef(PyObject *op)
{
    (void)op;
}

static inline int ftcompat_PyUnstable_Object_IsUniquelyReferenced(PyObject *op)
{
    return Py_REFCNT(op) == 1;
}
#endif
#ifndef PyUnstable_TryIncRef
#  define PyUnstable_TryIncRef ftcompat_PyUnstable_TryIncRef
#endif
#ifndef PyUnstable_EnableTryIncRef
#  define PyUnstable_EnableTryIncRef ftcompat_PyUnstable_EnableTryIncRef
#endif
#ifndef PyUnstable_Object_IsUniquelyReferenced
#  define PyUnstable_Object_IsUniquelyReferenced ftcompat_PyUnstable_Object_IsUniquelyReferenced
#endif

/* ---- PyMutex_IsLocked and the function forms of the mutex critical sections ------------------------------- */

/* 1 when some thread holds the mutex right now, else 0: a snapshot, for assertions and diagnostics. */
#if FTCOMPAT_PY_LT_313
static inline int ftcompat_PyMutex_IsLocked(ftcompat_PyMutex *m)
{
    return (FTCOMPAT_LOAD_SEQ_CST(&m->_bits) & FTCOMPAT_MUTEX_LOCKED) != 0;
}
#else
static inline int ftcompat_PyMutex_IsLocked(PyMutex *m)
{
    return (_Py_atomic_load_uint8(&m->_bits) & _Py_LOCKED) != 0;
}
#endif
#ifndef PyMutex_IsLocked
#  define PyMutex_IsLocked ftcompat_PyMutex_IsLocked
#endif

/* PyCriticalSection exists from 3.13, so the function forms are supplied there only (below 3.13 use the
 * Py_BEGIN_CRITICAL_SECTION_MUTEX macros). End them with PyCriticalSection_End / PyCriticalSection2_End. */
#if !FTCOMPAT_PY_LT_313
#  if defined(Py_GIL_DISABLED)
static inline void ftcompat_PyCriticalSection_BeginMutex(PyCriticalSection *c, PyMutex *m)
{
    PyCriticalSection_Begin(c, ftcompat_mutex_owner(m));
}

static inline void ftcompat_PyCriticalSection2_BeginMutex(PyCriticalSection2 *c, PyMutex *m1, PyMutex *m2)
{
    PyCriticalSection2_Begin(c, ftcompat_mutex_owner(m1), ftcompat_mutex_owner(m2));
}
#  else
/* GIL builds: as in CPython, critical sections do nothing (and PyCriticalSection is an incomplete type). */
static inline void ftcompat_PyCriticalSection_BeginMutex(PyCriticalSection *c, PyMutex *m)
{
    (void)c;
    (void)m;
}

static inline void ftcompat_PyCriticalSection2_BeginMutex(PyCriticalSection2 *c, PyMutex *m1, PyMutex *m2)
{
    (void)c;
    (void)m1;
    (void)m2;
}
#  endif
#  ifndef PyCriticalSection_BeginMutex
#    define PyCriticalSection_BeginMutex ftcompat_PyCriticalSection_BeginMutex
#  endif
#  ifndef PyCriticalSection2_BeginMutex
#    define PyCriticalSection2_BeginMutex ftcompat_PyCriticalSection2_BeginMutex
#  endif
#endif

/* ---- Strings, bytes, hashing ------------------------------------------------------------------------------- */

/* 1 equal, 0 not equal, -1 with TypeError when either argument is not a str (subclasses are accepted, and a
 * custom __eq__ is not called). Never fails for two str objects. */
static inline int ftcompat_PyUnicode_Equal(PyObject *a, PyObject *b)
{
    int cmp;
    if (!PyUnicode_Check(a)) {
        PyErr_Format(PyExc_TypeError, "PyUnicode_Equal: the first argument must be str, not %.200s",
                     Py_TYPE(a)->tp_name);
        return -1;
    }
    if (!PyUnicode_Check(b)) {
        PyErr_Format(PyExc_TypeError, "PyUnicode_Equal: the second argument must be str, not %.200s",
                     Py_TYPE(b)->tp_name);
        return -1;
    }
    if (a == b) {
        return 1;
    }
    cmp = PyUnicode_Compare(a, b);
    if (cmp == -1 && PyErr_Occurred()) {
        return -1;
    }
    return cmp == 0;
}
#ifndef PyUnicode_Equal
#  define PyUnicode_Equal ftcompat_PyUnicode_Equal
#endif

/* sep.join(iterable) for a bytes sep (subclasses included, an overridden join is not called): a new bytes
 * object, or NULL with TypeError for a non-bytes sep or an item without the buffer protocol. */
static inline PyObject *ftcompat_PyBytes_Join(PyObject *sep, PyObject *iterable)
{
    if (sep == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (!PyBytes_Check(sep)) {
        PyErr_Format(PyExc_TypeError, "PyBytes_Join: sep must be bytes, not %.200s", Py_TYPE(sep)->tp_name);
        return NULL;
    }
    /* bytes.join looked up on the type, so a subclass's own join cannot intercept the call. */
    return PyObject_CallMethod((PyObject *)&PyBytes_Type, "join", "OO", sep, iterable);
}
#ifndef PyBytes_Join
#  define PyBytes_Join ftcompat_PyBytes_Join
#endif

/* The hash of `len` bytes at `ptr`, equal to hash() of a bytes object (or a read-only memoryview) with that
 * content; never -1. */
#if Py_HASH_CUTOFF > 0
/* A build with the small-string hash optimisation: only CPython's own function knows its secret, and 3.13 no
 * longer declares it publicly (it still exports it). ftcheck: ignore[FT809] the only way below 3.14 */
#  if !FTCOMPAT_PY_LT_313
PyAPI_FUNC(Py_hash_t) _Py_HashBytes(const void *src, Py_ssize_t len);
#  endif
static inline Py_hash_t ftcompat_Py_HashBuffer(const void *ptr, Py_ssize_t len)
{
    return _Py_HashBytes(ptr, len);   /* ftcheck: ignore[FT809] */
}
#elif defined(_Py_FTCHECK_ABI_MINOR)
/* ftcheck's runtime: its bytes hash is its own, so hash an equal bytes object. This can fail with MemoryError
 * (returning -1), which CPython's Py_HashBuffer never does. */
static inline Py_hash_t ftcompat_Py_HashBuffer(const void *ptr, Py_ssize_t len)
{
    Py_hash_t hash;
    PyObject *bytes = PyBytes_FromStringAndSize((const char *)ptr, len);
    if (bytes == NULL) {
        return -1;
    }
    hash = PyObject_Hash(bytes);
    Py_DECREF(bytes);
    return hash;
}
#else
static inline Py_hash_t ftcompat_Py_HashBuffer(const void *ptr, Py_ssize_t len)
{
    Py_hash_t hash;
    if (len == 0) {
        return 0;   /* bytes hash the empty string to 0 */
    }
    hash = PyHash_GetFuncDef()->hash(ptr, len);   /* the function bytes objects hash with */
    return hash == -1 ? -2 : hash;
}
#endif
#ifndef Py_HashBuffer
#  define Py_HashBuffer ftcompat_Py_HashBuffer
#endif

/* ---- Iteration and import ------------------------------------------------------------------------------------ */

/* 1 with *item a new reference to the next value, 0 at the end (*item NULL, no exception, a StopIteration
 * cleared), -1 with *item NULL on error: TypeError when iter is not an iterator. */
static inline int ftcompat_PyIter_NextItem(PyObject *iter, PyObject **item)
{
    if (Py_TYPE(iter)->tp_iternext == NULL) {
        *item = NULL;
        PyErr_Format(PyExc_TypeError, "PyIter_NextItem: expected an iterator, got '%.200s'", Py_TYPE(iter)->tp_name);
        return -1;
    }
    *item = PyIter_Next(iter);
    if (*item != NULL) {
        return 1;
    }
    return PyErr_Occurred() ? -1 : 0;
}
#ifndef PyIter_NextItem
#  define PyIter_NextItem ftcompat_PyIter_NextItem
#endif

/* getattr(__import__(mod_name) as PyImport_Import does it, attr_name): a new reference, or NULL with the import
 * or attribute error. */
static inline PyObject *ftcompat_PyImport_ImportModuleAttr(PyObject *mod_name, PyObject *attr_name)
{
    PyObject *result;
    PyObject *module = PyImport_Import(mod_name);
    if (module == NULL) {
        return NULL;
    }
    result = PyObject_GetAttr(module, attr_name);
    Py_DECREF(module);
    return result;
}
#ifndef PyImport_ImportModuleAttr
#  define PyImport_ImportModuleAttr ftcompat_PyImport_ImportModuleAttr
#endif

static inline PyObject *ftcompat_PyImport_ImportModuleAttrString(const char *mod_name, const char *attr_name)
{
    PyObject *mod_obj, *attr_obj, *result;
    mod_obj = PyUnicode_FromString(mod_name);
    if (mod_obj == NULL) {
        return NULL;
    }
    attr_obj = PyUnicode_FromString(attr_name);
    if (attr_obj == NULL) {
        Py_DECREF(mod_obj);
        return NULL;
    }
    result = ftcompat_PyImport_ImportModuleAttr(mod_obj, attr_obj);
    Py_DECREF(mod_obj);
    Py_DECREF(attr_obj);
    return result;
}
#ifndef PyImport_ImportModuleAttrString
#  define PyImport_ImportModuleAttrString ftcompat_PyImport_ImportModuleAttrString
#endif

#endif /* FTCOMPAT_PY_LT_314: 3.14 additions */

/* ------------------------------------------------------------------------------------------------------------
 * Declaring that a module does not need the GIL, one spelling per init style.
 *
 * Multi-phase init: put FTCOMPAT_MOD_GIL_NOT_USED_SLOT in the PyModuleDef_Slot array, before the {0, NULL}
 * sentinel. It is `{Py_mod_gil, Py_MOD_GIL_NOT_USED},` where the slot exists (3.13+) and nothing elsewhere.
 *
 * Single-phase init: call ftcompat_Module_SetGILNotUsed(module) after PyModule_Create. On free-threaded builds
 * it is PyUnstable_Module_SetGIL(module, Py_MOD_GIL_NOT_USED) (0 ok, -1 with an exception); elsewhere it does
 * nothing and returns 0.
 * ---------------------------------------------------------------------------------------------------------- */
#ifndef FTCOMPAT_MOD_GIL_NOT_USED_SLOT
#  if defined(Py_mod_gil) && defined(Py_MOD_GIL_NOT_USED)
#    define FTCOMPAT_MOD_GIL_NOT_USED_SLOT {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#  else
#    define FTCOMPAT_MOD_GIL_NOT_USED_SLOT
#  endif
#endif

#ifndef ftcompat_Module_SetGILNotUsed
#  if defined(Py_GIL_DISABLED)
#    define ftcompat_Module_SetGILNotUsed(module) PyUnstable_Module_SetGIL((module), Py_MOD_GIL_NOT_USED)
#  else
#    define ftcompat_Module_SetGILNotUsed(module) ((void)(module), 0)
#  endif
#endif

#ifdef __cplusplus
}
#endif

#endif /* FTCOMPAT_H */
