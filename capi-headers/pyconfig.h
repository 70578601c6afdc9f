/* Build configuration that ftcheck's C-API presents to extensions: a free-threaded CPython 3.13 on
   x86-64 Linux. Only the settings extensions commonly test are provided. */
#ifndef FTCHECK_PYCONFIG_H
#define FTCHECK_PYCONFIG_H

/* The whole point of the ABI: free-threaded object layout and semantics. */
#ifndef Py_GIL_DISABLED
#  define Py_GIL_DISABLED 1
#endif

#if !defined(__x86_64__) || !defined(__linux__)
#  error "ftcheck's C-API headers describe the x86-64 Linux ABI only"
#endif

#define SIZEOF_SHORT 2
#define SIZEOF_INT 4
#define SIZEOF_LONG 8
#define SIZEOF_LONG_LONG 8
#define SIZEOF_VOID_P 8
#define SIZEOF_SIZE_T 8
#define SIZEOF_TIME_T 8
#define SIZEOF_DOUBLE 8
#define SIZEOF_FLOAT 4
#define SIZEOF_WCHAR_T 4
#define SIZEOF_PID_T 4
#define SIZEOF_UINTPTR_T 8
#define SIZEOF_OFF_T 8
#define SIZEOF_FPOS_T 16
#define SIZEOF__BOOL 1
#define SIZEOF_LONG_DOUBLE 16
#define ALIGNOF_LONG 8
#define ALIGNOF_SIZE_T 8
#define DOUBLE_IS_LITTLE_ENDIAN_IEEE754 1
#define PY_LITTLE_ENDIAN 1
#define HAVE_STDINT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_UNISTD_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_PTHREAD_H 1
#define HAVE_LONG_DOUBLE 1
#define HAVE_WCHAR_H 1
#define HAVE_CLOCK_GETTIME 1
#define WITH_THREAD 1
#define PY_HAVE_THREAD_NATIVE_ID 1
#define WITH_PYMALLOC 1
#define Py_ENABLE_SHARED 1
#define HAVE_DYNAMIC_LOADING 1

#endif
