/*
 * _crc32c: a checksum module written for Python 2 and 3, single-phase init, module built in a helper.
 * Hazard twin: never declares free-threading support, so importing it re-enables the GIL.
 */
#include <Python.h>
#include <stdint.h>

static uint32_t
crc32c_update(uint32_t crc, const unsigned char *p, Py_ssize_t n)
{
    crc = ~crc;
    while (n-- > 0) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

static PyObject *
crc32c_value(PyObject *module, PyObject *args)
{
    Py_buffer view;
    unsigned int start = 0;
    if (!PyArg_ParseTuple(args, "y*|I", &view, &start)) {
        return NULL;
    }
    uint32_t crc;
    Py_BEGIN_ALLOW_THREADS
    crc = crc32c_update(start, view.buf, view.len);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    return PyLong_FromUnsignedLong(crc);
}

static PyMethodDef crc32c_methods[] = {
    {"value", crc32c_value, METH_VARARGS, "CRC-32C of a bytes-like object."},
    {NULL, NULL, 0, NULL}
};

#if PY_MAJOR_VERSION >= 3
static struct PyModuleDef crc32c_module = {
    PyModuleDef_HEAD_INIT, "_crc32c", NULL, -1, crc32c_methods
};
#endif

static PyObject *
crc32c_create_module(void)
{
#if PY_MAJOR_VERSION >= 3
    PyObject *m = PyModule_Create(&crc32c_module);
#else
    PyObject *m = Py_InitModule("_crc32c", crc32c_methods);
#endif
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddStringConstant(m, "POLYNOMIAL", "0x1EDC6F41") < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

#if PY_MAJOR_VERSION >= 3
PyObject *PyInit__crc32c(void);
PyObject *
PyInit__crc32c(void)
{
    return crc32c_create_module();
}
#else
void init_crc32c(void) { (void)crc32c_create_module(); }
#endif
