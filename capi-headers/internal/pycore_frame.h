/* The part of CPython 3.13's (and 3.14's) internal frame header that extensions compiled from generated C code use.
   Cython's default output includes it (with Py_BUILD_CORE defined) to reach the fields of PyFrameObject, which
   3.11+ no longer declare publicly: it sets frame->f_lineno on the frames it makes for tracebacks and links
   tb_frame->f_back around generator bodies.

   What the runtime gives these declarations:
   - struct _frame is the real layout of the runtime's frame objects (PyFrame_New's, see obj/Frames.java): the
     interpreter frame is kept inline after the object (_f_frame_data) and f_frame points at it.
   - _PyInterpreterFrame is the layout of that inline record. No other interpreter frames exist: the runtime runs
     no Python code, so tstate->current_frame is always NULL and no frame is ever owned by a thread
     (FRAME_OWNED_BY_THREAD) or a generator.
   CPython's inline helpers of this header (which walk the interpreter's frame stack and data stack) are not
   provided: with no frame stack they would have nothing to act on.
   3.14 adds f_overwritten_fast_locals before _f_frame_data (which moves from 80 to 88) and declares
   _PyInterpreterFrame, with a new layout, in internal/pycore_interpframe_structs.h; this header includes it. */
#ifndef FTCHECK_INTERNAL_PYCORE_FRAME_H
#define FTCHECK_INTERNAL_PYCORE_FRAME_H

#ifndef Py_BUILD_CORE
#  error "internal/pycore_frame.h is an internal header: define Py_BUILD_CORE before including it"
#endif

#include "Python.h"

struct _frame {
    PyObject_HEAD
    PyFrameObject *f_back;                 /* the calling frame, or NULL */
    struct _PyInterpreterFrame *f_frame;   /* the frame's data: &_f_frame_data here */
    PyObject *f_trace;
    int f_lineno;                          /* the line number when set; 0 means "compute from the instruction" */
    char f_trace_lines;
    char f_trace_opcodes;
    PyObject *f_extra_locals;
    PyObject *f_locals_cache;
#if PY_VERSION_HEX >= 0x030E0000
    PyObject *f_overwritten_fast_locals;   /* tuple keeping alive the fast locals f_locals overwrote */
#endif
    PyObject *_f_frame_data[1];            /* the inline _PyInterpreterFrame starts here */
};

#if PY_VERSION_HEX >= 0x030E0000
#  include "internal/pycore_interpframe_structs.h"
#else

/* Who owns an interpreter frame's memory. */
enum _frameowner {
    FRAME_OWNED_BY_THREAD = 0,
    FRAME_OWNED_BY_GENERATOR = 1,
    FRAME_OWNED_BY_FRAME_OBJECT = 2,
    FRAME_OWNED_BY_CSTACK = 3,
};

typedef struct _PyInterpreterFrame {
    PyObject *f_executable;                /* the code object (strong) */
    struct _PyInterpreterFrame *previous;
    PyObject *f_funcobj;
    PyObject *f_globals;
    PyObject *f_builtins;
    PyObject *f_locals;
    PyFrameObject *frame_obj;
    _Py_CODEUNIT *instr_ptr;
    int stacktop;
    uint16_t return_offset;
    char owner;                            /* an enum _frameowner value */
    PyObject *localsplus[1];
} _PyInterpreterFrame;
#endif /* 3.13 */

#endif
