/* The handful of atomic operations the inline fast paths need, expressed with the GCC/Clang __atomic
   builtins (which also work in C++). Names follow CPython's _Py_atomic_* spelling so code that uses
   the common ones keeps compiling. */
#ifndef Py_ATOMIC_H
#define Py_ATOMIC_H

static inline uint32_t _Py_atomic_load_uint32_relaxed(const uint32_t *p)
{ return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline void _Py_atomic_store_uint32_relaxed(uint32_t *p, uint32_t v)
{ __atomic_store_n(p, v, __ATOMIC_RELAXED); }
static inline Py_ssize_t _Py_atomic_load_ssize_relaxed(const Py_ssize_t *p)
{ return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline Py_ssize_t _Py_atomic_load_ssize_acquire(const Py_ssize_t *p)
{ return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline void _Py_atomic_store_ssize_relaxed(Py_ssize_t *p, Py_ssize_t v)
{ __atomic_store_n(p, v, __ATOMIC_RELAXED); }
static inline Py_ssize_t _Py_atomic_add_ssize(Py_ssize_t *p, Py_ssize_t v)
{ return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
static inline int _Py_atomic_compare_exchange_ssize(Py_ssize_t *p, Py_ssize_t *expected, Py_ssize_t desired)
{ return __atomic_compare_exchange_n(p, expected, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); }
static inline uintptr_t _Py_atomic_load_uintptr_relaxed(const uintptr_t *p)
{ return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline void _Py_atomic_store_uintptr_relaxed(uintptr_t *p, uintptr_t v)
{ __atomic_store_n(p, v, __ATOMIC_RELAXED); }
static inline uint8_t _Py_atomic_load_uint8_relaxed(const uint8_t *p)
{ return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline uint8_t _Py_atomic_load_uint8(const uint8_t *p)
{ return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline int _Py_atomic_compare_exchange_uint8(uint8_t *p, uint8_t *expected, uint8_t desired)
{ return __atomic_compare_exchange_n(p, expected, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); }
static inline unsigned long _Py_atomic_load_ulong_relaxed(const unsigned long *p)
{ return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline void *_Py_atomic_load_ptr(void *const *p)
{ return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void *_Py_atomic_load_ptr_relaxed(void *const *p)
{ return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline void *_Py_atomic_load_ptr_acquire(void *const *p)
{ return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline void _Py_atomic_store_ptr_release(void **p, void *v)
{ __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static inline int _Py_atomic_load_int_relaxed(const int *p)
{ return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline void _Py_atomic_store_int_relaxed(int *p, int v)
{ __atomic_store_n(p, v, __ATOMIC_RELAXED); }
static inline int _Py_atomic_add_int(int *p, int v)
{ return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
static inline int64_t _Py_atomic_add_int64(int64_t *p, int64_t v)
{ return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
static inline void _Py_atomic_fence_seq_cst(void)
{ __atomic_thread_fence(__ATOMIC_SEQ_CST); }

#endif
