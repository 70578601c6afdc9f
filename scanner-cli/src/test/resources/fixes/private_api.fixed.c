#include <Python.h>
#include "ftcompat.h"

static int
same(PyObject *a, PyObject *b)
{
    return PyUnicode_Equal(a, b);
}

static PyObject *
joined(PyObject *sep, PyObject *parts)
{
    return PyBytes_Join(sep, parts);
}

static PyObject *
helper(void)
{
    return PyImport_ImportModuleAttrString("json", "dumps");
}

static PyObject *
grow(PyObject *left, PyObject *right)
{
    if (PyUnstable_Object_IsUniquelyReferenced(left)) {
        return PyNumber_InPlaceAdd(left, right);
    }
    return PyNumber_Add(left, right);
}

static Py_hash_t
pointer_hash(void *p)
{
    return _Py_HashPointer(p);
}

static int
sign(PyObject *v)
{
    return _PyLong_Sign(v);
}
