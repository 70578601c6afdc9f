/* pydebug.h: Py_GETENV, a function here (a macro in CPython) with the macro's meaning. */
#include <stdlib.h>
#include "Python.h"

#undef Py_GETENV
char *Py_GETENV(const char *name)
{
    return Py_IgnoreEnvironmentFlag ? NULL : getenv(name);
}
