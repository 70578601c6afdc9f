/* pymacro.h: the exported forms of 3.14's version-packing macros (both bridge builds export them). */
#include "Python.h"

#undef Py_PACK_FULL_VERSION
#undef Py_PACK_VERSION

uint32_t Py_PACK_FULL_VERSION(int x, int y, int z, int level, int serial)
{
    return ((uint32_t)(x & 0xff) << 24) | ((uint32_t)(y & 0xff) << 16) | ((uint32_t)(z & 0xff) << 8)
        | ((uint32_t)(level & 0xf) << 4) | (uint32_t)(serial & 0xf);
}

uint32_t Py_PACK_VERSION(int x, int y)
{
    return Py_PACK_FULL_VERSION(x, y, 0, 0, 0);
}
