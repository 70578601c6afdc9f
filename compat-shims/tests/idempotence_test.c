/*
 * Compile-only test: ftcompat.h included twice (once more through a second, "vendored" path when
 * FTCOMPAT_SECOND_COPY is given), optionally after stub_prior_compat.h (WITH_STUB). Uses every shim so that
 * each name must resolve to exactly one definition. CompatShimsTest compiles it with -Wall -Wextra -Werror and
 * inspects the object's symbols to see whose implementation each name picked.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
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
    PyMutex_Unlock(&mutex_a);
    total += ftcompat_Module_SetGILNotUsed(module);
    return total;
}
