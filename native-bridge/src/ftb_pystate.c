/* pystate.h: the thread state's tracing counter, kept where CPython 3.13t's struct _ts has it (real-header
   binaries may read it directly) in the blocks of bridge_tstate.c. */
#include "Python.h"
#include "internal/ftbridge.h"

/* Tracing is never on in this runtime; the counter is kept as CPython keeps it, for code that reads it. */
void PyThreadState_EnterTracing(PyThreadState *tstate)
{
    tstate->tracing++;
}

void PyThreadState_LeaveTracing(PyThreadState *tstate)
{
    tstate->tracing--;
}
