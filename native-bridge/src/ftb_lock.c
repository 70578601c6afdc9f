/* PyMutex slow paths. The one-byte mutex keeps CPython's encoding (bit 0 locked, bit 1 threads parked), so the
   inline compare-and-swap fast paths compiled into extensions interoperate with this code. Waiters park in a
   small hashed "parking lot" keyed by the mutex address; each waiter sleeps on its own futex word. As in
   CPython, a waiter that has been parked for more than 1 ms is handed the lock directly on unlock, so a thread
   that keeps re-locking cannot starve it. */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "Python.h"
#include "internal/ftbridge.h"
#include "ftb_runtime.h"

#define SPIN_LIMIT 40
#define BUCKET_COUNT 251
#define HANDOFF_AFTER_NS 1000000

typedef struct waiter {
    const PyMutex *mutex;
    uint32_t woken;
    int handed_off;     /* set by the unlocker: the lock is already ours */
    int64_t parked_at;  /* monotonic ns */
    struct waiter *next;
} waiter;

static int64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

typedef struct {
    pthread_mutex_t lock;
    waiter *head;
    waiter *tail;
} bucket;

static bucket buckets[BUCKET_COUNT] = {
    [0 ... BUCKET_COUNT - 1] = { PTHREAD_MUTEX_INITIALIZER, NULL, NULL },
};

static bucket *bucket_for(const PyMutex *m)
{
    uintptr_t a = (uintptr_t)m;
    return &buckets[(a ^ (a >> 9)) % BUCKET_COUNT];
}

static void futex_wait(uint32_t *word, uint32_t expected)
{
    syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

static void futex_wake_one(uint32_t *word)
{
    syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* Sleeps until an unlock wakes this thread, unless the mutex no longer reads `expected`. Returns 1 when the
   unlocker handed the lock over (the caller owns it), 0 when the caller must try again. */
static int park(PyMutex *m, uint8_t expected)
{
    bucket *b = bucket_for(m);
    waiter w = { m, 0, 0, monotonic_ns(), NULL };
    pthread_mutex_lock(&b->lock);
    if (__atomic_load_n(&m->_bits, __ATOMIC_SEQ_CST) != expected) {
        pthread_mutex_unlock(&b->lock);
        return 0;
    }
    if (b->tail != NULL) {
        b->tail->next = &w;
    } else {
        b->head = &w;
    }
    b->tail = &w;
    pthread_mutex_unlock(&b->lock);

    /* Detach while waiting: suspends this thread's critical sections (and releases the GIL when on). The
       bucket lock must not be held here, since suspending unlocks other mutexes. */
    ftb_before_blocking();
    while (__atomic_load_n(&w.woken, __ATOMIC_ACQUIRE) == 0) {
        futex_wait(&w.woken, 0);
    }
    ftb_after_blocking();
    return w.handed_off;
}

#undef PyMutex_Lock
void PyMutex_Lock(PyMutex *m)
{
    int spins = 0;
    for (;;) {
        uint8_t v = __atomic_load_n(&m->_bits, __ATOMIC_RELAXED);
        if ((v & _Py_LOCKED) == 0) {
            if (__atomic_compare_exchange_n(&m->_bits, &v, (uint8_t)(v | _Py_LOCKED), 0, __ATOMIC_ACQUIRE,
                                            __ATOMIC_RELAXED)) {
                return;
            }
            continue;
        }
        if (spins < SPIN_LIMIT) {
            spins++;
            sched_yield();
            continue;
        }
        if ((v & _Py_HAS_PARKED) == 0) {
            uint8_t parked = (uint8_t)(v | _Py_HAS_PARKED);
            if (!__atomic_compare_exchange_n(&m->_bits, &v, parked, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
                continue;
            }
            v = parked;
        }
        if (park(m, v)) {
            return;
        }
        spins = 0;
    }
}

/* Wakes one waiter parked on m while releasing it; the parked bit stays set if more are waiting. */
static void unlock_with_waiters(PyMutex *m)
{
    bucket *b = bucket_for(m);
    pthread_mutex_lock(&b->lock);
    waiter *chosen = NULL;
    waiter *prev = NULL;
    int others = 0;
    for (waiter *w = b->head, *p = NULL; w != NULL; p = w, w = w->next) {
        if (w->mutex != m) {
            continue;
        }
        if (chosen == NULL) {
            chosen = w;
            prev = p;
        } else {
            others = 1;
            break;
        }
    }
    if (chosen != NULL) {
        if (prev != NULL) {
            prev->next = chosen->next;
        } else {
            b->head = chosen->next;
        }
        if (b->tail == chosen) {
            b->tail = prev;
        }
    }
    /* While we hold the lock nobody else changes the bits except to add the parked bit, which is set. A waiter
       parked for long gets the lock directly: the locked bit stays set and now belongs to it. */
    int handoff = chosen != NULL && monotonic_ns() - chosen->parked_at > HANDOFF_AFTER_NS;
    uint8_t bits = (uint8_t)((handoff ? _Py_LOCKED : _Py_UNLOCKED) | (others ? _Py_HAS_PARKED : 0));
    if (chosen != NULL) {
        chosen->handed_off = handoff;
    }
    __atomic_store_n(&m->_bits, bits, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&b->lock);
    if (chosen != NULL) {
        __atomic_store_n(&chosen->woken, 1, __ATOMIC_RELEASE);
        futex_wake_one(&chosen->woken);
    }
}

#undef PyMutex_Unlock
void PyMutex_Unlock(PyMutex *m)
{
    for (;;) {
        uint8_t v = __atomic_load_n(&m->_bits, __ATOMIC_RELAXED);
        if ((v & _Py_LOCKED) == 0) {
            char msg[96];
            snprintf(msg, sizeof msg, "PyMutex at %p is not locked; unlocking it is an error", (void *)m);
            ftb_fatal("PyMutex_Unlock", msg);
            return;
        }
        if (v == _Py_LOCKED) {
            if (__atomic_compare_exchange_n(&m->_bits, &v, (uint8_t)_Py_UNLOCKED, 0, __ATOMIC_RELEASE,
                                            __ATOMIC_RELAXED)) {
                return;
            }
            continue;
        }
        unlock_with_waiters(m);
        return;
    }
}

#undef PyMutex_IsLocked
int PyMutex_IsLocked(PyMutex *m)
{
    return (__atomic_load_n(&m->_bits, __ATOMIC_SEQ_CST) & _Py_LOCKED) != 0;
}
