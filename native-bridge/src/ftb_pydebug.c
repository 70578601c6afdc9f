/* pydebug.h: the legacy configuration flags, and Py_GETENV, a function here (a macro in CPython) with the
   macro's meaning. */
#include <stdlib.h>
#include "Python.h"

/* Deprecated since 3.12 in favour of PyConfig; nothing in ftcheck reads them. */
int Py_DebugFlag;
int Py_VerboseFlag;
int Py_QuietFlag;
int Py_InteractiveFlag;
int Py_InspectFlag;
int Py_OptimizeFlag;
int Py_NoSiteFlag;
int Py_BytesWarningFlag;
int Py_FrozenFlag;
int Py_IgnoreEnvironmentFlag;
int Py_DontWriteBytecodeFlag;
int Py_NoUserSiteDirectory;
int Py_UnbufferedStdioFlag;
int Py_HashRandomizationFlag;
int Py_IsolatedFlag;

#undef Py_GETENV
char *Py_GETENV(const char *name)
{
    return Py_IgnoreEnvironmentFlag ? NULL : getenv(name);
}
