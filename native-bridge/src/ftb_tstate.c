/* Thread-state blocks laid out like CPython 3.13t's public struct _ts where real-header binaries look
   (Py_TRASHCAN_BEGIN/END), and the deferred-deallocation chain those macros use. */
#include <stdlib.h>
#include <string.h>
#include "Python.h"
#include "internal/ftbridge.h"

static int *c_recursion_remaining(PyThreadState *tstate)
{
    return (int *)((char *)tstate + FTB_TSTATE_C_RECURSION_REMAINING);
}

static PyObject **delete_later(PyThreadState *tstate)
{
    return (PyObject **)((char *)tstate + FTB_TSTATE_DELETE_LATER);
}

FTB_API void *ftb_tstate_block_new(void)
{
    PyThreadState *t = calloc(1, FTB_TSTATE_SIZE);
    if (t != NULL) {
        *c_recursion_remaining(t) = FTB_C_RECURSION_LIMIT;
    }
    return t;
}

FTB_API void ftb_tstate_block_free(void *block)
{
    free(block);
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
        (*c_recursion_remaining(tstate))--;
        dealloc(op);
        (*c_recursion_remaining(tstate))++;
    }
}

/* tstate->interp and tstate->tracing, where CPython 3.13t's struct _ts has them (real-header binaries may read
   both directly). */
#define FTB_TSTATE_INTERP 16
#define FTB_TSTATE_TRACING 60

FTB_API void ftb_tstate_set_interp(void *block, void *interp)
{
    *(void **)((char *)block + FTB_TSTATE_INTERP) = interp;
}

/* The one interpreter's PyInterpreterState: opaque to extensions (its layout is internal to CPython). */
FTB_API void *ftb_interp_block(void)
{
    static max_align_t block[64];
    return block;
}

/* Tracing is never on in this runtime; the counter is kept as CPython keeps it, for code that reads it. */
void PyThreadState_EnterTracing(PyThreadState *tstate)
{
    (*(int *)((char *)tstate + FTB_TSTATE_TRACING))++;
}

void PyThreadState_LeaveTracing(PyThreadState *tstate)
{
    (*(int *)((char *)tstate + FTB_TSTATE_TRACING))--;
}
