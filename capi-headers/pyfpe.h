/* pyfpe.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef Py_PYFPE_H
#define Py_PYFPE_H

/* Floating-point exception protection was removed long ago; both expand to nothing. */
#define PyFPE_START_PROTECT(err_string, leave_stmt)
#define PyFPE_END_PROTECT(v)


#endif
