/* Runtime life cycle queries. */
#ifndef FTCHECK_PYLIFECYCLE_H
#define FTCHECK_PYLIFECYCLE_H

PyAPI_FUNC(int) Py_IsInitialized(void);
PyAPI_FUNC(int) Py_IsFinalizing(void);
PyAPI_FUNC(int) Py_AtExit(void (*func)(void));PyAPI_FUNC(const char *) Py_GetVersion(void);
PyAPI_FUNC(Py_hash_t) Py_HashPointer(const void *ptr);

#endif
