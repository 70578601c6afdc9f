/* Portability layer: the basic integer types and the declaration/attribute macros the rest of the
   headers are written in. */
#ifndef Py_PYPORT_H
#define Py_PYPORT_H

#include <stddef.h>
#include <stdint.h>
#include <inttypes.h>
#include <limits.h>
#include <sys/types.h>

#if defined(Py_LIMITED_API) && defined(Py_GIL_DISABLED)
#  error "The limited API is not available in free-threaded builds (Py_LIMITED_API with Py_GIL_DISABLED)"
#endif

/* ---- integer types with fixed meanings ---- */
typedef ssize_t Py_ssize_t;
typedef Py_ssize_t Py_hash_t;
typedef size_t Py_uhash_t;

#define PY_SSIZE_T_MAX ((Py_ssize_t)(((size_t)-1) >> 1))
#define PY_SSIZE_T_MIN (-PY_SSIZE_T_MAX - 1)
#define PY_SIZE_MAX SIZE_MAX
#define PY_FORMAT_SIZE_T "z"

#define PY_LLONG_MIN LLONG_MIN
#define PY_LLONG_MAX LLONG_MAX
#define PY_ULLONG_MAX ULLONG_MAX
#define PY_INT32_T int32_t
#define PY_UINT32_T uint32_t
#define PY_INT64_T int64_t
#define PY_UINT64_T uint64_t
#define PY_LONG_LONG long long
#define HAVE_LONG_LONG 1
#define PY_DWORD_MAX 4294967295U

#define PYLONG_BITS_IN_DIGIT 30

/* ---- symbol visibility: every API entry point is an ordinary default-visibility symbol ---- */
#define Py_IMPORTED_SYMBOL __attribute__((visibility("default")))
#define Py_EXPORTED_SYMBOL __attribute__((visibility("default")))
#define Py_LOCAL_SYMBOL __attribute__((visibility("hidden")))

#define PyAPI_FUNC(RTYPE) Py_EXPORTED_SYMBOL RTYPE
#define PyAPI_DATA(RTYPE) extern Py_EXPORTED_SYMBOL RTYPE

#ifdef __cplusplus
#  define PyMODINIT_FUNC extern "C" Py_EXPORTED_SYMBOL PyObject *
#else
#  define PyMODINIT_FUNC Py_EXPORTED_SYMBOL PyObject *
#endif

/* ---- C / C++ glue ---- */
#ifdef __cplusplus
#  define _Py_STATIC_CAST(type, expr) static_cast<type>(expr)
#  define _Py_CAST(type, expr) ((type)(expr))
#  define _Py_NULL nullptr
#else
#  define _Py_STATIC_CAST(type, expr) ((type)(expr))
#  define _Py_CAST(type, expr) ((type)(expr))
#  define _Py_NULL NULL
#endif

/* ---- function attributes ---- */
#define Py_LOCAL(type) static type
#define Py_LOCAL_INLINE(type) static inline type
#define Py_ALWAYS_INLINE __attribute__((always_inline))
#define Py_NO_INLINE __attribute__((noinline))
#define _Py_NO_RETURN __attribute__((__noreturn__))
#define Py_DEPRECATED(VERSION_UNUSED) __attribute__((__deprecated__))
#define _Py_COMP_DIAG_PUSH _Pragma("GCC diagnostic push")
#define _Py_COMP_DIAG_IGNORE_DEPR_DECLS _Pragma("GCC diagnostic ignored \"-Wdeprecated-declarations\"")
#define _Py_COMP_DIAG_POP _Pragma("GCC diagnostic pop")
#define Py_GCC_ATTRIBUTE(x) __attribute__(x)
#define _Py_HOT_FUNCTION __attribute__((hot))
#define Py_ALIGNED(x) __attribute__((aligned(x)))
#define _Py_ALIGN_AS(x) _Alignas(x)
#define _Py_FALLTHROUGH __attribute__((fallthrough))
#define Py_SAFE_DOWNCAST(VALUE, WIDE, NARROW) _Py_STATIC_CAST(NARROW, VALUE)
#define Py_ARITHMETIC_RIGHT_SHIFT(TYPE, I, J) ((I) >> (J))
#define _Py_HOT_FUNCTION_UNUSED

#define Py_HUGE_VAL HUGE_VAL
#define Py_NAN ((double)NAN)
#define Py_INFINITY ((double)INFINITY)
#define Py_IS_NAN(X) isnan(X)
#define Py_IS_INFINITY(X) isinf(X)
#define Py_IS_FINITE(X) isfinite(X)

#ifndef WITH_THREAD
#  define WITH_THREAD
#endif

/* Integer aliases older code spells the CPython way. */
typedef uintptr_t Py_uintptr_t;
typedef intptr_t Py_intptr_t;
typedef Py_ssize_t Py_ssize_clean_t;
#define SIZEOF_PY_HASH_T SIZEOF_SIZE_T
#define SIZEOF_PY_UHASH_T SIZEOF_SIZE_T
#define PY_BIG_ENDIAN 0
#define Py_CAN_START_THREADS 1
#define Py_MEMCPY memcpy
#define Py_VA_COPY va_copy
#define Py_FORCE_EXPANSION(X) X
/* 3.13 marks some pointer parameters const only for C++ callers. */
#ifndef PY_CXX_CONST
#  ifdef __cplusplus
#    define PY_CXX_CONST const
#  else
#    define PY_CXX_CONST
#  endif
#endif

/* The rest of what CPython 3.13 declares here. Until the runtime implements one, it raises SystemError naming itself. */
#define PY_BIG_ENDIAN 0
#define Py_CAN_START_THREADS 1

#endif
