/* pythonrun.h: the interactive-input hooks. ftcheck never reads interactive input, so both stay NULL. */
#include "Python.h"

int (*PyOS_InputHook)(void) = NULL;
char *(*PyOS_ReadlineFunctionPointer)(FILE *, FILE *, const char *) = NULL;
