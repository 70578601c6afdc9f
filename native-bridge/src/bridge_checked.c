/* Checked mode (docs/runtime.md "Checked mode"): where each object was allocated, the list of live objects that
 * leak checks walk, and a quarantine where freed objects stay mapped with their type replaced by a poison type,
 * so using one after its free is a report naming its type and the code that freed it, not a silent read of
 * recycled memory. Off unless the runtime switches it on before its first allocation. */
#define _GNU_SOURCE
#include <link.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bridge_checked.h"

int ftb_checked;
__thread void *ftb_caller;

/* Mapped address ranges: the bridge's own, and those of the extension modules loaded (append-only). */
typedef struct {
    uintptr_t lo, hi;
} code_range;

#define MAX_EXTENSIONS 256
#define MAX_WRITABLE 4
static code_range bridge_range;
static code_range extension_ranges[MAX_EXTENSIONS];
/* Each extension's writable segments (.data, .bss): where its global variables live. */
static code_range extension_data[MAX_EXTENSIONS][MAX_WRITABLE];
static _Atomic int extension_count;

typedef struct {
    uintptr_t address;
    code_range found;
    code_range writable[MAX_WRITABLE];
} range_query;

static int find_object(struct dl_phdr_info *info, size_t size, void *data)
{
    range_query *q = data;
    uintptr_t lo = UINTPTR_MAX, hi = 0;
    code_range writable[MAX_WRITABLE] = {{0, 0}};
    int w = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD) {
            uintptr_t start = info->dlpi_addr + ph->p_vaddr;
            lo = start < lo ? start : lo;
            hi = start + ph->p_memsz > hi ? start + ph->p_memsz : hi;
            if ((ph->p_flags & PF_W) && w < MAX_WRITABLE) {
                writable[w].lo = start;
                writable[w++].hi = start + ph->p_memsz;
            }
        }
    }
    if (q->address >= lo && q->address < hi) {
        q->found.lo = lo;
        q->found.hi = hi;
        memcpy(q->writable, writable, sizeof writable);
        return 1;
    }
    return 0;
}

static range_query object_of(void *address)
{
    range_query q;
    memset(&q, 0, sizeof q);
    q.address = (uintptr_t)address;
    dl_iterate_phdr(find_object, &q);
    return q;
}

static code_range range_of(void *address) { return object_of(address).found; }

/* The runtime loaded an extension: code in the object holding `address` is extension code from now on. */
FTB_EXPORT void ftb_register_extension(void *address)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    range_query q = object_of(address);
    pthread_mutex_lock(&lock);
    int n = atomic_load(&extension_count);
    if (q.found.hi != 0 && n < MAX_EXTENSIONS) {
        extension_ranges[n] = q.found;
        memcpy(extension_data[n], q.writable, sizeof q.writable);
        atomic_store(&extension_count, n + 1);
    }
    pthread_mutex_unlock(&lock);
}

static int in_range(code_range r, uintptr_t a) { return a >= r.lo && a < r.hi; }

/* The index of the extension whose code holds a, or -1. */
static int extension_at(uintptr_t a)
{
    int n = atomic_load_explicit(&extension_count, memory_order_acquire);
    for (int i = 0; i < n; i++) {
        if (in_range(extension_ranges[i], a)) {
            return i;
        }
    }
    return -1;
}

static int in_extension(uintptr_t a) { return extension_at(a) >= 0; }

/* The writable segments of big extensions are not scanned on every free. */
#define MAX_SCANNED_GLOBALS ((uintptr_t)256 << 10)

/* A global variable of the extension whose code is freeing op that still points to op, or NULL: the mark of a
 * shared cache released before it is replaced. */
static void *global_pointing_to(void *op, void *freeing_code)
{
    int x = freeing_code != NULL ? extension_at((uintptr_t)freeing_code) : -1;
    if (x < 0) {
        return NULL;
    }
    for (int s = 0; s < MAX_WRITABLE; s++) {
        code_range r = extension_data[x][s];
        if (r.hi <= r.lo || r.hi - r.lo > MAX_SCANNED_GLOBALS) {
            continue;
        }
        for (void **p = (void **)((r.lo + 7) & ~(uintptr_t)7); (uintptr_t)(p + 1) <= r.hi; p++) {
            if (*p == op) {
                return p;
            }
        }
    }
    return NULL;
}

/* The bridge is built with frame pointers, so from a bridge function's frame the return addresses up the chain
 * can be read until one lands in an extension: the C call site behind a bridge function that called another. */
void *ftb_site(void *frame)
{
    void **fp = frame;
    for (int depth = 0; fp != NULL && depth < 8; depth++) {
        uintptr_t ret = (uintptr_t)fp[1];
        if (in_extension(ret)) {
            return (void *)ret;
        }
        if (!in_range(bridge_range, ret)) {
            break; /* Java code or a library: the caller recorded before is the one */
        }
        fp = fp[0];
    }
    return ftb_caller;
}

/* ---- the live-object list, sharded so threads allocating at once rarely share a lock ---- */

#define SHARDS 64

typedef struct {
    pthread_mutex_t lock;
    ftb_extra head; /* circular, head.next is the oldest */
} shard;

static shard shards[SHARDS];
/* Allocations are stamped with the current epoch; a leak check's mark starts a new one. A read-mostly counter,
 * so allocating threads do not contend on it. */
static _Atomic uint64_t alloc_epoch = 1;

static shard *shard_of(ftb_extra *e) { return &shards[((uintptr_t)e >> 7) % SHARDS]; }

FTB_EXPORT int ftb_set_checked(int on)
{
    if (ftb_block_count() != 0) {
        return -1; /* the header layout is fixed once a block exists */
    }
    for (int i = 0; i < SHARDS; i++) {
        pthread_mutex_init(&shards[i].lock, NULL);
        shards[i].head.prev = shards[i].head.next = &shards[i].head;
    }
    bridge_range = range_of((void *)&ftb_set_checked);
    ftb_checked = on != 0;
    return 0;
}

FTB_EXPORT int ftb_is_checked(void) { return ftb_checked; }

void ftb_extra_init(ftb_extra *e, void *site)
{
    memset(e, 0, sizeof *e);
    e->alloc_site = site;
    e->alloc_thread = _Py_ThreadId();
    e->alloc_seq = atomic_load_explicit(&alloc_epoch, memory_order_relaxed);
}

void ftb_live_link(ftb_extra *e)
{
    shard *s = shard_of(e);
    pthread_mutex_lock(&s->lock);
    e->next = &s->head;
    e->prev = s->head.prev;
    s->head.prev->next = e;
    s->head.prev = e;
    pthread_mutex_unlock(&s->lock);
}

void ftb_live_unlink(ftb_extra *e)
{
    if (e->next == NULL) {
        return;
    }
    shard *s = shard_of(e);
    pthread_mutex_lock(&s->lock);
    e->prev->next = e->next;
    e->next->prev = e->prev;
    e->prev = e->next = NULL;
    pthread_mutex_unlock(&s->lock);
}

/* Ends the current epoch: objects allocated from now on have a later stamp than the value returned. */
FTB_EXPORT uint64_t ftb_alloc_mark(void) { return atomic_fetch_add(&alloc_epoch, 1); }

/* Fills out[] with up to cap live objects allocated after mark; returns how many there are in all. */
FTB_EXPORT int64_t ftb_live_since(uint64_t mark, void **out, int64_t cap)
{
    int64_t n = 0;
    for (int i = 0; i < SHARDS; i++) {
        shard *s = &shards[i];
        pthread_mutex_lock(&s->lock);
        for (ftb_extra *e = s->head.next; e != &s->head; e = e->next) {
            if (e->alloc_seq > mark) {
                if (n < cap) {
                    out[n] = ftb_extra_object(e);
                }
                n++;
            }
        }
        pthread_mutex_unlock(&s->lock);
    }
    return n;
}

/* Where an object was allocated (the C code address), 0 when not checked or unknown. */
FTB_EXPORT void *ftb_alloc_site(void *op)
{
    ftb_extra *e = ftb_checked ? ftb_extra_of(op) : NULL;
    return e != NULL ? e->alloc_site : NULL;
}

/* ---- the quarantine: each thread's ring of the objects it freed, the oldest really freed when it is full ----
 * Per thread, so freeing threads do not contend on a lock; a thread's ring outlives it for a while (it joins the
 * orphans, the oldest of which are released), so a use after its exit is still caught. */

#define QUARANTINE_SLOTS 16384
#define QUARANTINE_BYTES ((size_t)64 << 20)
#define MAX_ORPHANS 8

typedef struct quarantined {
    void *op;
    char type_name[56];
} quarantined;

typedef struct qring {
    quarantined *slots;
    size_t next, used, bytes;
    struct qring *older; /* the orphan list */
} qring;

static __thread qring *my_ring;
static pthread_key_t ring_key;
static pthread_once_t ring_key_once = PTHREAD_ONCE_INIT;
static qring *orphans; /* newest first */
static int orphan_count;
static pthread_mutex_t orphans_lock = PTHREAD_MUTEX_INITIALIZER;

static void evict_oldest(qring *r)
{
    size_t oldest = (r->next + QUARANTINE_SLOTS - r->used) % QUARANTINE_SLOTS;
    void *op = r->slots[oldest].op;
    r->slots[oldest].op = NULL;
    r->used--;
    r->bytes -= ftb_block_size(op);
    ftb_block_release(op);
}

static void release_ring(qring *r)
{
    while (r->used > 0) {
        evict_oldest(r);
    }
    free(r->slots);
    free(r);
}

/* Thread exit: the ring becomes an orphan; past MAX_ORPHANS the oldest orphan's objects are really freed. */
static void adopt_orphan(void *arg)
{
    qring *r = arg, *drop = NULL;
    pthread_mutex_lock(&orphans_lock);
    r->older = orphans;
    orphans = r;
    if (++orphan_count > MAX_ORPHANS) {
        qring **pp = &orphans;
        while ((*pp)->older != NULL) {
            pp = &(*pp)->older;
        }
        drop = *pp;
        *pp = NULL;
        orphan_count--;
    }
    pthread_mutex_unlock(&orphans_lock);
    if (drop != NULL) {
        release_ring(drop);
    }
}

static void make_ring_key(void) { pthread_key_create(&ring_key, adopt_orphan); }

static qring *ring_of_this_thread(void)
{
    if (my_ring == NULL) {
        qring *r = calloc(1, sizeof *r);
        quarantined *slots = calloc(QUARANTINE_SLOTS, sizeof *slots);
        if (r == NULL || slots == NULL) {
            free(r);
            free(slots);
            return NULL;
        }
        r->slots = slots;
        pthread_once(&ring_key_once, make_ring_key);
        pthread_setspecific(ring_key, r);
        my_ring = r;
    }
    return my_ring;
}

/* Why the object is being freed, set around container operations that drop items (0: a plain release). */
static __thread const char *free_note;

FTB_EXPORT void ftb_note_free(const char *note) { free_note = note; }

void ftb_quarantine(void *p, const char *api)
{
    PyObject *op = (PyObject *)p;
    ftb_extra *e = ftb_extra_of(p);
    PyTypeObject *type = Py_TYPE(op);
    e->free_site = ftb_caller;
    e->free_global = global_pointing_to(p, ftb_caller);
    e->free_note = free_note;
    e->free_thread = _Py_ThreadId();
    qring *r = ring_of_this_thread();
    if (r == NULL) {
        ftb_block_release(p);
        return;
    }
    size_t size = ftb_block_size(p);
    while (r->used > 0 && (r->used == QUARANTINE_SLOTS || r->bytes + size > QUARANTINE_BYTES)) {
        evict_oldest(r);
    }
    quarantined *q = &r->slots[r->next];
    e->quarantine_slot = q;
    r->next = (r->next + 1) % QUARANTINE_SLOTS;
    r->used++;
    r->bytes += size;
    q->op = p;
    snprintf(q->type_name, sizeof q->type_name, "%s",
             type != NULL && type->tp_name != NULL ? type->tp_name : "<no type>");
    /* No thread owns it and its type is the poison type: every further use lands in a reporting slot or in a
       checked entry point. The rest of the memory is kept as it was, so pointers read from it stay valid. */
    __atomic_store_n(&op->ob_tid, (uintptr_t)0, __ATOMIC_RELAXED);
    __atomic_store_n(&op->ob_ref_local, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&op->ob_ref_shared, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&op->ob_type, &ftb_FreedType, __ATOMIC_RELEASE);
}

/* ---- reports ---- */

typedef void (*ftb_object_report_fn)(const char *kind, const char *api, const char *message, const char *note,
                                     PyObject *op, void *caller, void *alloc_site, void *free_site,
                                     uintptr_t alloc_thread, uintptr_t free_thread, void *free_global);
static ftb_object_report_fn object_report_hook;

FTB_EXPORT void ftb_set_object_report_hook(ftb_object_report_fn hook) { object_report_hook = hook; }

static void report_object(const char *kind, const char *api, const char *message, ftb_extra *e, PyObject *op)
{
    ftb_object_report_fn hook = object_report_hook;
    if (hook == NULL) {
        ftb_report(kind, api, message);
        return;
    }
    hook(kind, api, message, e->free_note, op, ftb_caller, e->alloc_site, e->free_site, e->alloc_thread,
         e->free_thread, e->free_global);
}

/* The freed object's type name, kept in its quarantine slot (read without the freeing thread's cooperation: a
 * report about an object being evicted at that moment may name another type, never crash). */
static const char *freed_type_name(ftb_extra *e)
{
    const quarantined *q = e->quarantine_slot;
    return q != NULL && q->op == ftb_extra_object(e) ? q->type_name : "<evicted>";
}

void ftb_dealloc_starts(PyObject *op)
{
    __atomic_store_n(&op->ob_tid, _Py_ThreadId(), __ATOMIC_RELAXED);
    if (!_Py_IsImmortal(op)) {
        ftb_extra *e = ftb_extra_of(op);
        e->free_site = ftb_caller;
        e->free_thread = _Py_ThreadId();
        e->free_global = global_pointing_to(op, ftb_caller);
        e->free_note = free_note;
    }
}

/* Reports a use of a quarantined object, or of one another thread is deallocating, and raises SystemError for
 * the caller's error path. */
void ftb_use_after_free(PyObject *op, const char *api)
{
    ftb_extra *e = ftb_extra_of(op);
    int dying = !ftb_is_freed(op);
    const char *type = !dying ? freed_type_name(e)
                       : Py_TYPE(op) != NULL && Py_TYPE(op)->tp_name != NULL ? Py_TYPE(op)->tp_name : "<no type>";
    char msg[512];
    snprintf(msg, sizeof msg, "%s was given an object of type %s at %p that %s", api, type, (void *)op,
             dying ? "another thread was deallocating (its reference count had reached zero)"
                   : "was already freed");
    report_object("use-after-free", api, msg, e, op);
    if (ftb_tstate_attached) {
        PyErr_Format(PyExc_SystemError, "ftcheck: %s was given a freed object (type %s)", api, type);
    }
}

void ftb_check_after_call(PyObject *op, const char *api)
{
    if (op == NULL) {
        return;
    }
    if (ftb_is_dying_elsewhere(op) || (ftb_is_freed(op) && ftb_extra_of(op)->free_thread != _Py_ThreadId())) {
        PyObject *pending = ftb_tstate_attached ? PyErr_GetRaisedException() : NULL;
        ftb_use_after_free(op, api);
        if (pending != NULL) {
            PyErr_SetRaisedException(pending); /* the call's own error stays the one the caller sees */
        }
    }
}

/* A Py_DECREF of an object already freed: the count went below zero. */
void ftb_decref_freed(PyObject *op, const char *api)
{
    ftb_extra *e = ftb_extra_of(op);
    char msg[512];
    snprintf(msg, sizeof msg, "Py_DECREF of an object of type %s at %p that was already freed: its reference count"
             " went below zero (one release too many)", freed_type_name(e), (void *)op);
    report_object("refcount-underflow", api, msg, e, op);
}

/* A block freed twice: the second free of a quarantined object. */
void ftb_double_free(void *p, const char *api)
{
    ftb_extra *e = ftb_extra_of(p);
    char msg[512];
    snprintf(msg, sizeof msg, "%s of an object of type %s at %p that was already freed (a second release)", api,
             freed_type_name(e), p);
    report_object("refcount-underflow", api, msg, e, (PyObject *)p);
}

/* ---- the poison type: every slot reports the use and fails ---- */

static PyObject *freed_unary(PyObject *a)
{
    ftb_use_after_free(a, "a slot of the object");
    return NULL;
}

static PyObject *freed_binary(PyObject *a, PyObject *b)
{
    ftb_use_after_free(ftb_is_freed(a) ? a : b, "a number or sequence slot");
    return NULL;
}

static PyObject *freed_ternary(PyObject *a, PyObject *b, PyObject *c)
{
    ftb_use_after_free(ftb_is_freed(a) ? a : ftb_is_freed(b) ? b : c, "a slot of the object");
    return NULL;
}

static int freed_inquiry(PyObject *a)
{
    ftb_use_after_free(a, "a truth or length slot");
    return -1;
}

static Py_ssize_t freed_len(PyObject *a)
{
    ftb_use_after_free(a, "len()");
    return -1;
}

static PyObject *freed_item(PyObject *a, Py_ssize_t i)
{
    ftb_use_after_free(a, "sq_item");
    return NULL;
}

static int freed_ass_item(PyObject *a, Py_ssize_t i, PyObject *v)
{
    ftb_use_after_free(a, "sq_ass_item");
    return -1;
}

static int freed_ass_sub(PyObject *a, PyObject *k, PyObject *v)
{
    ftb_use_after_free(a, "mp_ass_subscript / tp_setattro");
    return -1;
}

static int freed_contains(PyObject *a, PyObject *k)
{
    ftb_use_after_free(a, "sq_contains");
    return -1;
}

static Py_hash_t freed_hash(PyObject *a)
{
    ftb_use_after_free(a, "tp_hash");
    return -1;
}

static PyObject *freed_call(PyObject *a, PyObject *args, PyObject *kw)
{
    ftb_use_after_free(a, "tp_call");
    return NULL;
}

static PyObject *freed_compare(PyObject *a, PyObject *b, int op)
{
    ftb_use_after_free(ftb_is_freed(a) ? a : b, "tp_richcompare");
    return NULL;
}

static int freed_getbuffer(PyObject *a, Py_buffer *view, int flags)
{
    ftb_use_after_free(a, "bf_getbuffer");
    return -1;
}

static int freed_init(PyObject *a, PyObject *args, PyObject *kw)
{
    ftb_use_after_free(a, "tp_init");
    return -1;
}

/* Only reached if increfs of the freed object were balanced by decrefs (each decref already reported). */
static void freed_dealloc(PyObject *a) {}

static PyNumberMethods freed_as_number = {
    .nb_add = freed_binary, .nb_subtract = freed_binary, .nb_multiply = freed_binary,
    .nb_remainder = freed_binary, .nb_divmod = freed_binary, .nb_power = freed_ternary,
    .nb_negative = freed_unary, .nb_positive = freed_unary, .nb_absolute = freed_unary,
    .nb_bool = freed_inquiry, .nb_invert = freed_unary, .nb_lshift = freed_binary, .nb_rshift = freed_binary,
    .nb_and = freed_binary, .nb_xor = freed_binary, .nb_or = freed_binary, .nb_int = freed_unary,
    .nb_float = freed_unary, .nb_inplace_add = freed_binary, .nb_inplace_subtract = freed_binary,
    .nb_inplace_multiply = freed_binary, .nb_inplace_remainder = freed_binary, .nb_inplace_power = freed_ternary,
    .nb_inplace_lshift = freed_binary, .nb_inplace_rshift = freed_binary, .nb_inplace_and = freed_binary,
    .nb_inplace_xor = freed_binary, .nb_inplace_or = freed_binary, .nb_floor_divide = freed_binary,
    .nb_true_divide = freed_binary, .nb_inplace_floor_divide = freed_binary,
    .nb_inplace_true_divide = freed_binary, .nb_index = freed_unary, .nb_matrix_multiply = freed_binary,
    .nb_inplace_matrix_multiply = freed_binary,
};

static PySequenceMethods freed_as_sequence = {
    .sq_length = freed_len, .sq_concat = freed_binary, .sq_item = freed_item, .sq_ass_item = freed_ass_item,
    .sq_contains = freed_contains, .sq_inplace_concat = freed_binary,
};

static PyMappingMethods freed_as_mapping = {
    .mp_length = freed_len, .mp_subscript = freed_binary, .mp_ass_subscript = freed_ass_sub,
};

static PyBufferProcs freed_as_buffer = {.bf_getbuffer = freed_getbuffer};

PyTypeObject ftb_FreedType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ftcheck.freed_object",
    .tp_basicsize = sizeof(PyObject),
    .tp_dealloc = freed_dealloc,
    .tp_repr = freed_unary,
    .tp_str = freed_unary,
    .tp_as_number = &freed_as_number,
    .tp_as_sequence = &freed_as_sequence,
    .tp_as_mapping = &freed_as_mapping,
    .tp_as_buffer = &freed_as_buffer,
    .tp_hash = freed_hash,
    .tp_call = freed_call,
    .tp_getattro = freed_binary,
    .tp_setattro = freed_ass_sub,
    .tp_richcompare = freed_compare,
    .tp_iter = freed_unary,
    .tp_iternext = freed_unary,
    .tp_init = freed_init,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

/* ---- what an object refers to, for the leak check's cycle search ---- */

typedef struct {
    PyObject **out;
    int cap, n;
} referents;

static int collect(PyObject *o, void *arg)
{
    referents *r = arg;
    if (o != NULL) {
        if (r->n < r->cap) {
            r->out[r->n] = o;
        }
        r->n++;
    }
    return 0;
}

/* Runs the type's tp_traverse into out[]; returns how many objects it visited (-1: the type has none). */
FTB_EXPORT int ftb_traverse(PyObject *op, PyObject **out, int cap)
{
    traverseproc traverse = Py_TYPE(op)->tp_traverse;
    if (traverse == NULL) {
        return -1;
    }
    referents r = {out, cap, 0};
    traverse(op, collect, &r);
    return r.n;
}

/* The extension code address of the innermost C-API call in progress on this thread (0 outside one). */
FTB_EXPORT void *ftb_current_caller(void) { return ftb_caller; }
