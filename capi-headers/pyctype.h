/* pyctype.h: CPython 3.13 declares these names here; ftcheck declares them for source compatibility.
   Functions without an implementation raise SystemError naming themselves. */
#ifndef PYCTYPE_H
#define PYCTYPE_H

/* ASCII-only classification, independent of the C locale (CPython uses tables; same answers). */
#define PY_CTF_LOWER  0x01
#define PY_CTF_UPPER  0x02
#define PY_CTF_ALPHA  (PY_CTF_LOWER | PY_CTF_UPPER)
#define PY_CTF_DIGIT  0x04
#define PY_CTF_ALNUM  (PY_CTF_ALPHA | PY_CTF_DIGIT)
#define PY_CTF_SPACE  0x08
#define PY_CTF_XDIGIT 0x10
#define Py_ISLOWER(c) ((unsigned)(Py_CHARMASK(c) - 'a') < 26u)
#define Py_ISUPPER(c) ((unsigned)(Py_CHARMASK(c) - 'A') < 26u)
#define Py_ISALPHA(c) (Py_ISLOWER(c) || Py_ISUPPER(c))
#define Py_ISDIGIT(c) ((unsigned)(Py_CHARMASK(c) - '0') < 10u)
#define Py_ISXDIGIT(c) (Py_ISDIGIT(c) || (unsigned)((Py_CHARMASK(c) | 0x20) - 'a') < 6u)
#define Py_ISALNUM(c) (Py_ISALPHA(c) || Py_ISDIGIT(c))
#define Py_ISSPACE(c) (Py_CHARMASK(c) == ' ' || (unsigned)(Py_CHARMASK(c) - '\t') < 5u)
#define Py_TOLOWER(c) (Py_ISUPPER(c) ? Py_CHARMASK(c) + 0x20 : Py_CHARMASK(c))
#define Py_TOUPPER(c) (Py_ISLOWER(c) ? Py_CHARMASK(c) - 0x20 : Py_CHARMASK(c))

#define PY_CTF_LOWER 0x01
#define PY_CTF_UPPER 0x02
#define PY_CTF_DIGIT 0x04
#define PY_CTF_SPACE 0x08
#define PY_CTF_XDIGIT 0x10

#endif
