/*
 * Test extension for ftcompat.h (multi-phase init). Built against every CPython found on the machine by
 * dev.ftcheck.tests.compat.CompatShimsTest and driven by ftcompat_driver.py; selftest() also runs on its own
 * (ftcheck's runtime has no Python-level driver).
 *
 * selftest() exercises every shim's edge cases in C and returns the number of checks that passed, or raises
 * AssertionError naming the first failed check. The other functions expose the pieces that need Python threads.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "ftcompat.h"

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>

/* Written into out-parameters before each call so we can see that the shim really stored NULL. */
#define POISON ((PyObject *)(uintptr_t)0xdeadbeef)

/* selftest() is the only writer and is not run from two threads at once. ftcheck: ignore[FT601] */
static long checks_passed;

static int check_failed(int line, const char *what)
{
    if (!PyErr_Occurred()) {
        PyErr_Format(PyExc_AssertionError, "ftcompat_test.c:%d: check failed: %s", line, what);
    }
    else {
        /* Keep the unexpected exception visible as the cause. */
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyErr_Format(PyExc_AssertionError, "ftcompat_test.c:%d: check failed: %s (pending %S)", line, what,
                     value ? value : (type ? type : Py_None));
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
    }
    return -1;
}

#define CHECK(cond)                                        \
    do {                                                   \
        if (!(cond)) {                                     \
            return check_failed(__LINE__, #cond);          \
        }                                                  \
        checks_passed++;                                   \
    } while (0)

/* The pending exception is of this type; it is cleared. */
static int take_error(PyObject *type)
{
    int matches = PyErr_Occurred() != NULL && PyErr_ExceptionMatches(type);
    if (matches) {
        PyErr_Clear();
    }
    return matches;
}

/* ---- PyList_GetItemRef --------------------------------------------------------------------------------- */
static int test_list_getitemref(void)
{
    PyObject *value = PyList_New(0);          /* a fresh, mortal object: its refcount is exact */
    PyObject *list = PyList_New(1);
    PyObject *item;
    Py_ssize_t before;
    CHECK(value != NULL && list != NULL);
    PyList_SET_ITEM(list, 0, value);         /* list owns value */
    before = Py_REFCNT(value);

    item = PyList_GetItemRef(list, 0);
    CHECK(item == value);
    CHECK(Py_REFCNT(value) == before + 1);   /* a new reference */
    Py_DECREF(item);

    CHECK(PyList_GetItemRef(list, 1) == NULL);        /* one past the end */
    CHECK(take_error(PyExc_IndexError));
    CHECK(PyList_GetItemRef(list, -1) == NULL);       /* no negative indices */
    CHECK(take_error(PyExc_IndexError));
    CHECK(PyList_GetItemRef(list, PY_SSIZE_T_MAX) == NULL);
    CHECK(take_error(PyExc_IndexError));
    CHECK(PyList_GetItemRef(Py_None, 0) == NULL);   /* not a list */
    CHECK(take_error(PyExc_TypeError));
    Py_DECREF(list);
    return 0;
}

/* ---- PyDict_GetItemRef / PyDict_GetItemStringRef -------------------------------------------------------- */
static int test_dict_getitemref(void)
{
    PyObject *dict = PyDict_New();
    PyObject *value = PyList_New(0);
    PyObject *key = PyUnicode_FromString("present");
    PyObject *missing = PyUnicode_FromString("missing");
    PyObject *unhashable = PyList_New(0);
    PyObject *result;
    Py_ssize_t before;
    CHECK(dict && value && key && missing && unhashable);
    CHECK(PyDict_SetItem(dict, key, value) == 0);
    before = Py_REFCNT(value);

    result = POISON;
    CHECK(PyDict_GetItemRef(dict, key, &result) == 1);
    CHECK(result == value && Py_REFCNT(value) == before + 1);
    Py_DECREF(result);

    result = POISON;
    CHECK(PyDict_GetItemRef(dict, missing, &result) == 0);
    CHECK(result == NULL && !PyErr_Occurred());          /* missing is not an error */

    result = POISON;
    CHECK(PyDict_GetItemRef(dict, unhashable, &result) == -1);
    CHECK(result == NULL && take_error(PyExc_TypeError));

    result = POISON;
    CHECK(PyDict_GetItemRef(Py_None, key, &result) == -1);   /* not a dict */
    CHECK(result == NULL && take_error(PyExc_SystemError));

    result = POISON;
    CHECK(PyDict_GetItemStringRef(dict, "present", &result) == 1);
    CHECK(result == value && Py_REFCNT(value) == before + 1);
    Py_DECREF(result);

    result = POISON;
    CHECK(PyDict_GetItemStringRef(dict, "missing", &result) == 0);
    CHECK(result == NULL && !PyErr_Occurred());

    result = POISON;
    CHECK(PyDict_GetItemStringRef(dict, "\xff not utf-8", &result) == -1);   /* key cannot be decoded */
    CHECK(result == NULL && take_error(PyExc_UnicodeDecodeError));

    CHECK(Py_REFCNT(value) == before);   /* nothing leaked */
    Py_DECREF(dict);
    Py_DECREF(value);
    Py_DECREF(key);
    Py_DECREF(missing);
    Py_DECREF(unhashable);
    return 0;
}

/* ---- PyDict_SetDefaultRef --------------------------------------------------------------------------------- */
static int test_dict_setdefaultref(void)
{
    PyObject *dict = PyDict_New();
    PyObject *key = PyUnicode_FromString("k");
    PyObject *first = PyList_New(0);
    PyObject *second = PyList_New(0);
    PyObject *unhashable = PyList_New(0);
    PyObject *result;
    Py_ssize_t first_before;
    CHECK(dict && key && first && second && unhashable);
    first_before = Py_REFCNT(first);

    /* absent: the default goes in, 0, and *result is a new reference to it */
    result = POISON;
    CHECK(PyDict_SetDefaultRef(dict, key, first, &result) == 0);
    CHECK(result == first);
    CHECK(Py_REFCNT(first) == first_before + 2);   /* one held by the dict, one by us */
    Py_DECREF(result);

    /* present: 1, the existing value, the default untouched */
    result = POISON;
    CHECK(PyDict_SetDefaultRef(dict, key, second, &result) == 1);
    CHECK(result == first && PyDict_GetItem(dict, key) == first);
    Py_DECREF(result);

    /* present with a value identical to the default: still "present" */
    result = POISON;
    CHECK(PyDict_SetDefaultRef(dict, key, first, &result) == 1);
    CHECK(result == first);
    Py_DECREF(result);

    /* NULL result pointer, both outcomes */
    CHECK(PyDict_SetDefaultRef(dict, key, second, NULL) == 1);
    CHECK(PyDict_DelItem(dict, key) == 0);
    CHECK(PyDict_SetDefaultRef(dict, key, second, NULL) == 0);
    CHECK(PyDict_GetItem(dict, key) == second);

    /* errors */
    result = POISON;
    CHECK(PyDict_SetDefaultRef(dict, unhashable, first, &result) == -1);
    CHECK(result == NULL && take_error(PyExc_TypeError));
    result = POISON;
    CHECK(PyDict_SetDefaultRef(Py_None, key, first, &result) == -1);
    CHECK(result == NULL && take_error(PyExc_SystemError));

    Py_DECREF(dict);
    CHECK(Py_REFCNT(first) == first_before);
    Py_DECREF(key);
    Py_DECREF(first);
    Py_DECREF(second);
    Py_DECREF(unhashable);
    return 0;
}

/* ---- PyDict_Pop / PyDict_PopString ------------------------------------------------------------------------ */
static int test_dict_pop(void)
{
    PyObject *dict = PyDict_New();
    PyObject *key = PyUnicode_FromString("k");
    PyObject *value = PyList_New(0);
    PyObject *unhashable = PyList_New(0);
    PyObject *result;
    Py_ssize_t before;
    CHECK(dict && key && value && unhashable);
    before = Py_REFCNT(value);

    CHECK(PyDict_SetItem(dict, key, value) == 0);
    result = POISON;
    CHECK(PyDict_Pop(dict, key, &result) == 1);
    CHECK(result == value && PyDict_Size(dict) == 0);
    CHECK(Py_REFCNT(value) == before + 1);   /* the dict's reference moved to us */
    Py_DECREF(result);

    result = POISON;
    CHECK(PyDict_Pop(dict, key, &result) == 0);          /* missing: no KeyError */
    CHECK(result == NULL && !PyErr_Occurred());

    /* NULL result pointer: the value is removed and released, not leaked */
    CHECK(PyDict_SetItem(dict, key, value) == 0);
    CHECK(PyDict_Pop(dict, key, NULL) == 1);
    CHECK(PyDict_Size(dict) == 0 && Py_REFCNT(value) == before);
    CHECK(PyDict_Pop(dict, key, NULL) == 0 && !PyErr_Occurred());

    /* An unhashable key: 3.13 answers "missing" for an empty dict without hashing, TypeError otherwise. */
    result = POISON;
    CHECK(PyDict_Size(dict) == 0 && PyDict_Pop(dict, unhashable, &result) == 0);
    CHECK(result == NULL && !PyErr_Occurred());
    CHECK(PyDict_SetItem(dict, key, value) == 0);
    result = POISON;
    CHECK(PyDict_Pop(dict, unhashable, &result) == -1);
    CHECK(result == NULL && take_error(PyExc_TypeError));
    CHECK(PyDict_Pop(dict, key, NULL) == 1);
    result = POISON;
    CHECK(PyDict_Pop(Py_None, key, &result) == -1);
    CHECK(result == NULL && take_error(PyExc_SystemError));

    CHECK(PyDict_SetItemString(dict, "s", value) == 0);
    result = POISON;
    CHECK(PyDict_PopString(dict, "s", &result) == 1);
    CHECK(result == value);
    Py_DECREF(result);
    result = POISON;
    CHECK(PyDict_PopString(dict, "s", &result) == 0);
    CHECK(result == NULL && !PyErr_Occurred());
    CHECK(PyDict_SetItemString(dict, "s", value) == 0);
    CHECK(PyDict_PopString(dict, "s", NULL) == 1 && Py_REFCNT(value) == before);
    CHECK(PyDict_PopString(dict, "s", NULL) == 0);
    result = POISON;
    CHECK(PyDict_PopString(dict, "\xff", &result) == -1);
    CHECK(result == NULL && take_error(PyExc_UnicodeDecodeError));

    Py_DECREF(dict);
    Py_DECREF(key);
    Py_DECREF(value);
    Py_DECREF(unhashable);
    return 0;
}

/* ---- PyWeakref_GetRef --------------------------------------------------------------------------------------- */
static int test_weakref_getref(void)
{
    /* A set is weak-referenceable and mortal; lists are not weak-referenceable. */
    PyObject *target = PySet_New(NULL);
    PyObject *ref, *obj;
    Py_ssize_t before;
    CHECK(target != NULL);
    ref = PyWeakref_NewRef(target, NULL);
    CHECK(ref != NULL);
    before = Py_REFCNT(target);

    obj = POISON;
    CHECK(PyWeakref_GetRef(ref, &obj) == 1);
    CHECK(obj == target && Py_REFCNT(target) == before + 1);
    Py_DECREF(obj);

    {
        /* A proxy is a weak reference too: it yields the referent. */
        PyObject *proxy = PyWeakref_NewProxy(target, NULL);
        CHECK(proxy != NULL);
        obj = POISON;
        CHECK(PyWeakref_GetRef(proxy, &obj) == 1);
        CHECK(obj == target);
        Py_DECREF(obj);
        Py_DECREF(proxy);
    }

    Py_DECREF(target);                      /* the referent dies */
    obj = POISON;
    CHECK(PyWeakref_GetRef(ref, &obj) == 0);
    CHECK(obj == NULL && !PyErr_Occurred());

    obj = POISON;
    CHECK(PyWeakref_GetRef(Py_None, &obj) == -1);   /* not a weakref */
    CHECK(obj == NULL && take_error(PyExc_TypeError));
    Py_DECREF(ref);
    return 0;
}

/* ---- PyImport_AddModuleRef ---------------------------------------------------------------------------------- */
static int test_import_addmoduleref(void)
{
    const char *name = "ftcompat_test_added_module";
    PyObject *modules = PyImport_GetModuleDict();
    PyObject *first, *second;
    /* Only the pointers are compared; nothing is dereferenced. ftcheck: ignore[FT103] */
    CHECK(PyDict_GetItemString(modules, name) == NULL);
    first = PyImport_AddModuleRef(name);              /* absent: created and inserted */
    CHECK(first != NULL && PyModule_Check(first));
    CHECK(PyDict_GetItemString(modules, name) == first);   /* ftcheck: ignore[FT103] */
    {
        Py_ssize_t before = Py_REFCNT(first);
        second = PyImport_AddModuleRef(name);         /* present: the same module, a new reference */
        CHECK(second == first && Py_REFCNT(first) == before + 1);
    }
    Py_DECREF(second);
    CHECK(PyDict_DelItemString(modules, name) == 0);
    Py_DECREF(first);
    return 0;
}

/* ---- Critical sections -------------------------------------------------------------------------------------- */
static PyMutex cs_mutex_a;
static PyMutex cs_mutex_b;

static int test_critical_sections(void)
{
    PyObject *a = PyDict_New();
    PyObject *b = PyDict_New();
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    int entered = 0;
    long sum = 0;
    CHECK(a && b);
    CHECK(PyDict_SetItemString(a, "one", Py_True) == 0);

    Py_BEGIN_CRITICAL_SECTION(a);
    entered++;
    Py_BEGIN_CRITICAL_SECTION2(a, b);
    entered++;
    Py_BEGIN_CRITICAL_SECTION(a);                 /* the same object again: must not deadlock */
    entered++;
    Py_BEGIN_CRITICAL_SECTION2(b, b);             /* the same object twice in one 2-section */
    entered++;
    Py_BEGIN_CRITICAL_SECTION_MUTEX(&cs_mutex_a);
    entered++;
    Py_BEGIN_CRITICAL_SECTION2_MUTEX(&cs_mutex_b, &cs_mutex_a);
    entered++;
    while (PyDict_Next(a, &pos, &key, &value)) {  /* the one borrowed iteration a critical section protects */
        sum += PyObject_IsTrue(value);
    }
    Py_END_CRITICAL_SECTION2();
    Py_END_CRITICAL_SECTION();
    Py_END_CRITICAL_SECTION2();
    Py_END_CRITICAL_SECTION();
    Py_END_CRITICAL_SECTION2();
    Py_END_CRITICAL_SECTION();
    CHECK(entered == 6);
    CHECK(sum == 1);

    /* Every section released its lock: taking each mutex now must not block. */
    PyMutex_Lock(&cs_mutex_a);
    PyMutex_Unlock(&cs_mutex_a);
    PyMutex_Lock(&cs_mutex_b);
    PyMutex_Unlock(&cs_mutex_b);
    checks_passed++;

    Py_DECREF(a);
    Py_DECREF(b);
    return 0;
}

/* ---- PyMutex ---------------------------------------------------------------------------------------------------- */
static PyMutex counter_mutex;
/* Written only while counter_mutex is held. ftcheck: ignore[FT601] */
static long long counter;

/* A deliberately non-atomic read-modify-write with a window in the middle: without the mutex, concurrent
 * increments are lost. */
static void slow_increment(long i)
{
    long long seen = *(volatile long long *)&counter;
    if (i % 16 == 0) {
        sched_yield();
    }
    *(volatile long long *)&counter = seen + 1;
}

static void *c_thread_worker(void *arg)
{
    long iterations = (long)(intptr_t)arg;
    long i;
    for (i = 0; i < iterations; i++) {
        PyMutex_Lock(&counter_mutex);
        slow_increment(i);
        PyMutex_Unlock(&counter_mutex);
    }
    return NULL;
}

/* Plain C threads (no Python thread state) contending on one PyMutex. */
static int test_mutex_c_threads(void)
{
    enum { THREADS = 4, ITERATIONS = 20000 };
    pthread_t threads[THREADS];
    int i, started = 0, ok = 1;
    counter = 0;
    Py_BEGIN_ALLOW_THREADS
    for (i = 0; i < THREADS; i++) {
        if (pthread_create(&threads[i], NULL, c_thread_worker, (void *)(intptr_t)ITERATIONS) != 0) {
            ok = 0;
            break;
        }
        started++;
    }
    for (i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
    }
    Py_END_ALLOW_THREADS
    CHECK(ok);
    CHECK(counter == (long long)THREADS * ITERATIONS);
    return 0;
}

/* ================================================================================================================
 * The 3.14 additions. On 3.14 itself the same checks run against CPython's own functions, so the expectations
 * below are CPython 3.14's behaviour, not the fallback's.
 * ============================================================================================================= */

/* 1 when `obj` is an int equal to `expected`; consumes the reference to obj. */
static int is_int_equal_to(PyObject *obj, PyObject *expected)
{
    int eq;
    if (obj == NULL || expected == NULL || !PyLong_CheckExact(obj)) {
        Py_XDECREF(obj);
        return 0;
    }
    eq = PyObject_RichCompareBool(obj, expected, Py_EQ);
    Py_DECREF(obj);
    return eq == 1;
}

/* The int 2**bits + delta (delta may be negative), or NULL. */
static PyObject *power_of_two_plus(int bits, long delta)
{
    PyObject *one = PyLong_FromLong(1), *shift = PyLong_FromLong(bits), *d = PyLong_FromLong(delta);
    PyObject *p = NULL, *result = NULL;
    if (one && shift && d) {
        p = PyNumber_Lshift(one, shift);
        if (p) {
            result = PyNumber_Add(p, d);
        }
    }
    Py_XDECREF(one);
    Py_XDECREF(shift);
    Py_XDECREF(d);
    Py_XDECREF(p);
    return result;
}

/* -(2**bits) + delta, or NULL. */
static PyObject *minus_power_of_two_plus(int bits, long delta)
{
    PyObject *p = power_of_two_plus(bits, 0), *neg = NULL, *d = PyLong_FromLong(delta), *result = NULL;
    if (p && d) {
        neg = PyNumber_Negative(p);
        if (neg) {
            result = PyNumber_Add(neg, d);
        }
    }
    Py_XDECREF(p);
    Py_XDECREF(neg);
    Py_XDECREF(d);
    return result;
}

/* ---- PyLong_From{Int,UInt}{32,64} --------------------------------------------------------------------------- */
static int test_long_from_fixed_width(void)
{
    PyObject *expected;
    expected = PyLong_FromLongLong(INT32_MIN);
    CHECK(is_int_equal_to(PyLong_FromInt32(INT32_MIN), expected));
    Py_XDECREF(expected);
    expected = PyLong_FromLongLong(INT32_MAX);
    CHECK(is_int_equal_to(PyLong_FromInt32(INT32_MAX), expected));
    Py_XDECREF(expected);
    expected = power_of_two_plus(32, -1);
    CHECK(is_int_equal_to(PyLong_FromUInt32(UINT32_MAX), expected));
    Py_XDECREF(expected);
    expected = minus_power_of_two_plus(63, 0);
    CHECK(is_int_equal_to(PyLong_FromInt64(INT64_MIN), expected));
    Py_XDECREF(expected);
    expected = power_of_two_plus(63, -1);
    CHECK(is_int_equal_to(PyLong_FromInt64(INT64_MAX), expected));
    Py_XDECREF(expected);
    expected = power_of_two_plus(64, -1);
    CHECK(is_int_equal_to(PyLong_FromUInt64(UINT64_MAX), expected));
    Py_XDECREF(expected);
    expected = PyLong_FromLong(0);
    CHECK(is_int_equal_to(PyLong_FromUInt64(0), expected));
    Py_XDECREF(expected);
    return 0;
}

/* ---- PyLong_As{Int,UInt}{32,64}: both ends of each range, one past them, negatives, non-ints --------------------- */
static int test_long_as_fixed_width(void)
{
    PyObject *v;
    PyObject *a_float = PyFloat_FromDouble(1.0);
    PyObject *a_str = PyUnicode_FromString("1");
    int32_t i32;
    int64_t i64;
    uint32_t u32;
    uint64_t u64;
    CHECK(a_float && a_str);

    v = PyLong_FromLongLong(INT32_MAX);
    CHECK(v && PyLong_AsInt32(v, &i32) == 0 && i32 == INT32_MAX);
    Py_XDECREF(v);
    v = PyLong_FromLongLong(INT32_MIN);
    CHECK(v && PyLong_AsInt32(v, &i32) == 0 && i32 == INT32_MIN);
    Py_XDECREF(v);
    v = PyLong_FromLongLong((long long)INT32_MAX + 1);
    CHECK(v && PyLong_AsInt32(v, &i32) == -1 && take_error(PyExc_OverflowError));
    Py_XDECREF(v);
    v = PyLong_FromLongLong((long long)INT32_MIN - 1);
    CHECK(v && PyLong_AsInt32(v, &i32) == -1 && take_error(PyExc_OverflowError));
    Py_XDECREF(v);
    v = power_of_two_plus(100, 0);
    CHECK(v && PyLong_AsInt32(v, &i32) == -1 && take_error(PyExc_OverflowError));
    Py_XDECREF(v);
    i32 = 7;
    CHECK(PyLong_AsInt32(Py_True, &i32) == 0 && i32 == 1);   /* bool is an int subclass */
    CHECK(PyLong_AsInt32(a_float, &i32) == -1 && take_error(PyExc_TypeError));   /* no __index__ */
    CHECK(PyLong_AsInt32(a_str, &i32) == -1 && take_error(PyExc_TypeError));

    v = power_of_two_plus(63, -1);
    CHECK(v && PyLong_AsInt64(v, &i64) == 0 && i64 == INT64_MAX);
    Py_XDECREF(v);
    v = minus_power_of_two_plus(63, 0);
    CHECK(v && PyLong_AsInt64(v, &i64) == 0 && i64 == INT64_MIN);
    Py_XDECREF(v);
    v = power_of_two_plus(63, 0);
    CHECK(v && PyLong_AsInt64(v, &i64) == -1 && take_error(PyExc_OverflowError));
    Py_XDECREF(v);
    v = minus_power_of_two_plus(63, -1);
    CHECK(v && PyLong_AsInt64(v, &i64) == -1 && take_error(PyExc_OverflowError));
    Py_XDECREF(v);
    CHECK(PyLong_AsInt64(a_float, &i64) == -1 && take_error(PyExc_TypeError));

    v = power_of_two_plus(32, -1);
    CHECK(v && PyLong_AsUInt32(v, &u32) == 0 && u32 == UINT32_MAX);
    Py_XDECREF(v);
    v = PyLong_FromLong(0);
    u32 = 7;
    CHECK(v && PyLong_AsUInt32(v, &u32) == 0 && u32 == 0);
    Py_XDECREF(v);
    v = power_of_two_plus(32, 0);
    CHECK(v && PyLong_AsUInt32(v, &u32) == -1 && take_error(PyExc_OverflowError));
    Py_XDECREF(v);
    v = PyLong_FromLong(-1);
    CHECK(v && PyLong_AsUInt32(v, &u32) == -1 && take_error(PyExc_ValueError));   /* negative: ValueError */
    Py_XDECREF(v);
    v = minus_power_of_two_plus(100, 0);
    CHECK(v && PyLong_AsUInt32(v, &u32) == -1 && take_error(PyExc_ValueError));   /* however large */
    Py_XDECREF(v);
    CHECK(PyLong_AsUInt32(a_float, &u32) == -1 && take_error(PyExc_TypeError));

    v = power_of_two_plus(64, -1);
    CHECK(v && PyLong_AsUInt64(v, &u64) == 0 && u64 == UINT64_MAX);
    Py_XDECREF(v);
    v = power_of_two_plus(63, 0);   /* above LLONG_MAX, still in range */
    CHECK(v && PyLong_AsUInt64(v, &u64) == 0 && u64 == ((uint64_t)1 << 63));
    Py_XDECREF(v);
    v = power_of_two_plus(64, 0);
    CHECK(v && PyLong_AsUInt64(v, &u64) == -1 && take_error(PyExc_OverflowError));
    Py_XDECREF(v);
    v = PyLong_FromLong(-1);
    CHECK(v && PyLong_AsUInt64(v, &u64) == -1 && take_error(PyExc_ValueError));
    Py_XDECREF(v);
    CHECK(PyLong_AsUInt64(a_str, &u64) == -1 && take_error(PyExc_TypeError));

    Py_DECREF(a_float);
    Py_DECREF(a_str);
    return 0;
}

/* ---- PyUnstable_TryIncRef / PyUnstable_EnableTryIncRef / PyUnstable_Object_IsUniquelyReferenced --------------- */
struct tryincref_job {
    PyObject *obj;
    int result;
};

/* Another thread with its own thread state asks for a reference: the non-owner path in free-threaded builds. */
static void *tryincref_worker(void *arg)
{
    struct tryincref_job *job = (struct tryincref_job *)arg;
    PyGILState_STATE state = PyGILState_Ensure();
    job->result = PyUnstable_TryIncRef(job->obj);
    if (job->result == 1) {
        Py_DECREF(job->obj);
    }
    PyGILState_Release(state);
    return NULL;
}

static int tryincref_from_other_thread(PyObject *obj)
{
    pthread_t thread;
    struct tryincref_job job;
    int started;
    job.obj = obj;
    job.result = -1;
    Py_BEGIN_ALLOW_THREADS
    started = pthread_create(&thread, NULL, tryincref_worker, &job) == 0;
    if (started) {
        pthread_join(thread, NULL);
    }
    Py_END_ALLOW_THREADS
    return started ? job.result : -1;
}

#ifndef Py_GIL_DISABLED
/* A type whose deallocator asks for a new reference to the dying object: a GIL build must answer 0. */
static int dealloc_tryincref_result = -2;

static void probe_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    dealloc_tryincref_result = PyUnstable_TryIncRef(self);
    if (dealloc_tryincref_result != 0) {
        return;   /* resurrected by the bug under test: leak it rather than free a referenced object */
    }
    type->tp_free(self);
    Py_DECREF(type);
}

static PyType_Slot probe_slots[] = {
    {Py_tp_dealloc, (void *)probe_dealloc},
    {0, NULL},
};

static PyType_Spec probe_spec = {
    "ftcompat_test.DeallocProbe", (int)sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, probe_slots,
};
#endif

static int test_reference_counts(void)
{
    PyObject *fresh = PyList_New(0);
    PyObject *enabled = PyList_New(0);
    Py_ssize_t before;
    CHECK(fresh && enabled);

    /* The calling thread made them: a new reference, counted exactly. */
    before = Py_REFCNT(fresh);
    CHECK(PyUnstable_TryIncRef(fresh) == 1);
    CHECK(Py_REFCNT(fresh) == before + 1);
    Py_DECREF(fresh);
    CHECK(PyUnstable_TryIncRef(Py_None) == 1);   /* immortal (or at least alive) */
    Py_DECREF(Py_None);

    CHECK(PyUnstable_Object_IsUniquelyReferenced(fresh) == 1);
    Py_INCREF(fresh);
    CHECK(PyUnstable_Object_IsUniquelyReferenced(fresh) == 0);
    Py_DECREF(fresh);
    CHECK(PyUnstable_Object_IsUniquelyReferenced(fresh) == 1);
    CHECK(PyUnstable_Object_IsUniquelyReferenced(Py_None) == 0);

    PyUnstable_EnableTryIncRef(enabled);
    PyUnstable_EnableTryIncRef(enabled);   /* idempotent */
    before = Py_REFCNT(enabled);
    CHECK(PyUnstable_TryIncRef(enabled) == 1);
    Py_DECREF(enabled);
    CHECK(Py_REFCNT(enabled) == before);
#ifdef Py_GIL_DISABLED
    /* The flag EnableTryIncRef sets is visible to other threads, so the object no longer counts as unique. */
    CHECK(PyUnstable_Object_IsUniquelyReferenced(enabled) == 0);
#else
    CHECK(PyUnstable_Object_IsUniquelyReferenced(enabled) == 1);
#endif

    /* From another thread: with EnableTryIncRef it must succeed everywhere. Without it a free-threaded build may
     * refuse (the owner could free the object without looking at the shared count); a GIL build never does. */
    CHECK(tryincref_from_other_thread(enabled) == 1);
    CHECK(Py_REFCNT(enabled) == before);
#ifdef Py_GIL_DISABLED
    CHECK(tryincref_from_other_thread(fresh) == 0);
#else
    CHECK(tryincref_from_other_thread(fresh) == 1);
#endif
    Py_DECREF(fresh);
    Py_DECREF(enabled);

#ifndef Py_GIL_DISABLED
    {
        PyObject *type = PyType_FromSpec(&probe_spec);
        PyObject *obj;
        CHECK(type != NULL);
        obj = PyObject_CallObject(type, NULL);
        CHECK(obj != NULL);
        dealloc_tryincref_result = -2;
        Py_DECREF(obj);   /* runs probe_dealloc */
        CHECK(dealloc_tryincref_result == 0);
        Py_DECREF(type);
    }
#endif
    return 0;
}

/* ---- PyMutex_IsLocked and the mutex critical sections ----------------------------------------------------------- */
static PyMutex islocked_mutex;

static int test_mutex_is_locked(void)
{
    CHECK(PyMutex_IsLocked(&islocked_mutex) == 0);
    PyMutex_Lock(&islocked_mutex);
    CHECK(PyMutex_IsLocked(&islocked_mutex) == 1);
    PyMutex_Unlock(&islocked_mutex);
    CHECK(PyMutex_IsLocked(&islocked_mutex) == 0);

    Py_BEGIN_CRITICAL_SECTION_MUTEX(&islocked_mutex);
#ifdef Py_GIL_DISABLED
    CHECK(PyMutex_IsLocked(&islocked_mutex) == 1);   /* really locked in free-threaded builds */
#else
    CHECK(PyMutex_IsLocked(&islocked_mutex) == 0);   /* a plain block under the GIL */
#endif
    Py_END_CRITICAL_SECTION();
    CHECK(PyMutex_IsLocked(&islocked_mutex) == 0);

#if PY_VERSION_HEX >= 0x030D0000 && defined(Py_GIL_DISABLED)
    {
        /* The function forms (PyCriticalSection is a complete type in free-threaded builds only). */
        PyCriticalSection cs;
        PyCriticalSection2 cs2;
        PyCriticalSection_BeginMutex(&cs, &islocked_mutex);
        CHECK(PyMutex_IsLocked(&islocked_mutex) == 1);
        PyCriticalSection_End(&cs);
        CHECK(PyMutex_IsLocked(&islocked_mutex) == 0);
        PyCriticalSection2_BeginMutex(&cs2, &islocked_mutex, &cs_mutex_b);
        CHECK(PyMutex_IsLocked(&islocked_mutex) == 1 && PyMutex_IsLocked(&cs_mutex_b) == 1);
        PyCriticalSection2_End(&cs2);
        CHECK(PyMutex_IsLocked(&islocked_mutex) == 0 && PyMutex_IsLocked(&cs_mutex_b) == 0);
    }
#endif
    return 0;
}

/* ---- PyUnicode_Equal ---------------------------------------------------------------------------------------------- */
static int test_unicode_equal(void)
{
    PyObject *a = PyUnicode_FromString("free threading");
    PyObject *b = PyUnicode_FromString("free threading");   /* equal, not the same object */
    PyObject *c = PyUnicode_FromString("free threadinG");
    PyObject *shorter = PyUnicode_FromString("free");
    PyObject *euro1 = PyUnicode_FromString("\xe2\x82\xac 1");   /* two-byte kind */
    PyObject *euro2 = PyUnicode_FromString("\xe2\x82\xac 1");
    PyObject *latin = PyUnicode_FromString("\xc3\xa9 1");
    PyObject *bytes = PyBytes_FromString("free threading");
    CHECK(a && b && c && shorter && euro1 && euro2 && latin && bytes);
    CHECK(a != b);
    CHECK(PyUnicode_Equal(a, b) == 1);
    CHECK(PyUnicode_Equal(a, a) == 1);
    CHECK(PyUnicode_Equal(a, c) == 0);
    CHECK(PyUnicode_Equal(a, shorter) == 0);
    CHECK(PyUnicode_Equal(euro1, euro2) == 1);
    CHECK(PyUnicode_Equal(euro1, latin) == 0);
    CHECK(!PyErr_Occurred());
    CHECK(PyUnicode_Equal(bytes, a) == -1 && take_error(PyExc_TypeError));
    CHECK(PyUnicode_Equal(a, bytes) == -1 && take_error(PyExc_TypeError));
    CHECK(PyUnicode_Equal(Py_None, Py_None) == -1 && take_error(PyExc_TypeError));
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(c);
    Py_DECREF(shorter);
    Py_DECREF(euro1);
    Py_DECREF(euro2);
    Py_DECREF(latin);
    Py_DECREF(bytes);
    return 0;
}

/* ---- PyBytes_Join ------------------------------------------------------------------------------------------------- */
static int test_bytes_join(void)
{
    PyObject *sep = PyBytes_FromString(", ");
    PyObject *items = PyList_New(0);
    PyObject *part = PyBytes_FromString("ab");
    PyObject *array = PyByteArray_FromStringAndSize("cd", 2);   /* any buffer is accepted */
    PyObject *empty = PyTuple_New(0);
    PyObject *str_sep = PyUnicode_FromString(", ");
    PyObject *number = PyLong_FromLong(3);
    PyObject *joined, *bad_items;
    CHECK(sep && items && part && array && empty && str_sep && number);
    CHECK(PyList_Append(items, part) == 0 && PyList_Append(items, array) == 0);

    joined = PyBytes_Join(sep, items);
    CHECK(joined != NULL && PyBytes_CheckExact(joined));
    CHECK(PyBytes_GET_SIZE(joined) == 6 && memcmp(PyBytes_AS_STRING(joined), "ab, cd", 6) == 0);
    Py_DECREF(joined);

    joined = PyBytes_Join(sep, empty);
    CHECK(joined != NULL && PyBytes_CheckExact(joined) && PyBytes_GET_SIZE(joined) == 0);
    Py_DECREF(joined);

    CHECK(PyBytes_Join(str_sep, items) == NULL && take_error(PyExc_TypeError));   /* sep must be bytes */
    CHECK(PyBytes_Join(sep, number) == NULL && take_error(PyExc_TypeError));      /* not iterable */
    bad_items = Py_BuildValue("(OO)", part, number);
    CHECK(bad_items != NULL);
    CHECK(PyBytes_Join(sep, bad_items) == NULL && take_error(PyExc_TypeError));   /* an int has no buffer */
    Py_DECREF(bad_items);

    Py_DECREF(sep);
    Py_DECREF(items);
    Py_DECREF(part);
    Py_DECREF(array);
    Py_DECREF(empty);
    Py_DECREF(str_sep);
    Py_DECREF(number);
    return 0;
}

/* ---- Py_HashBuffer -------------------------------------------------------------------------------------------------- */
static int hash_matches_bytes(const char *data, Py_ssize_t len)
{
    PyObject *bytes = PyBytes_FromStringAndSize(data, len);
    Py_hash_t expected, got;
    if (bytes == NULL) {
        return 0;
    }
    expected = PyObject_Hash(bytes);
    Py_DECREF(bytes);
    got = Py_HashBuffer(data, len);
    return got == expected && got != -1;
}

static int test_hash_buffer(void)
{
    static const char long_text[] = "a buffer long enough to be hashed by the full function, not a shortcut";
#ifndef _Py_FTCHECK_ABI_MINOR
    CHECK(Py_HashBuffer("", 0) == 0);   /* CPython hashes empty bytes to 0; ftcheck's runtime has its own hash */
#endif
    CHECK(hash_matches_bytes("", 0));
    CHECK(hash_matches_bytes("x", 1));
    CHECK(hash_matches_bytes("abcdefg", 7));
    CHECK(hash_matches_bytes(long_text, (Py_ssize_t)sizeof(long_text) - 1));
    CHECK(hash_matches_bytes("\0\xff\0", 3));   /* embedded NULs and high bytes */
    CHECK(!PyErr_Occurred());
    return 0;
}

/* ---- PyIter_NextItem ---------------------------------------------------------------------------------------------- */
static int test_iter_next_item(void)
{
    PyObject *list = Py_BuildValue("[ii]", 10, 20);
    PyObject *iter, *item;
    CHECK(list != NULL);
    iter = PyObject_GetIter(list);
    CHECK(iter != NULL);
    item = POISON;
    CHECK(PyIter_NextItem(iter, &item) == 1 && item != NULL && PyLong_AsLong(item) == 10);
    Py_DECREF(item);
    item = POISON;
    CHECK(PyIter_NextItem(iter, &item) == 1 && item != NULL && PyLong_AsLong(item) == 20);
    Py_DECREF(item);
    item = POISON;
    CHECK(PyIter_NextItem(iter, &item) == 0 && item == NULL && !PyErr_Occurred());
    item = POISON;
    CHECK(PyIter_NextItem(iter, &item) == 0 && item == NULL && !PyErr_Occurred());   /* stays exhausted */
    Py_DECREF(iter);

    item = POISON;
    CHECK(PyIter_NextItem(list, &item) == -1 && item == NULL);   /* a list is iterable, not an iterator */
    CHECK(take_error(PyExc_TypeError));
    Py_DECREF(list);
    return 0;
}

/* ---- PyImport_ImportModuleAttr / PyImport_ImportModuleAttrString --------------------------------------------------- */
static int test_import_module_attr(void)
{
    PyObject *sys = PyImport_ImportModule("sys");
    PyObject *expected, *got, *mod_name, *attr_name;
    CHECK(sys != NULL);
    expected = PyObject_GetAttrString(sys, "maxsize");
    CHECK(expected != NULL);

    got = PyImport_ImportModuleAttrString("sys", "maxsize");
    CHECK(got == expected);   /* the same object, as a new reference */
    Py_DECREF(got);
    mod_name = PyUnicode_FromString("sys");
    attr_name = PyUnicode_FromString("maxsize");
    CHECK(mod_name && attr_name);
    got = PyImport_ImportModuleAttr(mod_name, attr_name);
    CHECK(got == expected);
    Py_DECREF(got);
    got = PyImport_ImportModuleAttrString("os.path", "join");   /* a submodule */
    CHECK(got != NULL && PyCallable_Check(got));
    Py_DECREF(got);

    CHECK(PyImport_ImportModuleAttrString("sys", "no_such_attribute") == NULL);
    CHECK(take_error(PyExc_AttributeError));
    CHECK(PyImport_ImportModuleAttrString("ftcompat_no_such_module", "x") == NULL);
    CHECK(take_error(PyExc_ImportError));   /* ModuleNotFoundError */
    CHECK(PyImport_ImportModuleAttrString("sys", "\xff") == NULL);
    CHECK(take_error(PyExc_UnicodeDecodeError));

    Py_DECREF(mod_name);
    Py_DECREF(attr_name);
    Py_DECREF(expected);
    Py_DECREF(sys);
    return 0;
}

/* ---- Py_PACK_VERSION / Py_PACK_FULL_VERSION ------------------------------------------------------------------------ */
#if PY_VERSION_HEX < Py_PACK_VERSION(3, 8)
#  error "Py_PACK_VERSION must be usable in #if"
#endif

static int test_pack_version(void)
{
    CHECK(Py_PACK_VERSION(3, 14) == 0x030E0000);
    CHECK(Py_PACK_VERSION(3, 8) == 0x03080000);
    CHECK(Py_PACK_FULL_VERSION(3, 14, 1, 0xF, 0) == 0x030E01F0);
    CHECK(Py_PACK_FULL_VERSION(3, 13, 0, 0xA, 3) == 0x030D00A3);
    CHECK(Py_PACK_FULL_VERSION(PY_MAJOR_VERSION, PY_MINOR_VERSION, PY_MICRO_VERSION, PY_RELEASE_LEVEL,
                               PY_RELEASE_SERIAL) == PY_VERSION_HEX);
    CHECK(Py_PACK_FULL_VERSION(0x103, 0x10e, 0x100, 0x1f, 0x12) == 0x030E00F2);   /* each field is masked */
    CHECK(PY_VERSION_HEX >= Py_PACK_VERSION(PY_MAJOR_VERSION, PY_MINOR_VERSION));
    return 0;
}

static PyObject *selftest(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    checks_passed = 0;
    if (test_list_getitemref() < 0 || test_dict_getitemref() < 0 || test_dict_setdefaultref() < 0
        || test_dict_pop() < 0 || test_weakref_getref() < 0 || test_import_addmoduleref() < 0
        || test_critical_sections() < 0 || test_mutex_c_threads() < 0 || test_long_from_fixed_width() < 0
        || test_long_as_fixed_width() < 0 || test_reference_counts() < 0 || test_mutex_is_locked() < 0
        || test_unicode_equal() < 0 || test_bytes_join() < 0 || test_hash_buffer() < 0 || test_iter_next_item() < 0
        || test_import_module_attr() < 0 || test_pack_version() < 0) {
        return NULL;
    }
    return PyLong_FromLong(checks_passed);
}

/* mutex_increment(n, release_gil): n locked increments; with release_gil the increment runs with the GIL
 * released while the mutex is held, so only the mutex keeps it exclusive, and a contending thread that holds
 * the GIL must let it go while it waits (or the holder could never finish). */
static PyObject *mutex_increment(PyObject *self, PyObject *args)
{
    long n, i;
    int release_gil;
    (void)self;
    if (!PyArg_ParseTuple(args, "lp", &n, &release_gil)) {
        return NULL;
    }
    for (i = 0; i < n; i++) {
        PyMutex_Lock(&counter_mutex);
        if (release_gil) {
            Py_BEGIN_ALLOW_THREADS
            slow_increment(i);
            Py_END_ALLOW_THREADS
        }
        else {
            slow_increment(i);
        }
        PyMutex_Unlock(&counter_mutex);
    }
    Py_RETURN_NONE;
}

static PyObject *mutex_counter(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    return PyLong_FromLongLong(counter);
}

static PyObject *mutex_reset(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    counter = 0;
    Py_RETURN_NONE;
}

/* CPython treats this as a fatal error; so must the fallback. Run it in a child process. */
static PyObject *mutex_unlock_unlocked(PyObject *self, PyObject *unused)
{
    static PyMutex never_locked;
    (void)self;
    (void)unused;
    PyMutex_Unlock(&never_locked);
    Py_RETURN_NONE;
}

/* Python-level views of three shims, so the driver can see the exceptions they raise. */
static PyObject *list_get(PyObject *self, PyObject *args)
{
    PyObject *list;
    Py_ssize_t index;
    (void)self;
    if (!PyArg_ParseTuple(args, "On", &list, &index)) {
        return NULL;
    }
    return PyList_GetItemRef(list, index);
}

static PyObject *dict_pop(PyObject *self, PyObject *args)
{
    PyObject *dict, *key, *result = POISON;
    int rc;
    (void)self;
    if (!PyArg_ParseTuple(args, "OO", &dict, &key)) {
        return NULL;
    }
    rc = PyDict_Pop(dict, key, &result);
    if (rc < 0) {
        return NULL;
    }
    return Py_BuildValue("(iN)", rc, result != NULL ? result : (Py_INCREF(Py_None), Py_None));
}

static PyObject *weakref_get(PyObject *self, PyObject *ref)
{
    PyObject *obj = POISON;
    int rc;
    (void)self;
    rc = PyWeakref_GetRef(ref, &obj);
    if (rc < 0) {
        return NULL;
    }
    return Py_BuildValue("(iN)", rc, obj != NULL ? obj : (Py_INCREF(Py_None), Py_None));
}

/* Python-level views of the 3.14 additions, for what needs Python classes (__index__, a str subclass with its own
 * __eq__, iterators that raise). */
static PyObject *as_int32(PyObject *self, PyObject *obj)
{
    int32_t v;
    (void)self;
    if (PyLong_AsInt32(obj, &v) < 0) {
        return NULL;
    }
    return PyLong_FromLongLong(v);
}

static PyObject *as_uint32(PyObject *self, PyObject *obj)
{
    uint32_t v;
    (void)self;
    if (PyLong_AsUInt32(obj, &v) < 0) {
        return NULL;
    }
    return PyLong_FromUnsignedLongLong(v);
}

static PyObject *as_int64(PyObject *self, PyObject *obj)
{
    int64_t v;
    (void)self;
    if (PyLong_AsInt64(obj, &v) < 0) {
        return NULL;
    }
    return PyLong_FromLongLong(v);
}

static PyObject *as_uint64(PyObject *self, PyObject *obj)
{
    uint64_t v;
    (void)self;
    if (PyLong_AsUInt64(obj, &v) < 0) {
        return NULL;
    }
    return PyLong_FromUnsignedLongLong(v);
}

static PyObject *unicode_equal(PyObject *self, PyObject *args)
{
    PyObject *a, *b;
    int rc;
    (void)self;
    if (!PyArg_ParseTuple(args, "OO", &a, &b)) {
        return NULL;
    }
    rc = PyUnicode_Equal(a, b);
    if (rc < 0) {
        return NULL;
    }
    return PyLong_FromLong(rc);
}

static PyObject *iter_next_item(PyObject *self, PyObject *iter)
{
    PyObject *item = POISON;
    int rc;
    (void)self;
    rc = PyIter_NextItem(iter, &item);
    if (rc < 0) {
        if (item != NULL) {
            PyErr_SetString(PyExc_AssertionError, "PyIter_NextItem failed without clearing *item");
        }
        return NULL;
    }
    if (rc == 0 && item != NULL) {
        PyErr_SetString(PyExc_AssertionError, "PyIter_NextItem ended without clearing *item");
        return NULL;
    }
    return Py_BuildValue("(iN)", rc, item != NULL ? item : (Py_INCREF(Py_None), Py_None));
}

static PyObject *bytes_join(PyObject *self, PyObject *args)
{
    PyObject *sep, *iterable;
    (void)self;
    if (!PyArg_ParseTuple(args, "OO", &sep, &iterable)) {
        return NULL;
    }
    return PyBytes_Join(sep, iterable);
}

static PyObject *hash_buffer(PyObject *self, PyObject *arg)
{
    char *data;
    Py_ssize_t len;
    (void)self;
    if (PyBytes_AsStringAndSize(arg, &data, &len) < 0) {
        return NULL;
    }
    return PyLong_FromSsize_t(Py_HashBuffer(data, len));
}

static PyMethodDef methods[] = {
    {"selftest", selftest, METH_NOARGS, "Run every shim's edge cases; returns the number of checks passed."},
    {"mutex_increment", mutex_increment, METH_VARARGS, "mutex_increment(n, release_gil): n locked increments."},
    {"mutex_counter", mutex_counter, METH_NOARGS, "The shared counter."},
    {"mutex_reset", mutex_reset, METH_NOARGS, "Zero the shared counter."},
    {"mutex_unlock_unlocked", mutex_unlock_unlocked, METH_NOARGS, "Unlock an unlocked PyMutex (fatal)."},
    {"list_get", list_get, METH_VARARGS, "PyList_GetItemRef(list, index)."},
    {"dict_pop", dict_pop, METH_VARARGS, "PyDict_Pop(dict, key, &result) -> (rc, result)."},
    {"weakref_get", weakref_get, METH_O, "PyWeakref_GetRef(ref, &obj) -> (rc, obj)."},
    {"as_int32", as_int32, METH_O, "PyLong_AsInt32(obj, &v) -> v."},
    {"as_uint32", as_uint32, METH_O, "PyLong_AsUInt32(obj, &v) -> v."},
    {"as_int64", as_int64, METH_O, "PyLong_AsInt64(obj, &v) -> v."},
    {"as_uint64", as_uint64, METH_O, "PyLong_AsUInt64(obj, &v) -> v."},
    {"unicode_equal", unicode_equal, METH_VARARGS, "PyUnicode_Equal(a, b)."},
    {"iter_next_item", iter_next_item, METH_O, "PyIter_NextItem(iter, &item) -> (rc, item)."},
    {"bytes_join", bytes_join, METH_VARARGS, "PyBytes_Join(sep, iterable)."},
    {"hash_buffer", hash_buffer, METH_O, "Py_HashBuffer over the bytes of a bytes object."},
    {NULL, NULL, 0, NULL},
};

static int module_exec(PyObject *module)
{
    /* How many Py_mod_gil slots FTCOMPAT_MOD_GIL_NOT_USED_SLOT put in the slot array below. */
    static const PyModuleDef_Slot probe[] = {FTCOMPAT_MOD_GIL_NOT_USED_SLOT {0, NULL}};
    return PyModule_AddIntConstant(module, "GIL_SLOTS", (long)(sizeof(probe) / sizeof(probe[0]) - 1));
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, (void *)module_exec},
    FTCOMPAT_MOD_GIL_NOT_USED_SLOT
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ftcompat_test", "Tests for ftcompat.h (multi-phase init).", 0, methods, slots,
    NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_ftcompat_test(void)
{
    return PyModuleDef_Init(&module_def);
}
