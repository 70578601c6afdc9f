/* pythread.h natively: simple locks (releasable by any thread, as CPython's are), thread identity and
   thread-specific storage, on pthreads. None of it needs the Java runtime. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "Python.h"

typedef struct {
    pthread_mutex_t mutex;
    pthread_cond_t released;
    int locked;
} simple_lock;

unsigned long PyThread_get_thread_ident(void)
{
    return (unsigned long)pthread_self();
}

unsigned long PyThread_get_thread_native_id(void)
{
    return (unsigned long)syscall(SYS_gettid);
}

PyThread_type_lock PyThread_allocate_lock(void)
{
    simple_lock *l = calloc(1, sizeof *l);
    if (l == NULL) {
        return NULL;
    }
    pthread_mutex_init(&l->mutex, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&l->released, &attr);
    pthread_condattr_destroy(&attr);
    return l;
}

void PyThread_free_lock(PyThread_type_lock lock)
{
    simple_lock *l = lock;
    if (l == NULL) {
        return;
    }
    pthread_cond_destroy(&l->released);
    pthread_mutex_destroy(&l->mutex);
    free(l);
}

/* microseconds < 0 waits forever, 0 only tries. */
PyLockStatus PyThread_acquire_lock_timed(PyThread_type_lock lock, long long microseconds, int intr_flag)
{
    simple_lock *l = lock;
    struct timespec deadline;
    if (microseconds > 0) {
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += microseconds / 1000000;
        deadline.tv_nsec += (microseconds % 1000000) * 1000;
        if (deadline.tv_nsec >= 1000000000) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000;
        }
    }
    PyLockStatus status = PY_LOCK_ACQUIRED;
    pthread_mutex_lock(&l->mutex);
    while (l->locked) {
        if (microseconds == 0) {
            status = PY_LOCK_FAILURE;
            break;
        }
        int rc = microseconds < 0 ? pthread_cond_wait(&l->released, &l->mutex)
                                  : pthread_cond_timedwait(&l->released, &l->mutex, &deadline);
        if (rc == ETIMEDOUT && l->locked) {
            status = PY_LOCK_FAILURE;
            break;
        }
    }
    if (status == PY_LOCK_ACQUIRED) {
        l->locked = 1;
    }
    pthread_mutex_unlock(&l->mutex);
    return status;
}

int PyThread_acquire_lock(PyThread_type_lock lock, int waitflag)
{
    return PyThread_acquire_lock_timed(lock, waitflag ? -1 : 0, 0) == PY_LOCK_ACQUIRED;
}

void PyThread_release_lock(PyThread_type_lock lock)
{
    simple_lock *l = lock;
    pthread_mutex_lock(&l->mutex);
    l->locked = 0;
    pthread_cond_signal(&l->released);
    pthread_mutex_unlock(&l->mutex);
}

Py_tss_t *PyThread_tss_alloc(void)
{
    return calloc(1, sizeof(Py_tss_t));
}

void PyThread_tss_free(Py_tss_t *key)
{
    if (key != NULL) {
        PyThread_tss_delete(key);
        free(key);
    }
}

int PyThread_tss_is_created(Py_tss_t *key)
{
    return key->_is_initialized;
}

int PyThread_tss_create(Py_tss_t *key)
{
    if (key->_is_initialized) {
        return 0;
    }
    if (pthread_key_create(&key->_key, NULL) != 0) {
        return -1;
    }
    key->_is_initialized = 1;
    return 0;
}

void PyThread_tss_delete(Py_tss_t *key)
{
    if (!key->_is_initialized) {
        return;
    }
    pthread_key_delete(key->_key);
    key->_is_initialized = 0;
}

int PyThread_tss_set(Py_tss_t *key, void *value)
{
    return pthread_setspecific(key->_key, value) == 0 ? 0 : -1;
}

void *PyThread_tss_get(Py_tss_t *key)
{
    return pthread_getspecific(key->_key);
}

/* ---- thread start, stack size and the old int-keyed TLS API ---- */

static size_t thread_stack_size; /* 0: the platform default */

void PyThread_init_thread(void)
{
}

typedef struct {
    void (*func)(void *);
    void *arg;
} thread_start;

static void *run_thread(void *p)
{
    thread_start start = *(thread_start *)p;
    free(p);
    start.func(start.arg);
    return NULL;
}

unsigned long PyThread_start_new_thread(void (*func)(void *), void *arg)
{
    thread_start *start = malloc(sizeof *start);
    if (start == NULL) {
        return (unsigned long)-1;
    }
    start->func = func;
    start->arg = arg;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (thread_stack_size != 0) {
        pthread_attr_setstacksize(&attr, thread_stack_size);
    }
    pthread_t th;
    int rc = pthread_create(&th, &attr, run_thread, start);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        free(start);
        return (unsigned long)-1;
    }
    return (unsigned long)th;
}

size_t PyThread_get_stacksize(void)
{
    return thread_stack_size;
}

/* 0 restores the default; CPython refuses sizes below 32 KiB with -1. */
int PyThread_set_stacksize(size_t size)
{
    if (size != 0 && size < 0x8000) {
        return -1;
    }
    thread_stack_size = size;
    return 0;
}

int PyThread_create_key(void)
{
    pthread_key_t key;
    if (pthread_key_create(&key, NULL) != 0) {
        return -1;
    }
    return (int)key;
}

void PyThread_delete_key(int key)
{
    pthread_key_delete((pthread_key_t)key);
}

int PyThread_set_key_value(int key, void *value)
{
    return pthread_setspecific((pthread_key_t)key, value) == 0 ? 0 : -1;
}

void *PyThread_get_key_value(int key)
{
    return pthread_getspecific((pthread_key_t)key);
}

void PyThread_delete_key_value(int key)
{
    pthread_setspecific((pthread_key_t)key, NULL);
}

/* Nanosecond clocks in a long long bound the usable microsecond timeout. */
const long long PY_TIMEOUT_MAX = LLONG_MAX / 1000;

/* sys.thread_info for this runtime: POSIX threads, locks built from a mutex and a condition variable (CPython's
   name for that implementation is "mutex+cond"), and the C library's thread version string. */
static PyStructSequence_Field thread_info_fields[] = {
    {"name", "name of the thread implementation"},
    {"lock", "name of the lock implementation"},
    {"version", "name and version of the thread library"},
    {NULL, NULL},
};

static PyStructSequence_Desc thread_info_desc = {"sys.thread_info", NULL, thread_info_fields, 3};

static PyTypeObject *thread_info_type;

PyObject *PyThread_GetInfo(void)
{
    PyTypeObject *type = __atomic_load_n(&thread_info_type, __ATOMIC_ACQUIRE);
    if (type == NULL) {
        PyTypeObject *fresh = PyStructSequence_NewType(&thread_info_desc);
        if (fresh == NULL) {
            return NULL;
        }
        PyTypeObject *expected = NULL;
        if (__atomic_compare_exchange_n(&thread_info_type, &expected, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            type = fresh;
        } else {
            Py_DECREF(fresh);
            type = expected;
        }
    }
    PyObject *info = PyStructSequence_New(type);
    if (info == NULL) {
        return NULL;
    }
    char version[128];
    size_t n = confstr(_CS_GNU_LIBPTHREAD_VERSION, version, sizeof version);
    PyObject *values[3] = {
        PyUnicode_FromString("pthread"),
        PyUnicode_FromString("mutex+cond"),
        n > 1 && n <= sizeof version ? PyUnicode_DecodeFSDefault(version) : Py_NewRef(Py_None),
    };
    for (int i = 0; i < 3; i++) {
        if (values[i] == NULL) {
            for (int j = 0; j < 3; j++) {
                Py_XDECREF(values[j]);
            }
            Py_DECREF(info);
            return NULL;
        }
        PyStructSequence_SetItem(info, i, values[i]);
    }
    return info;
}

/* Thread-specific storage is pthread keys, which survive fork intact: nothing to redo (as in CPython). */
void PyThread_ReInitTLS(void)
{
}
