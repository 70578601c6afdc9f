/* code.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef Py_CODE_H
#define Py_CODE_H

#define PY_PARSER_REQUIRES_FUTURE_KEYWORD
#define PY_FOREACH_CODE_EVENT(V) V(CREATE) V(DESTROY)
typedef enum {
    PY_CODE_EVENT_CREATE,
    PY_CODE_EVENT_DESTROY
} PyCodeEvent;
typedef int (*PyCode_WatchCallback)(PyCodeEvent event, PyCodeObject *co);
typedef struct _line_offsets PyCodeAddressRange;
typedef enum _PyCodeLocationInfoKind {
    PY_CODE_LOCATION_INFO_SHORT0 = 0,
    PY_CODE_LOCATION_INFO_ONE_LINE0 = 10,
    PY_CODE_LOCATION_INFO_ONE_LINE1 = 11,
    PY_CODE_LOCATION_INFO_ONE_LINE2 = 12,
    PY_CODE_LOCATION_INFO_NO_COLUMNS = 13,
    PY_CODE_LOCATION_INFO_LONG = 14,
    PY_CODE_LOCATION_INFO_NONE = 15
} _PyCodeLocationInfoKind;

#define CO_OPTIMIZED 0x0001
#define CO_NEWLOCALS 0x0002
#define CO_VARARGS 0x0004
#define CO_VARKEYWORDS 0x0008
#define CO_NESTED 0x0010
#define CO_GENERATOR 0x0020
#define CO_COROUTINE 0x0080
#define CO_ITERABLE_COROUTINE 0x0100
#define CO_ASYNC_GENERATOR 0x0200
#define CO_FUTURE_DIVISION 0x20000
#define CO_FUTURE_ABSOLUTE_IMPORT 0x40000
#define CO_FUTURE_WITH_STATEMENT 0x80000
#define CO_FUTURE_PRINT_FUNCTION 0x100000
#define CO_FUTURE_UNICODE_LITERALS 0x200000
#define CO_FUTURE_BARRY_AS_BDFL 0x400000
#define CO_FUTURE_GENERATOR_STOP 0x800000
#define CO_FUTURE_ANNOTATIONS 0x1000000
#define CO_NO_MONITORING_EVENTS 0x2000000
#if PY_VERSION_HEX >= 0x030E0000
#  define CO_HAS_DOCSTRING 0x4000000
#  define CO_METHOD 0x8000000
#endif
#define CO_MAXBLOCKS 21

/* One unit of 3.13 bytecode: an opcode and its argument, or one 16-bit inline cache entry. */
typedef union {
    uint16_t cache;
    struct {
        uint8_t code;
        uint8_t arg;
    } op;
} _Py_CODEUNIT;

#if PY_VERSION_HEX >= 0x030E0000
/* 3.14t: each thread specialises its own copy of the bytecode; entries[0] is the code object's own. */
typedef struct {
    Py_ssize_t size;
    char *entries[1];
} _PyCodeArray;
#endif

/* CPython 3.13t's public code object layout (3.14t: _co_unique_id before _co_firsttraceable and co_tlbc before
   the bytecode, 240 bytes instead of 224): extensions read co_filename, co_name, co_firstlineno and friends
   directly. The bytecode follows in co_code_adaptive; ftcheck never executes it. */
struct PyCodeObject {
    PyObject_VAR_HEAD
    PyObject *co_consts;
    PyObject *co_names;
    PyObject *co_exceptiontable;
    int co_flags;
    int co_argcount;
    int co_posonlyargcount;
    int co_kwonlyargcount;
    int co_stacksize;
    int co_firstlineno;
    int co_nlocalsplus;
    int co_framesize;
    int co_nlocals;
    int co_ncellvars;
    int co_nfreevars;
    uint32_t co_version;
    PyObject *co_localsplusnames;
    PyObject *co_localspluskinds;
    PyObject *co_filename;
    PyObject *co_name;
    PyObject *co_qualname;
    PyObject *co_linetable;
    PyObject *co_weakreflist;
    void *co_executors;
    void *_co_cached;
    uintptr_t _co_instrumentation_version;
    void *_co_monitoring;
#if PY_VERSION_HEX >= 0x030E0000
    Py_ssize_t _co_unique_id;     /* free-threaded build: id for per-thread reference counting */
#endif
    int _co_firsttraceable;
    void *co_extra;
#if PY_VERSION_HEX >= 0x030E0000
    _PyCodeArray *co_tlbc;        /* free-threaded build: the threads' bytecode copies */
#endif
    char co_code_adaptive[1];
};

PyAPI_FUNC(Py_ssize_t) PyCode_GetNumFree(PyCodeObject *op);
PyAPI_FUNC(int) PyUnstable_Code_GetFirstFree(PyCodeObject *op);
PyAPI_FUNC(int) PyCode_GetFirstFree(PyCodeObject *op);
PyAPI_FUNC(PyCodeObject *) PyUnstable_Code_New(int, int, int, int, int, PyObject *, PyObject *, PyObject *, PyObject *, PyObject *, PyObject *, PyObject *, PyObject *, PyObject *, int, PyObject *, PyObject *);
PyAPI_FUNC(PyCodeObject *) PyUnstable_Code_NewWithPosOnlyArgs(int, int, int, int, int, int, PyObject *, PyObject *, PyObject *, PyObject *, PyObject *, PyObject *, PyObject *, PyObject *, PyObject *, int, PyObject *, PyObject *);
PyAPI_FUNC(PyCodeObject *) PyCode_New(int a, int b, int c, int d, int e, PyObject *f, PyObject *g, PyObject *h, PyObject *i, PyObject *j, PyObject *k, PyObject *l, PyObject *m, PyObject *n, int o, PyObject *p, PyObject *q);
PyAPI_FUNC(PyCodeObject *) PyCode_NewWithPosOnlyArgs(int a, int poac, int b, int c, int d, int e, PyObject *f, PyObject *g, PyObject *h, PyObject *i, PyObject *j, PyObject *k, PyObject *l, PyObject *m, PyObject *n, int o, PyObject *p, PyObject *q);
PyAPI_FUNC(PyCodeObject *) PyCode_NewEmpty(const char *, const char *, int);
PyAPI_FUNC(int) PyCode_Addr2Line(PyCodeObject *, int);
PyAPI_FUNC(int) PyCode_Addr2Location(PyCodeObject *, int, int *, int *, int *, int *);
PyAPI_FUNC(int) PyCode_AddWatcher(PyCode_WatchCallback);
PyAPI_FUNC(int) PyCode_ClearWatcher(int);
PyAPI_FUNC(PyObject *) PyCode_Optimize(PyObject *, PyObject *, PyObject *, PyObject *);
PyAPI_FUNC(int) PyUnstable_Code_GetExtra(PyObject *, Py_ssize_t, void **);
PyAPI_FUNC(int) PyUnstable_Code_SetExtra(PyObject *, Py_ssize_t, void *);
PyAPI_FUNC(PyObject *) PyCode_GetCode(PyCodeObject *);
PyAPI_FUNC(PyObject *) PyCode_GetVarnames(PyCodeObject *);
PyAPI_FUNC(PyObject *) PyCode_GetCellvars(PyCodeObject *);
PyAPI_FUNC(PyObject *) PyCode_GetFreevars(PyCodeObject *);

#endif
