/* pystrtod.h: CPython's own number parsing and formatting, independent of the C locale. The digits come from
   glibc's correctly rounded conversions in the "C" locale; the layout rules (where the exponent starts, padding,
   the Py_DTSF_* flags, shortest round-trip repr) are CPython 3.13's. */
#include "Python.h"
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static locale_t c_locale(void)
{
    static locale_t loc;
    locale_t l = __atomic_load_n(&loc, __ATOMIC_ACQUIRE);
    if (l == (locale_t)0) {
        locale_t fresh = newlocale(LC_ALL_MASK, "C", (locale_t)0);
        locale_t expected = (locale_t)0;
        if (!__atomic_compare_exchange_n(&loc, &expected, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            freelocale(fresh);
            fresh = expected;
        }
        l = fresh;
    }
    return l;
}

/* "inf", "infinity" or "nan" in any case after an optional sign; returns the characters used (0: none). */
static size_t parse_special(const char *s, double *value)
{
    size_t i = 0;
    int negative = 0;
    if (s[0] == '+' || s[0] == '-') {
        negative = s[0] == '-';
        i = 1;
    }
    if (PyOS_mystrnicmp(s + i, "inf", 3) == 0) {
        i += 3;
        if (PyOS_mystrnicmp(s + i, "inity", 5) == 0) {
            i += 5;
        }
        *value = negative ? -HUGE_VAL : HUGE_VAL;
        return i;
    }
    if (PyOS_mystrnicmp(s + i, "nan", 3) == 0) {
        *value = negative ? -fabs(NAN) : fabs(NAN);
        return i + 3;
    }
    return 0;
}

/* The length of the longest decimal literal at s: [sign] digits [. digits] [e [sign] digits], at least one
   mantissa digit; 0 if there is none. */
static size_t decimal_length(const char *s)
{
    size_t i = 0, digits = 0;
    if (s[i] == '+' || s[i] == '-') {
        i++;
    }
    while (s[i] >= '0' && s[i] <= '9') {
        i++;
        digits++;
    }
    if (s[i] == '.') {
        i++;
        while (s[i] >= '0' && s[i] <= '9') {
            i++;
            digits++;
        }
    }
    if (digits == 0) {
        return 0;
    }
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-') {
            j++;
        }
        if (s[j] >= '0' && s[j] <= '9') {
            while (s[j] >= '0' && s[j] <= '9') {
                j++;
            }
            i = j;
        }
    }
    return i;
}

double PyOS_string_to_double(const char *s, char **endptr, PyObject *overflow_exception)
{
    double value = 0.0;
    size_t used = parse_special(s, &value);
    int range_error = 0;
    if (used == 0) {
        used = decimal_length(s);
        if (used > 0) {
            char *copy = PyMem_Malloc(used + 1);
            if (copy == NULL) {
                PyErr_NoMemory();
                return -1.0;
            }
            memcpy(copy, s, used);
            copy[used] = '\0';
            errno = 0;
            value = strtod_l(copy, NULL, c_locale());
            range_error = errno == ERANGE;
            PyMem_Free(copy);
        }
    }
    if (used == 0 || (endptr == NULL && s[used] != '\0')) {
        if (endptr != NULL) {
            *endptr = (char *)s;
        }
        PyErr_Format(PyExc_ValueError, "could not convert string to float: '%.200s'", s);
        return -1.0;
    }
    if (endptr != NULL) {
        *endptr = (char *)s + used;
    }
    if (range_error && fabs(value) >= 1.0 && overflow_exception != NULL) {
        PyErr_Format(overflow_exception, "value too large to convert to float: '%.200s'", s);
        return -1.0;
    }
    return value;
}

/* Significant decimal digits of a finite |d| without trailing zeros, and the decimal point's position
   (value = 0.DIGITS * 10^point). "0" with point 1 for zero. */
struct digits {
    char text[800];
    int count;
    int point;
};

/* From a "%.*e" rendering: d.ddddde±x. */
static void digits_from_exponent_form(const char *buf, struct digits *out)
{
    int n = 0;
    const char *p = buf;
    for (; *p && *p != 'e'; p++) {
        if (*p >= '0' && *p <= '9') {
            out->text[n++] = *p;
        }
    }
    int exponent = atoi(p + 1);
    while (n > 1 && out->text[n - 1] == '0') {
        n--;
    }
    out->text[n] = '\0';
    out->count = n;
    out->point = out->text[0] == '0' ? 1 : exponent + 1;
}

/* n significant digits, correctly rounded. */
static void significant_digits(double d, int n, struct digits *out)
{
    char buf[64];
    locale_t old = uselocale(c_locale());
    snprintf(buf, sizeof buf, "%.*e", n - 1, fabs(d));
    uselocale(old);
    digits_from_exponent_form(buf, out);
}

/* Digits up to `precision` places after the point, correctly rounded (may be "0"). */
static int fixed_digits(double d, int precision, struct digits *out)
{
    int size = snprintf(NULL, 0, "%.*f", precision, fabs(d)) + 1;
    char *buf = PyMem_Malloc((size_t)size);
    if (buf == NULL) {
        return -1;
    }
    locale_t old = uselocale(c_locale());
    snprintf(buf, (size_t)size, "%.*f", precision, fabs(d));
    uselocale(old);
    /* Render as digit string and point, dropping leading and trailing zeros. */
    int point = (int)(strchr(buf, '.') ? strchr(buf, '.') - buf : (long)strlen(buf));
    int n = 0, seen = 0, p = 0;
    for (char *c = buf; *c; c++) {
        if (*c == '.') {
            continue;
        }
        if (!seen && *c == '0') {
            p++;
            continue;
        }
        seen = 1;
        if (n < (int)sizeof out->text - 1) {
            out->text[n++] = *c;
        }
    }
    PyMem_Free(buf);
    while (n > 0 && out->text[n - 1] == '0') {
        n--;
    }
    if (n == 0) {
        strcpy(out->text, "0");
        out->count = 1;
        out->point = 1;
        return 0;
    }
    out->text[n] = '\0';
    out->count = n;
    out->point = point - p;
    return 0;
}

static int round_trips(const struct digits *dg, double d)
{
    char buf[sizeof dg->text + 16];
    snprintf(buf, sizeof buf, "0.%se%d", dg->text, dg->point);
    return strtod_l(buf, NULL, c_locale()) == fabs(d);
}

/* Adds +1 or -1 to the last digit of a digit string (of count digits, point), renormalising. */
static void step_last_digit(const struct digits *in, int delta, struct digits *out)
{
    *out = *in;
    int i = out->count - 1;
    if (delta > 0) {
        while (i >= 0 && out->text[i] == '9') {
            out->text[i--] = '0';
        }
        if (i < 0) {
            memmove(out->text + 1, out->text, (size_t)out->count + 1);
            out->text[0] = '1';
            out->count++;
            out->point++;
        } else {
            out->text[i]++;
        }
    } else {
        while (i >= 0 && out->text[i] == '0') {
            out->text[i--] = '9';
        }
        if (i >= 0) {
            out->text[i]--;
        }
        if (out->text[0] == '0' && out->count > 1) {
            memmove(out->text, out->text + 1, (size_t)out->count);
            out->count--;
            out->point--;
        }
    }
    while (out->count > 1 && out->text[out->count - 1] == '0') {
        out->text[--out->count] = '\0';
    }
}

/* The shortest digit string that reads back as d; among equally short ones the closest (CPython's repr). */
static void shortest_digits(double d, struct digits *out)
{
    if (d == 0.0) {
        strcpy(out->text, "0");
        out->count = 1;
        out->point = 1;
        return;
    }
    for (int n = 1; n <= 17; n++) {
        significant_digits(d, n, out);
        if (round_trips(out, d)) {
            return;
        }
        /* At a power of two the interval is lopsided: a neighbour of the same length may read back. */
        struct digits up, down;
        step_last_digit(out, +1, &up);
        step_last_digit(out, -1, &down);
        if (up.count <= n && round_trips(&up, d)) {
            *out = up;
            return;
        }
        if (down.count <= n && round_trips(&down, d)) {
            *out = down;
            return;
        }
    }
    significant_digits(d, 17, out);
}

static char *special_string(double val, int upper, int flags, int *type)
{
    const char *name;
    int negative = 0;
    if (isnan(val)) {
        name = upper ? "NAN" : "nan";
        if (type) {
            *type = Py_DTST_NAN;
        }
    } else {
        name = upper ? "INF" : "inf";
        negative = val < 0;
        if (type) {
            *type = Py_DTST_INFINITE;
        }
    }
    char *r = PyMem_Malloc(5);
    if (r == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    char *p = r;
    if (negative) {
        *p++ = '-';
    } else if (flags & Py_DTSF_SIGN) {
        *p++ = '+';
    }
    strcpy(p, name);
    return r;
}

char *PyOS_double_to_string(double val, char format_code, int precision, int flags, int *type)
{
    int upper = 0;
    switch (format_code) {
    case 'E': case 'F': case 'G':
        upper = 1;
        format_code = (char)(format_code + ('a' - 'A'));
        break;
    case 'e': case 'f': case 'g':
        break;
    case 'r':
        if (precision != 0) {
            PyErr_BadInternalCall();
            return NULL;
        }
        break;
    default:
        PyErr_BadInternalCall();
        return NULL;
    }
    if (!isfinite(val)) {
        return special_string(val, upper, flags, type);
    }
    if (type) {
        *type = Py_DTST_FINITE;
    }
    int alt = (flags & Py_DTSF_ALT) != 0;
    int dot0 = (flags & Py_DTSF_ADD_DOT_0) != 0;
    struct digits *dg = PyMem_Malloc(sizeof *dg);
    if (dg == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    int use_exp = 0;
    int pad_to;  /* digits (counted from the first significant place) to show at least */
    if (format_code == 'r') {
        shortest_digits(val, dg);
        use_exp = dg->point <= -4 || dg->point > 16;
        pad_to = 0;
    } else if (format_code == 'f') {
        if (fixed_digits(val, precision, dg) < 0) {
            PyMem_Free(dg);
            PyErr_NoMemory();
            return NULL;
        }
        pad_to = dg->point + precision;
    } else if (format_code == 'e') {
        significant_digits(val, precision + 1, dg);
        use_exp = 1;
        pad_to = precision + 1;
    } else {
        if (precision == 0) {
            precision = 1;
        }
        significant_digits(val, precision, dg);
        use_exp = dg->point <= -4 || dg->point > (dot0 ? precision - 1 : precision);
        pad_to = alt ? precision : 0;
    }
    int negative = signbit(val) != 0;
    if (negative && (flags & Py_DTSF_NO_NEG_0) && strcmp(dg->text, "0") == 0) {
        negative = 0;
    }
    int exponent = 0;
    if (use_exp) {
        exponent = dg->point - 1;
        dg->point = 1;
    }
    /* Places shown: from min(point, 0) - 1 ... to the end. */
    int end = pad_to > dg->count ? pad_to : dg->count;
    if (!use_exp && dot0) {
        end = end > dg->point ? end : dg->point + 1;
    } else {
        end = end > dg->point ? end : dg->point;
    }
    int start = dg->point <= 0 ? dg->point - 1 : 0;
    size_t cap = (size_t)(end - start) + 16;
    char *r = PyMem_Malloc(cap);
    if (r == NULL) {
        PyMem_Free(dg);
        PyErr_NoMemory();
        return NULL;
    }
    char *p = r;
    if (negative) {
        *p++ = '-';
    } else if (flags & Py_DTSF_SIGN) {
        *p++ = '+';
    }
    for (int place = start; place < end; place++) {
        if (place == dg->point) {
            *p++ = '.';
        }
        *p++ = place >= 0 && place < dg->count ? dg->text[place] : '0';
    }
    if (end == dg->point) {
        *p++ = '.';
    }
    if (p[-1] == '.' && !alt) {
        p--;
    }
    if (use_exp) {
        p += sprintf(p, "%c%c%02d", upper ? 'E' : 'e', exponent < 0 ? '-' : '+', abs(exponent));
    }
    *p = '\0';
    PyMem_Free(dg);
    return r;
}
