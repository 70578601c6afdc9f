/* Thread-state blocks: struct _ts as pystate.h declares it (the public layout of the ABI this bridge is built for). The runtime keeps the
   error indicator (current_exception) and the handled-exception stack (exc_info, exc_state) in them. The
   trashcan's chain is in ftb_object.c, the tracing counter in ftb_pystate.c. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "Python.h"
#include "internal/ftbridge.h"

FTB_API void *ftb_tstate_block_new(void)
{
    PyThreadState *t = calloc(1, sizeof(struct _ts));
    if (t != NULL) {
#if PY_VERSION_HEX < 0x030E0000
        t->c_recursion_remaining = FTB_C_RECURSION_LIMIT;   /* 3.13's inline trashcan reads it */
#endif
        t->exc_info = &t->exc_state;
        t->gilstate_counter = 1;   /* bound to one thread, as CPython's new thread states are */
    }
    return t;
}

FTB_API long ftb_tstate_offset(int field)
{
    switch (field) {
    case 0: return (long)sizeof(struct _ts);
    case 1: return (long)offsetof(struct _ts, current_exception);
    case 2: return (long)offsetof(struct _ts, exc_info);
    case 3: return (long)offsetof(struct _ts, exc_state);
    case 4: return (long)offsetof(struct _ts, interp);
    case 5: return (long)offsetof(struct _ts, delete_later);
#if PY_VERSION_HEX < 0x030E0000
    case 6: return (long)offsetof(struct _ts, c_recursion_remaining);
#endif
    default: return -1;
    }
}

FTB_API void ftb_tstate_block_free(void *block)
{
    free(block);
}

/* Real-header binaries may read tstate->interp directly. */
FTB_API void ftb_tstate_set_interp(void *block, void *interp)
{
    ((PyThreadState *)block)->interp = interp;
}

/* The one interpreter's PyInterpreterState: opaque to extensions (its layout is internal to CPython). */
FTB_API void *ftb_interp_block(void)
{
    static max_align_t block[64];
    return block;
}
