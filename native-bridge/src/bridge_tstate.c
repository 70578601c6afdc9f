/* Thread-state blocks laid out like CPython 3.13t's public struct _ts where real-header binaries look
   (Py_TRASHCAN_BEGIN/END, tstate->interp). The trashcan's chain is in ftb_object.c, the tracing counter in
   ftb_pystate.c. */
#include <stdlib.h>
#include <string.h>
#include "Python.h"
#include "internal/ftbridge.h"

static int *c_recursion_remaining(PyThreadState *tstate)
{
    return (int *)((char *)tstate + FTB_TSTATE_C_RECURSION_REMAINING);
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

/* Real-header binaries may read tstate->interp directly. */
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
