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

static PyObject *selftest(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    checks_passed = 0;
    if (test_list_getitemref() < 0 || test_dict_getitemref() < 0 || test_dict_setdefaultref() < 0
        || test_dict_pop() < 0 || test_weakref_getref() < 0 || test_import_addmoduleref() < 0
        || test_critical_sections() < 0 || test_mutex_c_threads() < 0) {
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

static PyMethodDef methods[] = {
    {"selftest", selftest, METH_NOARGS, "Run every shim's edge cases; returns the number of checks passed."},
    {"mutex_increment", mutex_increment, METH_VARARGS, "mutex_increment(n, release_gil): n locked increments."},
    {"mutex_counter", mutex_counter, METH_NOARGS, "The shared counter."},
    {"mutex_reset", mutex_reset, METH_NOARGS, "Zero the shared counter."},
    {"mutex_unlock_unlocked", mutex_unlock_unlocked, METH_NOARGS, "Unlock an unlocked PyMutex (fatal)."},
    {"list_get", list_get, METH_VARARGS, "PyList_GetItemRef(list, index)."},
    {"dict_pop", dict_pop, METH_VARARGS, "PyDict_Pop(dict, key, &result) -> (rc, result)."},
    {"weakref_get", weakref_get, METH_O, "PyWeakref_GetRef(ref, &obj) -> (rc, obj)."},
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
