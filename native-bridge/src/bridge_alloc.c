/* The three allocator domains (raw, mem, object) with per-block domain tags, in the manner of CPython's debug
 * hooks: every block carries a header naming the API that allocated it and trailing guard bytes, so a free or
 * realloc through the wrong domain, a clobbered guard, or an object-domain block that never became an object is
 * reported instead of silently corrupting the heap. Reports go to the Java side through ftb_report(). The C-API
 * faces are in ftb_pymem.c (PyMem_Raw*, PyMem_*) and ftb_objimpl.c (PyObject_Malloc & co.). */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bridge_checked.h"

#define FTB_BLOCK_MAGIC 0x46544231u /* "FTB1" */
#define FTB_DEAD_MAGIC 0x44454144u  /* "DEAD": set on free so a second free is caught */
#define FTB_QUARANTINE_MAGIC 0x51524E54u /* "QRNT": a freed object kept poisoned (checked mode) */
#define FTB_GUARD_BYTE 0xFD
#define FTB_GUARD_LEN 8
#define FTB_FLAG_OBJECT 1u
#define FTB_FLAG_IMMORTAL 2u /* made immortal: no longer counted as a live object */

typedef struct {
    uint64_t size;
    uint32_t magic;
    uint8_t domain; /* 'r', 'm' or 'o' */
    uint8_t flags;
    uint16_t unused;
} ftb_block;

_Static_assert(sizeof(ftb_block) == FTB_BLOCK_HEADER, "block header keeps 16-byte alignment of user pointers");

static _Atomic int64_t live_objects;
static _Atomic int64_t live_blocks[3];

__thread int ftb_tstate_attached;

static int domain_index(char d) { return d == 'r' ? 0 : d == 'm' ? 1 : 2; }

static ftb_block *header_of(void *p) { return (ftb_block *)((char *)p - sizeof(ftb_block)); }

/* What precedes the user pointer: the header, and in checked mode the ftb_extra record before it. */
static size_t prefix_size(void) { return sizeof(ftb_block) + (ftb_checked ? sizeof(ftb_extra) : 0); }

static void *start_of(ftb_block *b) { return (char *)(b + 1) - prefix_size(); }

static void *block_alloc(char domain, size_t size, int zero, void *site) {
    size_t n = size == 0 ? 1 : size; /* like CPython: malloc(0) returns a unique non-NULL pointer */
    size_t prefix = prefix_size();
    char *start = zero ? calloc(1, prefix + n + FTB_GUARD_LEN) : malloc(prefix + n + FTB_GUARD_LEN);
    if (start == NULL) {
        return NULL;
    }
    ftb_block *b = (ftb_block *)(start + prefix - sizeof(ftb_block));
    if (ftb_checked) {
        ftb_extra_init((ftb_extra *)start, site);
    }
    b->size = n;
    b->magic = FTB_BLOCK_MAGIC;
    b->domain = (uint8_t)domain;
    b->flags = 0;
    b->unused = 0;
    memset((char *)(b + 1) + n, FTB_GUARD_BYTE, FTB_GUARD_LEN);
    atomic_fetch_add_explicit(&live_blocks[domain_index(domain)], 1, memory_order_relaxed);
    return b + 1;
}

static void check_thread_state(char domain, const char *api) {
    if (domain != 'r' && !ftb_tstate_attached) {
        ftb_report("no-thread-state", api,
                   "Python memory allocator called without an active thread state. Are you trying to call it"
                   " inside of a Py_BEGIN_ALLOW_THREADS block?");
    }
}

/* Checks a block before free/realloc. Returns the domain the block really belongs to, or 0 when the pointer was
 * not allocated by any ftcheck domain (then it must not be touched). */
static char verify(void *p, char api_domain, const char *debug_fn, const char *api) {
    ftb_block *b = header_of(p);
    char msg[256];
    if (b->magic == FTB_QUARANTINE_MAGIC) {
        ftb_double_free(p, api);
        return 0;
    }
    if (b->magic != FTB_BLOCK_MAGIC) {
        snprintf(msg, sizeof msg, "%s: bad ID: %p was not allocated by the %s API (%s); the block is left alone",
                 debug_fn, p, api_domain == 'r' ? "raw" : api_domain == 'm' ? "mem" : "object",
                 b->magic == FTB_DEAD_MAGIC ? "it was already freed" : "unknown block");
        ftb_report("bad-free", api, msg);
        return 0;
    }
    const unsigned char *tail = (const unsigned char *)p + b->size;
    for (int i = 0; i < FTB_GUARD_LEN; i++) {
        if (tail[i] != FTB_GUARD_BYTE) {
            snprintf(msg, sizeof msg, "%s: bad trailing pad byte at offset %d after the %llu-byte block %p",
                     debug_fn, i, (unsigned long long)b->size, p);
            ftb_report("buffer-overflow", api, msg);
            break;
        }
    }
    if (b->domain != (uint8_t)api_domain) {
        snprintf(msg, sizeof msg, "%s: bad ID: Allocated using API '%c', verified using API '%c'", debug_fn,
                 b->domain, api_domain);
        ftb_report("wrong-domain", api, msg);
    } else if (api_domain == 'o' && !(b->flags & FTB_FLAG_OBJECT)) {
        snprintf(msg, sizeof msg,
                 "object-domain block %p (%llu bytes) was freed without ever being a Python object: in the"
                 " free-threaded build only objects may live in the object domain; allocate buffers with"
                 " PyMem_Malloc",
                 p, (unsigned long long)b->size);
        ftb_report("buffer-misuse", api, msg);
    }
    return (char)b->domain;
}

static void block_free(void *p, char api_domain, const char *api) {
    if (p == NULL) {
        return;
    }
    char real = verify(p, api_domain, "_PyMem_DebugRawFree", api);
    if (real == 0) {
        return;
    }
    ftb_block *b = header_of(p);
    if ((b->flags & FTB_FLAG_OBJECT) && !(b->flags & FTB_FLAG_IMMORTAL)) {
        atomic_fetch_sub_explicit(&live_objects, 1, memory_order_relaxed);
    }
    atomic_fetch_sub_explicit(&live_blocks[domain_index(real)], 1, memory_order_relaxed);
    if (ftb_checked && (b->flags & FTB_FLAG_OBJECT)) {
        ftb_live_unlink(ftb_extra_of(p));
        b->magic = FTB_QUARANTINE_MAGIC;
        ftb_quarantine(p, api);
        return;
    }
    b->magic = FTB_DEAD_MAGIC;
    free(start_of(b));
}

int64_t ftb_block_count(void)
{
    return atomic_load(&live_blocks[0]) + atomic_load(&live_blocks[1]) + atomic_load(&live_blocks[2]);
}

size_t ftb_block_size(void *p) { return header_of(p)->size; }

/* The end of a quarantined object: its memory goes back to the C allocator. */
void ftb_block_release(void *p)
{
    ftb_block *b = header_of(p);
    b->magic = FTB_DEAD_MAGIC;
    free(start_of(b));
}

static void *block_realloc(void *p, size_t size, char api_domain, const char *api) {
    if (p == NULL) {
        return block_alloc(api_domain, size, 0, ftb_caller);
    }
    char real = verify(p, api_domain, "_PyMem_DebugRawRealloc", api);
    if (real == 0) {
        return NULL;
    }
    ftb_block *old = header_of(p);
    size_t n = size == 0 ? 1 : size;
    size_t prefix = prefix_size();
    int listed = ftb_checked && ftb_extra_of(p)->next != NULL;
    if (listed) {
        ftb_live_unlink(ftb_extra_of(p)); /* the record moves with the block */
    }
    char *start = realloc(start_of(old), prefix + n + FTB_GUARD_LEN);
    if (start == NULL) {
        if (listed) {
            ftb_live_link(ftb_extra_of(p));
        }
        return NULL;
    }
    ftb_block *b = (ftb_block *)(start + prefix - sizeof(ftb_block));
    if (listed) {
        ftb_live_link(ftb_extra_of(b + 1));
    }
    b->size = n;
    memset((char *)(b + 1) + n, FTB_GUARD_BYTE, FTB_GUARD_LEN);
    return b + 1;
}

static size_t checked_mul(size_t a, size_t b, int *overflow) {
    size_t r;
    *overflow = __builtin_mul_overflow(a, b, &r);
    return r;
}

/* The three domains' C-API functions (ftb_pymem.c, ftb_objimpl.c) are thin calls of these. */
void *ftb_domain_malloc(char domain, size_t size, const char *api) {
    check_thread_state(domain, api);
    return block_alloc(domain, size, 0, ftb_caller);
}

void *ftb_domain_malloc_at(char domain, size_t size, const char *api, void *site) {
    check_thread_state(domain, api);
    return block_alloc(domain, size, 0, site);
}

void *ftb_domain_calloc(char domain, size_t nelem, size_t elsize, const char *api) {
    int ovf;
    size_t n = checked_mul(nelem, elsize, &ovf);
    check_thread_state(domain, api);
    return ovf ? NULL : block_alloc(domain, n, 1, ftb_caller);
}

void *ftb_domain_realloc(char domain, void *p, size_t size, const char *api) {
    check_thread_state(domain, api);
    return block_realloc(p, size, domain, api);
}

void ftb_domain_free(char domain, void *p, const char *api) {
    check_thread_state(domain, api);
    block_free(p, domain, api);
}

/* Marks an object-domain block as a Python object (from PyObject_Init, tp_alloc, ...) and counts it live. */
FTB_EXPORT void ftb_mark_object(void *p) {
    ftb_block *b = header_of(p);
    if (b->magic == FTB_BLOCK_MAGIC && b->domain == 'o' && !(b->flags & FTB_FLAG_OBJECT)) {
        b->flags |= FTB_FLAG_OBJECT;
        atomic_fetch_add_explicit(&live_objects, 1, memory_order_relaxed);
        if (ftb_checked) {
            ftb_live_link(ftb_extra_of(p));
        }
    }
}

/* An object became immortal (interned strings, small ints, static singletons): it lives for the process, so it
 * leaves the live-object count that leak checks compare. */
FTB_EXPORT void ftb_object_immortalized(void *p) {
    ftb_block *b = header_of(p);
    if (b->magic == FTB_BLOCK_MAGIC && (b->flags & FTB_FLAG_OBJECT) && !(b->flags & FTB_FLAG_IMMORTAL)) {
        b->flags |= FTB_FLAG_IMMORTAL;
        atomic_fetch_sub_explicit(&live_objects, 1, memory_order_relaxed);
        if (ftb_checked) {
            ftb_live_unlink(ftb_extra_of(p));
        }
    }
}

/* Zeroed object-domain storage already marked as an object: the runtime's own allocation path. */
FTB_EXPORT void *ftb_object_new(size_t size) {
    void *p = block_alloc('o', size, 1, ftb_caller);
    if (p != NULL) {
        ftb_mark_object(p);
    }
    return p;
}

/* 1 when p is the start of a block from the given domain ('r', 'm', 'o'). */
FTB_EXPORT int ftb_block_domain(void *p) {
    ftb_block *b = header_of(p);
    return b->magic == FTB_BLOCK_MAGIC ? b->domain : 0;
}

FTB_EXPORT int64_t ftb_live_objects(void) { return atomic_load(&live_objects); }

FTB_EXPORT int64_t ftb_live_blocks(int domain) { return atomic_load(&live_blocks[domain_index((char)domain)]); }

FTB_EXPORT void ftb_set_attached(int attached) { ftb_tstate_attached = attached; }

FTB_EXPORT int ftb_is_attached(void) { return ftb_tstate_attached; }
