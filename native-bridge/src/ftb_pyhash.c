/* pyhash.h: hashing by identity. */
#include "Python.h"

/* Pointers are aligned, so their low 4 bits carry nothing: rotate them to the top. -1 is reserved for errors. */
Py_hash_t Py_HashPointer(const void *ptr)
{
    size_t y = (size_t)ptr;
    y = (y >> 4) | (y << (8 * sizeof y - 4));
    Py_hash_t h = (Py_hash_t)y;
    return h == -1 ? -2 : h;
}

/* object.__hash__: the object's address, hashed as a pointer. */
Py_hash_t PyObject_GenericHash(PyObject *o)
{
    return Py_HashPointer(o);
}
