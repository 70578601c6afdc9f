/* PyMutex: CPython's one-byte lock. Zero is unlocked; bit 0 means locked, bit 1 means some thread is
   parked waiting for it. Lock and unlock try one compare-and-swap inline; anything else (contention,
   parked waiters, misuse) goes to the exported slow paths in the bridge. */
#ifndef Py_LOCK_H
#define Py_LOCK_H

#define _Py_UNLOCKED 0
#define _Py_LOCKED 1
#define _Py_HAS_PARKED 2

typedef struct PyMutex {
    uint8_t _bits; /* private: see above */
} PyMutex;

/* Exported slow paths; callers normally go through the inline versions below. */
PyAPI_FUNC(void) PyMutex_Lock(PyMutex *m);
PyAPI_FUNC(void) PyMutex_Unlock(PyMutex *m);
/* 3.14 addition, visible only when the headers claim 3.14 (the bridge implements it either way). */
#if PY_VERSION_HEX >= 0x030E0000
PyAPI_FUNC(int) PyMutex_IsLocked(PyMutex *m);
#endif

static inline void _PyMutex_Lock(PyMutex *m)
{
    uint8_t expected = _Py_UNLOCKED;
    if (!_Py_atomic_compare_exchange_uint8(&m->_bits, &expected, _Py_LOCKED)) {
        PyMutex_Lock(m);
    }
}
#define PyMutex_Lock _PyMutex_Lock

static inline void _PyMutex_Unlock(PyMutex *m)
{
    uint8_t expected = _Py_LOCKED;
    if (!_Py_atomic_compare_exchange_uint8(&m->_bits, &expected, _Py_UNLOCKED)) {
        PyMutex_Unlock(m);
    }
}
#define PyMutex_Unlock _PyMutex_Unlock

static inline int _PyMutex_IsLocked(PyMutex *m)
{
    return (_Py_atomic_load_uint8(&m->_bits) & _Py_LOCKED) != 0;
}
#if PY_VERSION_HEX >= 0x030E0000
#define PyMutex_IsLocked _PyMutex_IsLocked
#endif

#endif
