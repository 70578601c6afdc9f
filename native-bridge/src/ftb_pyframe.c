/* pyframe.h: the table of frame executable kinds. */
#include "Python.h"

/* Frame executable kinds are not tracked: every entry is NULL, so any use fails visibly rather than misleads. */
const PyTypeObject *const PyUnstable_ExecutableKinds[PyUnstable_EXECUTABLE_KINDS + 1] = {NULL};
