/* Version of the C-API that ftcheck's headers implement. One header tree serves CPython 3.13's and 3.14's
   free-threaded ABIs: the staged trees (include/python3.13t, include/python3.14t) fix the minor version below,
   and every difference between the two versions is written as a PY_VERSION_HEX test, as CPython's headers do. */
#ifndef _Py_FTCHECK_PATCHLEVEL_H
#define _Py_FTCHECK_PATCHLEVEL_H

#ifndef _Py_FTCHECK_ABI_MINOR
#  define _Py_FTCHECK_ABI_MINOR 13
#endif

#define PY_RELEASE_LEVEL_ALPHA  0xA
#define PY_RELEASE_LEVEL_BETA   0xB
#define PY_RELEASE_LEVEL_GAMMA  0xC
#define PY_RELEASE_LEVEL_FINAL  0xF

#define PY_MAJOR_VERSION        3
#if _Py_FTCHECK_ABI_MINOR == 14
/* The micro version of the reference headers the 3.14 layout is probed against (Debian's 3.14.8). */
#  define PY_MINOR_VERSION      14
#  define PY_MICRO_VERSION      8
#  define PY_VERSION            "3.14.8"
#elif _Py_FTCHECK_ABI_MINOR == 13
#  define PY_MINOR_VERSION      13
#  define PY_MICRO_VERSION      0
#  define PY_VERSION            "3.13.0"
#else
#  error "ftcheck's headers serve the 3.13 and 3.14 ABIs only (_Py_FTCHECK_ABI_MINOR is 13 or 14)"
#endif
#define PY_RELEASE_LEVEL        PY_RELEASE_LEVEL_FINAL
#define PY_RELEASE_SERIAL       0

#define PY_VERSION_HEX ((PY_MAJOR_VERSION << 24) | (PY_MINOR_VERSION << 16) | \
                        (PY_MICRO_VERSION << 8) | (PY_RELEASE_LEVEL << 4) | (PY_RELEASE_SERIAL << 0))

#endif
