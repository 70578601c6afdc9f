/* longobject.h: PyLong_GetInfo, sys.int_info of this runtime's ints (30-bit digits, CPython's str-digit limit). */
#include "Python.h"

static PyStructSequence_Field int_info_fields[] = {
    {"bits_per_digit", "size of a digit in bits"},
    {"sizeof_digit", "size in bytes of the C type used to represent a digit"},
    {"default_max_str_digits", "maximum string conversion digits limitation"},
    {"str_digits_check_threshold", "minimum positive value for int_max_str_digits"},
    {NULL, NULL},
};

static PyStructSequence_Desc int_info_desc = {"sys.int_info", "sys.int_info\n\nA named tuple that holds information"
    " about Python's\ninternal representation of integers.  The attributes are read only.", int_info_fields, 4};

static PyTypeObject *int_info_type;
static PyMutex int_info_lock;

PyObject *PyLong_GetInfo(void)
{
    PyMutex_Lock(&int_info_lock);
    if (int_info_type == NULL) {
        int_info_type = PyStructSequence_NewType(&int_info_desc);
    }
    PyMutex_Unlock(&int_info_lock);
    if (int_info_type == NULL) {
        return NULL;
    }
    PyObject *info = PyStructSequence_New(int_info_type);
    if (info == NULL) {
        return NULL;
    }
    long values[] = {30, 4, 4300, 640};
    for (Py_ssize_t i = 0; i < 4; i++) {
        PyObject *v = PyLong_FromLong(values[i]);
        if (v == NULL) {
            Py_DECREF(info);
            return NULL;
        }
        PyStructSequence_SetItem(info, i, v);
    }
    return info;
}
