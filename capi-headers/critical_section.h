/* Critical sections: lock an object's ob_mutex (or any PyMutex) for the duration of a C block.
   Each thread keeps a stack of its sections; when the thread blocks, all its sections are suspended
   (locks released) and only the innermost is re-acquired when it continues. Nesting therefore never
   deadlocks, and locking the same object again does not deadlock either. The two-object form locks
   the lower address first. Sections are on the caller's stack and must end in reverse order. */
#ifndef Py_CRITICAL_SECTION_H
#define Py_CRITICAL_SECTION_H

typedef struct PyCriticalSection {
    uintptr_t _cs_prev;   /* enclosing section, tag bits in the low two bits (private) */
    PyMutex *_cs_mutex;   /* NULL when this section did not need to lock */
} PyCriticalSection;

typedef struct PyCriticalSection2 {
    PyCriticalSection _cs_base;
    PyMutex *_cs_mutex2;
} PyCriticalSection2;

PyAPI_FUNC(void) PyCriticalSection_Begin(PyCriticalSection *c, PyObject *op);
PyAPI_FUNC(void) PyCriticalSection_End(PyCriticalSection *c);
PyAPI_FUNC(void) PyCriticalSection2_Begin(PyCriticalSection2 *c, PyObject *a, PyObject *b);
PyAPI_FUNC(void) PyCriticalSection2_End(PyCriticalSection2 *c);
/* 3.14 additions: sections on an arbitrary PyMutex. Hidden at 3.13, where CPython lacks them. */
#if PY_VERSION_HEX >= 0x030E0000
PyAPI_FUNC(void) PyCriticalSection_BeginMutex(PyCriticalSection *c, PyMutex *m);
PyAPI_FUNC(void) PyCriticalSection2_BeginMutex(PyCriticalSection2 *c, PyMutex *m1, PyMutex *m2);
#endif

#define Py_BEGIN_CRITICAL_SECTION(op) \
    { \
        PyCriticalSection _py_cs; \
        PyCriticalSection_Begin(&_py_cs, _PyObject_CAST(op))

#if PY_VERSION_HEX >= 0x030E0000
#define Py_BEGIN_CRITICAL_SECTION_MUTEX(mutex) \
    { \
        PyCriticalSection _py_cs; \
        PyCriticalSection_BeginMutex(&_py_cs, (mutex))
#endif

#define Py_END_CRITICAL_SECTION() \
        PyCriticalSection_End(&_py_cs); \
    }

#define Py_BEGIN_CRITICAL_SECTION2(a, b) \
    { \
        PyCriticalSection2 _py_cs2; \
        PyCriticalSection2_Begin(&_py_cs2, _PyObject_CAST(a), _PyObject_CAST(b))

#if PY_VERSION_HEX >= 0x030E0000
#define Py_BEGIN_CRITICAL_SECTION2_MUTEX(m1, m2) \
    { \
        PyCriticalSection2 _py_cs2; \
        PyCriticalSection2_BeginMutex(&_py_cs2, (m1), (m2))
#endif

#define Py_END_CRITICAL_SECTION2() \
        PyCriticalSection2_End(&_py_cs2); \
    }

#endif
