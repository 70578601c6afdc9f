/* Prints the layout of the thread state and of the structs generated code (Cython) reads and writes inline:
   struct _ts field by field, _PyErr_StackItem, _PyStackChunk, the method/member/getset descriptors,
   PyStopIterationObject, and from internal/pycore_frame.h the frame object and the interpreter frame record
   (3.14: internal/pycore_interpframe_structs.h).
   Compiled against CPython 3.13.15t's (or 3.14.8t's) headers and ftcheck's; the outputs must match line by line.
   Against ftcheck's headers the first lines come from the bridge's FTB_TSTATE_* macros, so they are checked too.
   3.14 has no c_recursion_remaining and no C recursion limit: those two lines are 3.13's only. */
#include <Python.h>
#include <stddef.h>
#include <stdio.h>
#ifndef Py_BUILD_CORE
#  define Py_BUILD_CORE 1
#endif
#include "internal/pycore_frame.h"
#if PY_VERSION_HEX >= 0x030E0000
#  include "internal/pycore_interpframe_structs.h"
#endif
#ifdef FTCHECK_PYTHON_H
#  include <internal/ftbridge.h>
#  define TSTATE_SIZE FTB_TSTATE_SIZE
#  define OFF_C_RECURSION FTB_TSTATE_C_RECURSION_REMAINING
#  define OFF_DELETE_LATER FTB_TSTATE_DELETE_LATER
#  define OFF_CURRENT_EXCEPTION FTB_TSTATE_CURRENT_EXCEPTION
#  define OFF_EXC_INFO FTB_TSTATE_EXC_INFO
#  define OFF_EXC_STATE FTB_TSTATE_EXC_STATE
#  define C_RECURSION_LIMIT FTB_C_RECURSION_LIMIT
#else
#  define TSTATE_SIZE sizeof(PyThreadState)
#  define OFF_C_RECURSION offsetof(PyThreadState, c_recursion_remaining)
#  define OFF_DELETE_LATER offsetof(PyThreadState, delete_later)
#  define OFF_CURRENT_EXCEPTION offsetof(PyThreadState, current_exception)
#  define OFF_EXC_INFO offsetof(PyThreadState, exc_info)
#  define OFF_EXC_STATE offsetof(PyThreadState, exc_state)
#  define C_RECURSION_LIMIT Py_C_RECURSION_LIMIT
#endif

#define SIZE(T) printf("sizeof %s %zu\n", #T, sizeof(T))
#define OFF(T, F) printf("offsetof %s.%s %zu size %zu\n", #T, #F, offsetof(T, F), sizeof(((T *)0)->F))

int main(void)
{
    printf("tstate size %zu\n", (size_t)TSTATE_SIZE);
#if PY_VERSION_HEX < 0x030E0000
    printf("tstate c_recursion_remaining %zu\n", (size_t)OFF_C_RECURSION);
#endif
    printf("tstate delete_later %zu\n", (size_t)OFF_DELETE_LATER);
    printf("tstate current_exception %zu\n", (size_t)OFF_CURRENT_EXCEPTION);
    printf("tstate exc_info %zu\n", (size_t)OFF_EXC_INFO);
    printf("tstate exc_state %zu\n", (size_t)OFF_EXC_STATE);
#if PY_VERSION_HEX < 0x030E0000
    printf("c recursion limit %d\n", (int)C_RECURSION_LIMIT);
#endif

    SIZE(PyThreadState);
    OFF(PyThreadState, prev);
    OFF(PyThreadState, next);
    OFF(PyThreadState, interp);
    OFF(PyThreadState, eval_breaker);
    OFF(PyThreadState, _status);
#if PY_VERSION_HEX >= 0x030E0000
    OFF(PyThreadState, holds_gil);
#endif
    OFF(PyThreadState, _whence);
    OFF(PyThreadState, state);
    OFF(PyThreadState, py_recursion_remaining);
    OFF(PyThreadState, py_recursion_limit);
#if PY_VERSION_HEX < 0x030E0000
    OFF(PyThreadState, c_recursion_remaining);
#endif
    OFF(PyThreadState, recursion_headroom);
    OFF(PyThreadState, tracing);
    OFF(PyThreadState, what_event);
    OFF(PyThreadState, current_frame);
    OFF(PyThreadState, c_profilefunc);
    OFF(PyThreadState, c_tracefunc);
    OFF(PyThreadState, c_profileobj);
    OFF(PyThreadState, c_traceobj);
    OFF(PyThreadState, current_exception);
    OFF(PyThreadState, exc_info);
    OFF(PyThreadState, dict);
    OFF(PyThreadState, gilstate_counter);
    OFF(PyThreadState, async_exc);
    OFF(PyThreadState, thread_id);
    OFF(PyThreadState, native_thread_id);
    OFF(PyThreadState, delete_later);
    OFF(PyThreadState, critical_section);
    OFF(PyThreadState, coroutine_origin_tracking_depth);
    OFF(PyThreadState, async_gen_firstiter);
    OFF(PyThreadState, async_gen_finalizer);
    OFF(PyThreadState, context);
    OFF(PyThreadState, context_ver);
    OFF(PyThreadState, id);
    OFF(PyThreadState, datastack_chunk);
    OFF(PyThreadState, datastack_top);
    OFF(PyThreadState, datastack_limit);
    OFF(PyThreadState, exc_state);
#if PY_VERSION_HEX >= 0x030E0000
    OFF(PyThreadState, current_executor);
#else
    OFF(PyThreadState, previous_executor);
#endif
    OFF(PyThreadState, dict_global_version);
    OFF(PyThreadState, threading_local_key);
    OFF(PyThreadState, threading_local_sentinel);
#if PY_VERSION_HEX >= 0x030E0000
    OFF(PyThreadState, remote_debugger_support);
    OFF(PyThreadState, remote_debugger_support.debugger_pending_call);
    OFF(PyThreadState, remote_debugger_support.debugger_script_path);
#endif
    OFF(PyThreadState, datastack_cached_chunk);

    SIZE(_PyErr_StackItem);
    OFF(_PyErr_StackItem, exc_value);
    OFF(_PyErr_StackItem, previous_item);
    SIZE(_PyStackChunk);
    OFF(_PyStackChunk, previous);
    OFF(_PyStackChunk, size);
    OFF(_PyStackChunk, top);
    OFF(_PyStackChunk, data);

    SIZE(PyMethodDescrObject);
    OFF(PyMethodDescrObject, d_common);
    OFF(PyMethodDescrObject, d_method);
    OFF(PyMethodDescrObject, vectorcall);
    SIZE(PyMemberDescrObject);
    OFF(PyMemberDescrObject, d_member);
    SIZE(PyGetSetDescrObject);
    OFF(PyGetSetDescrObject, d_getset);
    SIZE(PyStopIterationObject);
    OFF(PyStopIterationObject, value);

    SIZE(PyFrameObject);
    OFF(PyFrameObject, f_back);
    OFF(PyFrameObject, f_frame);
    OFF(PyFrameObject, f_trace);
    OFF(PyFrameObject, f_lineno);
    OFF(PyFrameObject, f_trace_lines);
    OFF(PyFrameObject, f_trace_opcodes);
    OFF(PyFrameObject, f_extra_locals);
    OFF(PyFrameObject, f_locals_cache);
#if PY_VERSION_HEX >= 0x030E0000
    OFF(PyFrameObject, f_overwritten_fast_locals);
#endif
    OFF(PyFrameObject, _f_frame_data);
    SIZE(_PyInterpreterFrame);
    OFF(_PyInterpreterFrame, f_executable);
    OFF(_PyInterpreterFrame, previous);
    OFF(_PyInterpreterFrame, f_funcobj);
    OFF(_PyInterpreterFrame, f_globals);
    OFF(_PyInterpreterFrame, f_builtins);
    OFF(_PyInterpreterFrame, f_locals);
    OFF(_PyInterpreterFrame, frame_obj);
    OFF(_PyInterpreterFrame, instr_ptr);
#if PY_VERSION_HEX >= 0x030E0000
    OFF(_PyInterpreterFrame, stackpointer);
    OFF(_PyInterpreterFrame, tlbc_index);
#else
    OFF(_PyInterpreterFrame, stacktop);
#endif
    OFF(_PyInterpreterFrame, return_offset);
    OFF(_PyInterpreterFrame, owner);
#if PY_VERSION_HEX >= 0x030E0000
    OFF(_PyInterpreterFrame, visited);
#endif
    OFF(_PyInterpreterFrame, localsplus);
#if PY_VERSION_HEX >= 0x030E0000
    SIZE(_PyStackRef);
    printf("frame owners %d %d %d %d %d\n", FRAME_OWNED_BY_THREAD, FRAME_OWNED_BY_GENERATOR,
           FRAME_OWNED_BY_FRAME_OBJECT, FRAME_OWNED_BY_INTERPRETER, FRAME_OWNED_BY_CSTACK);
#else
    printf("frame owners %d %d %d %d\n", FRAME_OWNED_BY_THREAD, FRAME_OWNED_BY_GENERATOR,
           FRAME_OWNED_BY_FRAME_OBJECT, FRAME_OWNED_BY_CSTACK);
#endif
    SIZE(_Py_CODEUNIT);
    return 0;
}
