/* cpython/longintrepr.h: 3.14's PyLong_GetNativeLayout, the digit layout of the runtime's ints (30-bit digits in
   4-byte words, least significant digit first, little-endian words). PyLong_Export and PyLongWriter are the
   runtime's. Both bridge builds export it. */
#include "Python.h"
#include "internal/ftbridge.h"   /* PyLongLayout's name in the 3.13 build */

/* bits_per_digit, digit_size, digits_order (-1: least significant first), digit_endianness (-1: little) */
static const int8_t ftb_long_layout[4] = {PyLong_SHIFT, (int8_t)sizeof(digit), -1, -1};

const PyLongLayout *PyLong_GetNativeLayout(void)
{
    return (const PyLongLayout *)ftb_long_layout;
}
