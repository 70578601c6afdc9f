/* Behaviour probe for the header-inline helpers that need no runtime: the Py_IS and Py_TO ASCII macros,
   surrogate arithmetic, ASCII whitespace and the hash constants. Built against ftcheck's headers and against
   CPython 3.13's (linked with libpython), the outputs must match. */
#include <Python.h>
#include <stdio.h>

int main(void)
{
    for (int c = 0; c < 256; c++) {
        printf("byte %d: %d %d %d %d %d %d %d %d %d\n", c, (int)Py_ISLOWER(c), (int)Py_ISUPPER(c), (int)Py_ISALPHA(c),
               (int)Py_ISDIGIT(c), (int)Py_ISXDIGIT(c), (int)Py_ISALNUM(c), (int)Py_ISSPACE(c), (int)Py_TOLOWER(c),
               (int)Py_TOUPPER(c));
    }
    for (Py_UCS4 ch = 0; ch < 128; ch++) {
        printf("ascii space %u %d\n", (unsigned)ch, Py_UNICODE_ISSPACE(ch));
    }
    static const Py_UCS4 points[] = {0, 0x41, 0xD7FF, 0xD800, 0xDA00, 0xDBFF, 0xDC00, 0xDE42, 0xDFFF, 0xE000,
                                     0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        Py_UCS4 ch = points[i];
        printf("surrogate %x: %d %d %d high %x low %x\n", (unsigned)ch, Py_UNICODE_IS_SURROGATE(ch),
               Py_UNICODE_IS_HIGH_SURROGATE(ch), Py_UNICODE_IS_LOW_SURROGATE(ch),
               ch >= 0x10000 ? (unsigned)Py_UNICODE_HIGH_SURROGATE(ch) : 0u,
               ch >= 0x10000 ? (unsigned)Py_UNICODE_LOW_SURROGATE(ch) : 0u);
    }
    printf("join %x %x\n", (unsigned)Py_UNICODE_JOIN_SURROGATES(0xD83D, 0xDE00),
           (unsigned)Py_UNICODE_JOIN_SURROGATES(0xDBFF, 0xDFFF));
    printf("hash %d %zu %d %lu %d\n", PyHASH_BITS, (size_t)PyHASH_MODULUS, PyHASH_INF, (unsigned long)PyHASH_IMAG,
           Py_HASH_ALGORITHM);
    printf("math %.17g %.17g %.17g\n", Py_MATH_PI, Py_MATH_E, (double)Py_MATH_TAU);
    return 0;
}
