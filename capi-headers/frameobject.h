/* Extensions include this for the frame accessors, which live in pyframe.h (pulled in by Python.h). */
#ifndef FTCHECK_FRAMEOBJECT_H
#define FTCHECK_FRAMEOBJECT_H
#include "Python.h"
#endif
