/* Checked mode's shared pieces (bridge_checked.c, bridge_alloc.c, the generated trampolines, the refcount
 * functions). In checked mode every block carries an ftb_extra record in front of its allocator header. */
#ifndef FTB_BRIDGE_CHECKED_H
#define FTB_BRIDGE_CHECKED_H

#include "ftb_runtime.h"

/* Whether checked mode is on (fixed before the first allocation). */
extern int ftb_checked;
/* The extension code address of the innermost C-API call in progress on this thread (set by the checked
 * trampolines, saved and restored around each call): the "who" of allocations, frees and reports. */
extern __thread void *ftb_caller;

typedef struct ftb_extra {
    struct ftb_extra *prev, *next; /* the live-object list; NULL when not listed */
    void *alloc_site;
    void *free_site;
    void *free_global;     /* an extension's global variable that still pointed to it when it was freed */
    const char *free_note; /* why, when a container dropped it (ftb_note_free) */
    uintptr_t alloc_thread, free_thread; /* _Py_ThreadId() values */
    uint64_t alloc_seq;                /* the allocation epoch (ftb_alloc_mark) */
    struct quarantined *quarantine_slot; /* where the freed object waits, with its type's name */
} ftb_extra;

#define FTB_BLOCK_HEADER 16
_Static_assert((sizeof(ftb_extra) + FTB_BLOCK_HEADER) % 16 == 0, "user pointers stay 16-byte aligned");

static inline ftb_extra *ftb_extra_of(void *p)
{
    return (ftb_extra *)((char *)p - FTB_BLOCK_HEADER - sizeof(ftb_extra));
}

static inline void *ftb_extra_object(ftb_extra *e) { return (char *)(e + 1) + FTB_BLOCK_HEADER; }

extern PyTypeObject ftb_FreedType;

static inline int ftb_is_freed(PyObject *op) { return op != NULL && Py_TYPE(op) == &ftb_FreedType; }

/* Whether op's count is zero and another thread is deallocating it (checked mode's _Py_Dealloc takes ownership
 * first): a live reference never sees a zero count, so whoever else holds op holds it without a reference. */
static inline int ftb_is_dying_elsewhere(PyObject *op)
{
    return op != NULL && __atomic_load_n(&op->ob_ref_local, __ATOMIC_RELAXED) == 0
           && (__atomic_load_n(&op->ob_ref_shared, __ATOMIC_RELAXED) >> _Py_REF_SHARED_SHIFT) == 0
           && __atomic_load_n(&op->ob_tid, __ATOMIC_RELAXED) != _Py_ThreadId();
}

/* Checked _Py_Dealloc: the deallocating thread owns op while its tp_dealloc runs, and it is noted as the one
 * freeing it (for a report from another thread meanwhile). */
FTB_HIDDEN void ftb_dealloc_starts(PyObject *op);

/* bridge_alloc.c: blocks allocated and not freed; a block's size; free a block's memory for good. */
FTB_HIDDEN int64_t ftb_block_count(void);
FTB_HIDDEN size_t ftb_block_size(void *p);
FTB_HIDDEN void ftb_block_release(void *p);

FTB_HIDDEN void ftb_extra_init(ftb_extra *e, void *site);
FTB_HIDDEN void ftb_live_link(ftb_extra *e);
FTB_HIDDEN void ftb_live_unlink(ftb_extra *e);
/* Keeps a freed object's memory, poisoned, instead of freeing it. */
FTB_HIDDEN void ftb_quarantine(void *p, const char *api);

FTB_HIDDEN void ftb_use_after_free(PyObject *op, const char *api);
FTB_HIDDEN void ftb_decref_freed(PyObject *op, const char *api);
FTB_HIDDEN void ftb_double_free(void *p, const char *api);

/* The extension code address to blame for what a native entry point does, from the entry point's frame
 * (__builtin_frame_address(0)): its return address when that is in an extension, the first extension return
 * address up a chain of bridge frames, else the C caller already recorded (Java calling through a downcall). */
FTB_HIDDEN void *ftb_site(void *frame);

/* Around a native entry point's body: its caller is the current C caller meanwhile (checked mode). */
#define FTB_ENTER_NATIVE()                                                                                \
    void *ftb_saved_caller = ftb_caller;                                                                  \
    if (ftb_checked) {                                                                                    \
        ftb_caller = ftb_site(__builtin_frame_address(0));                                              \
    }
#define FTB_LEAVE_NATIVE() (ftb_caller = ftb_saved_caller)

/* The checked trampolines' entry check: records the caller, reports a freed argument. */
#define FTB_CHECKED_ARG(a, api, fail)                                                                     \
    do {                                                                                                  \
        if (ftb_is_freed((PyObject *)(a)) || ftb_is_dying_elsewhere((PyObject *)(a))) {                  \
            ftb_use_after_free((PyObject *)(a), api);                                                    \
            ftb_caller = ftb_saved_caller;                                                               \
            fail;                                                                                         \
        }                                                                                                 \
    } while (0)

/* After a checked call: an argument that another thread freed (or began freeing) while the call used it was never
 * the caller's to pass. Frees by the calling thread itself are the call consuming a stolen reference. */
FTB_HIDDEN void ftb_check_after_call(PyObject *op, const char *api);
#define FTB_CHECKED_AFTER(a, api) ftb_check_after_call((PyObject *)(a), api)

#endif
