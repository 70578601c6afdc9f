/* Context variables. */
#ifndef Py_CONTEXT_H
#define Py_CONTEXT_H

PyAPI_DATA(PyTypeObject) PyContext_Type;
PyAPI_DATA(PyTypeObject) PyContextVar_Type;
PyAPI_DATA(PyTypeObject) PyContextToken_Type;

#define PyContext_CheckExact(o) Py_IS_TYPE((o), &PyContext_Type)
#define PyContextVar_CheckExact(o) Py_IS_TYPE((o), &PyContextVar_Type)
#define PyContextToken_CheckExact(o) Py_IS_TYPE((o), &PyContextToken_Type)

PyAPI_FUNC(PyObject *) PyContext_New(void);
PyAPI_FUNC(PyObject *) PyContext_Copy(PyObject *ctx);
PyAPI_FUNC(PyObject *) PyContext_CopyCurrent(void);
PyAPI_FUNC(int) PyContext_Enter(PyObject *ctx);
PyAPI_FUNC(int) PyContext_Exit(PyObject *ctx);
PyAPI_FUNC(PyObject *) PyContextVar_New(const char *name, PyObject *default_value);
PyAPI_FUNC(int) PyContextVar_Get(PyObject *var, PyObject *default_value, PyObject **value);
PyAPI_FUNC(PyObject *) PyContextVar_Set(PyObject *var, PyObject *value);
PyAPI_FUNC(int) PyContextVar_Reset(PyObject *var, PyObject *token);

typedef struct _pycontextobject PyContext;
typedef struct _pycontextvarobject PyContextVar;
typedef struct _pycontexttokenobject PyContextToken;

/* 3.14: watchers called when the current context changes. */
#if PY_VERSION_HEX >= 0x030E0000
typedef enum {
    Py_CONTEXT_SWITCHED = 1
} PyContextEvent;
typedef int (*PyContext_WatchCallback)(PyContextEvent event, PyObject *obj);
PyAPI_FUNC(int) PyContext_AddWatcher(PyContext_WatchCallback callback);
PyAPI_FUNC(int) PyContext_ClearWatcher(int watcher_id);
#endif

#endif
