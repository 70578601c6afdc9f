/* ftcheck's C-API: the entry header extensions include. It describes CPython 3.13's free-threaded
   64-bit ABI (object layouts identical to python3.13t) and 3.13's whole public name surface; the 3.14
   free-threading additions are declared for PY_VERSION_HEX >= 3.14 only.
   Written for ftcheck; the layouts are checked against real CPython headers by the layout probe test. */
#ifndef FTCHECK_PYTHON_H
#define FTCHECK_PYTHON_H
/* CPython's own guard name: code tests it to know Python.h came first. */
#define Py_PYTHON_H

#include "patchlevel.h"
#include "pyconfig.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "pyport.h"

#ifdef __cplusplus
extern "C" {
#endif

#include "pymacro.h"
#include "pymacconfig.h"
#include "exports.h"
#include "pymath.h"
#include "pystats.h"
#include "pytypedefs.h"
#include "cpython/pyatomic.h"
#include "lock.h"

/* Character types used by several object headers before unicodeobject.h. */
typedef uint32_t Py_UCS4;
typedef uint16_t Py_UCS2;
typedef uint8_t Py_UCS1;

#include "pymem.h"
#include "pyhash.h"
#include "pydebug.h"
#include "object.h"
#include "objimpl.h"
#include "critical_section.h"
#include "methodobject.h"
#include "descrobject.h"
#include "moduleobject.h"
#include "longobject.h"
#include "boolobject.h"
#include "floatobject.h"
#include "complexobject.h"
#include "unicodeobject.h"
#include "bytesobject.h"
#include "bytearrayobject.h"
#include "tupleobject.h"
#include "listobject.h"
#include "dictobject.h"
#include "setobject.h"
#include "sliceobject.h"
#include "cellobject.h"
#include "pycapsule.h"
#include "weakrefobject.h"
#include "memoryobject.h"
#include "funcobject.h"
#include "genobject.h"
#include "iterobject.h"
#include "structseq.h"
#include "context.h"
#include "pyframe.h"
#include "code.h"
#include "traceback.h"
#include "classobject.h"
#include "odictobject.h"
#include "enumobject.h"
#include "rangeobject.h"
#include "picklebufobject.h"
#include "genericaliasobject.h"
#include "monitoring.h"
#include "pyerrors.h"
#include "warnings.h"
#include "compile.h"
#include "initconfig.h"
#include "pystate.h"
#include "ceval.h"
#include "import.h"
#include "abstract.h"
#include "modsupport.h"
#include "sysmodule.h"
#include "pylifecycle.h"
#include "pythread.h"
#include "pytime.h"
#include "pystrtod.h"
#include "fileobject.h"
#include "codecs.h"
#include "pythonrun.h"
#include "intrcheck.h"
#include "osmodule.h"
#include "bltinmodule.h"
#include "fileutils.h"
#include "pystrcmp.h"
#include "pyctype.h"
#include "pyfpe.h"
#include "tracemalloc.h"

#ifdef __cplusplus
}
#endif


#endif
