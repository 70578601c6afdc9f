/* Critical sections. Each thread keeps a stack of its sections, linked through the sections themselves (they
   live on the callers' C stacks); the links carry two tag bits: "suspended" and "two mutexes". Blocking on a
   contended PyMutex suspends every active section of the thread (their locks are released); when the thread
   continues only the innermost is re-acquired, and an outer one is re-acquired when the section above it ends.
   That is what makes nesting and re-locking the same object deadlock-free. */
#include <stdio.h>
#include "Python.h"
#include "internal/ftbridge.h"
#include "ftb_runtime.h"

#define CS_SUSPENDED ((uintptr_t)1)
#define CS_TWO_MUTEXES ((uintptr_t)2)
#define CS_TAG_MASK ((uintptr_t)3)

static __thread uintptr_t cs_top;

/* The thread's stack top; taken once per call because each TLS access in a dlopen'ed library is a lookup. */
static uintptr_t *top_link(void)
{
    return &cs_top;
}

static PyCriticalSection *untag(uintptr_t v)
{
    return (PyCriticalSection *)(v & ~CS_TAG_MASK);
}

/* True when the innermost active section already holds m: re-locking it would only block on ourselves. */
static int top_holds(uintptr_t top, PyMutex *m)
{
    if (top == 0 || (top & CS_SUSPENDED)) {
        return 0;
    }
    PyCriticalSection *c = untag(top);
    if (c->_cs_mutex == m) {
        return 1;
    }
    return (top & CS_TWO_MUTEXES) && ((PyCriticalSection2 *)c)->_cs_mutex2 == m;
}

#undef PyCriticalSection_BeginMutex
void PyCriticalSection_BeginMutex(PyCriticalSection *c, PyMutex *m)
{
    uintptr_t *top = top_link();
    if (top_holds(*top, m)) {
        /* Nothing pushed: End sees the NULL mutex and does nothing. */
        c->_cs_mutex = NULL;
        c->_cs_prev = 0;
        return;
    }
    /* Push before locking, with no mutex recorded yet, so a suspension while we wait skips this section. */
    c->_cs_mutex = NULL;
    c->_cs_prev = *top;
    *top = (uintptr_t)c;
    PyMutex_Lock(m);
    c->_cs_mutex = m;
}

#undef PyCriticalSection_Begin
void PyCriticalSection_Begin(PyCriticalSection *c, PyObject *op)
{
    PyCriticalSection_BeginMutex(c, &op->ob_mutex);
}

/* Sections must end innermost first; ending another one would corrupt the thread's stack. */
static int ends_in_order(uintptr_t top, const void *c, const char *function)
{
    if (untag(top) == (const PyCriticalSection *)c) {
        return 1;
    }
    char msg[160];
    snprintf(msg, sizeof msg, "critical section %p ended while %p is the innermost one; sections must end in reverse order",
             c, (void *)untag(top));
    ftb_fatal(function, msg);
    return 0;
}

#undef PyCriticalSection_End
void PyCriticalSection_End(PyCriticalSection *c)
{
    if (c->_cs_mutex == NULL) {
        return;
    }
    uintptr_t *top = top_link();
    if (!ends_in_order(*top, c, "PyCriticalSection_End")) {
        return;
    }
    PyMutex_Unlock(c->_cs_mutex);
    *top = c->_cs_prev;
    if (*top & CS_SUSPENDED) {
        ftb_cs_resume_top();
    }
}

#undef PyCriticalSection2_BeginMutex
void PyCriticalSection2_BeginMutex(PyCriticalSection2 *c, PyMutex *m1, PyMutex *m2)
{
    if (m1 == m2) {
        c->_cs_mutex2 = NULL;
        PyCriticalSection_BeginMutex(&c->_cs_base, m1);
        return;
    }
    if ((uintptr_t)m2 < (uintptr_t)m1) {
        PyMutex *lower = m2;
        m2 = m1;
        m1 = lower;
    }
    uintptr_t *top = top_link();
    c->_cs_base._cs_mutex = NULL;
    c->_cs_mutex2 = NULL;
    c->_cs_base._cs_prev = *top;
    *top = (uintptr_t)c | CS_TWO_MUTEXES;
    PyMutex_Lock(m1);
    PyMutex_Lock(m2);
    c->_cs_base._cs_mutex = m1;
    c->_cs_mutex2 = m2;
}

#undef PyCriticalSection2_Begin
void PyCriticalSection2_Begin(PyCriticalSection2 *c, PyObject *a, PyObject *b)
{
    PyCriticalSection2_BeginMutex(c, &a->ob_mutex, &b->ob_mutex);
}

#undef PyCriticalSection2_End
void PyCriticalSection2_End(PyCriticalSection2 *c)
{
    if (c->_cs_base._cs_mutex == NULL) {
        return;
    }
    uintptr_t *top = top_link();
    if (!ends_in_order(*top, c, "PyCriticalSection2_End")) {
        return;
    }
    if (c->_cs_mutex2 != NULL) {
        PyMutex_Unlock(c->_cs_mutex2);
    }
    PyMutex_Unlock(c->_cs_base._cs_mutex);
    *top = c->_cs_base._cs_prev;
    if (*top & CS_SUSPENDED) {
        ftb_cs_resume_top();
    }
}

FTB_API void ftb_cs_suspend_all(void)
{
    uintptr_t *link = &cs_top;
    while (*link != 0 && (*link & CS_SUSPENDED) == 0) {
        PyCriticalSection *c = untag(*link);
        if (c->_cs_mutex != NULL) {
            PyMutex_Unlock(c->_cs_mutex);
        }
        if ((*link & CS_TWO_MUTEXES) && ((PyCriticalSection2 *)c)->_cs_mutex2 != NULL) {
            PyMutex_Unlock(((PyCriticalSection2 *)c)->_cs_mutex2);
        }
        *link |= CS_SUSPENDED;
        link = &c->_cs_prev;
    }
}

FTB_API void ftb_cs_resume_top(void)
{
    uintptr_t top = cs_top;
    if (top == 0 || (top & CS_SUSPENDED) == 0) {
        return;
    }
    PyCriticalSection *c = untag(top);
    PyCriticalSection2 *c2 = (top & CS_TWO_MUTEXES) ? (PyCriticalSection2 *)c : NULL;
    /* Clear the recorded mutexes while re-locking, so a suspension during the wait does not unlock them. */
    PyMutex *m1 = c->_cs_mutex;
    PyMutex *m2 = c2 != NULL ? c2->_cs_mutex2 : NULL;
    c->_cs_mutex = NULL;
    if (c2 != NULL) {
        c2->_cs_mutex2 = NULL;
    }
    if (m1 != NULL) {
        PyMutex_Lock(m1);
    }
    if (m2 != NULL) {
        PyMutex_Lock(m2);
    }
    c->_cs_mutex = m1;
    if (c2 != NULL) {
        c2->_cs_mutex2 = m2;
    }
    cs_top &= ~CS_SUSPENDED;
}

FTB_API int ftb_cs_depth(void)
{
    int depth = 0;
    for (uintptr_t p = cs_top; p != 0; p = untag(p)->_cs_prev) {
        depth++;
    }
    return depth;
}
