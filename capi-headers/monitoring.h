/* monitoring.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef Py_MONITORING_H
#define Py_MONITORING_H

typedef struct _PyMonitoringState {
    uint8_t active;
    uint8_t opaque;
} PyMonitoringState;
/* 3.14 splits BRANCH into BRANCH_LEFT / BRANCH_RIGHT (8, 9), which renumbers the events after them, and gives
   the old combined BRANCH event the number 18. CPython 3.14 moved _PY_MONITORING_LOCAL_EVENTS (now 11) to an
   internal header; it stays here so that PY_MONITORING_IS_INSTRUMENTED_EVENT can be used. */
#if PY_VERSION_HEX >= 0x030E0000
#  define _PY_MONITORING_LOCAL_EVENTS 11
#else
#  define _PY_MONITORING_LOCAL_EVENTS 10
#endif
#define PY_MONITORING_IS_INSTRUMENTED_EVENT(ev) ((ev) < _PY_MONITORING_LOCAL_EVENTS)

#define PY_MONITORING_EVENT_PY_START 0
#define PY_MONITORING_EVENT_PY_RESUME 1
#define PY_MONITORING_EVENT_PY_RETURN 2
#define PY_MONITORING_EVENT_PY_YIELD 3
#define PY_MONITORING_EVENT_CALL 4
#define PY_MONITORING_EVENT_LINE 5
#define PY_MONITORING_EVENT_INSTRUCTION 6
#define PY_MONITORING_EVENT_JUMP 7
#if PY_VERSION_HEX >= 0x030E0000
#  define PY_MONITORING_EVENT_BRANCH_LEFT 8
#  define PY_MONITORING_EVENT_BRANCH_RIGHT 9
#  define PY_MONITORING_EVENT_STOP_ITERATION 10
#  define PY_MONITORING_EVENT_RAISE 11
#  define PY_MONITORING_EVENT_EXCEPTION_HANDLED 12
#  define PY_MONITORING_EVENT_PY_UNWIND 13
#  define PY_MONITORING_EVENT_PY_THROW 14
#  define PY_MONITORING_EVENT_RERAISE 15
#  define PY_MONITORING_EVENT_C_RETURN 16
#  define PY_MONITORING_EVENT_C_RAISE 17
#  define PY_MONITORING_EVENT_BRANCH 18
#else
#  define PY_MONITORING_EVENT_BRANCH 8
#  define PY_MONITORING_EVENT_STOP_ITERATION 9
#  define PY_MONITORING_EVENT_RAISE 10
#  define PY_MONITORING_EVENT_EXCEPTION_HANDLED 11
#  define PY_MONITORING_EVENT_PY_UNWIND 12
#  define PY_MONITORING_EVENT_PY_THROW 13
#  define PY_MONITORING_EVENT_RERAISE 14
#  define PY_MONITORING_EVENT_C_RETURN 15
#  define PY_MONITORING_EVENT_C_RAISE 16
#endif

PyAPI_FUNC(int) PyMonitoring_EnterScope(PyMonitoringState *, uint64_t *, const uint8_t *, Py_ssize_t);
PyAPI_FUNC(int) PyMonitoring_ExitScope(void);
PyAPI_FUNC(int) PyMonitoring_FirePyStartEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset);
PyAPI_FUNC(int) PyMonitoring_FirePyResumeEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset);
PyAPI_FUNC(int) PyMonitoring_FirePyReturnEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *retval);
PyAPI_FUNC(int) PyMonitoring_FirePyYieldEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *retval);
PyAPI_FUNC(int) PyMonitoring_FireCallEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *callable, PyObject *arg0);
PyAPI_FUNC(int) PyMonitoring_FireLineEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, int lineno);
PyAPI_FUNC(int) PyMonitoring_FireJumpEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *target_offset);
#if PY_VERSION_HEX < 0x030E0000
PyAPI_FUNC(int) PyMonitoring_FireBranchEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *target_offset);
#else
PyAPI_FUNC(int) PyMonitoring_FireBranchLeftEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *target_offset);
PyAPI_FUNC(int) PyMonitoring_FireBranchRightEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *target_offset);
#endif
PyAPI_FUNC(int) PyMonitoring_FireCReturnEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *retval);
PyAPI_FUNC(int) PyMonitoring_FirePyThrowEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset);
PyAPI_FUNC(int) PyMonitoring_FireRaiseEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset);
PyAPI_FUNC(int) PyMonitoring_FireReraiseEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset);
PyAPI_FUNC(int) PyMonitoring_FireExceptionHandledEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset);
PyAPI_FUNC(int) PyMonitoring_FireCRaiseEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset);
PyAPI_FUNC(int) PyMonitoring_FirePyUnwindEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset);
PyAPI_FUNC(int) PyMonitoring_FireStopIterationEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *value);

#endif
