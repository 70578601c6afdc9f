/* Thread states: struct _ts with CPython 3.13t's (or 3.14t's) public layout; threads created in C attach with
   PyGILState_Ensure. */
#ifndef Py_PYSTATE_H
#define Py_PYSTATE_H

typedef enum {
    PyGILState_LOCKED,
    PyGILState_UNLOCKED
} PyGILState_STATE;

PyAPI_FUNC(PyGILState_STATE) PyGILState_Ensure(void);
PyAPI_FUNC(void) PyGILState_Release(PyGILState_STATE state);
PyAPI_FUNC(int) PyGILState_Check(void);
PyAPI_FUNC(PyThreadState *) PyGILState_GetThisThreadState(void);

PyAPI_FUNC(PyThreadState *) PyThreadState_Get(void);
PyAPI_FUNC(PyThreadState *) PyThreadState_GetUnchecked(void);
PyAPI_FUNC(PyThreadState *) PyThreadState_Swap(PyThreadState *tstate);
PyAPI_FUNC(PyObject *) PyThreadState_GetDict(void);
PyAPI_FUNC(PyInterpreterState *) PyThreadState_GetInterpreter(PyThreadState *tstate);
PyAPI_FUNC(uint64_t) PyThreadState_GetID(PyThreadState *tstate);
PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Get(void);
PyAPI_FUNC(int64_t) PyInterpreterState_GetID(PyInterpreterState *interp);
PyAPI_FUNC(PyObject *) PyInterpreterState_GetDict(PyInterpreterState *interp);
#define PyThreadState_GET() PyThreadState_Get()

typedef int (*Py_tracefunc)(PyObject *, PyFrameObject *, int, PyObject *);

/* One level of the "exception being handled" stack (sys.exception()). tstate->exc_info points at the innermost
   level; the thread state's own level is tstate->exc_state, and code that runs a generator body links its own
   level in front (previous_item) for the duration. */
typedef struct _err_stackitem {
    PyObject *exc_value;                  /* the handled exception, or NULL / None for "none at this level" */
    struct _err_stackitem *previous_item;
} _PyErr_StackItem;

typedef struct _stack_chunk {
    struct _stack_chunk *previous;
    size_t size;
    size_t top;
    PyObject *data[1];
} _PyStackChunk;

#if PY_VERSION_HEX >= 0x030E0000
#  define _PY_DATA_STACK_CHUNK_SIZE (16*1024)   /* minimum size of a data stack chunk */

/* 3.14: a debugger attached from outside asks the thread to run a script (sys.remote_exec). */
#  define _Py_MAX_SCRIPT_PATH_SIZE 512
typedef struct {
    int32_t debugger_pending_call;
    char debugger_script_path[_Py_MAX_SCRIPT_PATH_SIZE];
} _PyRemoteDebuggerSupport;
#endif

struct _PyInterpreterFrame;

/* CPython 3.13t's public thread state (x86-64, Py_GIL_DISABLED; 3.13.15's field list, 312 bytes). The runtime hands
   out blocks of exactly this layout from PyThreadState_Get() and keeps in them what code compiled against the real
   headers reads and writes inline: interp, c_recursion_remaining, tracing, current_exception (the error indicator),
   exc_info / exc_state (the handled exception), delete_later (the trashcan). The other fields stay zero: the runtime
   has no interpreter frames, tracing hooks, data stack or thread-local sentinels.
   3.14t (832 bytes): holds_gil leaves the _status bits for an int of its own after them, c_recursion_remaining
   goes (C stack overflow is detected from stack addresses), previous_executor is named current_executor and the
   remote debugger's block comes before datastack_cached_chunk. From recursion_headroom to
   threading_local_sentinel the offsets are 3.13t's. */
struct _ts {
    PyThreadState *prev;
    PyThreadState *next;
    PyInterpreterState *interp;
    uintptr_t eval_breaker;
    struct {
        unsigned int initialized:1;
        unsigned int bound:1;
        unsigned int unbound:1;
        unsigned int bound_gilstate:1;
        unsigned int active:1;
#if PY_VERSION_HEX < 0x030E0000
        unsigned int holds_gil:1;
#endif
        unsigned int finalizing:1;
        unsigned int cleared:1;
        unsigned int finalized:1;
#if PY_VERSION_HEX >= 0x030E0000
        unsigned int :24;
#else
        unsigned int :23;
#endif
    } _status;
#if PY_VERSION_HEX >= 0x030E0000
    int holds_gil;
#endif
    int _whence;
    int state;
    int py_recursion_remaining;
    int py_recursion_limit;
#if PY_VERSION_HEX < 0x030E0000
    int c_recursion_remaining;
#endif
    int recursion_headroom;
    int tracing;
    int what_event;
    struct _PyInterpreterFrame *current_frame;   /* always NULL here: no Python code runs */
    Py_tracefunc c_profilefunc;
    Py_tracefunc c_tracefunc;
    PyObject *c_profileobj;
    PyObject *c_traceobj;
    PyObject *current_exception;                 /* the error indicator: a strong reference or NULL */
    _PyErr_StackItem *exc_info;                  /* never NULL; &exc_state when nothing else is linked in */
    PyObject *dict;
    int gilstate_counter;
    PyObject *async_exc;
    unsigned long thread_id;
    unsigned long native_thread_id;
    PyObject *delete_later;
    uintptr_t critical_section;
    int coroutine_origin_tracking_depth;
    PyObject *async_gen_firstiter;
    PyObject *async_gen_finalizer;
    PyObject *context;
    uint64_t context_ver;
    uint64_t id;
    _PyStackChunk *datastack_chunk;
    PyObject **datastack_top;
    PyObject **datastack_limit;
    _PyErr_StackItem exc_state;
#if PY_VERSION_HEX >= 0x030E0000
    PyObject *current_executor;
#else
    PyObject *previous_executor;
#endif
    uint64_t dict_global_version;
    PyObject *threading_local_key;
    PyObject *threading_local_sentinel;
#if PY_VERSION_HEX >= 0x030E0000
    _PyRemoteDebuggerSupport remote_debugger_support;
#endif
    _PyStackChunk *datastack_cached_chunk;
};

/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */
#define MAX_CO_EXTRA_USERS 255
#define PyTrace_CALL 0
#define PyTrace_EXCEPTION 1
#define PyTrace_LINE 2
#define PyTrace_RETURN 3
#define PyTrace_C_CALL 4
#define PyTrace_C_EXCEPTION 5
#define PyTrace_C_RETURN 6
#define PyTrace_OPCODE 7
#if PY_VERSION_HEX < 0x030E0000
#  define Py_C_RECURSION_LIMIT 10000
#endif

PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_New(void);
PyAPI_FUNC(void) PyInterpreterState_Clear(PyInterpreterState *);
PyAPI_FUNC(void) PyInterpreterState_Delete(PyInterpreterState *);
PyAPI_FUNC(PyThreadState *) PyThreadState_New(PyInterpreterState *);
PyAPI_FUNC(void) PyThreadState_Clear(PyThreadState *);
PyAPI_FUNC(void) PyThreadState_Delete(PyThreadState *);
PyAPI_FUNC(int) PyThreadState_SetAsyncExc(unsigned long, PyObject *);
#if PY_VERSION_HEX < 0x030E0000
PyAPI_FUNC(PyObject *) PyUnstable_InterpreterState_GetMainModule(PyInterpreterState *);
#endif
PyAPI_FUNC(void) PyThreadState_EnterTracing(PyThreadState *);
PyAPI_FUNC(void) PyThreadState_LeaveTracing(PyThreadState *);
#if PY_VERSION_HEX >= 0x030E0000
PyAPI_FUNC(int) PyUnstable_ThreadState_SetStackProtection(PyThreadState *tstate, void *stack_start_addr,
                                                          size_t stack_size);
PyAPI_FUNC(void) PyUnstable_ThreadState_ResetStackProtection(PyThreadState *tstate);
#endif
PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Main(void);
PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Head(void);
PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Next(PyInterpreterState *);
PyAPI_FUNC(PyThreadState *) PyInterpreterState_ThreadHead(PyInterpreterState *);
PyAPI_FUNC(PyThreadState *) PyThreadState_Next(PyThreadState *);
PyAPI_FUNC(void) PyThreadState_DeleteCurrent(void);

PyAPI_FUNC(PyFrameObject *) PyThreadState_GetFrame(PyThreadState *tstate);

PyAPI_FUNC(PyObject *) PyState_FindModule(PyModuleDef *def);
PyAPI_FUNC(int) PyState_AddModule(PyObject *module, PyModuleDef *def);
PyAPI_FUNC(int) PyState_RemoveModule(PyModuleDef *def);

#endif
