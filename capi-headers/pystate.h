/* Thread states. Opaque here; threads created in C attach with PyGILState_Ensure. */
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
#define Py_C_RECURSION_LIMIT 10000

PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_New(void);
PyAPI_FUNC(void) PyInterpreterState_Clear(PyInterpreterState *);
PyAPI_FUNC(void) PyInterpreterState_Delete(PyInterpreterState *);
PyAPI_FUNC(PyThreadState *) PyThreadState_New(PyInterpreterState *);
PyAPI_FUNC(void) PyThreadState_Clear(PyThreadState *);
PyAPI_FUNC(void) PyThreadState_Delete(PyThreadState *);
PyAPI_FUNC(int) PyThreadState_SetAsyncExc(unsigned long, PyObject *);
PyAPI_FUNC(PyObject *) PyUnstable_InterpreterState_GetMainModule(PyInterpreterState *);
PyAPI_FUNC(void) PyThreadState_EnterTracing(PyThreadState *);
PyAPI_FUNC(void) PyThreadState_LeaveTracing(PyThreadState *);
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
