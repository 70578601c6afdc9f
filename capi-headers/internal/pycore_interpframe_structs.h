/* CPython 3.14's internal header for the interpreter frame record, as far as ftcheck gives it a meaning: the
   layout of the record the runtime keeps inline in its frame objects (see internal/pycore_frame.h, which includes
   this header). From 3.14 the record holds tagged stack references (_PyStackRef) for the code and function objects
   and for the value stack, points at the top of that stack (stackpointer) instead of counting it (stacktop), and in
   the free-threaded build records which thread-local copy of the bytecode instr_ptr points into. CPython's
   generator structs, which this header also declares there, are not provided (generators stay opaque). */
#ifndef FTCHECK_INTERNAL_PYCORE_INTERPFRAME_STRUCTS_H
#define FTCHECK_INTERNAL_PYCORE_INTERPFRAME_STRUCTS_H

#ifndef Py_BUILD_CORE
#  error "internal/pycore_interpframe_structs.h is an internal header: define Py_BUILD_CORE before including it"
#endif

#include "Python.h"

#if PY_VERSION_HEX < 0x030E0000
#  error "internal/pycore_interpframe_structs.h belongs to the 3.14 C-API; 3.13 declares the frame record in internal/pycore_frame.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* A reference on the value stack: an object pointer whose low bits tag how it is counted (deferred or not). */
typedef union _PyStackRef {
    uintptr_t bits;
} _PyStackRef;

/* Who owns an interpreter frame's memory (3.14 inserts INTERPRETER before CSTACK). */
enum _frameowner {
    FRAME_OWNED_BY_THREAD = 0,
    FRAME_OWNED_BY_GENERATOR = 1,
    FRAME_OWNED_BY_FRAME_OBJECT = 2,
    FRAME_OWNED_BY_INTERPRETER = 3,
    FRAME_OWNED_BY_CSTACK = 4,
};

typedef struct _PyInterpreterFrame {
    _PyStackRef f_executable;              /* the code object */
    struct _PyInterpreterFrame *previous;
    _PyStackRef f_funcobj;
    PyObject *f_globals;
    PyObject *f_builtins;
    PyObject *f_locals;
    PyFrameObject *frame_obj;
    _Py_CODEUNIT *instr_ptr;
    _PyStackRef *stackpointer;             /* one past the top of the value stack */
    int32_t tlbc_index;                    /* free-threaded build: index of the bytecode copy instr_ptr is in */
    uint16_t return_offset;
    char owner;                            /* an enum _frameowner value */
    uint8_t visited;
    _PyStackRef localsplus[1];
} _PyInterpreterFrame;

#ifdef __cplusplus
}
#endif
#endif
