/* Native tests of the bridge's free-threading primitives, run under contention with exact counts:
   reference counting (owner, shared, queued-to-owner and dead-owner paths), PyMutex (inline fast path plus the
   parking slow path), critical sections (1- and 2-object forms, re-entry, suspension while blocked) and the
   fatal report for unlocking an unlocked mutex. Prints "ok <test>" per passing test; exits 1 on the first failure.
   Usage: bridge_stress [THREADS ITERATIONS] | bridge_stress --unlock-unlocked */
#include <Python.h>
#include <internal/ftbridge.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The bridge exports these 3.14 functions; the 3.13-level headers hide their declarations. */
#if PY_VERSION_HEX < 0x030E0000
int PyMutex_IsLocked(PyMutex *m);
void PyCriticalSection_BeginMutex(PyCriticalSection *c, PyMutex *m);
#endif

static int threads = 8;
static long iterations = 100000;

#define CHECK(cond, ...) \
    do { \
        if (!(cond)) { \
            fprintf(stdout, "FAIL %s:%d: ", __func__, __LINE__); \
            fprintf(stdout, __VA_ARGS__); \
            fprintf(stdout, "\n"); \
            fflush(stdout); \
            exit(1); \
        } \
    } while (0)

/* ---- a minimal type whose dealloc counts ---- */
static long deallocs;
static void counting_dealloc(PyObject *op)
{
    __atomic_fetch_add(&deallocs, 1, __ATOMIC_SEQ_CST);
    free(op);
}
static PyTypeObject CountedType = { PyVarObject_HEAD_INIT(NULL, 0) "stress.Counted", sizeof(PyObject) };

static PyObject *new_counted(void)
{
    PyObject *op = calloc(1, sizeof(PyObject));
    ftb_object_header_init(op, &CountedType);
    return op;
}

static void run_threads(void *(*body)(void *), void *arg)
{
    pthread_t t[64];
    for (int i = 0; i < threads; i++) {
        pthread_create(&t[i], NULL, body, arg);
    }
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
    }
}

static int fatal_reports;
static void count_fatal(const char *function, const char *message)
{
    __atomic_fetch_add(&fatal_reports, 1, __ATOMIC_SEQ_CST);
    fprintf(stdout, "fatal report: %s: %s\n", function, message);
}

/* ---- reference counting ---- */
static void *incref_decref_pairs(void *arg)
{
    PyObject *op = arg;
    for (long i = 0; i < iterations; i++) {
        Py_INCREF(op);
        Py_DECREF(op);
    }
    return NULL;
}

static void *incref_many(void *arg)
{
    for (long i = 0; i < iterations; i++) {
        Py_INCREF((PyObject *)arg);
    }
    return NULL;
}

static void *decref_many(void *arg)
{
    for (long i = 0; i < iterations; i++) {
        Py_DECREF((PyObject *)arg);
    }
    return NULL;
}

static void test_refcount_shared_stress(void)
{
    deallocs = 0;
    PyObject *op = new_counted();
    run_threads(incref_decref_pairs, op);
    CHECK(Py_REFCNT(op) == 1, "refcount %zd after balanced pairs", Py_REFCNT(op));
    run_threads(incref_many, op);
    CHECK(Py_REFCNT(op) == 1 + threads * iterations, "refcount %zd, expected %ld", Py_REFCNT(op),
          1 + threads * iterations);
    run_threads(decref_many, op);
    CHECK(Py_REFCNT(op) == 1, "refcount %zd after shared decrefs", Py_REFCNT(op));
    CHECK(deallocs == 0, "deallocated early");
    Py_DECREF(op);
    CHECK(deallocs == 1, "expected exactly one dealloc, got %ld", deallocs);
    printf("ok refcount_shared_stress %d threads x %ld\n", threads, iterations);
}

/* The owner's reference is dropped by another thread: the object is queued to the owner, which merges it. */
static void *drop_one(void *arg)
{
    Py_DECREF((PyObject *)arg);
    return NULL;
}

static void test_refcount_queue_to_owner(void)
{
    deallocs = 0;
    PyObject *op = new_counted();
    Py_INCREF(op); /* owner's local count 2; one of them is handed to another thread */
    pthread_t t;
    pthread_create(&t, NULL, drop_one, op);
    pthread_join(t, NULL);
    CHECK(op->ob_ref_shared == _Py_REF_QUEUED, "shared %zd, expected queued", op->ob_ref_shared);
    CHECK(Py_REFCNT(op) == 2, "count %zd before merge", Py_REFCNT(op));
    CHECK(ftb_brc_merge_pending() == 1, "one object should have been merged");
    CHECK(op->ob_tid == 0 && op->ob_ref_local == 0, "merged object must be unowned");
    CHECK(op->ob_ref_shared == _Py_REF_SHARED(1, _Py_REF_MERGED), "shared %zd after merge", op->ob_ref_shared);
    CHECK(Py_REFCNT(op) == 1 && deallocs == 0, "count %zd deallocs %ld", Py_REFCNT(op), deallocs);
    Py_DECREF(op); /* now a shared decref on a merged object: reaches zero */
    CHECK(deallocs == 1, "merged object not deallocated exactly once (%ld)", deallocs);
    printf("ok refcount_queue_to_owner\n");
}

/* The owning thread has exited: the queueing thread merges on the spot. */
static PyObject *handed_over;
static void *create_and_exit(void *Py_UNUSED(arg))
{
    PyObject *op = new_counted();
    Py_INCREF(op);
    handed_over = op;
    Py_DECREF(op); /* owner keeps none; the handed-over reference is in its local half */
    return NULL;
}

static void test_refcount_dead_owner(void)
{
    deallocs = 0;
    pthread_t t;
    pthread_create(&t, NULL, create_and_exit, NULL);
    pthread_join(t, NULL);
    CHECK(Py_REFCNT(handed_over) == 1, "count %zd", Py_REFCNT(handed_over));
    Py_DECREF(handed_over);
    CHECK(deallocs == 1, "object of an exited owner not deallocated (%ld)", deallocs);
    printf("ok refcount_dead_owner\n");
}

static void test_refcount_owner_local_zero(void)
{
    deallocs = 0;
    PyObject *op = new_counted();
    Py_INCREF(op);
    Py_DECREF(op);
    Py_DECREF(op); /* local reaches zero with no shared references: immediate dealloc */
    CHECK(deallocs == 1, "deallocs %ld", deallocs);
    PyObject *imm = &_Py_NoneStruct;
    Py_ssize_t before = Py_REFCNT(imm);
    Py_INCREF(imm);
    Py_DECREF(imm);
    Py_DECREF(imm);
    CHECK(Py_REFCNT(imm) == before && _Py_IsImmortal(imm), "immortal None changed");
    printf("ok refcount_owner_local_zero\n");
}

/* Every thread owns objects and hands references to every other thread, which drop them (shared path: the first
   drop queues the object to its owner, later ones drive the shared half negative). Owners merge at safe points.
   In the end each object is deallocated exactly once and nothing is reported as over-released. */
#define XT_OBJECTS 64
static PyObject *xt_objects[64][XT_OBJECTS];
static pthread_barrier_t xt_created, xt_dropped;
static long xt_seq;

static void *cross_thread_body(void *Py_UNUSED(arg))
{
    long me = __atomic_fetch_add(&xt_seq, 1, __ATOMIC_SEQ_CST);
    for (int i = 0; i < XT_OBJECTS; i++) {
        PyObject *op = new_counted();
        for (int k = 0; k < threads - 1; k++) {
            Py_INCREF(op); /* one reference for each other thread, counted in our local half */
        }
        xt_objects[me][i] = op;
    }
    pthread_barrier_wait(&xt_created);
    for (int owner = 0; owner < threads; owner++) {
        if (owner == me) {
            continue;
        }
        for (int i = 0; i < XT_OBJECTS; i++) {
            Py_DECREF(xt_objects[owner][i]);
        }
        if ((owner & 1) == 0) {
            ftb_brc_merge_pending(); /* merge while others are still dropping */
        }
    }
    pthread_barrier_wait(&xt_dropped);
    ftb_brc_merge_pending();
    for (int i = 0; i < XT_OBJECTS; i++) {
        Py_DECREF(xt_objects[me][i]); /* our own reference: the last one */
    }
    return NULL;
}

static void test_refcount_cross_thread_queue(void)
{
    deallocs = 0;
    xt_seq = 0;
    fatal_reports = 0;
    ftb_set_fatal_handler(count_fatal);
    pthread_barrier_init(&xt_created, NULL, (unsigned)threads);
    pthread_barrier_init(&xt_dropped, NULL, (unsigned)threads);
    for (int round = 0; round < 20; round++) {
        xt_seq = 0;
        run_threads(cross_thread_body, NULL);
    }
    ftb_set_fatal_handler(NULL);
    CHECK(fatal_reports == 0, "%d spurious fatal reports (negative counts)", fatal_reports);
    CHECK(deallocs == 20L * threads * XT_OBJECTS, "deallocs %ld, expected %ld", deallocs, 20L * threads * XT_OBJECTS);
    printf("ok refcount_cross_thread_queue %d threads x %d objects x 20 rounds\n", threads, XT_OBJECTS);
}

/* ---- PyMutex ---- */
static PyMutex counter_mutex;
static long counter;

static void *mutex_increments(void *Py_UNUSED(arg))
{
    for (long i = 0; i < iterations; i++) {
        PyMutex_Lock(&counter_mutex);
        long v = counter;
        if ((i & 1023) == 0) {
            sched_yield(); /* widen the window so the slow path really runs */
        }
        counter = v + 1;
        PyMutex_Unlock(&counter_mutex);
    }
    return NULL;
}

static void test_mutex_stress(void)
{
    counter = 0;
    run_threads(mutex_increments, NULL);
    CHECK(counter == threads * iterations, "counter %ld, expected %ld", counter, threads * iterations);
    CHECK(counter_mutex._bits == 0, "mutex bits %d after all unlocked", counter_mutex._bits);
    CHECK(!PyMutex_IsLocked(&counter_mutex), "IsLocked on an unlocked mutex");
    printf("ok mutex_stress %d threads x %ld\n", threads, iterations);
}

static PyMutex held;
static volatile int waiter_done;
static void *wait_for_held(void *Py_UNUSED(arg))
{
    PyMutex_Lock(&held);
    waiter_done = 1;
    PyMutex_Unlock(&held);
    return NULL;
}

static void wait_until_parked(PyMutex *m)
{
    while ((__atomic_load_n(&m->_bits, __ATOMIC_SEQ_CST) & _Py_HAS_PARKED) == 0) {
        usleep(100);
    }
}

static void test_mutex_parked_bit(void)
{
    PyMutex_Lock(&held);
    CHECK(PyMutex_IsLocked(&held), "IsLocked after lock");
    pthread_t t;
    pthread_create(&t, NULL, wait_for_held, NULL);
    wait_until_parked(&held);
    CHECK(held._bits == (_Py_LOCKED | _Py_HAS_PARKED), "bits %d, expected locked+parked", held._bits);
    CHECK(!waiter_done, "waiter ran while the mutex was held");
    PyMutex_Unlock(&held); /* inline CAS fails on the parked bit; the slow path wakes the waiter */
    pthread_join(t, NULL);
    CHECK(waiter_done && held._bits == 0, "bits %d after handoff", held._bits);
    printf("ok mutex_parked_bit\n");
}

/* A waiter parked for more than 1 ms gets the lock handed over: the unlocking thread cannot barge back in. */
static PyMutex fair;
static char order[3];
static int order_len;
static void *long_waiter(void *Py_UNUSED(arg))
{
    PyMutex_Lock(&fair);
    order[order_len++] = 'W';
    usleep(2000);
    PyMutex_Unlock(&fair);
    return NULL;
}

static void test_mutex_handoff(void)
{
    PyMutex_Lock(&fair);
    pthread_t t;
    pthread_create(&t, NULL, long_waiter, NULL);
    wait_until_parked(&fair);
    usleep(5000); /* the waiter has now been parked for well over 1 ms */
    PyMutex_Unlock(&fair);
    CHECK(PyMutex_IsLocked(&fair), "a long-parked waiter must receive the lock directly");
    PyMutex_Lock(&fair); /* must wait for the waiter */
    order[order_len++] = 'U';
    PyMutex_Unlock(&fair);
    pthread_join(t, NULL);
    CHECK(order_len == 2 && order[0] == 'W' && order[1] == 'U', "order %.2s", order);
    CHECK(fair._bits == 0, "bits %d", fair._bits);
    printf("ok mutex_handoff\n");
}

/* ---- critical sections ---- */
static PyObject *obj_a, *obj_b;
static long count_a, count_b;

static void *cs_increments(void *Py_UNUSED(arg))
{
    for (long i = 0; i < iterations; i++) {
        Py_BEGIN_CRITICAL_SECTION(obj_a);
        count_a++;
        Py_END_CRITICAL_SECTION();
    }
    return NULL;
}

static void test_critical_section_stress(void)
{
    count_a = 0;
    run_threads(cs_increments, NULL);
    CHECK(count_a == threads * iterations, "count %ld, expected %ld", count_a, threads * iterations);
    CHECK(obj_a->ob_mutex._bits == 0 && ftb_cs_depth() == 0, "section left locked");
    printf("ok critical_section_stress %d threads x %ld\n", threads, iterations);
}

static long thread_seq;
static void *cs2_increments(void *Py_UNUSED(arg))
{
    long me = __atomic_fetch_add(&thread_seq, 1, __ATOMIC_SEQ_CST);
    for (long i = 0; i < iterations; i++) {
        /* Half the threads name the objects in the other order: lower-address-first prevents deadlock. */
        PyObject *x = (me & 1) ? obj_a : obj_b;
        PyObject *y = (me & 1) ? obj_b : obj_a;
        Py_BEGIN_CRITICAL_SECTION2(x, y);
        count_a++;
        count_b += 2;
        Py_END_CRITICAL_SECTION2();
    }
    return NULL;
}

static void test_critical_section2_stress(void)
{
    count_a = count_b = 0;
    run_threads(cs2_increments, NULL);
    CHECK(count_a == threads * iterations && count_b == 2 * threads * iterations, "counts %ld %ld", count_a, count_b);
    CHECK(obj_a->ob_mutex._bits == 0 && obj_b->ob_mutex._bits == 0, "two-object section left a lock held");
    printf("ok critical_section2_stress %d threads x %ld\n", threads, iterations);
}

static void test_critical_section_reentry(void)
{
    PyCriticalSection outer, middle, inner;
    PyCriticalSection_Begin(&outer, obj_a);
    PyCriticalSection_Begin(&middle, obj_a); /* same object as the innermost: no self-deadlock */
    CHECK(ftb_cs_depth() == 1, "re-entry on the top object must not push (depth %d)", ftb_cs_depth());
    PyCriticalSection2 two;
    PyCriticalSection2_Begin(&two, obj_b, obj_b);
    PyCriticalSection_Begin(&inner, obj_a);  /* held by an outer, suspended section: resolved by suspension */
    CHECK(ftb_cs_depth() == 3, "depth %d", ftb_cs_depth());
    /* Waiting for obj_a suspended every section; only the innermost (obj_a) was re-acquired. */
    CHECK(PyMutex_IsLocked(&obj_a->ob_mutex), "innermost section does not hold its object");
    CHECK(!PyMutex_IsLocked(&obj_b->ob_mutex), "a suspended outer section still holds its lock");
    PyCriticalSection_End(&inner);
    /* Ending the innermost resumes the next one out, and only that one. */
    CHECK(PyMutex_IsLocked(&obj_b->ob_mutex) && !PyMutex_IsLocked(&obj_a->ob_mutex), "wrong section resumed");
    PyCriticalSection2_End(&two);
    PyCriticalSection_End(&middle);
    CHECK(PyMutex_IsLocked(&obj_a->ob_mutex), "outer section must hold its object again");
    PyCriticalSection_End(&outer);
    CHECK(ftb_cs_depth() == 0 && obj_a->ob_mutex._bits == 0 && obj_b->ob_mutex._bits == 0, "state not restored");
    PyCriticalSection_BeginMutex(&outer, &counter_mutex);
    CHECK(PyMutex_IsLocked(&counter_mutex), "BeginMutex did not lock");
    PyCriticalSection_End(&outer);
    CHECK(!PyMutex_IsLocked(&counter_mutex), "End did not unlock the mutex section");
    printf("ok critical_section_reentry\n");
}

/* A thread blocked on a PyMutex inside a section releases the section's lock while it waits. */
static PyMutex gate;
static volatile int blocked_thread_stage;
static void *section_then_block(void *Py_UNUSED(arg))
{
    Py_BEGIN_CRITICAL_SECTION(obj_a);
    blocked_thread_stage = 1;
    PyMutex_Lock(&gate); /* blocks: suspends the section on obj_a */
    CHECK(PyMutex_IsLocked(&obj_a->ob_mutex), "innermost section not resumed after the wait");
    blocked_thread_stage = 2;
    PyMutex_Unlock(&gate);
    Py_END_CRITICAL_SECTION();
    return NULL;
}

static void test_critical_section_suspended_while_blocked(void)
{
    PyMutex_Lock(&gate);
    pthread_t t;
    pthread_create(&t, NULL, section_then_block, NULL);
    wait_until_parked(&gate);
    /* Would deadlock (and hit the alarm) if the blocked thread still held obj_a. */
    Py_BEGIN_CRITICAL_SECTION(obj_a);
    CHECK(blocked_thread_stage == 1, "stage %d", blocked_thread_stage);
    Py_END_CRITICAL_SECTION();
    PyMutex_Unlock(&gate);
    pthread_join(t, NULL);
    CHECK(blocked_thread_stage == 2 && obj_a->ob_mutex._bits == 0 && gate._bits == 0, "final state wrong");
    printf("ok critical_section_suspended_while_blocked\n");
}

/* ---- fatal report for unlocking an unlocked mutex ---- */
static char fatal_function[64];
static char fatal_message[160];
static void record_fatal(const char *function, const char *message)
{
    snprintf(fatal_function, sizeof fatal_function, "%s", function);
    snprintf(fatal_message, sizeof fatal_message, "%s", message);
}

static void test_unlock_unlocked_reported(void)
{
    PyMutex m = { 0 };
    ftb_set_fatal_handler(record_fatal);
    PyMutex_Unlock(&m);
    ftb_set_fatal_handler(NULL);
    CHECK(strcmp(fatal_function, "PyMutex_Unlock") == 0, "fatal report named '%s'", fatal_function);
    CHECK(strstr(fatal_message, "not locked") != NULL, "message '%s'", fatal_message);
    CHECK(m._bits == 0, "mutex changed by a bad unlock");

    /* Ending an outer section while an inner one is open is reported and ignored. */
    PyCriticalSection outer, inner;
    PyCriticalSection_Begin(&outer, obj_a);
    PyCriticalSection_Begin(&inner, obj_b);
    fatal_function[0] = 0;
    ftb_set_fatal_handler(record_fatal);
    PyCriticalSection_End(&outer);
    ftb_set_fatal_handler(NULL);
    CHECK(strcmp(fatal_function, "PyCriticalSection_End") == 0 && strstr(fatal_message, "reverse order") != NULL,
          "out-of-order end not reported: '%s' '%s'", fatal_function, fatal_message);
    CHECK(ftb_cs_depth() == 2 && PyMutex_IsLocked(&obj_a->ob_mutex), "an out-of-order end must change nothing");
    PyCriticalSection_End(&inner);
    PyCriticalSection_End(&outer);
    CHECK(ftb_cs_depth() == 0 && obj_a->ob_mutex._bits == 0 && obj_b->ob_mutex._bits == 0, "not unwound");
    printf("ok unlock_unlocked_reported\n");
}

/* ---- deferred deallocation chain used by real-header Py_TRASHCAN ---- */
static void test_trash_chain(void)
{
    deallocs = 0;
    PyThreadState *ts = ftb_tstate_block_new();
    int *remaining = (int *)((char *)ts + FTB_TSTATE_C_RECURSION_REMAINING);
    CHECK(*remaining == FTB_C_RECURSION_LIMIT, "fresh block recursion budget %d", *remaining);
    for (int i = 0; i < 3; i++) {
        _PyTrash_thread_deposit_object(ts, new_counted());
    }
    CHECK(deallocs == 0, "deposit must defer");
    _PyTrash_thread_destroy_chain(ts);
    CHECK(deallocs == 3 && *(PyObject **)((char *)ts + FTB_TSTATE_DELETE_LATER) == NULL, "chain not destroyed");
    CHECK(*remaining == FTB_C_RECURSION_LIMIT, "budget not restored");
    ftb_tstate_block_free(ts);
    printf("ok trash_chain\n");
}

/* ---- pythread, PyTime and float packing (native, no runtime needed) ---- */
static PyThread_type_lock handoff;
static volatile int started_value;
static void started_thread(void *arg)
{
    started_value = *(int *)arg;
    PyThread_release_lock(handoff); /* released by a thread that did not acquire it, as CPython allows */
}

static void test_pythread_time_and_packing(void)
{
    handoff = PyThread_allocate_lock();
    CHECK(handoff != NULL && PyThread_acquire_lock(handoff, WAIT_LOCK) == 1, "lock");
    CHECK(PyThread_acquire_lock(handoff, NOWAIT_LOCK) == 0, "a held lock must not be acquired again");
    CHECK(PyThread_acquire_lock_timed(handoff, 1000, 0) == PY_LOCK_FAILURE, "timed acquire must time out");
    static int payload = 42;
    CHECK(PyThread_start_new_thread(started_thread, &payload) != (unsigned long)-1, "thread start");
    CHECK(PyThread_acquire_lock(handoff, WAIT_LOCK) == 1 && started_value == 42, "thread did not run");
    PyThread_release_lock(handoff);
    PyThread_free_lock(handoff);

    Py_tss_t key = Py_tss_NEEDS_INIT;
    CHECK(PyThread_tss_create(&key) == 0 && PyThread_tss_is_created(&key), "tss create");
    CHECK(PyThread_tss_get(&key) == NULL && PyThread_tss_set(&key, &payload) == 0
          && PyThread_tss_get(&key) == &payload, "tss set/get");
    PyThread_tss_delete(&key);
    CHECK(!PyThread_tss_is_created(&key), "tss delete");
    CHECK(PY_TIMEOUT_MAX == LLONG_MAX / 1000, "PY_TIMEOUT_MAX %lld", PY_TIMEOUT_MAX);

    PyTime_t t1, t2;
    CHECK(PyTime_Monotonic(&t1) == 0 && PyTime_PerfCounter(&t2) == 0 && t2 >= t1, "clocks");
    CHECK(PyTime_AsSecondsDouble(1500000000) == 1.5, "AsSecondsDouble");

    char le[8], be[8];
    CHECK(PyFloat_Pack8(1.5, le, 1) == 0 && PyFloat_Pack8(1.5, be, 0) == 0, "pack8");
    CHECK((unsigned char)be[0] == 0x3f && (unsigned char)be[1] == 0xf8 && le[7] == be[0], "pack8 bytes");
    CHECK(PyFloat_Unpack8(le, 1) == 1.5 && PyFloat_Unpack8(be, 0) == 1.5, "unpack8");
    CHECK(PyFloat_Pack4(-2.0, be, 0) == 0 && (unsigned char)be[0] == 0xc0 && PyFloat_Unpack4(be, 0) == -2.0, "pack4");
    char half[2];
    CHECK(PyFloat_Pack2(1.5, half, 0) == 0 && (unsigned char)half[0] == 0x3e && half[1] == 0, "pack2 1.5");
    CHECK(PyFloat_Pack2(65519.0, half, 1) == 0 && (unsigned char)half[0] == 0xff && (unsigned char)half[1] == 0x7b,
          "pack2 rounds 65519 down to 65504");
    CHECK(PyFloat_Unpack2(half, 1) == 65504.0 && PyFloat_Pack2(5.960464477539063e-08, half, 0) == 0
          && half[0] == 0 && half[1] == 1, "pack2 smallest subnormal");
    CHECK(PyFloat_Pack2(-0.0, half, 0) == 0 && (unsigned char)half[0] == 0x80 && PyFloat_Unpack2(half, 0) == 0.0
          && signbit(PyFloat_Unpack2(half, 0)), "pack2 negative zero");
    printf("ok pythread_time_and_packing\n");
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--unlock-unlocked") == 0) {
        PyMutex m = { 0 };
        PyMutex_Unlock(&m); /* no handler installed: prints the fatal error and aborts */
        printf("still running\n");
        return 0;
    }
    if (argc == 3) {
        threads = atoi(argv[1]);
        iterations = atol(argv[2]);
    }
    if (threads < 2 || threads > 64 || iterations < 1) {
        fprintf(stderr, "usage: bridge_stress [THREADS(2-64) ITERATIONS]\n");
        return 2;
    }
    alarm(120); /* a deadlock fails the run instead of hanging it */
    CountedType.tp_dealloc = counting_dealloc;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    obj_a = new_counted();
    obj_b = new_counted();
    test_refcount_owner_local_zero();
    test_refcount_shared_stress();
    test_refcount_queue_to_owner();
    test_refcount_dead_owner();
    test_refcount_cross_thread_queue();
    test_mutex_stress();
    test_mutex_parked_bit();
    test_mutex_handoff();
    test_critical_section_stress();
    test_critical_section2_stress();
    test_critical_section_reentry();
    test_critical_section_suspended_while_blocked();
    test_unlock_unlocked_reported();
    test_pythread_time_and_packing();
    test_trash_chain();
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("all passed in %.2f s\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
