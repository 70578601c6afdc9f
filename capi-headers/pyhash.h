/* pyhash.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef Py_HASH_H
#define Py_HASH_H

/* Numeric hashing parameters of a 64-bit build (hash(x) for numbers is reduced modulo 2**61 - 1). */
#define PyHASH_BITS 61
#define PyHASH_MODULUS (((size_t)1 << PyHASH_BITS) - 1)
#define PyHASH_INF 314159
#define PyHASH_MULTIPLIER 1000003UL
#define PyHASH_IMAG PyHASH_MULTIPLIER
/* The pre-3.13 spellings, still used by numeric extensions. */
#define _PyHASH_BITS PyHASH_BITS
#define _PyHASH_MODULUS PyHASH_MODULUS
#define _PyHASH_INF PyHASH_INF
#define _PyHASH_MULTIPLIER PyHASH_MULTIPLIER
#define _PyHASH_IMAG PyHASH_IMAG
#define Py_HASH_EXTERNAL 0
#define Py_HASH_SIPHASH24 1
#define Py_HASH_FNV 2
#define Py_HASH_SIPHASH13 3
#define Py_HASH_ALGORITHM Py_HASH_SIPHASH13
#define Py_HASH_CUTOFF 0
typedef struct {
    Py_hash_t (*const hash)(const void *, Py_ssize_t);
    const char *name;
    const int hash_bits;
    const int seed_bits;
} PyHash_FuncDef;

#define Py_HASH_CUTOFF 0
#define Py_HASH_EXTERNAL 0
#define Py_HASH_SIPHASH24 1
#define Py_HASH_FNV 2
#define Py_HASH_SIPHASH13 3
#define PyHASH_MULTIPLIER 1000003UL
#define PyHASH_BITS 61
#define PyHASH_INF 314159

PyAPI_FUNC(PyHash_FuncDef *) PyHash_GetFuncDef(void);

PyAPI_FUNC(Py_hash_t) Py_HashPointer(const void *ptr);
PyAPI_FUNC(Py_hash_t) PyObject_GenericHash(PyObject *o);
/* 3.14: the hash of len bytes at ptr, the value hash(bytes) gives for the same bytes. */
#if PY_VERSION_HEX >= 0x030E0000
PyAPI_FUNC(Py_hash_t) Py_HashBuffer(const void *ptr, Py_ssize_t len);
#endif

#endif
