/* Data symbols of CPython 3.13's API that are not objects: constants, the legacy configuration flags and hook
   pointers. Values are CPython's for a started interpreter on Linux with a UTF-8 locale; hooks that ftcheck does
   not call stay NULL. */
#include "Python.h"

const char *Py_hexdigits = "0123456789abcdef";
const unsigned long Py_Version = PY_VERSION_HEX;

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

const char *Py_FileSystemDefaultEncoding = "utf-8";
const char *Py_FileSystemDefaultEncodeErrors = "surrogateescape";
int Py_HasFileSystemDefaultEncoding = 0;
int Py_UTF8Mode = 0;

int (*PyOS_InputHook)(void) = NULL;
char *(*PyOS_ReadlineFunctionPointer)(FILE *, FILE *, const char *) = NULL;

/* Empty tables: no built-in or frozen modules are registered. */
static struct _inittab no_inittab[] = {{NULL, NULL}};
struct _inittab *PyImport_Inittab = no_inittab;
static const struct _frozen no_frozen[] = {{NULL, NULL, 0, 0}};
const struct _frozen *PyImport_FrozenModules = no_frozen;

/* Frame executable kinds are not tracked: every entry is NULL, so any use fails visibly rather than misleads. */
const PyTypeObject *const PyUnstable_ExecutableKinds[PyUnstable_EXECUTABLE_KINDS + 1] = {NULL};
