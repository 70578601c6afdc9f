/* pymacconfig.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef PY_MACCONFIG_H
#define PY_MACCONFIG_H


#endif
