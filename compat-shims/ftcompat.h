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
#define FTCOMPAT_VERSION_HEX 0x00010000

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

/* Only what the fallbacks need, so that on 3.13+ this header contributes no declarations at all. */
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
#elif defined(__GNUC__) || defined(__clang__)
#  define FTCOMPAT_CAS_ACQUIRE(p, expected, desired) \
      ftcompat_cas_acquire((p), (expected), (desired))
#  define FTCOMPAT_EXCHANGE_RELEASE(p, v) __atomic_exchange_n((p), (unsigned char)(v), __ATOMIC_RELEASE)
#  define FTCOMPAT_LOAD_RELAXED(p) __atomic_load_n((p), __ATOMIC_RELAXED)
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
