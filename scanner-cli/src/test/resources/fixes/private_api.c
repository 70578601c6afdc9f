#include <Python.h>

static int
same(PyObject *a, PyObject *b)
{
    return _PyUnicode_EQ(a, b);
}

static PyObject *
joined(PyObject *sep, PyObject *parts)
{
    return _PyBytes_Join(sep, parts);
}

static PyObject *
helper(void)
{
    return _PyImport_GetModuleAttrString("json", "dumps");
}

static PyObject *
grow(PyObject *left, PyObject *right)
{
    if (Py_REFCNT(left) == 1) {
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
