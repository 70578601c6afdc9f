/* import.h: the identity of CPython 3.13's bytecode cache files, which extensions use to read or write .pyc, and
   the (empty) tables of built-in and frozen modules. */
#include "Python.h"

/* Empty tables: no built-in or frozen modules are registered. */
static struct _inittab no_inittab[] = {{NULL, NULL}};
struct _inittab *PyImport_Inittab = no_inittab;
static const struct _frozen no_frozen[] = {{NULL, NULL, 0, 0}};
const struct _frozen *PyImport_FrozenModules = no_frozen;

/* 3571 is 3.13's bytecode magic; the file header stores it little-endian followed by "\r\n". */
long PyImport_GetMagicNumber(void)
{
    return 3571L | ((long)'\r' << 16) | ((long)'\n' << 24);
}

const char *PyImport_GetMagicTag(void)
{
    return "cpython-313";
}
