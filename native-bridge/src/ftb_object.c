/* object.h functions that are pure C over the object header and type slots: identity hashing, printing to a
   FILE, and calling tp_finalize once (from dealloc with the free-threaded temporary resurrection). */
#include <errno.h>
#include <stdio.h>
#include "Python.h"

#define GC_BIT_FINALIZED 2 /* _PyGC_BITS_FINALIZED in ob_gc_bits of the free-threaded build */

Py_hash_t PyObject_GenericHash(PyObject *o)
{
    /* the address rotated right by 4 bits (the low bits are always zero); -1 is reserved for errors */
    size_t y = (size_t)o;
    Py_hash_t h = (Py_hash_t)((y >> 4) | (y << (8 * sizeof(void *) - 4)));
    return h == -1 ? -2 : h;
}

int PyObject_Print(PyObject *op, FILE *fp, int flags)
{
    if (PyErr_CheckSignals() || Py_EnterRecursiveCall(" printing an object")) {
        return -1;
    }
    int ret = 0, write_error = 0;
    clearerr(fp);
    if (op == NULL) {
        Py_BEGIN_ALLOW_THREADS
        fputs("<nil>", fp);
        Py_END_ALLOW_THREADS
    }
    else if (Py_REFCNT(op) <= 0) {
        Py_BEGIN_ALLOW_THREADS
        fprintf(fp, "<refcnt %zd at %p>", Py_REFCNT(op), (void *)op);
        Py_END_ALLOW_THREADS
    }
    else {
        PyObject *s = (flags & Py_PRINT_RAW) ? PyObject_Str(op) : PyObject_Repr(op);
        Py_ssize_t len;
        const char *t = s != NULL ? PyUnicode_AsUTF8AndSize(s, &len) : NULL;
        if (t == NULL) {
            ret = -1;
        }
        else if (fwrite(t, 1, len, fp) != (size_t)len) {
            write_error = 1;
        }
        Py_XDECREF(s);
    }
    Py_LeaveRecursiveCall();
    if (ret == 0 && (write_error || ferror(fp))) {
        PyErr_SetFromErrno(PyExc_OSError);
        clearerr(fp);
        ret = -1;
    }
    return ret;
}

void PyObject_CallFinalizer(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    if (tp->tp_finalize == NULL) {
        return;
    }
    int gc = PyType_HasFeature(tp, Py_TPFLAGS_HAVE_GC);
    if (gc && (self->ob_gc_bits & GC_BIT_FINALIZED)) {
        return;
    }
    tp->tp_finalize(self);
    if (gc) {
        __atomic_or_fetch(&self->ob_gc_bits, GC_BIT_FINALIZED, __ATOMIC_RELAXED);
    }
}

int PyObject_CallFinalizerFromDealloc(PyObject *self)
{
    /* resurrect with one reference owned by this thread for the finalizer's duration */
    __atomic_store_n(&self->ob_tid, _Py_ThreadId(), __ATOMIC_RELAXED);
    __atomic_store_n(&self->ob_ref_local, 1, __ATOMIC_RELAXED);
    __atomic_store_n(&self->ob_ref_shared, 0, __ATOMIC_RELAXED);
    PyObject_CallFinalizer(self);
    uint32_t local = __atomic_load_n(&self->ob_ref_local, __ATOMIC_RELAXED) - 1;
    __atomic_store_n(&self->ob_ref_local, local, __ATOMIC_RELAXED);
    Py_ssize_t shared = __atomic_load_n(&self->ob_ref_shared, __ATOMIC_ACQUIRE);
    if (local == 0 && (shared >> _Py_REF_SHARED_SHIFT) == 0) {
        return 0; /* still dead: the caller goes on deallocating */
    }
    if (local == 0) {
        /* only other threads hold it now: give up ownership as a merge would */
        __atomic_store_n(&self->ob_tid, (uintptr_t)0, __ATOMIC_RELAXED);
        Py_ssize_t merged;
        do {
            merged = (shared & ~(Py_ssize_t)_Py_REF_SHARED_FLAG_MASK) | _Py_REF_MERGED;
        } while (!__atomic_compare_exchange_n(&self->ob_ref_shared, &shared, merged, 0, __ATOMIC_SEQ_CST,
                                              __ATOMIC_RELAXED));
    }
    return -1; /* the finalizer resurrected it */
}
