/* Micro-benchmark of the bridge's native fast paths, built against the staged runtime home (see
   run_abi_bench.sh). Prints nanoseconds per operation, best of 5 runs. Figures, never assertions. */
#include <Python.h>
#include <internal/ftbridge.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ROUNDS 5
static long N = 20000000;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void dealloc_never(PyObject *op)
{
    fprintf(stderr, "unexpected dealloc of %p\n", (void *)op);
    abort();
}
static PyTypeObject BenchType = { PyVarObject_HEAD_INIT(NULL, 0) "bench.Obj", sizeof(PyObject) };

static PyObject *owned;       /* owned by the main thread */
static PyObject *foreign;     /* owned by a thread that has exited: every refcount op takes the shared path */
static PyObject *cs_a, *cs_b;
static PyMutex mutex;

static void *make_foreign(void *arg)
{
    foreign = calloc(1, sizeof(PyObject));
    ftb_object_header_init(foreign, &BenchType);
    Py_INCREF(foreign); /* stays alive: one reference is never dropped */
    return NULL;
}

typedef void (*body_fn)(long n);

static void refcount_owned(long n)
{
    for (long i = 0; i < n; i++) {
        Py_INCREF(owned);
        Py_DECREF(owned);
    }
}

static void refcount_shared(long n)
{
    for (long i = 0; i < n; i++) {
        Py_INCREF(foreign);
        Py_DECREF(foreign);
    }
}

static void mutex_uncontended(long n)
{
    for (long i = 0; i < n; i++) {
        PyMutex_Lock(&mutex);
        PyMutex_Unlock(&mutex);
    }
}

static void critical_section(long n)
{
    for (long i = 0; i < n; i++) {
        Py_BEGIN_CRITICAL_SECTION(cs_a);
        Py_END_CRITICAL_SECTION();
    }
}

static void critical_section2(long n)
{
    for (long i = 0; i < n; i++) {
        Py_BEGIN_CRITICAL_SECTION2(cs_a, cs_b);
        Py_END_CRITICAL_SECTION2();
    }
}

static double best_ns(body_fn body, long n)
{
    double best = 1e30;
    for (int r = 0; r < ROUNDS; r++) {
        double t0 = now();
        body(n);
        double dt = (now() - t0) * 1e9 / n;
        if (dt < best) {
            best = dt;
        }
    }
    return best;
}

/* Contended: T threads share N lock/unlock rounds around a tiny critical region. */
static long shared_counter;
static long per_thread;
static void *contend(void *arg)
{
    for (long i = 0; i < per_thread; i++) {
        PyMutex_Lock(&mutex);
        shared_counter++;
        PyMutex_Unlock(&mutex);
    }
    return NULL;
}

static double contended_ns(int threads, long n)
{
    double best = 1e30;
    for (int r = 0; r < ROUNDS; r++) {
        pthread_t t[16];
        shared_counter = 0;
        per_thread = n / threads;
        double t0 = now();
        for (int i = 0; i < threads; i++) {
            pthread_create(&t[i], NULL, contend, NULL);
        }
        for (int i = 0; i < threads; i++) {
            pthread_join(t[i], NULL);
        }
        double dt = (now() - t0) * 1e9 / (per_thread * threads);
        if (shared_counter != per_thread * threads) {
            fprintf(stderr, "lost updates: %ld of %ld\n", shared_counter, per_thread * threads);
            exit(1);
        }
        if (dt < best) {
            best = dt;
        }
    }
    return best;
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        N = atol(argv[1]);
    }
    BenchType.tp_dealloc = dealloc_never;
    owned = calloc(1, sizeof(PyObject));
    ftb_object_header_init(owned, &BenchType);
    cs_a = calloc(1, sizeof(PyObject));
    cs_b = calloc(1, sizeof(PyObject));
    ftb_object_header_init(cs_a, &BenchType);
    ftb_object_header_init(cs_b, &BenchType);
    pthread_t t;
    pthread_create(&t, NULL, make_foreign, NULL);
    pthread_join(t, NULL);

    printf("operation\tns/op\n");
    printf("Py_INCREF+Py_DECREF, owner thread (inline, local count)\t%.2f\n", best_ns(refcount_owned, N));
    printf("Py_INCREF+Py_DECREF, other thread (atomic add + _Py_DecRefShared)\t%.2f\n", best_ns(refcount_shared, N));
    printf("PyMutex_Lock+Unlock, uncontended (inline CAS)\t%.2f\n", best_ns(mutex_uncontended, N));
    printf("Py_BEGIN/END_CRITICAL_SECTION, uncontended\t%.2f\n", best_ns(critical_section, N));
    printf("Py_BEGIN/END_CRITICAL_SECTION2, uncontended\t%.2f\n", best_ns(critical_section2, N));
    printf("PyMutex_Lock+Unlock, 2 threads contending\t%.2f\n", contended_ns(2, N / 4));
    printf("PyMutex_Lock+Unlock, 4 threads contending\t%.2f\n", contended_ns(4, N / 4));
    return 0;
}
