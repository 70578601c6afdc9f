/* pystate.h: the interpreter, the list of thread states, and thread states made with PyThreadState_New by threads
   created in C, under contention (many pthreads appending to one list; every count is exact). KnownAnswerModulesTest
   compares the answers with CPython 3.13t's. */
#include <Python.h>
#include <pthread.h>

static PyObject *interp(PyObject *self, PyObject *args)
{
    PyInterpreterState *i = PyInterpreterState_Get();
    PyObject *d1 = PyInterpreterState_GetDict(i), *d2 = PyInterpreterState_GetDict(i);
    PyThreadState *me = PyThreadState_Get();
    int64_t id = PyInterpreterState_GetID(i);
    int64_t bad = PyInterpreterState_GetID(NULL);
    PyObject *err = PyErr_GetRaisedException();
    PyObject *errname = PyUnicode_FromFormat("%s: %S", Py_TYPE(err)->tp_name, err);
    Py_DECREF(err);
    return Py_BuildValue("(iiiiLLNiii)", i == PyInterpreterState_Main(), i == PyInterpreterState_Head(),
                         PyInterpreterState_Next(i) == NULL, PyThreadState_GetInterpreter(me) == i, (long long)id,
                         (long long)bad, errname, PyDict_Check(d1), d1 == d2,
                         PyThreadState_GetID(me) > 0);
}

static int in_list(PyThreadState *t)
{
    for (PyThreadState *p = PyInterpreterState_ThreadHead(PyInterpreterState_Get()); p != NULL; p = PyThreadState_Next(p)) {
        if (p == t) {
            return 1;
        }
    }
    return 0;
}

static PyObject *thread_list(PyObject *self, PyObject *args)
{
    PyThreadState *me = PyThreadState_Get();
    int me_listed = in_list(me);
    PyThreadState *a = PyThreadState_New(PyInterpreterState_Get());
    PyThreadState *b = PyThreadState_New(PyInterpreterState_Get());
    int head_b = PyInterpreterState_ThreadHead(PyInterpreterState_Get()) == b;
    int next_a = PyThreadState_Next(b) == a;
    int ids = PyThreadState_GetID(b) > PyThreadState_GetID(a);
    int interp_ok = PyThreadState_GetInterpreter(a) == PyInterpreterState_Get();
    PyThreadState_Clear(b);
    PyThreadState_Delete(b);
    int b_gone = !in_list(b) && in_list(a);
    PyThreadState_Clear(a);
    PyThreadState_Delete(a);
    return Py_BuildValue("(iiiiiii)", me_listed, head_b, next_a, ids, interp_ok, b_gone, !in_list(a));
}

/* Detaching and re-attaching the calling thread with PyThreadState_Swap. */
static PyObject *swap(PyObject *self, PyObject *args)
{
    PyThreadState *me = PyThreadState_Get();
    PyThreadState *old = PyThreadState_Swap(NULL);
    PyThreadState *unchecked = PyThreadState_GetUnchecked();
    PyThreadState *none = PyThreadState_Swap(old);
    PyThreadState_EnterTracing(me);
    PyThreadState_EnterTracing(me);
    PyThreadState_LeaveTracing(me);
    PyThreadState_LeaveTracing(me);
    return Py_BuildValue("(iiii)", old == me, unchecked == NULL, none == NULL, PyThreadState_Get() == me);
}

typedef struct {
    PyInterpreterState *interp;
    PyObject *list;
    int iterations;
    int style;          /* 0: Restore + Clear + DeleteCurrent; 1: Acquire/Release + Clear + Delete; 2: Swap (CPython 3.13.15t itself
                           sometimes hangs with many such threads: not in the known answers) */
    int mismatches;
} work;

static void append_some(work *w, PyThreadState *ts)
{
    for (int i = 0; i < w->iterations; i++) {
        PyObject *v = PyLong_FromLong(i);
        if (v == NULL || PyList_Append(w->list, v) < 0) {
            PyErr_Clear();
            w->mismatches++;
        }
        Py_XDECREF(v);
        if (PyThreadState_Get() != ts || PyGILState_GetThisThreadState() != ts || !PyGILState_Check()) {
            w->mismatches++;
        }
        if (i % 64 == 0) {
            Py_BEGIN_ALLOW_THREADS
            sched_yield();
            Py_END_ALLOW_THREADS
        }
    }
    PyObject *d = PyThreadState_GetDict();
    if (d == NULL || PyDict_SetItemString(d, "seen", Py_True) < 0) {
        w->mismatches++;
    }
}

static void *run(void *arg)
{
    work *w = arg;
    PyThreadState *ts = PyThreadState_New(w->interp);
    if (w->style == 0) {
        PyEval_RestoreThread(ts);
        append_some(w, ts);
        PyThreadState_Clear(ts);
        PyThreadState_DeleteCurrent();
    } else if (w->style == 1) {
        PyEval_AcquireThread(ts);
        append_some(w, ts);
        PyEval_ReleaseThread(ts);
        PyEval_AcquireThread(ts);
        PyThreadState_Clear(ts);
        PyEval_ReleaseThread(ts);
        PyThreadState_Delete(ts);
    } else {
        if (PyThreadState_Swap(ts) != NULL) {
            w->mismatches++;
        }
        append_some(w, ts);
        if (PyThreadState_Swap(NULL) != ts) {
            w->mismatches++;
        }
        PyThreadState_Delete(ts);
    }
    return NULL;
}

/* native_threads(n, iterations, style) -> (len(list), mismatches, sum(list)) */
static PyObject *native_threads(PyObject *self, PyObject *args)
{
    int n, iterations, style;
    if (!PyArg_ParseTuple(args, "iii", &n, &iterations, &style) || n > 64) {
        return NULL;
    }
    PyObject *list = PyList_New(0);
    pthread_t threads[64];
    work w[64];
    Py_BEGIN_ALLOW_THREADS
    for (int i = 0; i < n; i++) {
        w[i] = (work){PyInterpreterState_Main(), list, iterations, style < 0 ? i % 2 : style, 0};
        pthread_create(&threads[i], NULL, run, &w[i]);
    }
    for (int i = 0; i < n; i++) {
        pthread_join(threads[i], NULL);
    }
    Py_END_ALLOW_THREADS
    int mismatches = 0;
    for (int i = 0; i < n; i++) {
        mismatches += w[i].mismatches;
    }
    long long sum = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        sum += PyLong_AsLong(PyList_GET_ITEM(list, i));
    }
    PyObject *r = Py_BuildValue("(niL)", PyList_GET_SIZE(list), mismatches, sum);
    Py_DECREF(list);
    return r;
}

static PyMethodDef methods[] = {
    {"interp", interp, METH_NOARGS, NULL},
    {"thread_list", thread_list, METH_NOARGS, NULL},
    {"swap", swap, METH_NOARGS, NULL},
    {"native_threads", native_threads, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "tstates", NULL, 0, methods, slots};

PyMODINIT_FUNC PyInit_tstates(void)
{
    return PyModuleDef_Init(&module);
}
