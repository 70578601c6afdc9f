/* object.h natively: free-threaded reference counting (the exported halves of the inline Py_INCREF/Py_DECREF,
   with CPython's biased-counting semantics: the owner thread counts in ob_ref_local without atomics, everyone
   else in ob_ref_shared; when the shared half would drop below zero the object is queued to its owner, which
   merges the two halves at a safe point), deallocation, the None and NotImplemented singletons, identity and
   subtype tests, identity hashing, printing to a FILE, calling tp_finalize once (from dealloc with the
   free-threaded temporary resurrection), and the trashcan's deferred-deallocation chain. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "Python.h"
#include "internal/ftbridge.h"
#include "bridge_checked.h"

/* ---- reference counting and deallocation ---- */

#undef _Py_Dealloc
void _Py_Dealloc(PyObject *op)
{
    destructor dealloc = Py_TYPE(op)->tp_dealloc;
    if (dealloc == NULL) {
        char msg[160];
        snprintf(msg, sizeof msg, "object at %p of type %s has no tp_dealloc", (void *)op,
                 Py_TYPE(op)->tp_name != NULL ? Py_TYPE(op)->tp_name : "<unnamed>");
        ftb_fatal("_Py_Dealloc", msg);
        return;
    }
    if (ftb_checked) {
        ftb_dealloc_starts(op);
    }
    dealloc(op);
}

/* Folds the local half into the shared half and gives up ownership. Returns the merged count (plus extra). */
static Py_ssize_t explicit_merge(PyObject *op, Py_ssize_t extra)
{
    Py_ssize_t shared = __atomic_load_n(&op->ob_ref_shared, __ATOMIC_RELAXED);
    Py_ssize_t count;
    Py_ssize_t merged;
    do {
        count = (shared >> _Py_REF_SHARED_SHIFT) + (Py_ssize_t)__atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED) + extra;
        merged = _Py_REF_SHARED(count, _Py_REF_MERGED);
    } while (!__atomic_compare_exchange_n(&op->ob_ref_shared, &shared, merged, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
    __atomic_store_n(&op->ob_ref_local, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&op->ob_tid, (uintptr_t)0, __ATOMIC_RELAXED);
    return count;
}

static void report_negative(const char *function, PyObject *op)
{
    if (ftb_checked && ftb_is_freed(op)) {
        ftb_decref_freed(op, "Py_DECREF"); /* freed by another thread between this decref's check and its update */
        return;
    }
    char msg[160];
    snprintf(msg, sizeof msg, "object at %p of type %s: its reference count went below zero", (void *)op,
             Py_TYPE(op) != NULL && Py_TYPE(op)->tp_name != NULL ? Py_TYPE(op)->tp_name : "<unknown>");
    ftb_fatal(function, msg);
}

/* ---- per-owner queues of objects whose shared count reached zero on another thread ---- */

typedef struct owner {
    uintptr_t tid;
    PyObject **queue;
    size_t length;
    size_t capacity;
    struct owner *next;
} owner;

static pthread_mutex_t owners_lock = PTHREAD_MUTEX_INITIALIZER;
static owner *owners;          /* registered live threads; few, so a list is enough */
static pthread_key_t owner_key;
static pthread_once_t owner_key_once = PTHREAD_ONCE_INIT;
static __thread owner *this_owner;

static void owner_thread_exit(void *arg);

static void make_owner_key(void)
{
    pthread_key_create(&owner_key, owner_thread_exit);
}

static owner *find_owner_locked(uintptr_t tid)
{
    for (owner *o = owners; o != NULL; o = o->next) {
        if (o->tid == tid) {
            return o;
        }
    }
    return NULL;
}

void ftb_brc_ensure_registered(void)
{
    if (this_owner != NULL) {
        return;
    }
    pthread_once(&owner_key_once, make_owner_key);
    owner *o = calloc(1, sizeof *o);
    if (o == NULL) {
        ftb_fatal("ftb_brc_register_thread", "out of memory registering a thread");
        return;
    }
    o->tid = _Py_ThreadId();
    pthread_mutex_lock(&owners_lock);
    /* A new thread can reuse a dead thread's thread-pointer value; objects it left behind then belong to
       this thread, which is fine because the dead one can no longer touch them. */
    owner *stale = find_owner_locked(o->tid);
    if (stale != NULL) {
        o->queue = stale->queue;
        o->length = stale->length;
        o->capacity = stale->capacity;
        stale->queue = NULL;
        stale->length = stale->capacity = 0;
        stale->tid = 0;
    }
    o->next = owners;
    owners = o;
    pthread_mutex_unlock(&owners_lock);
    this_owner = o;
    pthread_setspecific(owner_key, o);
}

FTB_API uintptr_t ftb_brc_register_thread(void)
{
    ftb_brc_ensure_registered();
    return _Py_ThreadId();
}

FTB_API void ftb_object_header_init(void *p, void *type)
{
    PyObject *op = (PyObject *)p;
    op->ob_tid = ftb_brc_register_thread();
#if PY_VERSION_HEX >= 0x030E0000
    op->ob_flags = 0;
#else
    op->_padding = 0;
#endif
    op->ob_mutex._bits = 0;
    op->ob_gc_bits = 0;
    op->ob_ref_local = 1;
    op->ob_ref_shared = 0;
    op->ob_type = (PyTypeObject *)type;
}

/* Takes the calling thread's queue out under the lock, then merges outside it (deallocation can re-enter). */
FTB_API int ftb_brc_merge_pending(void)
{
    owner *me = this_owner;
    if (me == NULL) {
        return 0;
    }
    int merged = 0;
    for (;;) {
        pthread_mutex_lock(&owners_lock);
        PyObject **queue = me->queue;
        size_t length = me->length;
        me->queue = NULL;
        me->length = me->capacity = 0;
        pthread_mutex_unlock(&owners_lock);
        if (length == 0) {
            free(queue);
            return merged;
        }
        for (size_t i = 0; i < length; i++) {
            /* The queue held one reference: drop it while merging. */
            Py_ssize_t count = explicit_merge(queue[i], -1);
            if (count == 0) {
                _Py_Dealloc(queue[i]);
            } else if (count < 0) {
                report_negative("ftb_brc_merge_pending", queue[i]);
            }
            merged++;
        }
        free(queue);
    }
}

static void unregister(owner *me)
{
    pthread_mutex_lock(&owners_lock);
    for (owner **pp = &owners; *pp != NULL; pp = &(*pp)->next) {
        if (*pp == me) {
            *pp = me->next;
            break;
        }
    }
    pthread_mutex_unlock(&owners_lock);
}

FTB_API void ftb_brc_unregister_thread(void)
{
    owner *me = this_owner;
    if (me == NULL) {
        return;
    }
    /* Unlink first so nothing new is queued to us, then settle what was queued before. */
    unregister(me);
    ftb_brc_merge_pending();
    this_owner = NULL;
    pthread_setspecific(owner_key, NULL);
    free(me);
}

static void owner_thread_exit(void *arg)
{
    owner *me = (owner *)arg;
    if (me == NULL) {
        return;
    }
    this_owner = me;
    /* The objects that reach zero here are freed by the runtime on the thread's behalf, as CPython does at thread
       exit with the thread state still attached: no allocator call below is a missing-thread-state misuse. */
    int was_attached = ftb_tstate_attached;
    ftb_tstate_attached = 1;
    ftb_brc_unregister_thread();
    ftb_tstate_attached = was_attached;
}

/* Hands an object whose shared count hit zero to its owner, or merges it here when the owner is gone. */
static void queue_to_owner(PyObject *op)
{
    uintptr_t tid = __atomic_load_n(&op->ob_tid, __ATOMIC_RELAXED);
    pthread_mutex_lock(&owners_lock);
    owner *o = tid != 0 ? find_owner_locked(tid) : NULL;
    if (o != NULL) {
        if (o->length == o->capacity) {
            size_t cap = o->capacity ? o->capacity * 2 : 16;
            PyObject **grown = realloc(o->queue, cap * sizeof *grown);
            if (grown == NULL) {
                pthread_mutex_unlock(&owners_lock);
                ftb_fatal("_Py_DecRefShared", "out of memory queueing an object to its owner thread");
                return;
            }
            o->queue = grown;
            o->capacity = cap;
        }
        o->queue[o->length++] = op;
        pthread_mutex_unlock(&owners_lock);
        return;
    }
    pthread_mutex_unlock(&owners_lock);
    Py_ssize_t count = explicit_merge(op, -1);
    if (count == 0) {
        _Py_Dealloc(op);
    } else if (count < 0) {
        report_negative("_Py_DecRefShared", op);
    }
}

static void decref_shared(PyObject *op, const char *function)
{
    if (ftb_checked && ftb_is_freed(op)) {
        ftb_decref_freed(op, "Py_DECREF");
        return;
    }
    Py_ssize_t shared = __atomic_load_n(&op->ob_ref_shared, __ATOMIC_RELAXED);
    Py_ssize_t updated;
    int queue;
    do {
        /* Nothing shared to take from and not merged yet: the owner's half holds this reference. The queue keeps
           it until the owner merges, so the decrement is applied then. */
        queue = shared == _Py_REF_SHARED_INIT || shared == _Py_REF_MAYBE_WEAKREF;
        updated = queue ? _Py_REF_QUEUED : shared - ((Py_ssize_t)1 << _Py_REF_SHARED_SHIFT);
    } while (!__atomic_compare_exchange_n(&op->ob_ref_shared, &shared, updated, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
    if (queue) {
        queue_to_owner(op);
    } else if (updated == _Py_REF_MERGED) {
        _Py_Dealloc(op);
    } else if ((updated & _Py_REF_SHARED_FLAG_MASK) == _Py_REF_MERGED && (updated >> _Py_REF_SHARED_SHIFT) < 0) {
        /* Only a merged count is the whole count. Before merging, the shared half may legitimately go negative:
           references the owner counted locally were released by other threads. */
        report_negative(function, op);
    }
}

#undef _Py_DecRefShared
void _Py_DecRefShared(PyObject *op)
{
    FTB_ENTER_NATIVE();
    decref_shared(op, "_Py_DecRefShared");
    FTB_LEAVE_NATIVE();
}

#undef _Py_DecRefSharedDebug
void _Py_DecRefSharedDebug(PyObject *op, const char *filename, int lineno)
{
    FTB_ENTER_NATIVE();
    decref_shared(op, "_Py_DecRefSharedDebug");
    FTB_LEAVE_NATIVE();
}

static void merge_zero_local(PyObject *op);

#undef _Py_MergeZeroLocalRefcount
void _Py_MergeZeroLocalRefcount(PyObject *op)
{
    FTB_ENTER_NATIVE();
    merge_zero_local(op);
    FTB_LEAVE_NATIVE();
}

static void merge_zero_local(PyObject *op)
{
    Py_ssize_t shared = __atomic_load_n(&op->ob_ref_shared, __ATOMIC_ACQUIRE);
    if (shared == 0) {
        /* Nobody else ever took a reference: the object dies with its owner's last one. */
        _Py_Dealloc(op);
        return;
    }
    /* Give up ownership before publishing the merged flag, so later decrefs take the shared path. */
    __atomic_store_n(&op->ob_tid, (uintptr_t)0, __ATOMIC_RELAXED);
    Py_ssize_t merged;
    do {
        merged = (shared & ~(Py_ssize_t)_Py_REF_SHARED_FLAG_MASK) | _Py_REF_MERGED;
    } while (!__atomic_compare_exchange_n(&op->ob_ref_shared, &shared, merged, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
    if (merged == _Py_REF_MERGED) {
        _Py_Dealloc(op);
    } else if (merged < 0) {
        report_negative("_Py_MergeZeroLocalRefcount", op);
    }
}

#undef _Py_NegativeRefcount
void _Py_NegativeRefcount(const char *filename, int lineno, PyObject *op)
{
    char msg[256];
    snprintf(msg, sizeof msg, "%s:%d: object at %p has a negative reference count", filename, lineno, (void *)op);
    ftb_fatal("_Py_NegativeRefcount", msg);
}

#undef Py_IncRef
void Py_IncRef(PyObject *op)
{
    Py_XINCREF(op);
}

#undef Py_DecRef
void Py_DecRef(PyObject *op)
{
    FTB_ENTER_NATIVE();
    Py_XDECREF(op);
    FTB_LEAVE_NATIVE();
}

#undef _Py_IncRef
void _Py_IncRef(PyObject *op)
{
    Py_INCREF(op);
}

#undef _Py_DecRef
void _Py_DecRef(PyObject *op)
{
    FTB_ENTER_NATIVE();
    Py_DECREF(op);
    FTB_LEAVE_NATIVE();
}

#undef Py_NewRef
PyObject *Py_NewRef(PyObject *op)
{
    Py_INCREF(op);
    return op;
}

#undef Py_XNewRef
PyObject *Py_XNewRef(PyObject *op)
{
    Py_XINCREF(op);
    return op;
}

#undef _Py_SetRefcnt
void _Py_SetRefcnt(PyObject *op, Py_ssize_t refcnt)
{
    Py_SET_REFCNT(op, refcnt);
}

#undef _Py_GetThreadLocal_Addr
uintptr_t _Py_GetThreadLocal_Addr(void)
{
    return _Py_ThreadId();
}

/* ---- 3.14 free-threading reference APIs ---- */

#undef PyUnstable_IsImmortal
int PyUnstable_IsImmortal(PyObject *op)
{
    return _Py_IsImmortal(op);
}

#undef PyUnstable_Object_IsUniquelyReferenced
int PyUnstable_Object_IsUniquelyReferenced(PyObject *op)
{
    if (!_Py_IsOwnedByCurrentThread(op)) {
        return 0;
    }
    return __atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED) == 1
        && __atomic_load_n(&op->ob_ref_shared, __ATOMIC_RELAXED) == 0;
}

/* 3.14: whether op's only reference is a temporary on the calling Python frame's evaluation stack. The runtime runs
   no bytecode, so there is no such stack and no reference is ever one of its temporaries: 0, which is also what
   CPython answers when no Python frame is running. */
#undef PyUnstable_Object_IsUniqueReferencedTemporary
int PyUnstable_Object_IsUniqueReferencedTemporary(PyObject *op)
{
    (void)op;
    return 0;
}

/* Takes a reference only if the object is not already on its way to deallocation. */
#undef PyUnstable_TryIncRef
int PyUnstable_TryIncRef(PyObject *op)
{
    uint32_t local = __atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED);
    if (local == _Py_IMMORTAL_REFCNT_LOCAL) {
        return 1;
    }
    if (_Py_IsOwnedByCurrentThread(op)) {
        __atomic_store_n(&op->ob_ref_local, local + 1, __ATOMIC_RELAXED);
        return 1;
    }
    Py_ssize_t shared = __atomic_load_n(&op->ob_ref_shared, __ATOMIC_RELAXED);
    for (;;) {
        if (shared == 0 || shared == _Py_REF_MERGED) {
            return 0;
        }
        if (__atomic_compare_exchange_n(&op->ob_ref_shared, &shared, shared + ((Py_ssize_t)1 << _Py_REF_SHARED_SHIFT),
                                        0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
            return 1;
        }
    }
}

/* Marks the object so a shared count reaching zero queues it instead of letting TryIncRef see a false zero. */
#undef PyUnstable_EnableTryIncRef
void PyUnstable_EnableTryIncRef(PyObject *op)
{
    Py_ssize_t shared = __atomic_load_n(&op->ob_ref_shared, __ATOMIC_RELAXED);
    while ((shared & _Py_REF_SHARED_FLAG_MASK) == 0) {
        if (__atomic_compare_exchange_n(&op->ob_ref_shared, &shared, shared | _Py_REF_MAYBE_WEAKREF, 0,
                                        __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
            return;
        }
    }
}

/* This runtime has no deferred reference counting; CPython documents 0 as "not supported / hint ignored". */
#undef PyUnstable_Object_EnableDeferredRefcount
int PyUnstable_Object_EnableDeferredRefcount(PyObject *op)
{
    return 0;
}

/* Reference counting for the Java side, with the same inline algorithms the headers give extensions, so Java
   and C agree on ownership (ob_tid) and on when an object dies. */
FTB_EXPORT void ftb_incref(PyObject *op) { Py_INCREF(op); }

FTB_EXPORT void ftb_decref(PyObject *op) { Py_DECREF(op); }

/* ---- singletons and identity ---- */

/* Their type objects are generated storage the runtime fills in at start-up. */
PyObject _Py_NoneStruct = FTB_IMMORTAL_HEADER(&_PyNone_Type);
PyObject _Py_NotImplementedStruct = FTB_IMMORTAL_HEADER(&_PyNotImplemented_Type);

#undef Py_Is
int Py_Is(PyObject *x, PyObject *y)
{
    return x == y;
}

#undef Py_IsNone
int Py_IsNone(PyObject *x)
{
    return x == Py_None;
}

/* CPython's rule: search the MRO tuple when the type has one; before that, follow tp_base (and everything
   derives from object). The runtime keeps tp_mro filled for types with several bases. */
#undef PyType_IsSubtype
int PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b)
{
    PyObject *mro = a->tp_mro;
    if (mro != NULL) {
        Py_ssize_t n = PyTuple_GET_SIZE(mro);
        for (Py_ssize_t i = 0; i < n; i++) {
            if (PyTuple_GET_ITEM(mro, i) == (PyObject *)b) {
                return 1;
            }
        }
        return 0;
    }
    for (PyTypeObject *t = a; t != NULL; t = t->tp_base) {
        if (t == b) {
            return 1;
        }
    }
    return b == &PyBaseObject_Type;
}

/* ---- hashing, printing, finalization ---- */

#define GC_BIT_FINALIZED 2 /* _PyGC_BITS_FINALIZED in ob_gc_bits of the free-threaded build */

int PyObject_Print(PyObject *op, FILE *fp, int flags)
{
    if (PyErr_CheckSignals() || Py_EnterRecursiveCall(" printing an object")) {
        return -1;
    }
    int ret = 0, write_error = 0;
    clearerr(fp);
    if (op == NULL) {
        Py_BEGIN_ALLOW_THREADS
        fputs("<nil>", fp);
        Py_END_ALLOW_THREADS
    }
    else if (Py_REFCNT(op) <= 0) {
        Py_BEGIN_ALLOW_THREADS
        fprintf(fp, "<refcnt %zd at %p>", Py_REFCNT(op), (void *)op);
        Py_END_ALLOW_THREADS
    }
    else {
        PyObject *s = (flags & Py_PRINT_RAW) ? PyObject_Str(op) : PyObject_Repr(op);
        Py_ssize_t len;
        const char *t = s != NULL ? PyUnicode_AsUTF8AndSize(s, &len) : NULL;
        if (t == NULL) {
            ret = -1;
        }
        else if (fwrite(t, 1, len, fp) != (size_t)len) {
            write_error = 1;
        }
        Py_XDECREF(s);
    }
    Py_LeaveRecursiveCall();
    if (ret == 0 && (write_error || ferror(fp))) {
        PyErr_SetFromErrno(PyExc_OSError);
        clearerr(fp);
        ret = -1;
    }
    return ret;
}

void PyObject_CallFinalizer(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    if (tp->tp_finalize == NULL) {
        return;
    }
    int gc = PyType_HasFeature(tp, Py_TPFLAGS_HAVE_GC);
    if (gc && (self->ob_gc_bits & GC_BIT_FINALIZED)) {
        return;
    }
    tp->tp_finalize(self);
    if (gc) {
        __atomic_or_fetch(&self->ob_gc_bits, GC_BIT_FINALIZED, __ATOMIC_RELAXED);
    }
}

int PyObject_CallFinalizerFromDealloc(PyObject *self)
{
    /* resurrect with one reference owned by this thread for the finalizer's duration */
    __atomic_store_n(&self->ob_tid, _Py_ThreadId(), __ATOMIC_RELAXED);
    __atomic_store_n(&self->ob_ref_local, 1, __ATOMIC_RELAXED);
    __atomic_store_n(&self->ob_ref_shared, 0, __ATOMIC_RELAXED);
    PyObject_CallFinalizer(self);
    uint32_t local = __atomic_load_n(&self->ob_ref_local, __ATOMIC_RELAXED) - 1;
    __atomic_store_n(&self->ob_ref_local, local, __ATOMIC_RELAXED);
    Py_ssize_t shared = __atomic_load_n(&self->ob_ref_shared, __ATOMIC_ACQUIRE);
    if (local == 0 && (shared >> _Py_REF_SHARED_SHIFT) == 0) {
        return 0; /* still dead: the caller goes on deallocating */
    }
    if (local == 0) {
        /* only other threads hold it now: give up ownership as a merge would */
        __atomic_store_n(&self->ob_tid, (uintptr_t)0, __ATOMIC_RELAXED);
        Py_ssize_t merged;
        do {
            merged = (shared & ~(Py_ssize_t)_Py_REF_SHARED_FLAG_MASK) | _Py_REF_MERGED;
        } while (!__atomic_compare_exchange_n(&self->ob_ref_shared, &shared, merged, 0, __ATOMIC_SEQ_CST,
                                              __ATOMIC_RELAXED));
    }
    return -1; /* the finalizer resurrected it */
}

/* ---- the trashcan (Py_TRASHCAN_BEGIN/END) ---- */

/* The trashcan's slots in a thread-state block (bridge_tstate.c), where real-header binaries look. 3.14's
   Py_TRASHCAN_BEGIN/END expand to nothing and its struct _ts has no C recursion counter. */
static void count_c_recursion(PyThreadState *tstate, int delta)
{
#if PY_VERSION_HEX < 0x030E0000
    tstate->c_recursion_remaining += delta;
#else
    (void)tstate;
    (void)delta;
#endif
}

static PyObject **delete_later(PyThreadState *tstate)
{
    return &tstate->delete_later;
}

/* A dead object's ob_tid is free to carry the link, as in CPython's free-threaded build. */
#undef _PyTrash_thread_deposit_object
void _PyTrash_thread_deposit_object(PyThreadState *tstate, PyObject *op)
{
    op->ob_tid = (uintptr_t)*delete_later(tstate);
    *delete_later(tstate) = op;
}

#undef _PyTrash_thread_destroy_chain
void _PyTrash_thread_destroy_chain(PyThreadState *tstate)
{
    while (*delete_later(tstate) != NULL) {
        PyObject *op = *delete_later(tstate);
        *delete_later(tstate) = (PyObject *)op->ob_tid;
        op->ob_tid = 0;
        __atomic_store_n(&op->ob_ref_shared, (Py_ssize_t)_Py_REF_MERGED, __ATOMIC_RELAXED);
        destructor dealloc = Py_TYPE(op)->tp_dealloc;
        count_c_recursion(tstate, -1);
        dealloc(op);
        count_c_recursion(tstate, 1);
    }
}
