/* Portable threads as CPython exposes them: simple locks, thread identity and thread-specific storage.
   Implemented natively in the bridge on top of pthreads. */
#ifndef Py_PYTHREAD_H
#define Py_PYTHREAD_H

#include <pthread.h>

typedef void *PyThread_type_lock;

typedef enum PyLockStatus {
    PY_LOCK_FAILURE = 0,
    PY_LOCK_ACQUIRED = 1,
    PY_LOCK_INTR
} PyLockStatus;

#define WAIT_LOCK 1
#define NOWAIT_LOCK 0
#define PY_TIMEOUT_T long long
/* Largest usable timeout in microseconds; a data symbol, as in CPython 3.13. */
PyAPI_DATA(const long long) PY_TIMEOUT_MAX;

PyAPI_FUNC(unsigned long) PyThread_get_thread_ident(void);
PyAPI_FUNC(unsigned long) PyThread_get_thread_native_id(void);
PyAPI_FUNC(PyThread_type_lock) PyThread_allocate_lock(void);
PyAPI_FUNC(void) PyThread_free_lock(PyThread_type_lock lock);
PyAPI_FUNC(int) PyThread_acquire_lock(PyThread_type_lock lock, int waitflag);
PyAPI_FUNC(PyLockStatus) PyThread_acquire_lock_timed(PyThread_type_lock lock, long long microseconds, int intr_flag);
PyAPI_FUNC(void) PyThread_release_lock(PyThread_type_lock lock);
PyAPI_FUNC(void) PyThread_init_thread(void);
/* Starts a detached native thread running func(arg); returns its ident, or (unsigned long)-1 on failure. */
PyAPI_FUNC(unsigned long) PyThread_start_new_thread(void (*func)(void *), void *arg);
PyAPI_FUNC(size_t) PyThread_get_stacksize(void);
PyAPI_FUNC(int) PyThread_set_stacksize(size_t size);

/* The pre-3.7 thread-local key API, still exported by 3.13. */
PyAPI_FUNC(int) PyThread_create_key(void);
PyAPI_FUNC(void) PyThread_delete_key(int key);
PyAPI_FUNC(int) PyThread_set_key_value(int key, void *value);
PyAPI_FUNC(void *) PyThread_get_key_value(int key);
PyAPI_FUNC(void) PyThread_delete_key_value(int key);

/* Thread-specific storage (PEP 539). Layout is ABI: an init flag and the pthread key. */
typedef struct _Py_tss_t {
    int _is_initialized;
    pthread_key_t _key;
} Py_tss_t;
#define Py_tss_NEEDS_INIT { 0 }

PyAPI_FUNC(Py_tss_t *) PyThread_tss_alloc(void);
PyAPI_FUNC(void) PyThread_tss_free(Py_tss_t *key);
PyAPI_FUNC(int) PyThread_tss_is_created(Py_tss_t *key);
PyAPI_FUNC(int) PyThread_tss_create(Py_tss_t *key);
PyAPI_FUNC(void) PyThread_tss_delete(Py_tss_t *key);
PyAPI_FUNC(int) PyThread_tss_set(Py_tss_t *key, void *value);
PyAPI_FUNC(void *) PyThread_tss_get(Py_tss_t *key);

#define PYTHREAD_INVALID_THREAD_ID ((unsigned long)-1)

/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */
PyAPI_FUNC(void) PyThread_exit_thread(void);
PyAPI_FUNC(PyObject *) PyThread_GetInfo(void);
PyAPI_FUNC(void) PyThread_ReInitTLS(void);

#endif
