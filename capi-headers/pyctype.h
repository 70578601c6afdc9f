/* pyctype.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef PYCTYPE_H
#define PYCTYPE_H

/* ASCII-only classification, independent of the C locale. Same answers as CPython's tables, including which flag
   bit a test returns (Py_ISALNUM('1') is PY_CTF_DIGIT), and the argument is evaluated once. */
#define PY_CTF_LOWER  0x01
#define PY_CTF_UPPER  0x02
#define PY_CTF_ALPHA  (PY_CTF_LOWER | PY_CTF_UPPER)
#define PY_CTF_DIGIT  0x04
#define PY_CTF_ALNUM  (PY_CTF_ALPHA | PY_CTF_DIGIT)
#define PY_CTF_SPACE  0x08
#define PY_CTF_XDIGIT 0x10

static inline int _Py_ctype_flags(unsigned char c)
{
    int f = 0;
    if (c >= 'a' && c <= 'z') {
        f |= PY_CTF_LOWER;
    } else if (c >= 'A' && c <= 'Z') {
        f |= PY_CTF_UPPER;
    } else if (c >= '0' && c <= '9') {
        f |= PY_CTF_DIGIT | PY_CTF_XDIGIT;
    } else if (c == ' ' || (c >= '\t' && c <= '\r')) {
        f |= PY_CTF_SPACE;
    }
    if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
        f |= PY_CTF_XDIGIT;
    }
    return f;
}
static inline unsigned char _Py_ctype_lower(unsigned char c)
{
    return (unsigned char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}
static inline unsigned char _Py_ctype_upper(unsigned char c)
{
    return (unsigned char)(c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
}
#define Py_ISLOWER(c) (_Py_ctype_flags(Py_CHARMASK(c)) & PY_CTF_LOWER)
#define Py_ISUPPER(c) (_Py_ctype_flags(Py_CHARMASK(c)) & PY_CTF_UPPER)
#define Py_ISALPHA(c) (_Py_ctype_flags(Py_CHARMASK(c)) & PY_CTF_ALPHA)
#define Py_ISDIGIT(c) (_Py_ctype_flags(Py_CHARMASK(c)) & PY_CTF_DIGIT)
#define Py_ISXDIGIT(c) (_Py_ctype_flags(Py_CHARMASK(c)) & PY_CTF_XDIGIT)
#define Py_ISALNUM(c) (_Py_ctype_flags(Py_CHARMASK(c)) & PY_CTF_ALNUM)
#define Py_ISSPACE(c) (_Py_ctype_flags(Py_CHARMASK(c)) & PY_CTF_SPACE)
#define Py_TOLOWER(c) (_Py_ctype_lower(Py_CHARMASK(c)))
#define Py_TOUPPER(c) (_Py_ctype_upper(Py_CHARMASK(c)))

#endif
