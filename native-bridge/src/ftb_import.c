/* import.h: the identity of CPython 3.13's bytecode cache files, which extensions use to read or write .pyc. */
#include "Python.h"

/* 3571 is 3.13's bytecode magic; the file header stores it little-endian followed by "\r\n". */
long PyImport_GetMagicNumber(void)
{
    return 3571L | ((long)'\r' << 16) | ((long)'\n' << 24);
}

const char *PyImport_GetMagicTag(void)
{
    return "cpython-313";
}
