/*
 * Compile-only test: ftcompat.h included twice (once more through a second, "vendored" path when
 * FTCOMPAT_SECOND_COPY is given), optionally after stub_prior_compat.h (WITH_STUB). Uses every shim so that
 * each name must resolve to exactly one definition. CompatShimsTest compiles it with -Wall -Wextra -Werror and
 * inspects the object's symbols to see whose implementation each name picked.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#ifdef WITH_STUB
#  include "stub_prior_compat.h"
#endif
#include "ftcompat.h"
#include "ftcompat.h"
#ifdef FTCOMPAT_SECOND_COPY
#  include FTCOMPAT_SECOND_COPY
#endif

static PyMutex mutex_a, mutex_b;

PyModuleDef_Slot idempotence_slots[] = {
    FTCOMPAT_MOD_GIL_NOT_USED_SLOT
    {0, NULL},
};

int idempotence_use_all(PyObject *list, PyObject *dict, PyObject *ref, PyObject *module)
{
    PyObject *out = NULL;
    int total = 0;
    PyObject *item = PyList_GetItemRef(list, 0);
    Py_XDECREF(item);
    total += PyDict_GetItemRef(dict, list, &out);
    Py_XDECREF(out);
    total += PyDict_GetItemStringRef(dict, "k", &out);
    Py_XDECREF(out);
    total += PyDict_SetDefaultRef(dict, list, list, &out);
    Py_XDECREF(out);
    total += PyDict_Pop(dict, list, NULL);
    total += PyDict_PopString(dict, "k", NULL);
    total += PyWeakref_GetRef(ref, &out);
    Py_XDECREF(out);
    out = PyImport_AddModuleRef("idempotence");
    Py_XDECREF(out);
    Py_BEGIN_CRITICAL_SECTION(dict);
    Py_BEGIN_CRITICAL_SECTION2(dict, list);
    Py_BEGIN_CRITICAL_SECTION_MUTEX(&mutex_a);
    Py_BEGIN_CRITICAL_SECTION2_MUTEX(&mutex_a, &mutex_b);
    total++;
    Py_END_CRITICAL_SECTION2();
    Py_END_CRITICAL_SECTION();
    Py_END_CRITICAL_SECTION2();
    Py_END_CRITICAL_SECTION();
    PyMutex_Lock(&mutex_a);
    total += PyMutex_IsLocked(&mutex_a);
    PyMutex_Unlock(&mutex_a);
    PyMutex_Lock(&mutex_b);
    PyMutex_Unlock(&mutex_b);
    total += ftcompat_Module_SetGILNotUsed(module);
    return total;
}

/* The 3.14 additions. */
int idempotence_use_314(PyObject *obj, PyObject *iter)
{
    PyObject *out = NULL;
    int32_t i32 = 0;
    int64_t i64 = 0;
    uint32_t u32 = 0;
    uint64_t u64 = 0;
    int total = PyLong_AsInt32(obj, &i32) + PyLong_AsInt64(obj, &i64) + PyLong_AsUInt32(obj, &u32)
                + PyLong_AsUInt64(obj, &u64);
    Py_XDECREF(PyLong_FromInt32(i32));
    Py_XDECREF(PyLong_FromInt64(i64));
    Py_XDECREF(PyLong_FromUInt32(u32));
    Py_XDECREF(PyLong_FromUInt64(u64));
    PyUnstable_EnableTryIncRef(obj);
    if (PyUnstable_TryIncRef(obj)) {
        Py_DECREF(obj);
    }
    total += PyUnstable_Object_IsUniquelyReferenced(obj);
    total += PyUnicode_Equal(obj, obj);
    Py_XDECREF(PyBytes_Join(obj, iter));
    total += (int)(Py_HashBuffer("k", 1) & 1);
    total += PyIter_NextItem(iter, &out);
    Py_XDECREF(out);
    Py_XDECREF(PyImport_ImportModuleAttr(obj, obj));
    Py_XDECREF(PyImport_ImportModuleAttrString("sys", "path"));
    total += PY_VERSION_HEX >= Py_PACK_VERSION(3, 8) && Py_PACK_FULL_VERSION(3, 8, 0, 0xF, 0) > 0;
    return total;
}

#if PY_VERSION_HEX >= 0x030D0000
/* PyCriticalSection exists from 3.13 (a complete type in free-threaded builds only, hence the pointers). */
void idempotence_use_section_functions(PyCriticalSection *cs, PyCriticalSection2 *cs2)
{
    PyCriticalSection_BeginMutex(cs, &mutex_a);
    PyCriticalSection_End(cs);
    PyCriticalSection2_BeginMutex(cs2, &mutex_a, &mutex_b);
    PyCriticalSection2_End(cs2);
}
#endif
