#!/usr/bin/env python3
"""Deterministic corpus for the scanner benchmark (tests/bench/scan-benchmark.sh).

Writes extension-style C (modules calling the Python C API, with the hazards the scanner looks for mixed into
ordinary code) and vendored-library-style C (compression, hashing, parsing helpers with no Python API at all) under
OUT. Same arguments, same bytes: the random generator is seeded.

usage: gen_scan_corpus.py OUT [--ext-files N] [--vendor-files N]
"""
import argparse
import os
import random

EXT_HEADER = """/* {name}.c: extension module {name} (generated benchmark corpus) */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

typedef struct {{
    PyObject_HEAD
    PyObject *items;
    PyObject *mapping;
    Py_ssize_t count;
    char *scratch;
}} {name}_Object;

static PyObject *{name}_cache = NULL;
static long {name}_calls = 0;
static const char *{name}_names[] = {{"alpha", "beta", "gamma", "delta"}};
"""

EXT_FUNCS = [
    # borrowed reads from shared containers
    """
static PyObject *
{fn}(PyObject *self, PyObject *args)
{{
    PyObject *list;
    Py_ssize_t i;
    if (!PyArg_ParseTuple(args, "On", &list, &i)) {{
        return NULL;
    }}
    PyObject *item = PyList_GetItem(list, i);
    if (item == NULL) {{
        return NULL;
    }}
    Py_INCREF(item);
    {name}_calls++;
    return item;
}}
""",
    # dict iteration, one guarded and one not
    """
static int
{fn}(PyObject *dict, Py_ssize_t *total)
{{
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    Py_BEGIN_CRITICAL_SECTION(dict);
    while (PyDict_Next(dict, &pos, &key, &value)) {{
        if (PyLong_Check(value)) {{
            *total += PyLong_AsSsize_t(value);
        }}
    }}
    Py_END_CRITICAL_SECTION();
    pos = 0;
    while (PyDict_Next(dict, &pos, &key, &value)) {{
        if (!PyUnicode_Check(key)) {{
            PyErr_SetString(PyExc_TypeError, "keys must be str");
            return -1;
        }}
    }}
    return 0;
}}
""",
    # lazily initialised global and a kwargs lookup
    """
static PyObject *
{fn}(PyObject *self, PyObject *args, PyObject *kwargs)
{{
    if ({name}_cache == NULL) {{
        {name}_cache = PyDict_New();
        if ({name}_cache == NULL) {{
            return NULL;
        }}
    }}
    PyObject *opt = kwargs ? PyDict_GetItemString(kwargs, "option") : NULL;
    PyObject *hit = PyDict_GetItemWithError({name}_cache, args);
    if (hit == NULL && PyErr_Occurred()) {{
        return NULL;
    }}
    if (opt != NULL && PyObject_IsTrue(opt)) {{
        return Py_NewRef(Py_True);
    }}
    return Py_NewRef(hit ? hit : Py_None);
}}
""",
    # releasing the GIL around C work, with an API call inside
    """
static PyObject *
{fn}({name}_Object *self, PyObject *arg)
{{
    Py_ssize_t n = PyBytes_GET_SIZE(arg);
    const char *buf = PyBytes_AS_STRING(arg);
    unsigned long h = 5381;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t k = 0; k < n; k++) {{
        h = ((h << 5) + h) + (unsigned char)buf[k];
    }}
    if (h == 0) {{
        PyErr_SetString(PyExc_ValueError, "zero hash");
    }}
    Py_END_ALLOW_THREADS
    self->count += 1;
    return PyLong_FromUnsignedLong(h);
}}
""",
    # object allocator used for a buffer, direct struct access
    """
static int
{fn}({name}_Object *self, Py_ssize_t size)
{{
    char *tmp = PyObject_Malloc(size + 1);
    if (tmp == NULL) {{
        PyErr_NoMemory();
        return -1;
    }}
    memset(tmp, 0, size + 1);
    PyObject_Free(self->scratch);
    self->scratch = tmp;
    if (Py_REFCNT(self) > 1 || ((PyObject *)self)->ob_refcnt > 2) {{
        return 1;
    }}
    PyObject *t = PyTuple_New(2);
    if (t == NULL) {{
        return -1;
    }}
    PyTuple_SET_ITEM(t, 0, PyLong_FromSsize_t(size));
    PyTuple_SET_ITEM(t, 1, Py_NewRef(Py_None));
    Py_DECREF(t);
    return 0;
}}
""",
    # plain C helper inside the extension
    """
static Py_ssize_t
{fn}(const char *s, Py_ssize_t n, int mode)
{{
    Py_ssize_t count = 0;
    for (Py_ssize_t k = 0; k < n; k++) {{
        switch (mode) {{
        case 0:
            if (s[k] == ' ') {{
                count++;
            }}
            break;
        case 1:
            if (s[k] >= '0' && s[k] <= '9') {{
                count += s[k] - '0';
            }}
            break;
        default:
            count ^= (Py_ssize_t)(unsigned char)s[k];
            break;
        }}
    }}
    return count;
}}
""",
]

EXT_FOOTER = """
static PyMethodDef {name}_methods[] = {{
    {{"get", (PyCFunction){name}_f0, METH_VARARGS, "get an item"}},
    {{"lookup", (PyCFunction)(void(*)(void)){name}_f2, METH_VARARGS | METH_KEYWORDS, "look up"}},
    {{NULL, NULL, 0, NULL}}
}};

static struct PyModuleDef {name}_module = {{
    PyModuleDef_HEAD_INIT, "{name}", NULL, -1, {name}_methods
}};

PyMODINIT_FUNC
PyInit_{name}(void)
{{
    PyObject *m = PyModule_Create(&{name}_module);
    if (m == NULL) {{
        return NULL;
    }}
    return m;
}}
"""

VENDOR_FUNCS = [
    """
/* Update a running checksum over a block of bytes. */
static uint32_t
{fn}(uint32_t adler, const unsigned char *buf, size_t len)
{{
    uint32_t a = adler & 0xffff, b = (adler >> 16) & 0xffff;
    while (len > 0) {{
        size_t n = len < {k} ? len : {k};
        len -= n;
        while (n--) {{
            a += *buf++;
            b += a;
        }}
        a %= 65521u;
        b %= 65521u;
    }}
    return (b << 16) | a;
}}
""",
    """
struct {fn}_state {{
    unsigned int bits;
    unsigned int count;
    const unsigned char *next;
    size_t avail;
    int mode;
}};

static int
{fn}(struct {fn}_state *s, unsigned int need, unsigned int *out)
{{
    while (s->count < need) {{
        if (s->avail == 0) {{
            return -1;
        }}
        s->bits |= (unsigned int)(*s->next++) << s->count;
        s->count += 8;
        s->avail--;
    }}
    *out = s->bits & ((1u << need) - 1u);
    s->bits >>= need;
    s->count -= need;
    return s->mode == {k} ? 1 : 0;
}}
""",
    """
#define {fn_upper}_ROTL(x, r) (((x) << (r)) | ((x) >> (32 - (r))))

static void
{fn}(uint32_t state[8], const uint8_t block[64])
{{
    uint32_t w[16];
    int i;
    for (i = 0; i < 16; i++) {{
        w[i] = ((uint32_t)block[4 * i] << 24) | ((uint32_t)block[4 * i + 1] << 16)
             | ((uint32_t)block[4 * i + 2] << 8) | (uint32_t)block[4 * i + 3];
    }}
    for (i = 0; i < {k}; i++) {{
        uint32_t t = {fn_upper}_ROTL(state[i & 7], i % 31 + 1) ^ w[i & 15];
        state[(i + 1) & 7] += t;
        state[(i + 3) & 7] ^= {fn_upper}_ROTL(t, 7);
    }}
}}
""",
    """
typedef enum {{ {fn_upper}_NUM, {fn_upper}_IDENT, {fn_upper}_PUNCT, {fn_upper}_END }} {fn}_kind;

static {fn}_kind
{fn}(const char **cursor, char *token, size_t cap)
{{
    const char *p = *cursor;
    size_t n = 0;
    while (*p == ' ' || *p == '\\t' || *p == '\\n') {{
        p++;
    }}
    if (*p == '\\0') {{
        *cursor = p;
        return {fn_upper}_END;
    }}
    if (*p >= '0' && *p <= '9') {{
        while (*p >= '0' && *p <= '9' && n + 1 < cap) {{
            token[n++] = *p++;
        }}
        token[n] = '\\0';
        *cursor = p;
        return {fn_upper}_NUM;
    }}
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_') {{
        while (((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_') && n + 1 < cap) {{
            token[n++] = *p++;
        }}
        token[n] = '\\0';
        *cursor = p;
        return {fn_upper}_IDENT;
    }}
    token[0] = *p++;
    token[1] = '\\0';
    *cursor = p;
    return {fn_upper}_PUNCT;
}}
""",
]


def ext_file(rng, idx):
    name = "ext%04d" % idx
    parts = [EXT_HEADER.format(name=name)]
    n = 0
    # ~800 lines per module: the hazard patterns plus plain helpers
    while sum(p.count("\n") for p in parts) < 760:
        tmpl = EXT_FUNCS[n % len(EXT_FUNCS)] if n < len(EXT_FUNCS) else rng.choice(EXT_FUNCS)
        parts.append(tmpl.format(fn="%s_f%d" % (name, n), name=name))
        n += 1
    parts.append(EXT_FOOTER.format(name=name))
    return "".join(parts)


def vendor_file(rng, lib, idx):
    parts = ["/* %s/part%03d.c: vendored library code (generated benchmark corpus, no Python API) */\n"
             "#include <stdint.h>\n#include <stddef.h>\n#include \"%s.h\"\n" % (lib, idx, lib)]
    n = 0
    while sum(p.count("\n") for p in parts) < 3000:
        fn = "%s_%03d_%d" % (lib, idx, n)
        tmpl = rng.choice(VENDOR_FUNCS)
        parts.append(tmpl.format(fn=fn, fn_upper=fn.upper(), k=rng.randint(8, 5552)))
        n += 1
    return "".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--ext-files", type=int, default=200)
    ap.add_argument("--vendor-files", type=int, default=340)
    args = ap.parse_args()
    rng = random.Random(20260101)
    ext_dir = os.path.join(args.out, "src")
    os.makedirs(ext_dir, exist_ok=True)
    for i in range(args.ext_files):
        with open(os.path.join(ext_dir, "ext%04d.c" % i), "w") as f:
            f.write(ext_file(rng, i))
    libs = ["zlite", "hashkit", "tokenz", "bitio", "minisha"]
    for i in range(args.vendor_files):
        lib = libs[i % len(libs)]
        d = os.path.join(args.out, "third_party", lib)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "part%03d.c" % i), "w") as f:
            f.write(vendor_file(rng, lib, i))


if __name__ == "__main__":
    main()
