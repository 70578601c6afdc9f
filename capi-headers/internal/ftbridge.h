/* ftcheck bridge control interface: entry points the Java runtime (and the bridge's own C) use to wire
   the C-API up. Not part of the API extensions see; Python.h does not include it. */
#ifndef FTCHECK_INTERNAL_FTBRIDGE_H
#define FTCHECK_INTERNAL_FTBRIDGE_H

#include <stdint.h>

#define FTB_API __attribute__((visibility("default")))

/* ---- 3.14 API types for the bridge's 3.13 build ----
   The bridge exports every declared function in both builds, so its generated trampolines and its own C name the
   3.14 API's types even when the headers claim 3.13 and keep those names out of extensions' sight. The 3.14 build
   gets them from the public headers. */
#if defined(PY_VERSION_HEX) && PY_VERSION_HEX < 0x030E0000
typedef struct PyUnicodeWriter PyUnicodeWriter;
typedef struct PyLongWriter PyLongWriter;
typedef struct PyLongLayout PyLongLayout;
typedef struct PyLongExport PyLongExport;
typedef struct PyInitConfig PyInitConfig;
typedef int (*PyContext_WatchCallback)(int event, struct _object *obj);
#endif

/* ---- upcall table (generated in trampolines.c) ---- */
FTB_API int ftb_upcall_count(void);
/* Stores fn in slot index; NULL restores the slot's "not implemented" stub. 0 on success, -1 bad index. */
FTB_API int ftb_install(int index, void *fn);

/* ---- hooks the runtime installs; all may be NULL (defaults described per hook) ---- */

/* Called by every stub of a declared-but-unimplemented function with its C name; the runtime raises
   SystemError("ftcheck: C-API function <name> is not implemented"). Default: a line on stderr. */
typedef void (*ftb_missing_handler)(const char *name);
FTB_API void ftb_set_missing_handler(ftb_missing_handler handler);
void ftb_report_missing(const char *name);

/* Called for a fatal API misuse (unlocking an unlocked PyMutex, a negative reference count, Py_FatalError).
   The default prints "Fatal Python error: <function>: <message>" to stderr and aborts. A handler may record a
   diagnostic and return instead: the misused call then does nothing further. Py_FatalError always aborts. */
typedef void (*ftb_fatal_handler)(const char *function, const char *message);
FTB_API void ftb_set_fatal_handler(ftb_fatal_handler handler);
void ftb_fatal(const char *function, const char *message);

/* Called around any wait in the bridge (a contended PyMutex). The runtime detaches/attaches the thread state
   there (releasing the GIL when it is on); its hooks must call ftb_cs_suspend_all() / ftb_cs_resume_top().
   Default when unset: just suspend and resume the thread's critical sections. */
typedef void (*ftb_block_hook)(void);
FTB_API void ftb_set_block_hooks(ftb_block_hook before_blocking, ftb_block_hook after_blocking);

/* ---- critical sections of the calling thread ---- */
/* Releases the locks of all active sections of this thread and marks them suspended. */
FTB_API void ftb_cs_suspend_all(void);
/* Re-acquires the innermost section if it is suspended (outer ones stay suspended until it ends). */
FTB_API void ftb_cs_resume_top(void);
/* Number of sections on this thread's stack (active or suspended), for diagnostics and tests. */
FTB_API int ftb_cs_depth(void);

/* ---- biased reference counting ---- */
/* Registers the calling thread as a live object owner and returns its id (the value for ob_tid). Objects the
   runtime creates owned by a thread must use this id; shared decrefs that reach zero are queued to the owner,
   and an owner that is not registered is treated as gone (the count is merged on the spot). */
FTB_API uintptr_t ftb_brc_register_thread(void);
/* Merges the calling thread's queued objects (deallocating those that reach zero). Call at safe points:
   after a call into an extension returns, on thread-state transitions. Returns how many were merged. */
FTB_API int ftb_brc_merge_pending(void);
/* Unregisters the calling thread after merging its queue; also happens automatically at thread exit. */
FTB_API void ftb_brc_unregister_thread(void);
/* Initialises an object header: type, count 1, owned by the calling thread (registered as above). */
FTB_API void ftb_object_header_init(void *op, void *type);


/* ---- thread-state blocks: struct _ts as pystate.h declares it (CPython 3.13t's or 3.14t's public layout) ----
   Code compiled against real or ftcheck headers reads and writes fields of whatever PyThreadState_Get() returned
   inline: Py_TRASHCAN_BEGIN/END use c_recursion_remaining and delete_later, Cython's fast paths use
   current_exception (the error indicator), exc_info / exc_state (the handled exception) and interp. The runtime
   keeps those in the blocks themselves. The offsets below are the declared struct's (one source; these macros
   need Python.h included first); LayoutProbeTest compares that struct with CPython's. */
#define FTB_TSTATE_SIZE sizeof(struct _ts)
#if PY_VERSION_HEX < 0x030E0000
#  define FTB_TSTATE_C_RECURSION_REMAINING offsetof(struct _ts, c_recursion_remaining)  /* int; 3.13 only */
#endif
#define FTB_TSTATE_DELETE_LATER offsetof(struct _ts, delete_later)  /* PyObject *, deferred deallocations */
#define FTB_TSTATE_INTERP offsetof(struct _ts, interp)              /* PyInterpreterState * */
#define FTB_TSTATE_TRACING offsetof(struct _ts, tracing)            /* int, PyThreadState_EnterTracing's counter */
#define FTB_TSTATE_CURRENT_EXCEPTION offsetof(struct _ts, current_exception)  /* PyObject *, strong or NULL */
#define FTB_TSTATE_EXC_INFO offsetof(struct _ts, exc_info)          /* _PyErr_StackItem *, never NULL */
#define FTB_TSTATE_EXC_STATE offsetof(struct _ts, exc_state)        /* _PyErr_StackItem, the block's own level */
#if PY_VERSION_HEX < 0x030E0000
#  define FTB_C_RECURSION_LIMIT 10000        /* CPython 3.13's Py_C_RECURSION_LIMIT on Linux x86-64 */
#endif
/* A zeroed block with exc_info = &exc_state (3.13: and c_recursion_remaining = FTB_C_RECURSION_LIMIT); free with
   ftb_tstate_block_free. */
FTB_API void *ftb_tstate_block_new(void);
FTB_API void ftb_tstate_block_free(void *block);
/* The offset of a struct _ts field for the runtime's Java side: 0 size, 1 current_exception, 2 exc_info,
   3 exc_state, 4 interp, 5 delete_later, 6 c_recursion_remaining (3.13 only); -1 for another number. */
FTB_API long ftb_tstate_offset(int field);

#endif
