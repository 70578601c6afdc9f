/* bltinmodule.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef Py_BLTINMODULE_H
#define Py_BLTINMODULE_H


#endif
