/* Small general-purpose macros extensions use everywhere. */
#ifndef Py_PYMACRO_H
#define Py_PYMACRO_H

#define Py_MIN(x, y) (((x) > (y)) ? (y) : (x))
#define Py_MAX(x, y) (((x) > (y)) ? (x) : (y))
#define Py_ABS(x) ((x) < 0 ? -(x) : (x))

#define _Py_XSTRINGIFY(x) #x
#define Py_STRINGIFY(x) _Py_XSTRINGIFY(x)

#define Py_MEMBER_SIZE(type, member) sizeof(((type *)0)->member)
#define Py_CHARMASK(c) ((unsigned char)((c) & 0xff))

/* Element count of a true array; refuses to compile for a pointer (C only, the check needs GNU C). */
#if defined(__GNUC__) && !defined(__cplusplus)
#  define Py_BUILD_ASSERT_EXPR(cond) (sizeof(char [1 - 2 * !(cond)]) - 1)
#  define Py_ARRAY_LENGTH(array) \
     (sizeof(array) / sizeof((array)[0]) \
      + Py_BUILD_ASSERT_EXPR(!__builtin_types_compatible_p(__typeof__(array), __typeof__(&(array)[0]))))
#else
#  define Py_BUILD_ASSERT_EXPR(cond) (sizeof(char [1 - 2 * !(cond)]) - 1)
#  define Py_ARRAY_LENGTH(array) (sizeof(array) / sizeof((array)[0]))
#endif

#ifdef __cplusplus
#  define Py_BUILD_ASSERT(cond) static_assert((cond), #cond)
#else
#  define Py_BUILD_ASSERT(cond) _Static_assert((cond), #cond)
#endif

/* Marks a parameter as intentionally unused and renames it so accidental use fails to compile. */
#define Py_UNUSED(name) _unused_ ## name __attribute__((unused))
#define Py_UNREACHABLE() __builtin_unreachable()

#define _Py_SIZE_ROUND_DOWN(n, a) ((size_t)(n) & ~(size_t)((a) - 1))
#define _Py_SIZE_ROUND_UP(n, a) (((size_t)(n) + (size_t)((a) - 1)) & ~(size_t)((a) - 1))
#define _Py_ALIGN_DOWN(p, a) ((void *)((uintptr_t)(p) & ~(uintptr_t)((a) - 1)))
#define _Py_ALIGN_UP(p, a) ((void *)(((uintptr_t)(p) + (uintptr_t)((a) - 1)) & ~(uintptr_t)((a) - 1)))
#define _Py_IS_ALIGNED(p, a) (!((uintptr_t)(p) & (uintptr_t)((a) - 1)))

#define Py_LL(x) x##LL
#define Py_ULL(x) Py_LL(x##U)

#define _Py_RVALUE(expr) ((void)0, (expr))

/* Docstrings are always compiled in (WITH_DOC_STRINGS). */
#define PyDoc_STR(str) str
#define PyDoc_VAR(name) static const char name[]
#define PyDoc_STRVAR(name, str) PyDoc_VAR(name) = PyDoc_STR(str)

/* 3.14: a version number packed as PY_VERSION_HEX packs it (major, minor, micro: 8 bits each; release level and
   serial: 4 bits each). The macros compute it at compile time; the exported functions of the same names serve
   callers that cannot use macros. */
#if PY_VERSION_HEX >= 0x030E0000
PyAPI_FUNC(uint32_t) Py_PACK_FULL_VERSION(int x, int y, int z, int level, int serial);
PyAPI_FUNC(uint32_t) Py_PACK_VERSION(int x, int y);
#define _Py_FTCHECK_PACK(x, y, z, level, serial) \
    ((uint32_t)((((uint32_t)(x) & 0xff) << 24) | (((uint32_t)(y) & 0xff) << 16) | (((uint32_t)(z) & 0xff) << 8) \
                | (((uint32_t)(level) & 0xf) << 4) | ((uint32_t)(serial) & 0xf)))
#define Py_PACK_FULL_VERSION(x, y, z, level, serial) _Py_FTCHECK_PACK((x), (y), (z), (level), (serial))
#define Py_PACK_VERSION(x, y) _Py_FTCHECK_PACK((x), (y), 0, 0, 0)
#endif

#endif
